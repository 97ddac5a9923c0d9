import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '../../../api/idempotency.js';
import type { Db } from '../database.js';
import { idempotencyKeys } from '../schema.js';

/** Seals and opens stored responses (the secret box): replays may carry a secret shown once. */
export interface ResponseSeal {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

type Row = typeof idempotencyKeys.$inferSelect;

export class DrizzleIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Db, private readonly box: ResponseSeal) {}

  async claim(tenantId: string, key: string, rec: { requestHash: string; method: string; path: string }, now: Date): Promise<IdempotencyRecord | undefined> {
    const inserted = await this.db
      .insert(idempotencyKeys)
      .values({ tenantId, key, requestHash: rec.requestHash, method: rec.method, path: rec.path, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return undefined;
    return this.peek(tenantId, key);
  }

  async peek(tenantId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [r] = await this.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
    return r ? this.toRecord(r) : undefined;
  }

  private async toRecord(r: Row): Promise<IdempotencyRecord> {
    let response: StoredResponse | null = null;
    if (r.statusCode != null) {
      const stored = r.responseBody as { sealed?: unknown } | null;
      const body = stored && typeof stored === 'object' && typeof stored.sealed === 'string' ? JSON.parse(await this.box.open(stored.sealed)) : stored;
      response = { statusCode: r.statusCode, body };
    }
    return { requestHash: r.requestHash, method: r.method, path: r.path, response, createdAt: r.createdAt };
  }

  async complete(tenantId: string, key: string, response: StoredResponse) {
    const sealed = await this.box.seal(JSON.stringify(response.body ?? null));
    await this.db
      .update(idempotencyKeys)
      .set({ statusCode: response.statusCode, responseBody: { sealed } })
      .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
  }

  async release(tenantId: string, key: string) {
    await this.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
  }

  async sealStored() {
    const rows = await this.db.select().from(idempotencyKeys).where(and(isNotNull(idempotencyKeys.responseBody), sql`not (jsonb_typeof(${idempotencyKeys.responseBody}) = 'object' and ${idempotencyKeys.responseBody} ? 'sealed')`));
    for (const r of rows) {
      const sealed = await this.box.seal(JSON.stringify(r.responseBody));
      await this.db.update(idempotencyKeys).set({ responseBody: { sealed } }).where(and(eq(idempotencyKeys.tenantId, r.tenantId), eq(idempotencyKeys.key, r.key)));
    }
    return rows.length;
  }

  async purge(olderThan: Date) {
    const r = await this.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan)).returning({ k: idempotencyKeys.key });
    return r.length;
  }
}
