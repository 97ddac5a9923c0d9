import { isAppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeCursor } from '../kernel/list.js';
import type { Job } from './job.schema.js';
import type { JobAttempt, JobQueue, JobRepo, JobRow } from './ports.js';

export interface JobContext {
  job: JobRow;
  /** The last try: a handler cleans up what a retry would have needed (spooled files). */
  final: boolean;
  /** Reports progress; writes are throttled, the final value is always written. */
  progress(done: number, total?: number | null): void;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

/**
 * Long work as jobs (CONVENTIONS.md): a tenant-scoped record the API and CLI can read, executed
 * by a queue worker. A handler's result is stored as the job's result; an AppError fails the job
 * with its code, anything else fails it as INTERNAL and is re-thrown for the queue's retry.
 */
export class JobsService {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly progressIntervalMs: number;

  constructor(
    private readonly repo: JobRepo,
    private readonly queue: JobQueue,
    opts: { progressIntervalMs?: number; onUnexpectedError?: (err: unknown, job: { id: string; type: string }) => void } = {},
  ) {
    this.progressIntervalMs = opts.progressIntervalMs ?? 250;
    this.onUnexpectedError = opts.onUnexpectedError;
  }

  private readonly onUnexpectedError: ((err: unknown, job: { id: string; type: string }) => void) | undefined;

  register(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  async enqueue(tenantId: string, type: string, params: Record<string, unknown>, total: number | null = null): Promise<Job> {
    if (!this.handlers.has(type)) throw new Error(`no handler registered for job type ${type}`);
    const job = await this.repo.create({ id: newId('job'), tenantId, type, params, total });
    await this.queue.send(type, job.id);
    return job;
  }

  async get(tenantId: string, id: string): Promise<Job> {
    const j = await this.repo.get(tenantId, id);
    if (!j) throw notFound('job', id);
    return j;
  }

  async list(tenantId: string, q: { limit: number; cursor?: string | undefined }) {
    return this.repo.list(tenantId, decodeCursor(q.cursor), q.limit);
  }

  /** Starts the queue workers for every registered type. */
  startWorkers(): Promise<void> {
    return this.queue.work([...this.handlers.keys()], (id, attempt) => this.run(id, attempt));
  }

  async run(jobId: string, attempt: JobAttempt = { final: true }): Promise<void> {
    const job = await this.repo.getForWorker(jobId);
    if (!job || job.state === 'succeeded' || job.state === 'cancelled') return;
    const handler = this.handlers.get(job.type);
    if (!handler) throw new Error(`no handler registered for job type ${job.type}`);
    await this.repo.setState(job.id, 'running', { error: null });
    let last = 0;
    let latest: { done: number; total: number | null } | undefined;
    let writing: Promise<void> = Promise.resolve();
    const ctx: JobContext = {
      job,
      final: attempt.final,
      progress: (done, total = job.progress.total) => {
        // Progress is counted in whole units (rows, seconds).
        latest = { done: Math.round(done), total: total === null ? null : Math.round(total) };
        const now = Date.now();
        if (now - last < this.progressIntervalMs) return;
        last = now;
        const p = latest;
        writing = writing.then(() => this.repo.setProgress(job.id, p.done, p.total)).catch(() => undefined);
      },
    };
    try {
      const result = await handler(ctx);
      await writing;
      if (latest) await this.repo.setProgress(job.id, latest.done, latest.total);
      await this.repo.setState(job.id, 'succeeded', { result: result ?? null });
    } catch (e) {
      await writing;
      if (isAppError(e)) {
        await this.repo.setState(job.id, 'failed', { error: { code: e.code, message: e.message } });
        return;
      }
      this.onUnexpectedError?.(e, { id: job.id, type: job.type });
      await this.repo.setState(job.id, 'failed', {
        error: { code: 'INTERNAL', message: attempt.final ? 'The job failed unexpectedly; it was tried as often as allowed and will not be retried' : 'The job failed unexpectedly; it will be retried' },
      });
      throw e;
    }
  }
}

