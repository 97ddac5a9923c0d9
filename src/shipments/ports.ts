import type { Address } from '../addresses/address.schema.js';
import type { Money } from '../kernel/money.js';
import type { Dimensions, Weight } from '../kernel/units.js';
import type { CarrierErrorInfo } from './shipment.schema.js';
import type { ParseResult } from '../tracking/ports.js';
import type { NativeCarrier } from '../rating/live-rates.js';

/** What a carrier needs to sell a label. */
export interface LabelRequest {
  idempotencyKey: string;
  shipmentId: string;
  reference: string;
  carrier: string;
  service: string;
  shipFrom: Address;
  shipTo: Address;
  packages: { weight: Weight; dimensions: Dimensions | null }[];
  options: { signature: string | null; insured_value: Money | null; cod: Money | null; freight?: { accessorials: string[]; description: string; hazmat: boolean } | null };
  /** The price the rate card quoted (offline carriers charge it). */
  quoted: Money | null;
}

export type LabelDocumentFormat = 'pdf' | 'zpl' | 'png';

/** A label the carrier drew itself: a page (or ZPL label) per package, in package order. */
export interface LabelDocument {
  format: LabelDocumentFormat;
  data: Buffer;
}

export interface PurchasedLabel {
  carrierLabelId: string;
  /** One per package, in package order. */
  trackingNumbers: string[];
  cost: Money | null;
  sample: boolean;
  /** The carrier's own label, when it sends one (lastmile draws the label otherwise). */
  documents?: LabelDocument[];
}

export interface LabelRef {
  carrierLabelId: string;
  trackingNumbers: string[];
}

export interface CarrierTrackingEvent {
  code: string;
  description: string;
  occurred_at: string;
  location: string | null;
}

/**
 * The carrier gateway: everything lastmile asks of a carrier. Adapters: the offline rate-card
 * carrier, the generic HTTP carrier (and through it the sandbox), the native UPS connector.
 */
export interface CarrierGateway {
  rate(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted'>): Promise<{ service: string; total: Money }[]>;
  /** Buys a label; the same idempotency key must never buy twice. */
  createLabel(req: LabelRequest): Promise<PurchasedLabel>;
  /** The label bought under this idempotency key, if any (recovery after a timeout or crash). */
  findLabel(idempotencyKey: string): Promise<PurchasedLabel | null>;
  voidLabel(label: LabelRef): Promise<void>;
  /** The day's labels handed over together; `from` is where they are mailed from (USPS's SCAN form needs it). */
  manifest(labels: LabelRef[], meta: { warehouseId: string; shipDate: string; from?: Address }): Promise<{ carrierManifestId: string }>;
  track(trackingNumber: string): Promise<CarrierTrackingEvent[]>;
  /** Tracking read with the carrier's own codes (native connectors); null when no parcel has events yet. */
  trackParsed?(trackingNumbers: string[]): Promise<ParseResult | null>;
}

/**
 * A carrier's failure. `retryable` failures (unreachable, 5xx, 429, timeouts) are retried with
 * backoff; others (the carrier refused the request) end the purchase.
 */
export class CarrierError extends Error {
  constructor(
    readonly code: 'CARRIER_REJECTED' | 'CARRIER_UNAVAILABLE' | 'CARRIER_TIMEOUT' | 'CONFIGURATION',
    message: string,
    readonly retryable: boolean,
    readonly carrierMessage: string | null = null,
  ) {
    super(message);
    this.name = 'CarrierError';
  }

