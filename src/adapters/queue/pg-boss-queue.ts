import PgBoss from 'pg-boss';
import type { ExecuteSql } from '../db/database.js';
import { loggableError } from '../../kernel/errors.js';
import type { JobAttempt, JobQueue } from '../../jobs/ports.js';

interface Logger {
  error(obj: object, msg: string): void;
}

/**
 * pg-boss on either engine: it talks through our `executeSql`, which on PGlite runs its
 * multi-statement scripts with the simple protocol (see adapters/db/database.ts).
 */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly created = new Set<string>();

  constructor(executeSql: ExecuteSql, private readonly log?: Logger, opts: { pollingIntervalSeconds?: number } = {}) {
    this.boss = new PgBoss({
      db: { executeSql: executeSql as (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> },
      schedule: false,
      // Maintenance (archiving, expiry) runs every few minutes; fine for either engine.
      supervise: true,
    } as unknown as PgBoss.ConstructorOptions);
    this.boss.on('error', (e) => this.log?.error({ error: loggableError(e) }, 'job queue error'));
    this.polling = opts.pollingIntervalSeconds ?? 0.5;
  }

  private readonly polling: number;

  private start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  private async ensureQueue(name: string) {
    if (this.created.has(name)) return;
    await this.start();
    if (!(await this.boss.getQueue(name))) {
      await this.boss.createQueue(name, { name, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600 } as PgBoss.Queue);
    }
    this.created.add(name);
  }

  async send(type: string, jobId: string, opts: { delayMs?: number } = {}): Promise<void> {
    await this.ensureQueue(type);
    await this.boss.send(type, { job_id: jobId }, opts.delayMs ? { startAfter: Math.max(1, Math.ceil(opts.delayMs / 1000)) } : {});
  }

  async work(types: string[], run: (jobId: string, attempt: JobAttempt) => Promise<void>): Promise<void> {
    for (const t of types) {
      await this.ensureQueue(t);
      await this.boss.work<{ job_id: string }>(t, { pollingIntervalSeconds: this.polling, batchSize: 1, includeMetadata: true }, async (batch) => {
        for (const j of batch) await run(j.data.job_id, { final: j.retryCount >= j.retryLimit });
      });
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 } as PgBoss.StopOptions);
  }
}
