import { PDFDocument, StandardFonts } from 'pdf-lib';
import { randomBytes } from 'node:crypto';
import { safeEqual } from '../../kernel/safe-equal.js';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { signWebhook } from '../../webhooks/signature.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { luhnCheckDigit } from '../../shipments/tracking-numbers.js';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Added to every answer. */
  latencyMs?: number;
  /** Share of requests answered 503 without doing anything. */
  errorRate?: number;
  /** Share of requests carried out but never answered (the connection hangs for hangMs). */
  timeoutRate?: number;
  hangMs?: number;
  /** Share of label purchases delivered twice to the sandbox's own handler (the copy is answered from the idempotency record) and of webhooks sent twice. */
  duplicateRate?: number;
  /** Requires `Authorization: Bearer <apiKey>` (or an OAuth2 token issued for clientId/clientSecret). */
  apiKey?: string;
  oauth?: { clientId: string; clientSecret: string };
  /** Tracking webhooks go here, signed with webhookSecret (`t=<unix>,v1=<HMAC of "t.body">`). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** The sandbox's time: event and signature timestamps (tests pass the service's clock). */
  clock?: Clock;
  /** Random source (tests pass a seeded one). */
  random?: () => number;
  currency?: string;
  /** Formats of the sandbox's own label documents sent with each label (as carriers that draw their labels do); none by default. */
  labelFormats?: ('pdf' | 'zpl')[];
}

interface SandboxLabel {
  label_id: string;
  idempotency_key: string;
  tracking_numbers: string[];
  cost: { amount: number; currency: string };
  status: 'active' | 'voided' | 'manifested';
  reference: string;
  created_at: string;
  documents?: Promise<{ format: 'pdf' | 'zpl'; data: string }[]>;
}

export interface SandboxStats {
  requests: number;
  labels_created: number;
  labels_voided: number;
  replays: number;
  injected_errors: number;
  injected_timeouts: number;
  duplicates: number;
  webhooks_sent: number;
}

/**
 * A carrier that speaks the generic HTTP contract, with faults on demand: latency, errors,
 * requests carried out but never answered, duplicate deliveries. Its ledger
 * (`GET /_sandbox/labels`, `GET /_sandbox/stats`) is what tests check "exactly one label per
 * shipment" against.
 */
export class SandboxCarrier {
  readonly labels = new Map<string, SandboxLabel>();
  private readonly byKey = new Map<string, string>();
  private readonly manifests = new Map<string, { id: string; labels: string[] }>();
  private readonly tokens = new Set<string>();
  readonly stats: SandboxStats = { requests: 0, labels_created: 0, labels_voided: 0, replays: 0, injected_errors: 0, injected_timeouts: 0, duplicates: 0, webhooks_sent: 0 };
  private server: Server | undefined;
  private serial = 0;
  private readonly hanging = new Set<ServerResponse>();
  private readonly random: () => number;

  constructor(private readonly o: SandboxOptions = {}) {
    this.random = o.random ?? Math.random;
  }

