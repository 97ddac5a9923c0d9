import type { CarrierGateway, CarrierTrackingEvent, LabelRef, LabelRequest, PurchasedLabel } from '../../shipments/ports.js';
import { CarrierError } from '../../shipments/ports.js';
import { contractErrorSchema, contractLabelSchema, contractManifestSchema, contractRatesSchema, contractTrackingSchema } from './contract.js';
import type { z } from 'zod';

export type HttpCarrierAuth =
  | { type: 'none' }
  | { type: 'api_key'; header: string; key: string }
  | { type: 'oauth2'; token_url: string; client_id: string; client_secret: string; scope?: string | undefined };

export interface HttpCarrierOptions {
  baseUrl: string;
  auth: HttpCarrierAuth;
  timeoutMs: number;
  /** Quick retries inside one call for unreachable/5xx answers (the outbox retries on top, with backoff). */
  retries?: number;
  fetch?: typeof fetch;
}

const body = (req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted'>) => ({
  reference: req.reference,
  service: req.service,
  ship_from: req.shipFrom,
  ship_to: req.shipTo,
  packages: req.packages,
  options: req.options,
});

/**
 * The generic HTTP carrier: the JSON contract in docs/carriers.md, API-key or OAuth2
 * client-credentials auth, a timeout per request, and idempotency keys on every write.
 */
export class HttpCarrier implements CarrierGateway {
  private token: { value: string; expiresAt: number } | undefined;
  private readonly fetch: typeof fetch;

  constructor(private readonly o: HttpCarrierOptions) {
    this.fetch = o.fetch ?? fetch;
  }

  async rate(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted'>) {
    return (await this.call('POST', '/rates', contractRatesSchema, { body: body(req) })).rates;
  }

  async createLabel(req: LabelRequest): Promise<PurchasedLabel> {
    const l = await this.call('POST', '/labels', contractLabelSchema, { body: body(req), idempotencyKey: req.idempotencyKey });
    return toPurchased(l);
  }

  async findLabel(idempotencyKey: string): Promise<PurchasedLabel | null> {
    const l = await this.call('GET', `/labels?idempotency_key=${encodeURIComponent(idempotencyKey)}`, contractLabelSchema, { notFoundIsNull: true });
    return l && l.status !== 'voided' ? toPurchased(l) : null;
  }

  async voidLabel(label: LabelRef): Promise<void> {
    await this.call('POST', `/labels/${encodeURIComponent(label.carrierLabelId)}/void`, null, { idempotencyKey: `void:${label.carrierLabelId}` });
  }

  async manifest(labels: LabelRef[], meta: { warehouseId: string; shipDate: string }) {
    const ids = labels.map((l) => l.carrierLabelId);
    const m = await this.call('POST', '/manifests', contractManifestSchema, {
      body: { label_ids: ids, warehouse: meta.warehouseId, ship_date: meta.shipDate },
      idempotencyKey: `manifest:${meta.warehouseId}:${meta.shipDate}:${ids.length}:${ids[0] ?? ''}:${ids.at(-1) ?? ''}`,
    });
    return { carrierManifestId: m.manifest_id };
  }

  async track(trackingNumber: string): Promise<CarrierTrackingEvent[]> {
    const t = await this.call('GET', `/tracking/${encodeURIComponent(trackingNumber)}`, contractTrackingSchema, { notFoundIsNull: true });
    return t ? t.events : [];
  }

  private async authHeaders(): Promise<Record<string, string>> {
    const a = this.o.auth;
    if (a.type === 'none') return {};
    if (a.type === 'api_key') return { [a.header]: a.header.toLowerCase() === 'authorization' ? `Bearer ${a.key}` : a.key };
    if (!this.token || this.token.expiresAt < Date.now() + 30_000) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: a.client_id, client_secret: a.client_secret, ...(a.scope ? { scope: a.scope } : {}) });
      const r = await this.send(a.token_url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      const j = (await r.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
      if (!r.ok || !j.access_token) {
        throw new CarrierError(r.status >= 500 ? 'CARRIER_UNAVAILABLE' : 'CONFIGURATION', `The carrier's token endpoint answered ${r.status}`, r.status >= 500, JSON.stringify(j).slice(0, 500));
      }
      this.token = { value: j.access_token, expiresAt: Date.now() + (j.expires_in ?? 3600) * 1000 };
    }
    return { authorization: `Bearer ${this.token.value}` };
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs) });
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') {
        throw new CarrierError('CARRIER_TIMEOUT', `The carrier did not answer within ${this.o.timeoutMs} ms`, true);
      }
      throw new CarrierError('CARRIER_UNAVAILABLE', `The carrier cannot be reached: ${(err.cause as Error | undefined)?.message ?? err.message}`, true);
    }
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S | null,
    opts: { body?: unknown; idempotencyKey?: string; notFoundIsNull?: boolean } = {},
  ): Promise<z.output<S>> {
    const retries = this.o.retries ?? 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, path, schema, opts);
      } catch (e) {
        // Timeouts are not retried here: the outbox looks the label up before trying again.
        if (!(e instanceof CarrierError) || e.code !== 'CARRIER_UNAVAILABLE' || attempt >= retries) throw e;
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt * (0.5 + Math.random() / 2)));
      }
    }
  }

  private async once<S extends z.ZodType>(method: string, path: string, schema: S | null, opts: { body?: unknown; idempotencyKey?: string; notFoundIsNull?: boolean }): Promise<z.output<S>> {
    if (this.o.auth.type === 'oauth2' && this.token === undefined) await this.authHeaders();
    const headers: Record<string, string> = { accept: 'application/json', ...(await this.authHeaders()) };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    const r = await this.send(`${this.o.baseUrl.replace(/\/+$/, '')}${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
    let text: string;
    try {
      text = await r.text();
    } catch {
      throw new CarrierError('CARRIER_TIMEOUT', 'The carrier stopped answering mid-response', true);
    }
    if (r.status === 404 && opts.notFoundIsNull) return null as z.output<S>;
    if (!r.ok) {
      if (r.status === 401 && this.o.auth.type === 'oauth2') this.token = undefined;
      const parsed = contractErrorSchema.safeParse(safeJson(text));
      const message = parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : text.slice(0, 500);
      const retryable = r.status >= 500 || r.status === 429 || r.status === 408 || (r.status === 401 && this.o.auth.type === 'oauth2');
      const code = retryable ? 'CARRIER_UNAVAILABLE' : r.status === 401 || r.status === 403 ? 'CONFIGURATION' : 'CARRIER_REJECTED';
      const what = code === 'CONFIGURATION' ? 'The carrier refused our credentials' : `The carrier answered ${r.status}`;
      throw new CarrierError(code, what, retryable, message || null);
    }
    if (!schema) return undefined as z.output<S>;
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new CarrierError('CARRIER_UNAVAILABLE', "The carrier's answer does not follow the contract", true, text.slice(0, 500));
    return parsed.data;
  }
}

function safeJson(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function toPurchased(l: z.output<typeof contractLabelSchema>): PurchasedLabel {
  return {
    carrierLabelId: l.label_id, trackingNumbers: l.tracking_numbers, cost: l.cost, sample: false,
    documents: l.documents.map((d) => ({ format: d.format, data: Buffer.from(d.data, 'base64') })),
  };
}
