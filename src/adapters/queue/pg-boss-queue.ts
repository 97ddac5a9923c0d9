import PgBoss from 'pg-boss';
import type { ExecuteSql } from '../db/database.js';
import { loggableError } from '../../kernel/errors.js';
import type { JobAttempt, JobQueue } from '../../jobs/ports.js';

interface Logger {
  error(obj: object, msg: string): void;
}

type RawSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/** pg-boss's statements that record a job's end by id: idempotent (they test the job's state). */
const SETTLES_JOB = /SET completed_on = now\(\),\s*state = 'completed'|WITH deleted_jobs AS \(\s*DELETE FROM \S+\.job\s*WHERE name = \$1 AND id IN/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * pg-boss records a job's end without waiting for it (`complete`/`fail` after the handler): when
 * the database is restarting at that moment the call rejects unhandled and the job stays active
 * until it expires (an hour), so an import that failed on the restart would wait that long for
 * its retry. These statements are retried until the database is back (bounded), then given up
 * with a log line instead of an unhandled rejection; every other statement passes through.
 */
export function settleJobs(executeSql: RawSql, maxMs: number, log?: Logger): RawSql {
  return async (text, values) => {
    if (!SETTLES_JOB.test(text)) return executeSql(text, values);
    const started = Date.now();
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      try {
        return await executeSql(text, values);
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        // Bad data or SQL will not get better; a lost connection will.
        if (/^(22|23|42)/.test(code) || Date.now() - started > maxMs) {
          log?.error({ error: loggableError(e) }, 'job queue: could not record the end of a job; it will be retried when it expires');
          return { rows: [{ count: '0' }] };
        }
        await sleep(delay);
      }
    }
  };
}

/**
 * pg-boss on either engine: it talks through our `executeSql`, which on PGlite runs its
 * multi-statement scripts with the simple protocol (see adapters/db/database.ts).
 */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly created = new Set<string>();

  constructor(executeSql: ExecuteSql, private readonly log?: Logger, opts: { pollingIntervalSeconds?: number; settleRetryMs?: number } = {}) {
    const settle = settleJobs(executeSql as RawSql, opts.settleRetryMs ?? 60_000, log);
    this.boss = new PgBoss({
      db: { executeSql: settle },
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
