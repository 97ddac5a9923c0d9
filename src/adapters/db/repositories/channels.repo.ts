import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { ChannelsRepo, Connection } from '../../../channels/channels.service.js';
import type { ChannelKind } from '../../../channels/ports.js';
import type { Db } from '../database.js';
import { channelConnections, channelOrders } from '../schema.js';

type Row = typeof channelConnections.$inferSelect;
const toConnection = (r: Row): Connection => ({
  id: r.id, name: r.name, kind: r.kind as ChannelKind, base_url: r.baseUrl, settings: r.settings as Record<string, unknown>, cursor: r.cursor,
  last_sync_at: r.lastSyncAt ? r.lastSyncAt.toISOString() : null, last_error: r.lastError, created_at: r.createdAt.toISOString(),
});

export class DrizzleChannelsRepo implements ChannelsRepo {
  constructor(private readonly db: Db) {}

  async create(tenantId: string, c: Omit<Connection, 'cursor' | 'last_sync_at' | 'last_error' | 'created_at'> & { credentials: string }) {
    const [r] = await this.db.insert(channelConnections).values({ id: c.id, tenantId, name: c.name, kind: c.kind, baseUrl: c.base_url, credentials: c.credentials, settings: c.settings }).returning();
    return toConnection(r!);
  }

  async list(tenantId: string) {
    return (await this.db.select().from(channelConnections).where(eq(channelConnections.tenantId, tenantId)).orderBy(asc(channelConnections.name))).map(toConnection);
  }

  async get(tenantId: string, idOrName: string) {
    const [r] = await this.db.select().from(channelConnections).where(and(eq(channelConnections.tenantId, tenantId), or(eq(channelConnections.id, idOrName), eq(channelConnections.name, idOrName))));
    return r ? { ...toConnection(r), credentials: r.credentials } : undefined;
  }

  async remove(tenantId: string, id: string) {
    const r = await this.db.delete(channelConnections).where(and(eq(channelConnections.tenantId, tenantId), eq(channelConnections.id, id))).returning({ id: channelConnections.id });
    return r.length > 0;
  }

  async all() {
    return (await this.db.select({ tenant_id: channelConnections.tenantId, id: channelConnections.id }).from(channelConnections).orderBy(asc(channelConnections.id)));
  }

  async tenantOf(id: string) {
    const [r] = await this.db.select({ t: channelConnections.tenantId }).from(channelConnections).where(eq(channelConnections.id, id));
    return r?.t;
  }

  async saveSync(tenantId: string, id: string, s: { cursor?: string | null; error: string | null }) {
    await this.db
      .update(channelConnections)
      .set({ ...(s.cursor !== undefined ? { cursor: s.cursor } : {}), lastError: s.error, ...(s.error ? {} : { lastSyncAt: sql`now()` }) })
      .where(and(eq(channelConnections.tenantId, tenantId), eq(channelConnections.id, id)));
  }

  async channelOrder(tenantId: string, connectionId: string, externalId: string) {
    const [r] = await this.db.select().from(channelOrders).where(and(eq(channelOrders.tenantId, tenantId), eq(channelOrders.connectionId, connectionId), eq(channelOrders.externalId, externalId)));
    return r ? { order_id: r.orderId, refs: r.refs as Record<string, unknown>, channel_updated_at: r.channelUpdatedAt } : undefined;
  }

  async channelOrderByOrder(tenantId: string, orderId: string) {
    const [r] = await this.db.select().from(channelOrders).where(and(eq(channelOrders.tenantId, tenantId), eq(channelOrders.orderId, orderId)));
    return r ? { connection_id: r.connectionId, refs: r.refs as Record<string, unknown> } : undefined;
  }

  async saveChannelOrder(tenantId: string, connectionId: string, externalId: string, orderId: string, refs: Record<string, unknown>, updatedAt: string | null) {
    await this.db
      .insert(channelOrders)
      .values({ tenantId, connectionId, externalId, orderId, refs, channelUpdatedAt: updatedAt })
      .onConflictDoUpdate({
        target: [channelOrders.tenantId, channelOrders.connectionId, channelOrders.externalId],
        set: { refs, orderId, channelUpdatedAt: sql`greatest(${channelOrders.channelUpdatedAt}, excluded.channel_updated_at)`, updatedAt: sql`now()` },
      });
  }
}
