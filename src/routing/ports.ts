import type { PickupPoint } from './pickup-point.schema.js';
import type { RoutingConfig } from './routing-config.schema.js';

export interface RoutingRepo {
  getConfig(tenantId: string): Promise<RoutingConfig | undefined>;
  saveConfig(tenantId: string, config: RoutingConfig): Promise<void>;
  listPoints(tenantId: string): Promise<PickupPoint[]>;
  savePoints(tenantId: string, points: PickupPoint[]): Promise<void>;
}

import type { Address } from '../addresses/address.schema.js';
import type { Money } from '../kernel/money.js';
import type { Dimensions, Weight } from '../kernel/units.js';
import type { LiveQuote } from '../rating/live-rates.js';
import type { SignatureKind } from '../rating/shipment.js';

/** What a carrier's own rate shop needs: the shipment as the decision would ship it. */
export interface LiveRateRequest {
  /** The carriers the decision could use (those without a live account are skipped). */
  carriers: string[];
  shipFrom: Address;
  shipTo: Address;
  packages: { weight: Weight; dimensions: Dimensions | null }[];
  signature: SignatureKind | null;
  declaredValue: Money | null;
  reference: string;
}

/** One carrier's answer: its quotes by our service name (as rate cards spell it), or why there are none. */
export type LiveRateResult =
  | { source: 'live'; quotes: ReadonlyMap<string, LiveQuote>; cached: boolean; latency_ms: number }
  | { source: 'failed'; why: 'timeout' | 'unavailable' | 'refused'; message: string; latency_ms: number };

/** Carriers' live rates for a shipment, by carrier; carriers without a live account are absent. */
export type LiveRates = (tenantId: string, req: LiveRateRequest) => Promise<ReadonlyMap<string, LiveRateResult>>;
