import type { Clock } from '../kernel/clock.js';
import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeCursor } from '../kernel/list.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { OutboxRow } from '../outbox/ports.js';
import { randomBytes } from 'node:crypto';
import type { WebhookRepo } from './ports.js';
import { newWebhookSecret, signWebhook } from './signature.js';
import { assertPublicTarget, blockedCause, type HostCheck } from '../kernel/blocked-address.js';

export const OUTBOX_WEBHOOK = 'webhook.deliver';
const DISABLE_AFTER = 20;
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

export class WebhookError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly status: number | null) {
    super(message);
  }
}

/**
 * Outbound webhooks (CONVENTIONS.md): events go to each subscribed endpoint as signed JSON
 * through the outbox, retried with backoff for 24 hours; an endpoint is disabled after 20
 * failures in a row. Every attempt is in the delivery log.
 */
export class WebhooksService {
  constructor(
    private readonly d: {
      repo: WebhookRepo;
      outbox: OutboxService;
      clock: Clock;
      seal: (s: string) => Promise<string>;
      open: (s: string) => Promise<string>;
      /** The guarded fetch (only public addresses, checked at connect time). */
      fetch?: typeof fetch;
      timeoutMs?: number;
      /** Refuses a host that is not public (at subscription, for a clear 400; connect time checks again). */
      checkHost?: HostCheck;
    },
  ) {
    d.outbox.register(OUTBOX_WEBHOOK, {
      run: (row) => this.deliver(row),
      giveUp: (row, err) => this.giveUp(row, err),
      retry: { maxAttempts: 30, baseDelayMs: 10_000, maxDelayMs: 3_600_000 },
    });
  }

  private readonly cache = new Map<string, { at: number; endpoints: Awaited<ReturnType<WebhookRepo['listEndpoints']>> }>();

