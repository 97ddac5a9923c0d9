/**
 * The thin UPS client: only HTTP, on the shared carrier client (oauth-client.ts). OAuth2 client
 * credentials with Basic auth to `/security/v1/oauth/token`; every call carries a `transId` and
 * `transactionSrc`; UPS's error body (`{response: {errors: [{code, message}]}}`) read as messages.
 */
import { randomUUID } from 'node:crypto';
import { CarrierClient, type CarrierAnswer, type CarrierClientOptions } from '../oauth-client.js';
import type { CarrierMessage } from './rating.js';

export const UPS_BASE_URLS = { sandbox: 'https://wwwcie.ups.com', production: 'https://onlinetools.ups.com' } as const;

export interface UpsClientOptions extends CarrierClientOptions {
  clientId: string;
  clientSecret: string;
}

export type UpsAnswer = CarrierAnswer;

/** UPS's error body as messages; anything else as one message with the status. */
function errorMessages(status: number, body: unknown): CarrierMessage[] {
  const errors = (body as { response?: { errors?: { code?: string; message?: string }[] } } | null)?.response?.errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((e) => ({ carrier: 'ups', code: String(e.code ?? status), message: String(e.message ?? ''), severity: 'error' }));
  return [{ carrier: 'ups', code: `HTTP_${status}`, message: `UPS answered ${status}`, severity: 'error' }];
}

export class UpsClient {
  private readonly http: CarrierClient;

  constructor(o: UpsClientOptions) {
    const basic = Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64');
    this.http = new CarrierClient({
      carrier: 'ups', name: 'UPS',
      tokenRequest: () => ({ path: '/security/v1/oauth/token', init: { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: 'grant_type=client_credentials' } }),
      errors: errorMessages,
      headers: () => ({ transId: randomUUID().replace(/-/g, '').slice(0, 32), transactionSrc: 'lastmile' }),
    }, o);
  }

  /** Rating: `Shop` (every service) or `Rate` (the one in the body). */
  rate(body: unknown, option: 'Rate' | 'Shop'): Promise<UpsAnswer> {
    return this.http.call('POST', `/api/rating/v2409/${option}`, body, { idempotent: true });
  }

  /** Shipping: buys a label. Never retried here (UPS has no idempotency key): the caller looks up by reference first. */
  ship(body: unknown): Promise<UpsAnswer> {
    return this.http.call('POST', '/api/shipments/v2409/ship', body, { idempotent: false });
  }

  /** Voids a shipment (voiding again answers "voided or already voided"). */
  void(path: string): Promise<UpsAnswer> {
    return this.http.call('DELETE', path, undefined, { idempotent: true });
  }

  /** Label recovery: the label bought under a reference, with its images. */
  recoverLabel(body: unknown): Promise<UpsAnswer> {
    return this.http.call('POST', '/api/labels/v1903/recovery', body, { idempotent: true });
  }

  /** Tracking by inquiry (tracking) number, every activity. */
  track(trackingNumber: string): Promise<UpsAnswer> {
    return this.http.call('GET', `/api/track/v1/details/${encodeURIComponent(trackingNumber)}?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false`, undefined, { idempotent: true });
  }

  /** Address validation, street level (request option 1: validation; 3: validation and classification). */
  validateAddress(body: unknown, option: 1 | 3): Promise<UpsAnswer> {
    return this.http.call('POST', `/api/addressvalidation/v2/${option}?maximumcandidatelistsize=5`, body, { idempotent: true });
  }

  /** Signs in (or reuses the token): what a connection test checks first. */
  signIn(): Promise<UpsAnswer> {
    return this.http.signIn();
  }
}
