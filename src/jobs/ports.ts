import type { Page } from '../kernel/list.js';
import type { Job, JobState } from './job.schema.js';

export interface JobRow extends Job {
  tenant_id: string;
  params: Record<string, unknown>;
}

export interface JobRepo {
  create(row: { id: string; tenantId: string; type: string; params: Record<string, unknown>; total: number | null }): Promise<Job>;
  get(tenantId: string, id: string): Promise<Job | undefined>;
  /** For the worker, which receives only the id. */
  getForWorker(id: string): Promise<JobRow | undefined>;
  list(tenantId: string, beforeId: string | undefined, limit: number): Promise<Page<Job>>;
  setState(id: string, state: JobState, fields?: { result?: unknown; error?: { code: string; message: string } | null }): Promise<void>;
  setProgress(id: string, done: number, total: number | null): Promise<void>;
}

/** Hands work to background workers (pg-boss in production). */
/** Which try of a job this is: after the last one, a failure is final. */
export interface JobAttempt {
  final: boolean;
}

export interface JobQueue {
  /** Queues `jobId` for the workers of `type`, after `delayMs` when given. */
  send(type: string, jobId: string, opts?: { delayMs?: number }): Promise<void>;
  /** Starts workers that call `run(jobId, attempt)` for each job of these types. */
  work(types: string[], run: (jobId: string, attempt: JobAttempt) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}
