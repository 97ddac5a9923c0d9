import { and, desc, eq, lt } from 'drizzle-orm';
import type { Job, JobState } from '../../../jobs/job.schema.js';
import type { JobRepo, JobRow } from '../../../jobs/ports.js';
import { toPage } from '../../../kernel/list.js';
import type { Db } from '../database.js';
import { jobs } from '../schema.js';

type Row = typeof jobs.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toJob(r: Row): Job {
  return {
    id: r.id,
    type: r.type,
    state: r.state as JobState,
    progress: { done: r.progressDone, total: r.progressTotal },
    result: r.result ?? null,
    error: (r.error as Job['error']) ?? null,
    created_at: r.createdAt.toISOString(),
    started_at: iso(r.startedAt),
    finished_at: iso(r.finishedAt),
  };
}

export class DrizzleJobRepo implements JobRepo {
  constructor(private readonly db: Db) {}

  async create(row: { id: string; tenantId: string; type: string; params: Record<string, unknown>; total: number | null }) {
    const [r] = await this.db
      .insert(jobs)
      .values({ id: row.id, tenantId: row.tenantId, type: row.type, state: 'queued', params: row.params, progressTotal: row.total })
      .returning();
    return toJob(r!);
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(jobs).where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)));
    return r && toJob(r);
  }

  async getForWorker(id: string): Promise<JobRow | undefined> {
    const [r] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return r && { ...toJob(r), tenant_id: r.tenantId, params: r.params as Record<string, unknown> };
  }

  async list(tenantId: string, beforeId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenantId), beforeId ? lt(jobs.id, beforeId) : undefined))
      .orderBy(desc(jobs.id))
      .limit(limit + 1);
    return toPage(rows.map(toJob), limit);
  }

  async setState(id: string, state: JobState, fields: { result?: unknown; error?: { code: string; message: string } | null } = {}) {
    const set: Partial<typeof jobs.$inferInsert> = { state };
    if (state === 'running') set.startedAt = new Date();
    if (state === 'succeeded' || state === 'failed' || state === 'cancelled') set.finishedAt = new Date();
    if (fields.result !== undefined) set.result = fields.result;
    if (fields.error !== undefined) set.error = fields.error;
    await this.db.update(jobs).set(set).where(eq(jobs.id, id));
  }

  async setProgress(id: string, done: number, total: number | null) {
    await this.db.update(jobs).set({ progressDone: done, progressTotal: total }).where(eq(jobs.id, id));
  }
}
