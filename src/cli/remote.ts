import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Job } from '../jobs/job.schema.js';
import { AppError, type ErrorCode } from '../kernel/errors.js';

/** Talks to a running server (LASTMILE_URL + LASTMILE_API_KEY) instead of opening the database. */
export class RemoteClient {
  constructor(private readonly base: string, private readonly apiKey: string) {}

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new AppError('CONFIGURATION', `Cannot reach the lastmile server at ${this.base} (LASTMILE_URL): ${(e as Error).message}`, { cause: e });
    }
    return this.read<T>(res);
  }

  /** Follows a job until it ends; a job that did not succeed is an error. */
  async waitForJob(jobId: string, what: string, onProgress?: (done: number, total: number | null) => void): Promise<Job> {
    for (;;) {
      const job = await this.request<Job>('GET', `/v1/jobs/${encodeURIComponent(jobId)}`);
      onProgress?.(job.progress.done, job.progress.total);
      if (job.state === 'succeeded') return job;
      if (job.state === 'failed' || job.state === 'cancelled') {
        throw new AppError((job.error?.code as ErrorCode) ?? 'INTERNAL', `${what} job ${job.id} ${job.state}: ${job.error?.message ?? ''}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  /** A document (PDF, ZPL, CSV) as bytes. */
  async download(path: string): Promise<Buffer> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${this.apiKey}` } });
    } catch (e) {
      throw new AppError('CONFIGURATION', `Cannot reach the lastmile server at ${this.base} (LASTMILE_URL): ${(e as Error).message}`, { cause: e });
    }
    if (!res.ok) return this.read<never>(res);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Streams a file as the request body. */
  async upload<T>(path: string, file: string, contentType = 'text/csv'): Promise<T> {
    const size = statSync(file).size;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': contentType, 'content-length': String(size) },
        body: Readable.toWeb(createReadStream(file)) as unknown as BodyInit,
        duplex: 'half',
      } as RequestInit);
    } catch (e) {
      throw new AppError('CONFIGURATION', `Cannot reach the lastmile server at ${this.base} (LASTMILE_URL): ${(e as Error).message}`, { cause: e });
    }
    return this.read<T>(res);
  }

  private async read<T>(res: Response): Promise<T> {
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (res.ok) return data as T;
    const p = (data ?? {}) as { code?: string; detail?: string; errors?: { path: string; message: string }[] };
    throw new AppError((p.code as ErrorCode) ?? 'INTERNAL', `${res.status} ${p.detail ?? res.statusText}`, { errors: p.errors ?? [] });
  }
}
