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
  /** Claims the key; returns the existing record when the key was used before. */
  claim(tenantId: string, key: string, rec: { requestHash: string; method: string; path: string }): Promise<IdempotencyRecord | undefined>;
  complete(tenantId: string, key: string, response: StoredResponse): Promise<void>;
  release(tenantId: string, key: string): Promise<void>;
  /** Deletes keys older than the retention window. */
  purge(olderThan: Date): Promise<number>;
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

/**
 * Same key + same request replays the first response (for 24 h); same key + another request
 * is IDEMPOTENCY_CONFLICT; a key whose first request is still running is CONFLICT.
 */
export async function checkIdempotency(
  store: IdempotencyStore,
  tenantId: string,
  key: string,
  req: { method: string; path: string; hash: string },
  now: Date,
): Promise<IdempotencyDecision> {
  if (key.length > 255) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key is too long', { errors: [{ path: 'Idempotency-Key', message: 'at most 255 characters' }] });
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await store.claim(tenantId, key, { requestHash: req.hash, method: req.method, path: req.path });
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
    if (!existing.response) throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry shortly');
    return { kind: 'replay', response: existing.response };
  }
  throw new AppError('CONFLICT', 'Could not claim the Idempotency-Key; retry');
}
