/**
 * What the native carrier clients share, and only HTTP: an OAuth2 client-credentials token kept
 * until a minute before it expires and fetched again once when a call answers 401, a timeout per
 * request, idempotent calls retried on 5xx, 429 and network failures with backoff. Answers come
 * back as data — the status and body, or the failure as messages with the carrier's code — never
 * as exceptions, so partial results survive. Each carrier says how it asks for a token and how its
 * errors read.
 */
import type { CarrierMessage, NativeCarrier } from '../../rating/live-rates.js';

export interface CarrierClientOptions {
  /** The carrier's base URL: its sandbox or production one (or a mock in tests). */
  baseUrl: string;
  timeoutMs: number;
  /** Extra tries of an idempotent call after a 5xx, 429 or network failure (default 2). */
  retries?: number;
  fetch?: typeof fetch;
  /** The clock tokens expire by (tests move it). */
  now?: () => number;
  /** Waits between retries (tests pass none). */
  backoffMs?: (attempt: number) => number;
}

export interface CarrierProtocol {
  carrier: NativeCarrier;
  /** How people call the carrier in messages ("UPS"). */
  name: string;
  /** The token request: path and init (method, headers, body). */
  tokenRequest(): { path: string; init: RequestInit };
  /** The carrier's error body as messages (any status). */
  errors(status: number, body: unknown): CarrierMessage[];
  /** Headers every API call carries besides the bearer token. */
  headers?(): Record<string, string>;
}

export type CarrierAnswer =
  | { ok: true; status: number; body: unknown; text: string; contentType: string }
  | { ok: false; status: number | null; messages: CarrierMessage[] };

export class CarrierClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly p: CarrierProtocol, private readonly o: CarrierClientOptions) {
    this.fetch = o.fetch ?? fetch;
    this.now = o.now ?? Date.now;
  }

  private fail(status: number | null, code: string, message: string): Extract<CarrierAnswer, { ok: false }> {
    return { ok: false, status, messages: [{ carrier: this.p.carrier, code, message, severity: 'error' }] };
  }

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, body: unknown, o: { idempotent: boolean; headers?: Record<string, string> }): Promise<CarrierAnswer> {
    const retries = o.idempotent ? (this.o.retries ?? 2) : 0;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.bearer();
      if (!token.ok) return token.answer;
      const r = await this.send(`${this.o.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: { authorization: `Bearer ${token.value}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.p.headers?.(), ...o.headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if ('failure' in r) {
        if (attempt < retries) { await this.pause(attempt); continue; }
        return r.failure;
      }
      // A token the carrier no longer takes: fetch a new one, once, and try again.
      if (r.status === 401 && !refreshed) {
        this.token = null;
        refreshed = true;
        attempt--;
        continue;
      }
      if ((r.status >= 500 || r.status === 429) && attempt < retries) { await this.pause(attempt); continue; }
      if (r.status >= 200 && r.status < 300) return { ok: true, status: r.status, body: r.body, text: r.text, contentType: r.contentType };
      return { ok: false, status: r.status, messages: this.p.errors(r.status, r.body) };
    }
  }

  /** Signs in (or reuses the token): what a connection test checks first. */
  async signIn(): Promise<CarrierAnswer> {
    const t = await this.bearer();
    return t.ok ? { ok: true, status: 200, body: null, text: '', contentType: '' } : t.answer;
  }

  private pause(attempt: number) {
    const ms = this.o.backoffMs ? this.o.backoffMs(attempt) : 100 * 2 ** attempt;
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }

  /** The cached token, or a new one (kept until a minute before the carrier says it expires). */
  private async bearer(): Promise<{ ok: true; value: string } | { ok: false; answer: CarrierAnswer }> {
    if (this.token && this.token.expiresAt - 60_000 > this.now()) return { ok: true, value: this.token.value };
    const req = this.p.tokenRequest();
    const r = await this.send(`${this.o.baseUrl.replace(/\/+$/, '')}${req.path}`, req.init);
    if ('failure' in r) return { ok: false, answer: r.failure };
    const j = (r.body ?? {}) as { access_token?: string; expires_in?: string | number };
    if (r.status !== 200 || !j.access_token) {
      const messages = this.p.errors(r.status, r.body).map((m) => ({ ...m, message: `${this.p.name} refused the account's credentials: ${m.message}` }));
      return { ok: false, answer: { ok: false, status: r.status, messages } };
    }
    const seconds = Number(j.expires_in);
    this.token = { value: j.access_token, expiresAt: this.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000 };
    return { ok: true, value: j.access_token };
  }

  private async send(url: string, init: RequestInit): Promise<{ status: number; body: unknown; text: string; contentType: string } | { failure: Extract<CarrierAnswer, { ok: false }> }> {
    let res: Response;
    try {
      res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs) });
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return { failure: this.fail(null, 'CARRIER_TIMEOUT', `${this.p.name} did not answer within ${this.o.timeoutMs} ms`) };
      return { failure: this.fail(null, 'CARRIER_UNAVAILABLE', `${this.p.name} cannot be reached: ${(err.cause as Error | undefined)?.message ?? err.message}`) };
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      return { failure: this.fail(res.status, 'CARRIER_TIMEOUT', `${this.p.name} stopped answering mid-response`) };
    }
    const contentType = res.headers.get('content-type') ?? '';
    let body: unknown = null;
    try {
      body = text && !contentType.startsWith('multipart/') ? JSON.parse(text) : null;
    } catch {
      body = { raw: text.slice(0, 500) };
    }
    return { status: res.status, body, text, contentType };
  }
}
