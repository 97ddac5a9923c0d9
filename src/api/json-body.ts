import type { FastifyInstance } from 'fastify';
import { AppError, type FieldError } from '../kernel/errors.js';

/** How deep a JSON body may nest. Our deepest schema (rate cards) needs about 8. */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of a JSON text, counted without parsing (so a hostile 20,000-level body is
 * refused before any recursive code sees it); stops counting once past `limit`.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

const joinPath = (base: string, k: string | number) => (typeof k === 'number' ? `${base}[${k}]` : base ? `${base}.${k}` : k);

/**
 * The first string (value or key) that a database cannot store: a NUL character or a lone UTF-16
 * surrogate. PostgreSQL refuses both in text and jsonb. Walks without recursion.
 */
export function findUnstorableString(value: unknown, root = ''): FieldError | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: root }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const why = unstorable(v);
      if (why) return { path: path || 'body', message: why };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: joinPath(path, i) });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const why = unstorable(k);
        if (why) return { path: joinPath(path, k.replace(/[\u0000\ud800-\udfff]/g, '?')), message: `the key ${why}` };
        stack.push({ v: x, path: joinPath(path, k) });
      }
    }
  }
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorable(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
}

/**
 * JSON bodies: Fastify's own parser (with its prototype-poisoning checks) behind a depth limit,
 * then a check that every string can be stored. Each failure is a 400 naming the field.
 */
export function registerJsonParser(app: FastifyInstance, bodyLimit: number) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (req, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new AppError('VALIDATION_FAILED', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`, { errors: [{ path: 'body', message: `at most ${MAX_JSON_DEPTH} levels of nesting` }] }), undefined);
      return;
    }
    parse(req, text, (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const bad = findUnstorableString(value);
      if (bad) return done(new AppError('VALIDATION_FAILED', `The request body has a value that cannot be stored: ${bad.path}`, { errors: [bad] }), undefined);
      done(null, value);
    });
  });
}

/** Path parameters and query values: the same storable-string check, named `params.x` / `query.x`. */
export function checkRequestStrings(params: unknown, query: unknown): void {
  const bad = findUnstorableString(params, 'params') ?? findUnstorableString(query, 'query');
  if (bad) throw new AppError('VALIDATION_FAILED', `The request has a value that cannot be stored: ${bad.path}`, { errors: [bad] });
}
