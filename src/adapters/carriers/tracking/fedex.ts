import { joinLocation, mapCode, type CarrierEvent, type CodeTable, type ParseResult } from './types.js';

/** FedEx scan event types (karrio's FedEx table and FedEx's tracking status codes). */
const CODES: CodeTable = {
  OC: { status: 'info_received', sub: 'label_created' }, OX: { status: 'info_received' }, EP: { status: 'info_received' }, MD: { status: 'info_received' },
  PU: { status: 'in_transit', sub: 'picked_up' }, PX: { status: 'in_transit', sub: 'picked_up' }, AP: { status: 'in_transit', sub: 'picked_up' },
  IT: { status: 'in_transit' }, IX: { status: 'in_transit' }, AA: { status: 'in_transit' }, AC: { status: 'in_transit' }, AF: { status: 'in_transit', sub: 'arrived_facility' },
  AR: { status: 'in_transit', sub: 'arrived_facility' }, AX: { status: 'in_transit' }, DP: { status: 'in_transit', sub: 'departed_facility' }, EA: { status: 'in_transit' },
  EO: { status: 'in_transit' }, FD: { status: 'in_transit' }, LO: { status: 'in_transit' }, PF: { status: 'in_transit' }, PL: { status: 'in_transit' },
  PM: { status: 'in_transit' }, SF: { status: 'in_transit' }, TR: { status: 'in_transit' }, CC: { status: 'in_transit', sub: 'customs_released' },
  OD: { status: 'out_for_delivery' }, AD: { status: 'out_for_delivery' }, ED: { status: 'out_for_delivery' },
  DL: { status: 'delivered' }, DE: { status: 'attempt_failed' }, HL: { status: 'available_for_pickup' }, HP: { status: 'available_for_pickup' },
  CD: { status: 'exception', sub: 'customs_hold' }, SE: { status: 'exception', sub: 'held' }, HA: { status: 'exception', sub: 'held' },
  DY: { status: 'exception', sub: 'delayed' }, DD: { status: 'exception', sub: 'delayed' }, PY: { status: 'exception', sub: 'delayed' },
  CA: { status: 'expired', sub: 'cancelled' }, RD: { status: 'expired', sub: 'cancelled' }, RS: { status: 'returning' }, RT: { status: 'returning' },
};

interface FedexScan {
  date?: string;
  eventType?: string;
  eventDescription?: string;
  exceptionCode?: string;
  exceptionDescription?: string;
  scanLocation?: { city?: string; stateOrProvinceCode?: string; postalCode?: string; countryCode?: string };
}

/** FedEx Track API responses. */
export function parseFedex(raw: string): ParseResult {
  const j = JSON.parse(raw) as { output?: { completeTrackResults?: { trackingNumber?: string; trackResults?: Record<string, unknown>[] }[] }; errors?: { code: string; message: string }[] };
  const out: ParseResult = { parcels: [], messages: [] };
  for (const e of j.errors ?? []) out.messages.push({ code: e.code, message: e.message, level: 'error' });
  for (const c of j.output?.completeTrackResults ?? []) {
    for (const r of c.trackResults ?? []) {
      const tn = c.trackingNumber ?? (r['trackingNumberInfo'] as { trackingNumber?: string } | undefined)?.trackingNumber ?? '';
      const err = r['error'] as { code: string; message: string } | undefined;
      if (err) out.messages.push({ code: err.code, message: err.message, level: 'error', tracking_number: (r['trackingNumberInfo'] as { trackingNumber?: string } | undefined)?.trackingNumber ?? tn });
      const scans = (r['scanEvents'] as FedexScan[] | undefined) ?? [];
      if (scans.length === 0) continue;
      const pod = r['deliveryDetails'] as { receivedByName?: string; signedByName?: string } | undefined;
      const images = ((r['availableImages'] as { type?: string }[] | undefined) ?? []).map((i) => i.type);
      const events: CarrierEvent[] = scans.map((s) => {
        const code = s.eventType ?? '';
        const mapped = mapCode(CODES, code);
        return {
          code,
          description: s.exceptionDescription || s.eventDescription || '',
          occurred_at: new Date(s.date ?? 0).toISOString(),
          location: joinLocation(s.scanLocation?.city, s.scanLocation?.stateOrProvinceCode, s.scanLocation?.postalCode, s.scanLocation?.countryCode),
          ...mapped,
          proof: mapped.status === 'delivered' ? { ...(pod?.signedByName || pod?.receivedByName ? { signed_by: (pod.signedByName || pod.receivedByName)! } : {}), photo: images.includes('PROOF_OF_DELIVERY') } : null,
        };
      });
      const est = ((r['dateAndTimes'] as { type?: string; dateTime?: string }[] | undefined) ?? []).find((d) => d.type === 'ESTIMATED_DELIVERY')?.dateTime
        ?? (r['estimatedDeliveryTimeWindow'] as { window?: { ends?: string } } | undefined)?.window?.ends;
      const service = (r['serviceDetail'] as { description?: string } | undefined)?.description ?? null;
      out.parcels.push({ carrier: 'fedex', tracking_number: tn, events, estimated_delivery: est ? est.slice(0, 10) : null, service });
    }
  }
  // FedEx may answer one number with several results (duplicate unique ids): keep the most recent.
  const best = new Map<string, (typeof out.parcels)[number]>();
  const latest = (p: (typeof out.parcels)[number]) => Math.max(...p.events.map((e) => Date.parse(e.occurred_at)));
  for (const p of out.parcels) {
    const seen = best.get(p.tracking_number);
    if (!seen || latest(p) > latest(seen)) best.set(p.tracking_number, p);
  }
  out.parcels = [...best.values()];
  return out;
}