  private now(): Date {
    return (this.o.clock ?? systemClock).now();
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(this.o.port ?? 0, this.o.host ?? '127.0.0.1', resolve));
    const a = this.server.address() as AddressInfo;
    return `http://${this.o.host ?? '127.0.0.1'}:${a.port}`;
  }

  async close(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    this.stats.requests++;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const raw = await readBody(req);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    // The ledger and health are never faulty.
    if (url.pathname.startsWith('/_sandbox/')) {
      if (url.pathname === '/_sandbox/stats') return send(200, this.stats);
      if (url.pathname === '/_sandbox/labels') return send(200, { labels: [...this.labels.values()].map(({ documents: _drawn, ...l }) => l) });
      return send(404, { error: { code: 'NOT_FOUND', message: 'unknown sandbox path' } });
    }
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const f = new URLSearchParams(raw);
      if (!this.o.oauth || f.get('grant_type') !== 'client_credentials' || f.get('client_id') !== this.o.oauth.clientId || f.get('client_secret') !== this.o.oauth.clientSecret) {
        return send(401, { error: 'invalid_client' });
      }
      const token = randomBytes(16).toString('hex');
      this.tokens.add(token);
      return send(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    if (!this.authorized(req)) return send(401, { error: { code: 'UNAUTHORIZED', message: 'missing or wrong credentials' } });
    if (this.o.latencyMs) await new Promise((r) => setTimeout(r, this.o.latencyMs));
    if (this.random() < (this.o.errorRate ?? 0)) {
      this.stats.injected_errors++;
      return send(503, { error: { code: 'UNAVAILABLE', message: 'sandbox: injected failure' } });
    }
    const hang = this.random() < (this.o.timeoutRate ?? 0);
    const answer = hang
      ? (status: number, body: unknown) => {
          // Carried out, never answered: the connection hangs until the client gives up.
          void status;
          void body;
          this.stats.injected_timeouts++;
          this.hanging.add(res);
          const t = setTimeout(() => {
            this.hanging.delete(res);
            res.destroy();
          }, this.o.hangMs ?? 60_000);
          res.on('close', () => {
            clearTimeout(t);
            this.hanging.delete(res);
          });
        }
      : send;
    let json: Record<string, unknown> = {};
    try {
      json = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(400, { error: { code: 'BAD_JSON', message: 'the body is not JSON' } });
    }
    const key = String(req.headers['idempotency-key'] ?? '');
    const m = url.pathname.match(/^\/labels\/([^/]+)\/void$/);
    if (req.method === 'POST' && url.pathname === '/labels') {
      if (!key) return send(400, { error: { code: 'IDEMPOTENCY_KEY_REQUIRED', message: 'send an Idempotency-Key header' } });
      const pk = Array.isArray(json['packages']) ? json['packages'].length : 0;
      if (pk < 1) return send(422, { error: { code: 'NO_PACKAGES', message: 'at least one package' } });
      const shipTo = json['ship_to'] as { postal_code?: string } | undefined;
      if (!shipTo?.postal_code) return send(422, { error: { code: 'ADDRESS', message: 'ship_to.postal_code is required' } });
      const label = this.purchase(key, String(json['reference'] ?? ''), pk);
      if (this.random() < (this.o.duplicateRate ?? 0)) {
        // The same request delivered twice: the copy must come back from the idempotency record.
        this.stats.duplicates++;
        this.purchase(key, String(json['reference'] ?? ''), pk);
      }
      return answer(201, await this.publicLabel(label));
    }
    if (req.method === 'GET' && url.pathname === '/labels') {
      const id = this.byKey.get(url.searchParams.get('idempotency_key') ?? '');
      const l = id ? this.labels.get(id) : undefined;
      return l ? answer(200, await this.publicLabel(l)) : answer(404, { error: { code: 'NOT_FOUND', message: 'no label for this idempotency key' } });
    }
    if (req.method === 'POST' && m) {
      const l = this.labels.get(decodeURIComponent(m[1]!));
      if (!l) return answer(404, { error: { code: 'NOT_FOUND', message: 'no such label' } });
      if (l.status === 'manifested') return answer(409, { error: { code: 'MANIFESTED', message: 'a manifested label cannot be voided' } });
      if (l.status !== 'voided') {
        l.status = 'voided';
        this.stats.labels_voided++;
        this.webhook(l.tracking_numbers[0]!, 'VOIDED', 'Label voided');
      }
      return answer(200, { voided: true });
    }
    if (req.method === 'POST' && url.pathname === '/manifests') {
      const ids = Array.isArray(json['label_ids']) ? (json['label_ids'] as string[]) : [];
      const existing = key ? this.manifests.get(key) : undefined;
      if (existing) return answer(200, { manifest_id: existing.id });
      for (const id of ids) {
        const l = this.labels.get(id);
        if (!l || l.status === 'voided') return answer(422, { error: { code: 'LABEL', message: `label ${id} is unknown or voided` } });
      }
      for (const id of ids) this.labels.get(id)!.status = 'manifested';
      const mid = `mf_${randomBytes(6).toString('hex')}`;
      this.manifests.set(key || mid, { id: mid, labels: ids });
      return answer(200, { manifest_id: mid });
    }
    const t = url.pathname.match(/^\/tracking\/([^/]+)$/);
    if (req.method === 'GET' && t) {
      const tn = decodeURIComponent(t[1]!);
      const l = [...this.labels.values()].find((x) => x.tracking_numbers.includes(tn));
      if (!l) return answer(404, { error: { code: 'NOT_FOUND', message: 'unknown tracking number' } });
      return answer(200, { tracking_number: tn, events: [{ code: 'LABEL_CREATED', description: 'Shipping label created', occurred_at: l.created_at, location: null }] });
    }
    if (req.method === 'POST' && url.pathname === '/rates') {
      const pk = Array.isArray(json['packages']) ? json['packages'].length : 1;
      return answer(200, { rates: [{ service: String(json['service'] ?? 'ground'), total: { amount: 799 * pk, currency: this.o.currency ?? 'USD' } }] });
    }
    return send(404, { error: { code: 'NOT_FOUND', message: `${req.method} ${url.pathname} is not part of the contract` } });
  }

  /** From now on, send the sandbox's own label documents in these formats (none: lastmile draws the labels). */
  setLabelFormats(formats: ('pdf' | 'zpl')[]) {
    this.o.labelFormats = formats;
  }

  private async publicLabel(l: SandboxLabel) {
    const formats = this.o.labelFormats ?? [];
    if (formats.length) l.documents ??= drawDocuments(l, formats);
    return { label_id: l.label_id, tracking_numbers: l.tracking_numbers, cost: l.cost, status: l.status, ...(l.documents ? { documents: await l.documents } : {}) };
  }

  private purchase(key: string, reference: string, packages: number): SandboxLabel {
    const known = this.byKey.get(key);
    if (known) {
      this.stats.replays++;
      return this.labels.get(known)!;
    }
    const tns: string[] = [];
    for (let p = 0; p < packages; p++) {
      const digits = String(++this.serial).padStart(11, '0');
      tns.push(`SBX${digits}${luhnCheckDigit(digits)}`);
    }
    const label: SandboxLabel = {
      label_id: `lbl_${randomBytes(8).toString('hex')}`, idempotency_key: key, tracking_numbers: tns,
      cost: { amount: 799 * packages, currency: this.o.currency ?? 'USD' }, status: 'active', reference, created_at: this.now().toISOString(),
    };
    this.labels.set(label.label_id, label);
    this.byKey.set(key, label.label_id);
    this.stats.labels_created++;
    this.webhook(tns[0]!, 'LABEL_CREATED', 'Shipping label created', label.created_at);
    return label;
  }

  private authorized(req: IncomingMessage): boolean {
    if (!this.o.apiKey && !this.o.oauth) return true;
    const h = String(req.headers['authorization'] ?? '');
    const token = h.startsWith('Bearer ') ? h.slice(7) : '';
    if (this.o.apiKey && safeEqual(token, this.o.apiKey)) return true;
    return this.tokens.has(token);
  }

  /** Tracking webhooks (fire and forget), signed `X-Webhook-Signature: t=<unix>,v1=<hex>`. */
  private webhook(trackingNumber: string, code: string, description: string, at = this.now().toISOString()) {
    const url = this.o.webhookUrl;
    if (!url) return;
    const payload = JSON.stringify({ tracking_number: trackingNumber, events: [{ code, description, occurred_at: at, location: null }] });
    const sig = signWebhook(this.o.webhookSecret ?? '', payload, this.now());
    const times = this.random() < (this.o.duplicateRate ?? 0) ? 2 : 1;
    for (let k = 0; k < times; k++) {
      this.stats.webhooks_sent++;
      void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-webhook-signature': sig }, body: payload, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    }
  }
}

/** The sandbox's own label: a 4x6 page (or ZPL label) per package with the number as Code 128. */
async function drawDocuments(l: SandboxLabel, formats: readonly ('pdf' | 'zpl')[]) {
  const out: { format: 'pdf' | 'zpl'; data: string }[] = [];
  if (formats.includes('pdf')) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.HelveticaBold);
    for (const [k, tn] of l.tracking_numbers.entries()) {
      const page = doc.addPage([288, 432]);
      page.drawText('SANDBOX CARRIER', { x: 18, y: 396, size: 18, font });
      page.drawText(`PACKAGE ${k + 1} OF ${l.tracking_numbers.length}`, { x: 18, y: 372, size: 11, font });
      page.drawText(tn, { x: 18, y: 340, size: 16, font });
    }
    out.push({ format: 'pdf', data: Buffer.from(await doc.save()).toString('base64') });
  }
  if (formats.includes('zpl')) {
    const zpl = l.tracking_numbers
      .map((tn, k) => `^XA^CI28^FO30,30^A0N,40,40^FDSANDBOX CARRIER^FS^FO30,90^A0N,28,28^FDPACKAGE ${k + 1} OF ${l.tracking_numbers.length}^FS^FO30,150^BY3^BCN,160,Y,N,N^FD${tn}^FS^XZ`)
      .join('\n');
    out.push({ format: 'zpl', data: Buffer.from(zpl).toString('base64') });
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
