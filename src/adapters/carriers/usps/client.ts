/**
 * The thin USPS client: only HTTP, on the shared carrier client. OAuth2 client credentials as a
 * JSON body to `/oauth2/v3/token`; labels carry a payment authorization token (Payments API:
 * the account's CRID, MID and EPS account as payer and label owner), kept for an hour and asked
 * again once when a label is refused for it.
 */
import { CarrierClient, type CarrierAnswer, type CarrierClientOptions } from '../oauth-client.js';
import { uspsErrors } from './mapper.js';

/** USPS's test environment and production. */
export const USPS_BASE_URLS = { test: 'https://apis-tem.usps.com', production: 'https://apis.usps.com' } as const;

export interface UspsClientOptions extends CarrierClientOptions {
  clientId: string;
  clientSecret: string;
  payer: { crid: string; mid: string; manifestMid: string | null; epsAccount: string };
}

export class UspsClient {
  private readonly http: CarrierClient;
  private payment: { token: string; until: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly o: UspsClientOptions) {
    this.now = o.now ?? Date.now;
    this.http = new CarrierClient({
      carrier: 'usps', name: 'USPS',
      tokenRequest: () => ({ path: '/oauth2/v3/token', init: { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ client_id: o.clientId, client_secret: o.clientSecret, grant_type: 'client_credentials' }) } }),
      errors: uspsErrors,
    }, o);
  }

  baseRates(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/prices/v3/base-rates/search', body, { idempotent: true });
  }

  extraServiceRates(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/prices/v3/extra-service-rates/search', body, { idempotent: true });
  }

  /** Buys one package's label. Not retried (USPS has no idempotency key). */
  async label(body: unknown): Promise<CarrierAnswer> {
    for (let again = 0; ; again++) {
      const token = await this.paymentToken();
      if (typeof token !== 'string') return token;
      const a = await this.http.call('POST', '/labels/v3/label', body, { idempotent: false, headers: { 'X-Payment-Authorization-Token': token, accept: 'application/vnd.usps.labels+json, multipart/mixed, application/json' } });
      // A payment token USPS no longer takes: ask for a new one, once.
      if (!a.ok && a.status === 403 && again === 0) { this.payment = null; continue; }
      return a;
    }
  }

  /** Cancels an unused label (USPS refunds it). */
  cancelLabel(trackingNumber: string): Promise<CarrierAnswer> {
    return this.paymentToken().then((token) => (typeof token !== 'string' ? token : this.http.call('DELETE', `/labels/v3/label/${encodeURIComponent(trackingNumber)}`, undefined, { idempotent: true, headers: { 'X-Payment-Authorization-Token': token } })));
  }

  track(trackingNumber: string): Promise<CarrierAnswer> {
    return this.http.call('GET', `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}?expand=DETAIL`, undefined, { idempotent: true });
  }

  address(query: string): Promise<CarrierAnswer> {
    return this.http.call('GET', `/addresses/v3/address?${query}`, undefined, { idempotent: true });
  }

  postOffices(query: string): Promise<CarrierAnswer> {
    return this.http.call('GET', `/locations/v3/post-office-locations?${query}`, undefined, { idempotent: true });
  }

  scanForm(body: unknown): Promise<CarrierAnswer> {
    return this.http.call('POST', '/scan-forms/v3/scan-form', body, { idempotent: false });
  }

  signIn(): Promise<CarrierAnswer> {
    return this.http.signIn();
  }

  private async paymentToken(): Promise<string | Extract<CarrierAnswer, { ok: false }>> {
    if (this.payment && this.payment.until > this.now()) return this.payment.token;
    const p = this.o.payer;
    const role = (roleName: string) => ({ roleName, CRID: p.crid, MID: p.mid, manifestMID: p.manifestMid ?? p.mid, accountType: 'EPS', accountNumber: p.epsAccount });
    const a = await this.http.call('POST', '/payments/v3/payment-authorization', { roles: [role('PAYER'), role('LABEL_OWNER')] }, { idempotent: true });
    if (!a.ok) return a;
    const token = (a.body as { paymentAuthorizationToken?: string } | null)?.paymentAuthorizationToken;
    if (!token) return { ok: false, status: a.status, messages: [{ carrier: 'usps', code: 'NO_PAYMENT_TOKEN', message: 'USPS did not authorize the payment account', severity: 'error' }] };
    this.payment = { token, until: this.now() + 3600_000 };
    return token;
  }
}
