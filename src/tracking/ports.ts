import type { Page } from '../kernel/list.js';
import type { ShipmentStatus } from '../shipments/lifecycle.js';
import type { Finding, TrackingRule } from './rules.js';
import type { SubStatus, TrackingStatus } from './taxonomy.js';

/** One scan with our status (null when the carrier's code is unknown: kept, flagged). */
export interface TrackingEvent {
  code: string;
  description: string;
  /** ISO 8601; with the carrier's offset when it gave one, else local time as a naive timestamp read as UTC. */
  occurred_at: string;
  location: string | null;
  status: TrackingStatus | null;
  sub_status: SubStatus | null;
  /** False when the carrier's code is not in our table (the raw code is kept). */
  known: boolean;
  /** Who signed, or whether a photo was taken, when the event is a delivery. */
  proof: { signed_by?: string; photo?: boolean } | null;
}

/** A carrier's answer, parsed. */
export interface ParsedTracking {
  carrier: string;
  tracking_number: string;
  events: TrackingEvent[];
  estimated_delivery: string | null;
  service: string | null;
}

export interface ParseResult {
  parcels: ParsedTracking[];
  /** Errors and warnings the carrier returned (not found, bad credentials…). */
  messages: { code: string; message: string; level: 'error' | 'warning'; tracking_number?: string }[];
}

export interface IncomingEvent extends TrackingEvent {
  tracking_number: string;
  carrier: string;
  source: string;
}

export interface StoredEvent extends Omit<IncomingEvent, 'source'> {
  source: string;
  received_at: string;
}

/** A shipment with what the rules need from its order. */
export interface TrackedShipment {
  id: string;
  order_id: string;
  carrier: string;
  status: ShipmentStatus;
  tracking_numbers: string[];
  labeled_at: string | null;
  signature_required: boolean;
  value: number | null;
  destination_region: string;
  promise: { expected: string | null; latest: string | null };
  tracking: TrackingSummary | null;
  /** The carrier account the label was bought under (null: sample or offline without one). */
  account_id: string | null;
  /** For customer notifications. */
  email: string | null;
  country: string;
}

export interface TrackingSummary {
  status: TrackingStatus;
  sub_status: SubStatus | null;
  /** The furthest point on the main path reached (a parcel never goes back before it). */
  base: TrackingStatus;
  /** The latest carrier scan time seen (any event, known code or not). */
  last_scan_at: string | null;
  estimated_delivery: string | null;
  delivered_at: string | null;
  proof: { signed_by?: string; photo?: boolean } | null;
  events: number;
  unknown_codes: number;
  /** What the rules look at, kept as events arrive (so no rule needs the whole history). */
  attempts: { at: string; sub_status: SubStatus | null; description: string }[];
  address_issue: { at: string; code: string; description: string } | null;
  customs_hold: { at: string; code: string; description: string; sub_status: SubStatus | null } | null;
  customs_released_at: string | null;
  returned: { at: string; description: string } | null;
}

export interface CaseAction {
  /** `auto_resolved`: the case's condition stopped holding; the note says why. */
  type: 'contact_customer' | 'reship' | 'refund' | 'file_claim' | 'note' | 'auto_resolved';
  note: string | null;
  actor: string;
  at: string;
}

export interface TrackingCase {
  id: string;
  shipment_id: string;
  order_id: string;
  rule: string;
  title: string;
  state: 'open' | 'acknowledged' | 'resolved';
  owner: string | null;
  evidence: Record<string, unknown>;
  actions: CaseAction[];
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
}

export interface ShipmentUpdate {
  id: string;
  tracking: TrackingSummary;
  from: ShipmentStatus;
  to: ShipmentStatus | null;
  order_id: string;
}

export interface TrackingConfig {
  rules?: TrackingRule[];
  /** The public page's look: the name shown (default: the tenant's) and a header colour. */
  branding?: { name?: string | undefined; color?: string | undefined };
}

export interface TrackingRepo {
  shipmentsByTracking(tenantId: string, trackingNumbers: string[]): Promise<TrackedShipment[]>;
  /** Inserts what is new; returns the dedupe keys of the rows that were new. */
  insertEvents(tenantId: string, rows: (IncomingEvent & { shipment_id: string; dedupe_key: string })[]): Promise<Set<string>>;
  eventsFor(tenantId: string, shipmentIds: string[]): Promise<Map<string, StoredEvent[]>>;
  applyUpdates(tenantId: string, updates: ShipmentUpdate[]): Promise<void>;
  /** Opens a case per finding unless one is open for the shipment and rule; returns the new ones. */
  openCases(tenantId: string, cases: { shipment: TrackedShipment; finding: Finding }[], now: Date): Promise<TrackingCase[]>;
  /** The open and acknowledged cases of these shipments. */
  unresolvedCases(tenantId: string, shipmentIds: string[]): Promise<TrackingCase[]>;
  listCases(tenantId: string, f: { state?: string | undefined; shipment_id?: string | undefined; rule?: string | undefined }, beforeId: string | undefined, limit: number): Promise<Page<TrackingCase>>;
  getCase(tenantId: string, id: string): Promise<TrackingCase | undefined>;
  saveCase(tenantId: string, c: TrackingCase, now: Date): Promise<TrackingCase>;
  getConfig(tenantId: string): Promise<TrackingConfig | undefined>;
  saveConfig(tenantId: string, config: TrackingConfig): Promise<void>;
  /** Shipments still moving (for the scheduled scan), in pages by id. */
  openShipments(tenantId: string | null, afterId: string | null, limit: number): Promise<(TrackedShipment & { tenant_id: string })[]>;
  /** A parcel by tracking number in any tenant (the public page), with its tenant's name. */
  findPublic(trackingNumber: string): Promise<{ tenant_id: string; tenant_name: string; shipment: TrackedShipment; ship_to_city: string | null; ship_to_country: string; ship_to_postal_code?: string | null } | undefined>;
}
