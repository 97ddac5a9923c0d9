import { eq, sql } from 'drizzle-orm';
import type { OutboxError, OutboxRepo, OutboxRow } from '../../../outbox/ports.js';
import type { Db } from '../database.js';
import { outbox } from '../schema.js';

/** Rows of a raw query on either driver. */
export const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Adds an outbox row inside the caller's transaction. */
export async function insertOutbox(tx: Tx | Db, row: { id: string; tenantId: string; kind: string; refId: string; payload: Record<string, unknown> }): Promise<void> {
  await tx.insert(outbox).values({ ...row, state: 'pending' });
}

export class DrizzleOutboxRepo implements OutboxRepo {
  constructor(private readonly db: Db) {}

  async claim(limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const r = await this.db.execute(sql`
      update outbox set lease_until = now() + ${leaseMs} * interval '1 millisecond', attempts = attempts + 1
      where id in (
        select id from outbox
        where state = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
        order by next_attempt_at
        limit ${limit}
        for update skip locked)
      returning id, tenant_id, kind, ref_id, payload, attempts, created_at`);
    return rowsOf(r).map((x) => ({
      id: String(x['id']), tenant_id: String(x['tenant_id']), kind: String(x['kind']), ref_id: String(x['ref_id']),
      payload: x['payload'] as Record<string, unknown>, attempts: Number(x['attempts']), created_at: new Date(x['created_at'] as string).toISOString(),
    }));
  }

  async complete(id: string): Promise<void> {
    await this.db.update(outbox).set({ state: 'done', doneAt: sql`now()`, leaseUntil: null }).where(eq(outbox.id, id));
  }

  async retryLater(id: string, delayMs: number, error: OutboxError): Promise<void> {
    await this.db
      .update(outbox)
      .set({ nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`, leaseUntil: null, lastError: error })
      .where(eq(outbox.id, id));
  }

  async fail(id: string, error: OutboxError): Promise<void> {
    await this.db.update(outbox).set({ state: 'failed', leaseUntil: null, lastError: error, doneAt: sql`now()` }).where(eq(outbox.id, id));
  }

  async pending(tenantId?: string): Promise<number> {
    const r = await this.db.execute(
      tenantId
        ? sql`select count(*)::int as n from outbox where state = 'pending' and tenant_id = ${tenantId}`
        : sql`select count(*)::int as n from outbox where state = 'pending'`,
    );
    return Number(rowsOf(r)[0]!['n']);
  }
}
