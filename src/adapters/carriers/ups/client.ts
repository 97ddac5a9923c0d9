/**
 * The thin UPS client: only HTTP. OAuth2 client credentials (Basic auth to
 * `/security/v1/oauth/token`), the token kept until a minute before it expires and fetched again
 * once when an API call answers 401; a timeout per request; idempotent calls (rating) retried on
 * 5xx, 429 and network failures with backoff. Answers come back as data — the status and body,
 * or the failure as a message with UPS's code — never as exceptions, so partial results survive.
 */
import { randomUUID } from 'node:crypto';
import type { CarrierMessage } from './rating.js';

export const UPS_BASE_URLS = { sandbox: 'https://wwwcie.ups.com', production: 'https://onlinetools.ups.com' } as const;

export interface UpsClientOptions {
  /** `UPS_BASE_URLS.sandbox` or `.production` (or a mock in tests). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** Extra tries of an idempotent call after a 5xx, 429 or network failure (default 2). */
  retries?: number;
  fetch?: typeof fetch;
  /** The clock tokens expire by (tests move it). */
  now?: () => number;
  /** Waits between retries (tests pass none). */
  backoffMs?: (attempt: number) => number;
}

export type UpsAnswer = { ok: true; status: number; body: unknown } | { ok: false; status: number | null; messages: CarrierMessage[] };

const fail = (status: number | null, code: string, message: string): UpsAnswer => ({ ok: false, status, messages: [{ carrier: 'ups', code, message, severity: 'error' }] });

/** UPS's error body (`{response: {errors: [{code, message}]}}`) as messages; anything else as one message with the status. */
function errorMessages(status: number, body: unknown): CarrierMessage[] {
  const errors = (body as { response?: { errors?: { code?: string; message?: string }[] } } | null)?.response?.errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((e) => ({ carrier: 'ups', code: String(e.code ?? status), message: String(e.message ?? ''), severity: 'error' }));
  return [{ carrier: 'ups', code: `HTTP_${status}`, message: `UPS answered ${status}`, severity: 'error' }];
}

export class UpsClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly o: UpsClientOptions) {
    this.fetch = o.fetch ?? fetch;
    this.now = o.now ?? Date.now;
  }

  /** Rating: `Shop` (every service) or `Rate` (the one in the body). */
  rate(body: unknown, option: 'Rate' | 'Shop'): Promise<UpsAnswer> {
    return this.call('POST', `/api/rating/v2409/${option}`, body, { idempotent: true });
  }

  /** Shipping: buys a label. Never retried here (UPS has no idempotency key): the caller looks up by reference first. */
  ship(body: unknown): Promise<UpsAnswer> {
    return this.call('POST', '/api/shipments/v2409/ship', body, { idempotent: false });
  }

  /** Voids a shipment (voiding again answers with UPS's "already voided" error, which the caller reads). */
  void(path: string): Promise<UpsAnswer> {
    return this.call('DELETE', path, undefined, { idempotent: true });
  }

  /** Label recovery: the label bought under a reference, with its images. */
  recoverLabel(body: unknown): Promise<UpsAnswer> {
    return this.call('POST', '/api/labels/v1903/recovery', body, { idempotent: true });
  }

  /** Tracking by inquiry (tracking) number, every activity. */
  track(trackingNumber: string): Promise<UpsAnswer> {
    return this.call('GET', `/api/track/v1/details/${encodeURIComponent(trackingNumber)}?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false`, undefined, { idempotent: true });
  }

  /** Address validation, street level (request option 1: validation; 3: validation and classification). */
  validateAddress(body: unknown, option: 1 | 3): Promise<UpsAnswer> {
    return this.call('POST', `/api/addressvalidation/v2/${option}?maximumcandidatelistsize=5`, body, { idempotent: true });
  }

  /** Signs in (or reuses the token): what a connection test checks first. */
  async signIn(): Promise<UpsAnswer> {
    const t = await this.bearer();
    return t.ok ? { ok: true, status: 200, body: null } : t.answer;
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, o: { idempotent: boolean }): Promise<UpsAnswer> {
    const retries = o.idempotent ? (this.o.retries ?? 2) : 0;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.bearer();
      if (!token.ok) return token.answer;
      const r = await this.send(`${this.o.baseUrl.replace(/\/+$/, '')}${path}`, {
        method, headers: { authorization: `Bearer ${token.value}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), transId: randomUUID().replace(/-/g, '').slice(0, 32), transactionSrc: 'lastmile' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if ('failure' in r) {
        if (attempt < retries) { await this.pause(attempt); continue; }
        return r.failure;
      }
      // A token UPS no longer takes: fetch a new one, once, and try again.
      if (r.status === 401 && !refreshed) {
        this.token = null;
        refreshed = true;
        attempt--;
        continue;
      }
      if ((r.status >= 500 || r.status === 429) && attempt < retries) { await this.pause(attempt); continue; }
      if (r.status >= 200 && r.status < 300) return { ok: true, status: r.status, body: r.body };
      return { ok: false, status: r.status, messages: errorMessages(r.status, r.body) };
    }
  }

  private pause(attempt: number) {
    const ms = this.o.backoffMs ? this.o.backoffMs(attempt) : 100 * 2 ** attempt;
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }

  /** The cached token, or a new one (kept until a minute before UPS says it expires). */
  private async bearer(): Promise<{ ok: true; value: string } | { ok: false; answer: UpsAnswer }> {
    if (this.token && this.token.expiresAt - 60_000 > this.now()) return { ok: true, value: this.token.value };
    const basic = Buffer.from(`${this.o.clientId}:${this.o.clientSecret}`).toString('base64');
    const r = await this.send(`${this.o.baseUrl.replace(/\/+$/, '')}/security/v1/oauth/token`, {
      method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: 'grant_type=client_credentials',
    });
    if ('failure' in r) return { ok: false, answer: r.failure };
    const j = (r.body ?? {}) as { access_token?: string; expires_in?: string | number };
    if (r.status !== 200 || !j.access_token) {
      const messages = errorMessages(r.status, r.body).map((m) => ({ ...m, message: `UPS refused the account's credentials: ${m.message}` }));
      return { ok: false, answer: { ok: false, status: r.status, messages } };
    }
    const seconds = Number(j.expires_in);
    this.token = { value: j.access_token, expiresAt: this.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000 };
    return { ok: true, value: j.access_token };
  }

  private async send(url: string, init: RequestInit): Promise<{ status: number; body: unknown } | { failure: UpsAnswer }> {
    let res: Response;
    try {
      res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs) });
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return { failure: fail(null, 'CARRIER_TIMEOUT', `UPS did not answer within ${this.o.timeoutMs} ms`) };
      return { failure: fail(null, 'CARRIER_UNAVAILABLE', `UPS cannot be reached: ${(err.cause as Error | undefined)?.message ?? err.message}`) };
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      return { failure: fail(res.status, 'CARRIER_TIMEOUT', 'UPS stopped answering mid-response') };
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { raw: text.slice(0, 500) };
    }
    return { status: res.status, body };
  }
}
