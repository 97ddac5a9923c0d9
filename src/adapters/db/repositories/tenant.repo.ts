import { and, count, eq, isNull } from 'drizzle-orm';
import type { ApiKeyRepo, NewApiKeyRow, TenantRepo } from '../../../tenants/ports.js';
import type { ApiKey, Tenant } from '../../../tenants/tenant.schema.js';
import type { Db } from '../database.js';
import { apiKeys, tenants } from '../schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toTenant(r: typeof tenants.$inferSelect): Tenant {
  return { id: r.id, name: r.name, currency: r.currency, time_zone: r.timeZone, created_at: r.createdAt.toISOString() };
}

function toKey(r: typeof apiKeys.$inferSelect): ApiKey {
  return {
    id: r.id,
    name: r.name,
    mode: r.mode as ApiKey['mode'],
    display_prefix: r.displayPrefix,
    scopes: r.scopes,
    created_at: r.createdAt.toISOString(),
    last_used_at: iso(r.lastUsedAt),
    revoked_at: iso(r.revokedAt),
  };
}

export class DrizzleTenantRepo implements TenantRepo {
  constructor(private readonly db: Db) {}

  async findByName(name: string) {
    const [r] = await this.db.select().from(tenants).where(eq(tenants.name, name));
    return r && toTenant(r);
  }

  async getById(id: string) {
    const [r] = await this.db.select().from(tenants).where(eq(tenants.id, id));
    return r && toTenant(r);
  }

  async create(t: { id: string; name: string }) {
    // Two processes may race to create the same tenant; the unique name decides.
    await this.db.insert(tenants).values(t).onConflictDoNothing({ target: tenants.name });
    const found = await this.findByName(t.name);
    if (!found) throw new Error(`tenant ${t.name} vanished after insert`);
    return found;
  }

  async update(id: string, patch: { currency?: string; time_zone?: string | null }) {
    const set = { ...(patch.currency !== undefined ? { currency: patch.currency } : {}), ...(patch.time_zone !== undefined ? { timeZone: patch.time_zone } : {}) };
    if (Object.keys(set).length === 0) return this.getById(id);
    const [r] = await this.db.update(tenants).set(set).where(eq(tenants.id, id)).returning();
    return r && toTenant(r);
  }

  async list() {
    const rows = await this.db.select().from(tenants).orderBy(tenants.name);
    return rows.map(toTenant);
  }

  async count() {
    const [r] = await this.db.select({ n: count() }).from(tenants);
    return Number(r?.n ?? 0);
  }
}

export class DrizzleApiKeyRepo implements ApiKeyRepo {
  constructor(private readonly db: Db) {}

  async create(row: NewApiKeyRow) {
    const [r] = await this.db.insert(apiKeys).values(row).returning();
    return toKey(r!);
  }

  async findActiveByHash(hash: string) {
    const [r] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
    return r && { key: toKey(r), tenantId: r.tenantId };
  }

  async list(tenantId: string) {
    const rows = await this.db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(apiKeys.id);
    return rows.map(toKey);
  }

  async revoke(tenantId: string, id: string, at: Date) {
    const [r] = await this.db
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)))
      .returning();
    return r && toKey(r);
  }

  async touch(id: string, at: Date) {
    await this.db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
  }
}
