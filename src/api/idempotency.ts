import { createHash } from 'node:crypto';
import { AppError } from '../kernel/errors.js';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export interface IdempotencyRecord {
  requestHash: string;
  method: string;
  path: string;
  response: StoredResponse | null;
  createdAt: Date;
}

export interface IdempotencyStore {
  /** Claims the key at `now`; returns the existing record when the key was used before. */
  claim(tenantId: string, key: string, rec: { requestHash: string; method: string; path: string }, now: Date): Promise<IdempotencyRecord | undefined>;
  /** The record of a key, if any (to wait for a request still running). */
  peek(tenantId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the response; the store seals it (a response may carry a secret shown once). */
  complete(tenantId: string, key: string, response: StoredResponse): Promise<void>;
  release(tenantId: string, key: string): Promise<void>;
  /** Deletes keys older than the retention window. */
  purge(olderThan: Date): Promise<number>;
  /** Seals responses stored in clear by versions before sealing; returns how many. */
  sealStored(): Promise<number>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** JSON with sorted keys, so the same body written in another key order hashes the same. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${stable(body)}`).digest('hex');
}

export type IdempotencyDecision = { kind: 'proceed' } | { kind: 'replay'; response: StoredResponse };

/** How long a request waits for the first request with its key before it is told to retry. */
export interface IdempotencyWait {
  maxWaitMs: number;
  pollMs: number;
}
export const DEFAULT_IDEMPOTENCY_WAIT: IdempotencyWait = { maxWaitMs: 10_000, pollMs: 50 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Same key + same request replays the first response (for 24 h); same key + another request
 * is IDEMPOTENCY_CONFLICT. A request whose key's first request is still running waits for it
 * and gets its replay; if the first is still running after `maxWaitMs`, it is
 * IDEMPOTENCY_IN_PROGRESS (409 with Retry-After). If the first failed (5xx), it runs itself.
 */
export async function checkIdempotency(
  store: IdempotencyStore,
  tenantId: string,
  key: string,
  req: { method: string; path: string; hash: string },
  now: Date,
  wait: IdempotencyWait = DEFAULT_IDEMPOTENCY_WAIT,
): Promise<IdempotencyDecision> {
  if (key.length > 255 || key.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 characters', { errors: [{ path: 'Idempotency-Key', message: '1 to 255 characters' }] });
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let existing = await store.claim(tenantId, key, { requestHash: req.hash, method: req.method, path: req.path }, now);
    if (!existing) return { kind: 'proceed' };
    if (now.getTime() - existing.createdAt.getTime() > IDEMPOTENCY_TTL_MS) {
      await store.release(tenantId, key);
      continue;
    }
    if (existing.requestHash !== req.hash) {
      throw new AppError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request', {
        details: { first_request: `${existing.method} ${existing.path}` },
      });
    }
    for (let waited = 0; existing && !existing.response && waited < wait.maxWaitMs; waited += wait.pollMs) {
      await sleep(wait.pollMs);
      existing = await store.peek(tenantId, key);
    }
    if (!existing) continue; // the first request failed and let the key go: run this one
    if (existing.response) return { kind: 'replay', response: existing.response };
    throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'The first request with this Idempotency-Key is still running; retry after a moment for its response', {
      details: { retry_after: 1 },
    });
  }
  throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'Could not claim the Idempotency-Key; retry', { details: { retry_after: 1 } });
}