  info(at: Date): CarrierErrorInfo {
    return { code: this.code, message: this.message, carrier_message: this.carrierMessage, at: at.toISOString() };
  }
}

/** Tracking numbers back to where the order came from (CSV export now; marketplaces with the channels issue). */
export interface ChannelWriteBack {
  pushTracking(tenantId: string, item: { orderId: string; channel: string; externalId: string; carrier: string; service: string; trackingNumbers: string[]; trackingUrls: string[] }): Promise<void>;
}

import type { Shipment, ShipmentEvent } from './shipment.schema.js';
import type { ShipmentStatus } from './lifecycle.js';
import type { Page } from '../kernel/list.js';
import type { CarrierAccountInput } from './carrier-account.schema.js';

export type NewShipment = Omit<Shipment, 'created_at' | 'updated_at' | 'labeled_at' | 'tracking_numbers' | 'carrier_label_id' | 'cost' | 'purchase' | 'error' | 'manifest_id'> & {
  service_name: string;
  quoted: Money | null;
  purchase_key: string | null;
};

export interface OutboxInsert {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
}

export interface ShipmentFilters {
  status?: ShipmentStatus | undefined;
  order_id?: string | undefined;
  batch_id?: string | undefined;
  carrier?: string | undefined;
  warehouse_id?: string | undefined;
}

export interface StoredShipment extends Shipment {
  service_name: string;
  quoted: Money | null;
}

export interface ManifestRecord {
  id: string;
  carrier: string;
  warehouse_id: string;
  ship_date: string;
  carrier_manifest_id: string;
  shipment_ids: string[];
  summary: { shipments: number; packages: number; weight_lb: number; cost: Money | null };
  created_at: string;
}

export interface StoredAccount {
  id: string;
  carrier: string;
  kind: 'offline' | 'http' | NativeCarrier;
  name: string;
  settings: Record<string, unknown>;
  secret: string | null;
  created_at: string;
}

export interface ShipmentRepo {
  /** Creates the shipment, moves the order from decided to fulfilling and, with `outbox`, asks for the label; one transaction. */
  create(tenantId: string, s: NewShipment, outbox: OutboxInsert | null, actor: string): Promise<StoredShipment>;
  get(tenantId: string, id: string): Promise<StoredShipment | undefined>;
  list(tenantId: string, f: ShipmentFilters, beforeId: string | undefined, limit: number): Promise<Page<StoredShipment>>;
  listByIds(tenantId: string, ids: string[]): Promise<StoredShipment[]>;
  /** From draft or exception back to label_pending with a new purchase key and outbox row. */
  requestPurchase(tenantId: string, id: string, from: ShipmentStatus, purchaseKey: string, outbox: OutboxInsert, actor: string): Promise<StoredShipment | undefined>;
  recordAttempt(tenantId: string, id: string, attempts: number, lastError: CarrierErrorInfo | null): Promise<void>;
  /** label_pending -> labeled with the label; queues the write-back. Undefined when the shipment is no longer label_pending. */
  /** Stores the bought label; `labeledAt` is the clock's (the tracking rules measure from it). */
  saveLabel(tenantId: string, id: string, label: PurchasedLabel, writeBack: OutboxInsert | null, attempts: number, labeledAt: Date): Promise<StoredShipment | undefined>;
  markException(tenantId: string, id: string, error: CarrierErrorInfo): Promise<StoredShipment | undefined>;
  /** The carrier's label documents of these shipments, by shipment id. */
  labelDocuments(tenantId: string, shipmentIds: string[]): Promise<Map<string, LabelDocument[]>>;
  /** Cancels from `from`; the order goes back from fulfilling to decided. */
  cancel(tenantId: string, id: string, from: ShipmentStatus, reason: string, actor: string): Promise<StoredShipment | undefined>;
  addEvent(tenantId: string, shipmentId: string, type: string, data: Record<string, unknown>, actor: string): Promise<void>;
  events(tenantId: string, id: string): Promise<ShipmentEvent[]>;
  labeledFor(tenantId: string, carrier: string, warehouseId: string): Promise<StoredShipment[]>;
  saveManifest(tenantId: string, m: ManifestRecord): Promise<ManifestRecord>;
  getManifest(tenantId: string, id: string): Promise<ManifestRecord | undefined>;
  listManifests(tenantId: string, beforeId: string | undefined, limit: number): Promise<Page<ManifestRecord>>;
  allocateSerials(tenantId: string, key: string, count: number, range: { first: number; last: number }): Promise<number[] | null>;
  saveAccount(tenantId: string, a: { id: string; carrier: string; kind: CarrierAccountInput['kind']; name: string; settings: Record<string, unknown>; secret: string | null }): Promise<StoredAccount>;
  accountFor(tenantId: string, carrier: string): Promise<StoredAccount | undefined>;
  listAccounts(tenantId: string): Promise<StoredAccount[]>;
  deleteAccount(tenantId: string, id: string): Promise<boolean>;
  addTrackingExports(tenantId: string, rows: { orderId: string; trackingNumber: string; channel: string; externalId: string; carrier: string; service: string; trackingUrl: string }[]): Promise<number>;
  trackingExports(tenantId: string, afterSeq: number, limit: number): Promise<{ seq: number; order_id: string; channel: string; external_id: string; carrier: string; service: string; tracking_number: string; tracking_url: string; created_at: string }[]>;
}
