import { z } from 'zod';
import { SUB_STATUSES, TRACKING_STATUSES, type SubStatus, type TrackingStatus } from '../../../tracking/taxonomy.js';
import { mapCode, type CarrierEvent, type CodeTable, type ParseResult } from './types.js';

/**
 * The generic contract's event codes (docs/carriers.md): our statuses in capitals, plus a few
 * names carriers commonly use. An event may also name its `status` and `sub_status` directly.
 */
const CODES: CodeTable = {
  ...Object.fromEntries(TRACKING_STATUSES.map((s) => [s.toUpperCase(), { status: s }])),
  LABEL_CREATED: { status: 'info_received', sub: 'label_created' }, PICKED_UP: { status: 'in_transit', sub: 'picked_up' },
  VOIDED: { status: 'expired', sub: 'cancelled' }, ATTEMPTED: { status: 'attempt_failed' }, RETURN_TO_SENDER: { status: 'returning' },
  CUSTOMS_HOLD: { status: 'exception', sub: 'customs_hold' }, ADDRESS_ISSUE: { status: 'exception', sub: 'address_issue' },
  DAMAGED: { status: 'exception', sub: 'damaged' }, LOST: { status: 'exception', sub: 'lost' }, DELAYED: { status: 'exception', sub: 'delayed' },
};

export const genericTrackingSchema = z.object({
  tracking_number: z.string().trim().min(1).max(64),
  carrier: z.string().trim().toLowerCase().max(32).optional(),
  estimated_delivery: z.string().regex(/^\d{4}-\d{2}-\d{2}/).nullish(),
  events: z.array(z.object({
    code: z.string().trim().min(1).max(64),
    description: z.string().max(500).default(''),
    occurred_at: z.iso.datetime({ offset: true }),
    location: z.string().max(200).nullish(),
    status: z.enum(TRACKING_STATUSES).nullish(),
    sub_status: z.enum(SUB_STATUSES).nullish(),
    signed_by: z.string().max(200).nullish(),
    photo: z.boolean().nullish(),
  })).min(1, 'at least one event').max(1000, 'at most 1,000 events per parcel'),
});
export type GenericTracking = z.output<typeof genericTrackingSchema>;

export function genericEvents(t: GenericTracking): CarrierEvent[] {
  return t.events.map((e) => {
    const mapped = e.status ? { status: e.status as TrackingStatus, sub_status: (e.sub_status ?? null) as SubStatus | null, known: true } : mapCode(CODES, e.code.toUpperCase());
    if (e.sub_status && mapped.known) mapped.sub_status = e.sub_status;
    return {
      code: e.code, description: e.description, occurred_at: new Date(e.occurred_at).toISOString(), location: e.location ?? null, ...mapped,
      proof: e.signed_by || e.photo ? { ...(e.signed_by ? { signed_by: e.signed_by } : {}), photo: !!e.photo } : mapped.status === 'delivered' ? {} : null,
    };
  });
}

/** A body in the generic contract (one parcel, or `{"trackings": [...]}`). */
export function parseGeneric(raw: string, carrier = 'generic'): ParseResult {
  const j = JSON.parse(raw) as unknown;
  const list = (j as { trackings?: unknown[] }).trackings ?? [j];
  const out: ParseResult = { parcels: [], messages: [] };
  for (const item of list) {
    const p = genericTrackingSchema.safeParse(item);
    if (!p.success) {
      out.messages.push({ code: 'INVALID', message: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), level: 'error' });
      continue;
    }
    out.parcels.push({ carrier: p.data.carrier ?? carrier, tracking_number: p.data.tracking_number, events: genericEvents(p.data), estimated_delivery: p.data.estimated_delivery?.slice(0, 10) ?? null, service: null });
  }
  return out;
}
