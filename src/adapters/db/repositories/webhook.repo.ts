import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { toPage } from '../../../kernel/list.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookRepo } from '../../../webhooks/ports.js';
import type { Db } from '../database.js';
import { outbox, webhookDeliveries, webhookEndpoints } from '../schema.js';

type E = typeof webhookEndpoints.$inferSelect;
const toEndpoint = (r: E): WebhookEndpoint => ({
  id: r.id, url: r.url, events: r.events, enabled: r.enabled, consecutive_failures: r.consecutiveFailures,
  disabled_at: r.disabledAt ? r.disabledAt.toISOString() : null, created_at: r.createdAt.toISOString(),
});
type D = typeof webhookDeliveries.$inferSelect;
const toDelivery = (r: D): WebhookDelivery => ({
  id: r.id, endpoint_id: r.endpointId, event_id: r.eventId, type: r.type, payload: r.payload as Record<string, unknown>, state: r.state as WebhookDelivery['state'],
  attempts: r.attempts, last_status: r.lastStatus, last_error: r.lastError, created_at: r.createdAt.toISOString(), delivered_at: r.deliveredAt ? r.deliveredAt.toISOString() : null,
});

export class DrizzleWebhookRepo implements WebhookRepo {
  constructor(private readonly db: Db) {}

  async createEndpoint(tenantId: string, e: { id: string; url: string; sealedSecret: string; events: string[] }) {
    const [r] = await this.db.insert(webhookEndpoints).values({ id: e.id, tenantId, url: e.url, secret: e.sealedSecret, events: e.events }).returning();
    return toEndpoint(r!);
  }

  async listEndpoints(tenantId: string) {
    return (await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId)).orderBy(webhookEndpoints.id)).map(toEndpoint);
  }

  async getEndpoint(tenantId: string, id: string) {
    const [r] = await this.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
    return r ? { ...toEndpoint(r), sealed_secret: r.secret } : undefined;
  }

  async setEnabled(tenantId: string, id: string, enabled: boolean) {
    const [r] = await this.db
      .update(webhookEndpoints)
      .set(enabled ? { enabled, consecutiveFailures: 0, disabledAt: null } : { enabled, disabledAt: sql`now()` })
      .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
      .returning();
    return r ? toEndpoint(r) : undefined;
  }

  async deleteEndpoint(tenantId: string, id: string) {
    return (await this.db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id))).returning({ id: webhookEndpoints.id })).length > 0;
  }

  async enqueue(tenantId: string, deliveries: { id: string; endpoint_id: string; event_id: string; type: string; payload: Record<string, unknown>; outbox_id: string }[]) {
    await this.db.transaction(async (tx) => {
      await tx.insert(webhookDeliveries).values(deliveries.map((d) => ({ id: d.id, tenantId, endpointId: d.endpoint_id, eventId: d.event_id, type: d.type, payload: d.payload, state: 'pending' })));
      await tx.insert(outbox).values(deliveries.map((d) => ({ id: d.outbox_id, tenantId, kind: 'webhook.deliver', refId: d.id, payload: { delivery_id: d.id }, state: 'pending' })));
    });
  }

  async getDelivery(tenantId: string, id: string) {
    const [r] = await this.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)));
    return r ? toDelivery(r) : undefined;
  }

  async recordAttempt(tenantId: string, id: string, o: { ok: boolean; status: number | null; error: string | null; final: boolean; attempt?: boolean }, disableAfter: number) {
    if (o.attempt === false) {
      await this.db.update(webhookDeliveries).set({ state: 'failed', lastError: o.error }).where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)));
      return;
    }
    await this.db.transaction(async (tx) => {
      const [d] = await tx
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`, lastStatus: o.status, lastError: o.error,
          ...(o.ok ? { state: 'succeeded', deliveredAt: sql`now()` } : o.final ? { state: 'failed' } : {}),
        })
        .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)))
        .returning({ endpointId: webhookDeliveries.endpointId });
      if (!d) return;
      if (o.ok) {
        await tx.update(webhookEndpoints).set({ consecutiveFailures: 0 }).where(eq(webhookEndpoints.id, d.endpointId));
      } else {
        await tx.execute(sql`update webhook_endpoints set consecutive_failures = consecutive_failures + 1,
          enabled = case when consecutive_failures + 1 >= ${disableAfter} then false else enabled end,
          disabled_at = case when consecutive_failures + 1 >= ${disableAfter} and enabled then now() else disabled_at end
          where id = ${d.endpointId}`);
      }
    });
  }

  async deliveries(tenantId: string, endpointId: string, beforeId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId), beforeId ? lt(webhookDeliveries.id, beforeId) : undefined))
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit + 1);
    return toPage(rows.map(toDelivery), limit);
  }
}
