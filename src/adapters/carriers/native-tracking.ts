/** Tracking as the native connectors share it: each number asked in turn, read with the carrier's own codes. */
import type { CarrierTrackingEvent } from '../../shipments/ports.js';
import type { CarrierAnswer } from './oauth-client.js';
import type { ParseResult } from './tracking/types.js';

/**
 * The parcels with events among `trackingNumbers` (a number the carrier does not know yet, 404,
 * is left out), or null when none has any; any other failure is thrown as `failure` makes it.
 */
export async function trackEach(
  trackingNumbers: string[],
  ask: (tn: string) => Promise<CarrierAnswer>,
  parse: (raw: string) => ParseResult,
  failure: (a: Extract<CarrierAnswer, { ok: false }>) => Error,
): Promise<ParseResult | null> {
  const out: ParseResult = { parcels: [], messages: [] };
  for (const tn of trackingNumbers) {
    const answer = await ask(tn);
    if (!answer.ok) {
      if (answer.status === 404) continue;
      throw failure(answer);
    }
    const one = parse(answer.text || JSON.stringify(answer.body));
    out.parcels.push(...one.parcels.filter((p) => p.events.length > 0));
    out.messages.push(...one.messages);
  }
  return out.parcels.length ? out : null;
}

/** The parsed parcels' events in the gateway port's plain shape. */
export const plainEvents = (parsed: ParseResult | null): CarrierTrackingEvent[] =>
  (parsed?.parcels ?? []).flatMap((p) => p.events.map((e) => ({ code: e.code, description: e.description, occurred_at: e.occurred_at, location: e.location })));
