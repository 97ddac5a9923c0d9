/** What the native connectors (UPS, USPS, FedEx) share beyond HTTP: their failures as the purchase flow's errors, and the rate shop's answer. */
import type { CarrierMessage, LiveQuote } from '../../rating/live-rates.js';
import { CarrierError } from '../../shipments/ports.js';
import type { CarrierAnswer } from './oauth-client.js';

export type Failed = Extract<CarrierAnswer, { ok: false }>;

/** A rate shop's answer; `failure` says why there are no quotes when the carrier did not rate. */
export interface ShopAnswer {
  quotes: LiveQuote[];
  messages: CarrierMessage[];
  failure?: 'timeout' | 'unavailable' | 'refused';
  /** The failure as the error a purchase or connection test reports. */
  error?: CarrierError;
}

/** The carrier's errors as one line: "code: message (field)". */
export const errorText = (messages: CarrierMessage[]) => messages.filter((m) => m.severity === 'error').map((m) => `${m.code ? `${m.code}: ` : ''}${m.message}${m.field ? ` (${m.field})` : ''}`).join('; ');

/** Why a call failed, in the live-rate terms. */
export const failureKind = (a: Failed): NonNullable<ShopAnswer['failure']> =>
  a.status === null ? (a.messages[0]?.code === 'CARRIER_TIMEOUT' ? 'timeout' : 'unavailable') : a.status >= 500 || a.status === 429 ? 'unavailable' : 'refused';

/**
 * A failed answer as the error the purchase flow understands: unreachable, 5xx and 429 are
 * retried; 401/403 are the account's configuration; other refusals are final, with the carrier's
 * code and message. `lostAnswer`: a timeout while buying where the carrier has no look-up, so a
 * retry could buy twice — final, with what to do.
 */
export function nativeFailure(name: string, a: Failed, doing: string, o: { lostAnswer?: string } = {}): CarrierError {
  const t = errorText(a.messages) || `${name} answered ${a.status ?? 'nothing'}`;
  if (a.status === null) {
    const timeout = a.messages[0]?.code === 'CARRIER_TIMEOUT';
    if (timeout && o.lostAnswer) return new CarrierError('CARRIER_TIMEOUT', `${name} did not answer while ${doing}; ${o.lostAnswer}`, false, t);
    return new CarrierError(timeout ? 'CARRIER_TIMEOUT' : 'CARRIER_UNAVAILABLE', `${name} ${doing}: ${t}`, true, t);
  }
  if (a.status === 401 || a.status === 403) return new CarrierError('CONFIGURATION', `${name} refused the account while ${doing}: ${t}`, false, t);
  if (a.status >= 500 || a.status === 429) return new CarrierError('CARRIER_UNAVAILABLE', `${name} ${doing}: ${t}`, true, t);
  return new CarrierError('CARRIER_REJECTED', `${name} refused ${doing}: ${t}`, false, t);
}

/** The gateway port's plain rates from a rate shop's answer: its failure thrown, our service names. */
export function ratesFromShop(name: string, a: ShopAnswer, serviceName: (code: string) => string) {
  if (a.error) throw a.error;
  if (a.quotes.length === 0) throw new CarrierError('CARRIER_REJECTED', `${name} did not rate the shipment: ${errorText(a.messages) || 'no service offered'}`, false, errorText(a.messages) || null);
  return a.quotes.map((q) => ({ service: serviceName(q.service_code), total: q.total }));
}
