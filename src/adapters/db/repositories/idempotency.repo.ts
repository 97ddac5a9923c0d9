import { and, eq, lt } from 'drizzle-orm';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '../../../api/idempotency.js';
import type { Db } from '../database.js';
import { idempotencyKeys } from '../schema.js';

export class DrizzleIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Db) {}

  async claim(tenantId: string, key: string, rec: { requestHash: string; method: string; path: string }): Promise<IdempotencyRecord | undefined> {
    const inserted = await this.db
      .insert(idempotencyKeys)
      .values({ tenantId, key, requestHash: rec.requestHash, method: rec.method, path: rec.path })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return undefined;
    const [r] = await this.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
    if (!r) return undefined;
    return {
      requestHash: r.requestHash,
      method: r.method,
      path: r.path,
      response: r.statusCode != null ? { statusCode: r.statusCode, body: r.responseBody } : null,
      createdAt: r.createdAt,
    };
  }

  async complete(tenantId: string, key: string, response: StoredResponse) {
    await this.db
      .update(idempotencyKeys)
      .set({ statusCode: response.statusCode, responseBody: response.body ?? null })
      .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
  }

  async release(tenantId: string, key: string) {
    await this.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
  }

  async purge(olderThan: Date) {
    const r = await this.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan)).returning({ k: idempotencyKeys.key });
    return r.length;
  }
}
