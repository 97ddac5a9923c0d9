import { and, asc, eq, sql } from 'drizzle-orm';
import { newId } from '../../../kernel/ids.js';
import type { NotificationRecord, NotificationRepo, StoredNotificationSettings } from '../../../notifications/notifications.service.js';
import type { Db } from '../database.js';
import { notifications, outbox, trackingConfigs } from '../schema.js';

type Row = typeof notifications.$inferSelect;
const toRecord = (r: Row): NotificationRecord => ({
  id: r.id, shipment_id: r.shipmentId, kind: r.kind as NotificationRecord['kind'], language: r.language, channel: r.channel, recipient: r.recipient, subject: r.subject, body: r.body,
  state: r.state as NotificationRecord['state'], error: r.error, created_at: r.createdAt.toISOString(), sent_at: r.sentAt ? r.sentAt.toISOString() : null,
});

/** Settings live in the tenant's tracking configuration document, under `notifications`. */
export class DrizzleNotificationRepo implements NotificationRepo {
  constructor(private readonly db: Db) {}

  async settings(tenantId: string) {
    const [r] = await this.db.select().from(trackingConfigs).where(eq(trackingConfigs.tenantId, tenantId));
    return (r?.config as { notifications?: StoredNotificationSettings } | undefined)?.notifications;
  }

  async saveSettings(tenantId: string, s: StoredNotificationSettings) {
    await this.db
      .insert(trackingConfigs)
      .values({ tenantId, config: { notifications: s } })
      .onConflictDoUpdate({ target: trackingConfigs.tenantId, set: { config: sql`${trackingConfigs.config} || ${JSON.stringify({ notifications: s })}::jsonb`, updatedAt: sql`now()` } });
  }

  async enqueue(tenantId: string, rows: (Omit<NotificationRecord, 'state' | 'error' | 'created_at' | 'sent_at'> & { tracking_number: string })[]) {
    return this.db.transaction(async (tx) => {
      const created = await tx
        .insert(notifications)
        .values(rows.map((r) => ({ id: r.id, tenantId, shipmentId: r.shipment_id, kind: r.kind, language: r.language, channel: r.channel, recipient: r.recipient, subject: r.subject, body: r.body, state: 'pending' })))
        .onConflictDoNothing()
        .returning({ id: notifications.id });
      const ids = new Set(created.map((c) => c.id));
      const queued = rows.filter((r) => ids.has(r.id));
      if (queued.length) {
        await tx.insert(outbox).values(queued.map((r) => ({ id: newId('outbox'), tenantId, kind: 'notify.send', refId: r.id, payload: { notification_id: r.id, tracking_number: r.tracking_number }, state: 'pending' })));
      }
      return [...ids];
    });
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(notifications).where(and(eq(notifications.tenantId, tenantId), eq(notifications.id, id)));
    return r ? toRecord(r) : undefined;
  }

  async mark(tenantId: string, id: string, state: 'sent' | 'failed', error: string | null) {
    await this.db.update(notifications).set({ state, error, ...(state === 'sent' ? { sentAt: sql`now()` } : {}) }).where(and(eq(notifications.tenantId, tenantId), eq(notifications.id, id)));
  }

  async list(tenantId: string, shipmentId: string) {
    return (await this.db.select().from(notifications).where(and(eq(notifications.tenantId, tenantId), eq(notifications.shipmentId, shipmentId))).orderBy(asc(notifications.id))).map(toRecord);
  }
}
