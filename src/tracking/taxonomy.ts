/**
 * lastmile's tracking taxonomy (docs/tracking.md): one status per parcel, from the events of any
 * carrier, with a sub-status for the reason.
 */
export const TRACKING_STATUSES = [
  'pending', 'info_received', 'in_transit', 'out_for_delivery', 'attempt_failed', 'available_for_pickup',
  'delivered', 'exception', 'returning', 'returned', 'expired',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const SUB_STATUSES = [
  'label_created', 'picked_up', 'arrived_facility', 'departed_facility', 'delayed', 'held',
  'recipient_not_available', 'business_closed', 'address_issue', 'refused', 'access_restricted', 'signature_required',
  'customs_hold', 'customs_released', 'duties_unpaid', 'damaged', 'lost', 'weather', 'cancelled', 'locker', 'unknown_code',
] as const;
export type SubStatus = (typeof SUB_STATUSES)[number];

/** How far along a parcel is; statuses off the main path (attempt_failed, exception) keep the rank reached. */
const RANK: Partial<Record<TrackingStatus, number>> = {
  pending: 0, info_received: 1, in_transit: 2, out_for_delivery: 3, available_for_pickup: 4, delivered: 5, returning: 6, returned: 7, expired: 8,
};

export const TERMINAL: ReadonlySet<TrackingStatus> = new Set(['delivered', 'returned', 'expired']);

export interface StatusEvent {
  status: TrackingStatus | null;
  sub_status: SubStatus | null;
  occurred_at: string;
}

export interface StatusState {
  /** The furthest point on the main path reached. */
  base: TrackingStatus;
  status: TrackingStatus;
  sub_status: SubStatus | null;
}

export const INITIAL_STATE: StatusState = { base: 'pending', status: 'pending', sub_status: null };

/**
 * One event applied to a parcel's status, events taken in time order. A parcel never moves
 * backwards: an older-kind scan after a newer one (an in-transit scan after out for delivery, a
 * late "label created") does not undo progress; attempt_failed and exception stand until the
 * next progress; delivered ends it unless a return follows. Events whose code is unknown
 * (status null) never change the status.
 */
export function foldStatus(s: StatusState, e: StatusEvent): StatusState {
  if (!e.status) return s;
  const r = RANK[e.status];
  if (r === undefined) return TERMINAL.has(s.base) ? s : { base: s.base, status: e.status, sub_status: e.sub_status };
  return r >= RANK[s.base]! ? { base: e.status, status: e.status, sub_status: e.sub_status } : s;
}

/** The parcel's status from all its events, whatever order they arrived in. */
export function currentStatus(events: readonly StatusEvent[]): { status: TrackingStatus; sub_status: SubStatus | null } {
  const sorted = [...events].sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at));
  const { status, sub_status } = sorted.reduce(foldStatus, INITIAL_STATE);
  return { status, sub_status };
}

/** AfterShip's tags, for users who know them (docs/tracking.md). */
export const AFTERSHIP_TAG: Record<TrackingStatus, string> = {
  pending: 'Pending', info_received: 'InfoReceived', in_transit: 'InTransit', out_for_delivery: 'OutForDelivery',
  attempt_failed: 'AttemptFail', available_for_pickup: 'AvailableForPickup', delivered: 'Delivered', exception: 'Exception',
  returning: 'Exception', returned: 'Exception', expired: 'Expired',
};
