import type { Money } from '../kernel/money.js';
import type { Weight } from '../kernel/units.js';

/** Carriers lastmile connects to natively (their own APIs, not the generic contract). */
export const NATIVE_CARRIERS = ['ups', 'fedex', 'usps'] as const;
export type NativeCarrier = (typeof NATIVE_CARRIERS)[number];

/** A carrier's own price for one of its services, itemized like a card quote. */
export interface LiveQuote {
  carrier: NativeCarrier;
  /** The carrier's code for the service ("03" for UPS Ground). */
  service_code: string;
  name: string;
  /** What the account pays: the negotiated (account) total when the carrier gave one, else the published (list) total. */
  total: Money;
  /** The published total, when the negotiated one is what `total` is. */
  list_total: Money | null;
  negotiated: boolean;
  base: Money;
  surcharges: { code: string; label: string; amount: Money }[];
  fuel: Money | null;
  billable_weight: Weight | null;
  /** The carrier's own transit estimate in business days, when it gave one. */
  transit_days: number | null;
  guaranteed: boolean;
}

/** What a carrier said: errors stop a quote (or a label); warnings come with it. */
export interface CarrierMessage {
  carrier: NativeCarrier;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  service_code?: string;
  /** The request field the carrier named, when it named one. */
  field?: string;
}