  private async enabledEndpoints(tenantId: string) {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < 5000) return hit.endpoints;
    const endpoints = (await this.d.repo.listEndpoints(tenantId)).filter((e) => e.enabled);
    this.cache.set(tenantId, { at: Date.now(), endpoints });
    return endpoints;
  }

  async create(tenantId: string, input: { url: string; events: string[] }) {
    this.cache.delete(tenantId);
    await this.checkUrl(input.url);
    const secret = newWebhookSecret();
    const endpoint = await this.d.repo.createEndpoint(tenantId, { id: newId('webhook'), url: input.url, sealedSecret: await this.d.seal(secret), events: input.events });
    return { ...endpoint, secret };
  }

  list(tenantId: string) {
    return this.d.repo.listEndpoints(tenantId);
  }

  async setEnabled(tenantId: string, id: string, enabled: boolean) {
    this.cache.delete(tenantId);
    const e = await this.d.repo.setEnabled(tenantId, id, enabled);
    if (!e) throw notFound('webhook', id);
    return e;
  }

  async remove(tenantId: string, id: string) {
    this.cache.delete(tenantId);
    if (!(await this.d.repo.deleteEndpoint(tenantId, id))) throw notFound('webhook', id);
  }

  async deliveries(tenantId: string, id: string, q: { limit: number; cursor?: string | undefined }) {
    if (!(await this.d.repo.getEndpoint(tenantId, id))) throw notFound('webhook', id);
    return this.d.repo.deliveries(tenantId, id, decodeCursor(q.cursor), q.limit);
  }

  /** Queues an event for every enabled endpoint subscribed to its type (or to `*`). */
  async emit(tenantId: string, events: { type: string; data: Record<string, unknown> }[]): Promise<number> {
    if (events.length === 0) return 0;
    const endpoints = await this.enabledEndpoints(tenantId);
    if (endpoints.length === 0) return 0;
    const rows = [];
    const created = this.d.clock.now().toISOString();
    for (const ev of events) {
      const eventId = newId('webhookDelivery').replace(/^whd_/, 'evt_');
      for (const e of endpoints) {
        if (!e.events.includes('*') && !e.events.includes(ev.type)) continue;
        rows.push({ id: newId('webhookDelivery'), endpoint_id: e.id, event_id: eventId, type: ev.type, payload: { id: eventId, type: ev.type, created_at: created, data: ev.data }, outbox_id: newId('outbox') });
      }
    }
    if (rows.length === 0) return 0;
    await this.d.repo.enqueue(tenantId, rows);
    this.d.outbox.kick();
    return rows.length;
  }

  /**
   * Sends a `webhook.test` event now, once, and reports whether the endpoint took it. Only an
   * HTTP answer's status is reported: a connection failure says "not reachable" without the
   * system's reason, so the call cannot be used to probe which ports are open.
   */
  async test(tenantId: string, id: string) {
    const e = await this.d.repo.getEndpoint(tenantId, id);
    if (!e) throw notFound('webhook', id);
    const payload = { id: `evt_test_${randomBytes(6).toString('hex')}`, type: 'webhook.test', created_at: this.d.clock.now().toISOString(), data: { endpoint_id: id } };
    try {
      const status = await this.post(e.url, await this.d.open(e.sealed_secret), payload);
      return { ok: true, status, error: null };
    } catch (err) {
      const w = err as WebhookError;
      return { ok: false, status: w.status ?? null, error: w.message };
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const id = String(row.payload['delivery_id']);
    const del = await this.d.repo.getDelivery(row.tenant_id, id);
    if (!del || del.state !== 'pending') return;
    const e = await this.d.repo.getEndpoint(row.tenant_id, del.endpoint_id);
    if (!e || !e.enabled) {
      await this.d.repo.recordAttempt(row.tenant_id, id, { ok: false, status: null, error: e ? 'endpoint disabled' : 'endpoint removed', final: true, attempt: false }, DISABLE_AFTER);
      return;
    }
    // The event's own created_at is the clock's; the row's is the database's (not compared here).
    const created = Date.parse(String(del.payload['created_at'] ?? del.created_at));
    if (this.d.clock.now().getTime() - created > GIVE_UP_AFTER_MS) throw new WebhookError('gave up after 24 hours', false, null);
    try {
      const status = await this.post(e.url, await this.d.open(e.sealed_secret), del.payload);
      await this.d.repo.recordAttempt(row.tenant_id, id, { ok: true, status, error: null, final: true }, DISABLE_AFTER);
    } catch (err) {
      const w = err instanceof WebhookError ? err : new WebhookError((err as Error).message, true, null);
      await this.d.repo.recordAttempt(row.tenant_id, id, { ok: false, status: w.status, error: w.message, final: false }, DISABLE_AFTER);
      throw w;
    }
  }

  private async giveUp(row: OutboxRow, err: unknown): Promise<void> {
    const w = err as WebhookError;
    await this.d.repo.recordAttempt(row.tenant_id, String(row.payload['delivery_id']), { ok: false, status: w.status ?? null, error: w.message ?? String(err), final: true, attempt: false }, DISABLE_AFTER);
  }

  private async post(url: string, secret: string, payload: Record<string, unknown>): Promise<number> {
    const body = JSON.stringify(payload);
    let res: Response;
    try {
      res = await (this.d.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'lastmile-webhooks/1', 'lastmile-signature': signWebhook(secret, body, this.d.clock.now()) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.d.timeoutMs ?? 10_000),
      });
    } catch (e) {
      const blocked = blockedCause(e);
      if (blocked) throw new WebhookError(`refused: ${blocked.message}`, false, null);
      throw new WebhookError((e as Error).name === 'TimeoutError' ? 'not reachable (timed out)' : 'not reachable', true, null);
    }
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return res.status;
    throw new WebhookError(`answered ${res.status}`, true, res.status);
  }

  private async checkUrl(url: string) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'Not a URL', { errors: [{ path: 'url', message: 'an https:// URL' }] });
    }
    if (!/^https?:$/.test(u.protocol)) throw new AppError('VALIDATION_FAILED', 'Webhooks go to http(s) URLs', { errors: [{ path: 'url', message: 'http or https' }] });
    await assertPublicTarget(this.d.checkHost, u.hostname, 'url');
  }
}
