import { joinLocation, mapCode, type CarrierEvent, type CodeTable, type ParseResult } from './types.js';

/** DHL Express XML-PI event codes (karrio's DHL Express table). */
const CODES: CodeTable = {
  PU: { status: 'in_transit', sub: 'picked_up' }, PL: { status: 'in_transit' }, OR: { status: 'in_transit', sub: 'picked_up' },
  DF: { status: 'in_transit', sub: 'departed_facility' }, AF: { status: 'in_transit', sub: 'arrived_facility' }, AR: { status: 'in_transit', sub: 'arrived_facility' },
  IT: { status: 'in_transit' }, TR: { status: 'in_transit' }, CC: { status: 'in_transit', sub: 'customs_released' }, CD: { status: 'exception', sub: 'customs_hold' },
  CR: { status: 'in_transit', sub: 'customs_released' }, RR: { status: 'in_transit' },
  WC: { status: 'out_for_delivery' }, OK: { status: 'delivered' }, DD: { status: 'delivered' },
  BA: { status: 'exception', sub: 'address_issue' }, HP: { status: 'exception', sub: 'held' }, OH: { status: 'exception', sub: 'held' },
  CM: { status: 'attempt_failed', sub: 'recipient_not_available' }, NH: { status: 'attempt_failed', sub: 'recipient_not_available' },
  RD: { status: 'attempt_failed', sub: 'refused' }, SS: { status: 'attempt_failed' }, ST: { status: 'attempt_failed' }, DS: { status: 'attempt_failed' },
  DM: { status: 'exception', sub: 'damaged' }, MD: { status: 'exception', sub: 'delayed' }, TD: { status: 'exception', sub: 'delayed' }, UD: { status: 'exception', sub: 'delayed' },
  IR: { status: 'exception', sub: 'delayed' }, RT: { status: 'returning' }, TP: { status: 'exception', sub: 'duties_unpaid' },
};

const tag = (xml: string, name: string): string | undefined => {
  const m = xml.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`));
  return m ? unescapeXml(m[1]!.trim()) : undefined;
};
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** DHL Express XML-PI TrackingResponse documents. */
export function parseDhlExpress(raw: string): ParseResult {
  const out: ParseResult = { parcels: [], messages: [] };
  for (const cond of raw.matchAll(/<Condition>([\s\S]*?)<\/Condition>/g)) {
    out.messages.push({ code: tag(cond[1]!, 'ConditionCode') ?? 'ERROR', message: (tag(cond[1]!, 'ConditionData') ?? '').replace(/\s+/g, ' '), level: 'error' });
  }
  for (const awb of raw.matchAll(/<AWBInfo>([\s\S]*?)<\/AWBInfo>/g)) {
    const body = awb[1]!;
    const tn = tag(body, 'AWBNumber') ?? '';
    const status = tag(body, 'ActionStatus') ?? '';
    if (!/success/i.test(status)) {
      // The Condition above already says why.
      if (/<Condition>/.test(body)) continue;
      out.messages.push({ code: status.replace(/\s+/g, '_') || 'NOT_FOUND', message: status || 'not found', level: 'error', tracking_number: tn });
      continue;
    }
    const events: CarrierEvent[] = [];
    for (const ev of body.matchAll(/<ShipmentEvent>([\s\S]*?)<\/ShipmentEvent>/g)) {
      const e = ev[1]!;
      const code = tag(e, 'EventCode') ?? '';
      const mapped = mapCode(CODES, code);
      const area = e.match(/<ServiceArea>([\s\S]*?)<\/ServiceArea>/)?.[1] ?? '';
      const signatory = tag(e, 'Signatory');
      events.push({
        code, description: (tag(e, 'Description') ?? '').replace(/\s+/g, ' '), occurred_at: new Date(`${tag(e, 'Date')}T${tag(e, 'Time') ?? '00:00:00'}Z`).toISOString(),
        location: joinLocation(tag(area, 'Description')), ...mapped,
        proof: mapped.status === 'delivered' ? { ...(signatory ? { signed_by: signatory } : {}), photo: false } : null,
      });
    }
    // Newest first, as the other carriers answer.
    events.reverse();
    const est = tag(body, 'EstDlvyDate');
    const pcode = tag(body, 'GlobalProductCode');
    out.parcels.push({ carrier: 'dhl', tracking_number: tn, events, estimated_delivery: est ? est.slice(0, 10) : null, service: pcode ? `DHL Express (${pcode})` : null });
  }
  return out;
}
