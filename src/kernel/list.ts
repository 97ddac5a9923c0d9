import { z } from 'zod';
import { AppError } from './errors.js';

/** Cursor pagination (CONVENTIONS.md): `?limit=` default 50, max 500; opaque `?cursor=`. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Cursors carry the last id seen; ids sort by creation time (ULIDs). */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof v.after === 'string' && /^[a-z]+_[0-9A-Z]{26}$/.test(v.after)) return v.after;
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor', { errors: [{ path: 'cursor', message: 'not a cursor this API returned' }] });
}

/** Builds a page from rows fetched with limit + 1. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, next_cursor: more ? encodeCursor(data[data.length - 1]!.id) : null };
}
