import type { TrackingEvent, TrackingSummary } from './ports.js';
import { foldStatus, INITIAL_STATE } from './taxonomy.js';

type Ev = Pick<TrackingEvent, 'code' | 'description' | 'occurred_at' | 'status' | 'sub_status' | 'known' | 'proof'>;

export const EMPTY_SUMMARY: TrackingSummary = {
  ...INITIAL_STATE, last_scan_at: null, estimated_delivery: null, delivered_at: null, proof: null, events: 0, unknown_codes: 0,
  attempts: [], address_issue: null, customs_hold: null, customs_released_at: null, returned: null,
};

/** Whether new events can be folded onto a summary (none is older than what it has seen). */
export function canFold(prev: TrackingSummary | null, events: readonly Ev[]): boolean {
  if (!prev || !('base' in prev)) return prev === null;
  return !prev.last_scan_at || events.every((e) => e.occurred_at >= prev.last_scan_at!);
}

/**
 * Applies events (in time order) to a parcel's summary: its status and what the rules need to
 * know, so that a parcel's history is read again only when an event arrives out of order.
 */
export function foldSummary(prev: TrackingSummary | null, events: readonly Ev[], estimated: string | null): TrackingSummary {
  const sorted = [...events].sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  const s: TrackingSummary = { ...(prev ?? EMPTY_SUMMARY), attempts: [...(prev?.attempts ?? [])] };
  for (const e of sorted) {
    const next = foldStatus(s, e);
    s.base = next.base;
    s.status = next.status;
    s.sub_status = next.sub_status;
    s.events++;
    if (!e.known) s.unknown_codes++;
    if (!s.last_scan_at || e.occurred_at > s.last_scan_at) s.last_scan_at = e.occurred_at;
    if (e.status === 'attempt_failed' && s.attempts.length < 20) s.attempts.push({ at: e.occurred_at, sub_status: e.sub_status, description: e.description });
    if (e.sub_status === 'address_issue' && !s.address_issue) s.address_issue = { at: e.occurred_at, code: e.code, description: e.description };
    if (e.sub_status === 'customs_hold' || e.sub_status === 'duties_unpaid') s.customs_hold = { at: e.occurred_at, code: e.code, description: e.description, sub_status: e.sub_status };
    if (e.sub_status === 'customs_released') s.customs_released_at = e.occurred_at;
    if (e.status === 'delivered') {
      s.delivered_at = e.occurred_at;
      s.proof = e.proof ?? null;
    }
    if ((e.status === 'returning' || e.status === 'returned') && !s.returned) s.returned = { at: e.occurred_at, description: e.description };
  }
  if (s.status !== 'delivered') {
    s.delivered_at = null;
    s.proof = null;
  }
  if (estimated) s.estimated_delivery = estimated;
  return s;
}
