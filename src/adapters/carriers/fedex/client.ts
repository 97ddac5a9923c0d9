/**
 * The thin FedEx client: only HTTP, on the shared carrier client. OAuth2 client credentials as a
 * form body to `/oauth/token`; every call carries its own transaction id and the locale.
 */
import { randomUUID } from 'node:crypto';
import { CarrierClient, type CarrierAnswer, type CarrierClientOptions } from '../oauth-client.js';
import { fedexErrors } from './mapper.js';

export const FEDEX_BASE_URLS = { sandbox: 'https://apis-sandbox.fedex.com', production: 'https://apis.fedex.com' } as const;

export interface FedexClientOptions extends CarrierClientOptions {
  clientId: string;
  clientSecret: string;
}

export class FedexClient {
  private readonly http: CarrierClient;

  constructor(o: FedexClientOptions) {
    this.http = new CarrierClient({
      carrier: 'fedex', name: 'FedEx',
      tokenRequest: () => ({ path: '/oauth/token', init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret }).toString() } }),
      errors: fedexErrors,
      headers: () => ({ 'x-locale': 'en_US', 'x-customer-transaction-id': randomUUID() }),
    }, o);
  }

  rates(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/rate/v1/rates/quotes', body, { idempotent: true });
  }

  /** Buys the labels. Not retried (FedEx has no idempotency key): the caller looks up by reference first. */
  ship(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/ship/v1/shipments', body, { idempotent: false });
  }

  cancel(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('PUT', '/ship/v1/shipments/cancel', body, { idempotent: true });
  }

  track(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/track/v1/trackingnumbers', body, { idempotent: true });
  }

  trackByReference(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/track/v1/referencenumbers', body, { idempotent: true });
  }

  validateAddress(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/address/v1/addresses/resolve', body, { idempotent: true });
  }

  groundClose(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('PUT', '/ship/v1/endofday/', body, { idempotent: false });
  }

  signIn(): Promise<CarrierAnswer> {
    return this.http.signIn();
  }
}
