import { joinLocation, mapCode, type CarrierEvent, type CodeTable, type ParseResult } from './types.js';

/** USPS tracking event codes (USPS Web Tools / Tracking 3.0 event codes). */
const CODES: CodeTable = {
  GX: { status: 'info_received', sub: 'label_created' }, MA: { status: 'info_received', sub: 'label_created' },
  '03': { status: 'in_transit', sub: 'picked_up' }, OA: { status: 'in_transit', sub: 'picked_up' }, '80': { status: 'in_transit', sub: 'picked_up' },
  '10': { status: 'in_transit', sub: 'arrived_facility' }, A1: { status: 'in_transit', sub: 'arrived_facility' }, L1: { status: 'in_transit', sub: 'departed_facility' },
  T1: { status: 'in_transit', sub: 'departed_facility' }, TL: { status: 'in_transit' }, U1: { status: 'in_transit' }, '07': { status: 'in_transit', sub: 'arrived_facility' },
  OF: { status: 'out_for_delivery' }, '01': { status: 'delivered' }, '17': { status: 'delivered' }, '43': { status: 'delivered' },
  '02': { status: 'attempt_failed', sub: 'recipient_not_available' }, '52': { status: 'attempt_failed', sub: 'recipient_not_available' },
  '53': { status: 'attempt_failed', sub: 'business_closed' }, '30': { status: 'attempt_failed', sub: 'access_restricted' },
  '16': { status: 'available_for_pickup' }, PC: { status: 'available_for_pickup', sub: 'locker' },
  '04': { status: 'returning', sub: 'refused' }, '05': { status: 'exception', sub: 'address_issue' }, '21': { status: 'exception', sub: 'address_issue' },
  '22': { status: 'exception', sub: 'address_issue' }, '09': { status: 'returning' }, '29': { status: 'returning' }, '31': { status: 'exception', sub: 'damaged' },
  '44': { status: 'exception', sub: 'held' }, '14': { status: 'exception', sub: 'delayed' },
};

interface UspsEvent {
  eventType?: string;
  eventTimestamp?: string;
  GMTTimestamp?: string;
  eventCity?: string | null;
  eventState?: string | null;
  eventZIP?: string | null;
  eventCountry?: string | null;
  eventCode?: string;
  firm?: string | null;
  name?: string | null;
}

/** USPS Tracking 3.0 (JSON) responses. */
export function parseUsps(raw: string): ParseResult {
  const j = JSON.parse(raw) as Record<string, unknown> & { error?: string | { code?: string; message?: string; errors?: { code?: string; title?: string; detail?: string }[] }; error_description?: string };
  const out: ParseResult = { parcels: [], messages: [] };
  if (typeof j.error === 'string') {
    // OAuth errors (RFC 6749): bad credentials.
    out.messages.push({ code: j.error, message: j.error_description ?? j.error, level: 'error' });
    return out;
  }
  if (j.error) {
    const first = j.error.errors?.[0];
    out.messages.push({ code: String(first?.code ?? j.error.code ?? 'ERROR'), message: first?.detail ?? first?.title ?? j.error.message ?? 'error', level: 'error' });
    return out;
  }
  const list = (j['trackingEvents'] as UspsEvent[] | undefined) ?? [];
  const events: CarrierEvent[] = list.map((e) => {
    const code = e.eventCode ?? '';
    const mapped = mapCode(CODES, code);
    // USPS's README gives eventTimestamp with its zone ("2023-08-02T07:31:00Z"); older answers without one are UTC.
    const local = e.eventTimestamp ?? '1970-01-01T00:00:00';
    const at = e.GMTTimestamp ?? (/(Z|[+-]\d{2}:?\d{2})$/.test(local) ? local : `${local}Z`);
    return {
      code, description: e.eventType ?? '', occurred_at: new Date(at).toISOString(),
      location: joinLocation(e.eventCity, e.eventZIP, e.eventState, e.eventCountry), ...mapped,
      proof: mapped.status === 'delivered' ? { ...(e.name ? { signed_by: e.name } : {}), photo: false } : null,
    };
  });
  const tn = String(j['trackingNumber'] ?? j['uniqueMailPieceID'] ?? '');
  const est = (j['expectedDeliveryDate'] as string | undefined) ?? null;
  out.parcels.push({ carrier: 'usps', tracking_number: tn, events, estimated_delivery: est ? est.slice(0, 10) : null, service: (j['mailClass'] as string | undefined)?.replace(/<[^>]+>/g, '').replace(/&#\d+;/g, '') ?? null });
  return out;
}
