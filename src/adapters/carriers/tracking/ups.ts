import { joinLocation, mapCode, type CarrierEvent, type CodeTable, type ParseResult } from './types.js';

/** UPS activity status types (Track API `status.type`). */
const TYPES: CodeTable = {
  M: { status: 'info_received', sub: 'label_created' }, MV: { status: 'expired', sub: 'cancelled' }, P: { status: 'in_transit', sub: 'picked_up' },
  I: { status: 'in_transit' }, O: { status: 'out_for_delivery' }, D: { status: 'delivered' }, DO: { status: 'delivered' }, DD: { status: 'delivered' },
  X: { status: 'exception' }, RS: { status: 'returning' }, W: { status: 'in_transit', sub: 'held' },
};

/** Activity codes that say more than their type (karrio's UPS tables, UPS status code list). */
const CODES: CodeTable = {
  OT: { status: 'out_for_delivery' }, OF: { status: 'out_for_delivery' }, OD: { status: 'out_for_delivery' },
  FS: { status: 'delivered' }, KB: { status: 'delivered', sub: 'locker' }, F4: { status: 'delivered' },
  RF: { status: 'attempt_failed', sub: 'refused' }, UR: { status: 'attempt_failed', sub: 'recipient_not_available' }, NH: { status: 'attempt_failed', sub: 'recipient_not_available' },
  BC: { status: 'attempt_failed', sub: 'business_closed' }, IA: { status: 'exception', sub: 'address_issue' }, BA: { status: 'exception', sub: 'address_issue' },
  RP: { status: 'available_for_pickup' }, UU: { status: 'available_for_pickup' }, AC: { status: 'available_for_pickup' }, WC: { status: 'available_for_pickup' },
  DY: { status: 'exception', sub: 'delayed' }, DE: { status: 'exception', sub: 'delayed' }, WE: { status: 'exception', sub: 'weather' }, WD: { status: 'exception', sub: 'weather' },
  DA: { status: 'exception', sub: 'damaged' }, DM: { status: 'exception', sub: 'damaged' }, LO: { status: 'exception', sub: 'lost' },
  CD: { status: 'exception', sub: 'customs_hold' }, CH: { status: 'exception', sub: 'customs_hold' }, CU: { status: 'exception', sub: 'duties_unpaid' }, DU: { status: 'exception', sub: 'duties_unpaid' },
  SR: { status: 'exception', sub: 'customs_released' },
  RT: { status: 'returning' }, RH: { status: 'returning' }, RU: { status: 'returning' },
  VD: { status: 'expired', sub: 'cancelled' }, CA: { status: 'expired', sub: 'cancelled' },
};

interface UpsActivity {
  date?: string;
  time?: string;
  gmtDate?: string;
  gmtTime?: string;
  gmtOffset?: string;
  status?: { code?: string; type?: string; description?: string };
  location?: { address?: { city?: string; stateProvince?: string; postalCode?: string; countryCode?: string; country?: string } };
}

const ymd = (d = '') => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const hms = (t = '') => `${t.padEnd(6, '0').slice(0, 2)}:${t.padEnd(6, '0').slice(2, 4)}:${t.padEnd(6, '0').slice(4, 6)}`;

/** UPS Track API (JSON) responses. */
export function parseUps(raw: string): ParseResult {
  const j = JSON.parse(raw) as {
    trackResponse?: { shipment?: { inquiryNumber?: string; package?: Record<string, unknown>[]; warnings?: { code: string; message: string }[] }[] };
    response?: { errors?: { code: string; message: string }[] };
  };
  const out: ParseResult = { parcels: [], messages: [] };
  for (const e of j.response?.errors ?? []) out.messages.push({ code: e.code, message: e.message, level: 'error' });
  for (const s of j.trackResponse?.shipment ?? []) {
    for (const w of s.warnings ?? []) out.messages.push({ code: w.code, message: w.message, level: 'warning' });
    for (const p of s.package ?? []) {
      const info = p['deliveryInformation'] as { receivedBy?: string; signature?: { image?: string }; deliveryPhoto?: { photo?: string } } | undefined;
      const events: CarrierEvent[] = ((p['activity'] as UpsActivity[] | undefined) ?? []).map((a) => {
        const code = a.status?.code ?? '';
        const byCode = CODES[code];
        const mapped = byCode ? mapCode(CODES, code) : mapCode(TYPES, a.status?.type ?? '');
        const local = `${ymd(a.date)}T${hms(a.time)}`;
        // UPS's definition gives gmtDate as "20210210" and gmtTime as "74700" (h:mm:ss without the leading zero); some answers use "2021-02-10" and "07:47:00".
        const gmtDay = a.gmtDate && /^\d{8}$/.test(a.gmtDate) ? ymd(a.gmtDate) : a.gmtDate;
        const gmtClock = a.gmtTime?.includes(':') ? a.gmtTime : a.gmtTime ? hms(a.gmtTime.padStart(6, '0')) : undefined;
        const gmt = gmtDay && gmtClock ? new Date(`${gmtDay}T${gmtClock}Z`) : null;
        const at = gmt && !Number.isNaN(gmt.getTime()) ? gmt.toISOString() : `${local}Z`;
        const addr = a.location?.address;
        return {
          code, description: a.status?.description ?? '', occurred_at: new Date(at).toISOString(),
          location: joinLocation(addr?.city, addr?.stateProvince, addr?.postalCode, addr?.countryCode ?? addr?.country), ...mapped,
          proof: mapped.status === 'delivered' && info ? { ...(info.receivedBy ? { signed_by: info.receivedBy } : {}), photo: !!info.deliveryPhoto?.photo } : null,
        };
      });
      const tn = (p['trackingNumber'] as string | undefined) ?? s.inquiryNumber ?? '';
      const service = (p['service'] as { description?: string } | undefined)?.description ?? null;
      const dd = ((p['deliveryDate'] as { date?: string; type?: string }[] | undefined) ?? []).find((d) => /^\d{8}$/.test(d.date ?? '') && d.type !== 'DEL');
      out.parcels.push({ carrier: 'ups', tracking_number: tn, events, estimated_delivery: dd ? ymd(dd.date) : null, service });
    }
  }
  return out;
}
