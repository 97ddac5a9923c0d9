import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/**
 * Property-based fuzzing of the HTTP API from its own OpenAPI document: for every operation,
 * requests built from the operation's schemas (valid-looking values) and then mutated (a field
 * dropped or of the wrong type, hostile strings, absurd numbers, deep nesting, broken JSON,
 * binary uploads, bad ids in the path and query). Every answer must be below 500 and every
 * error RFC 9457 problem+json.
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
  additionalProperties?: Schema | boolean;
  $ref?: string;
};

export interface Operation {
  method: string;
  path: string;
  params: string[];
  query: Record<string, Schema>;
  body: Schema | undefined;
  upload: boolean;
}

export interface FuzzReport {
  requests: number;
  operations: number;
  statuses: Record<string, number>;
  failures: { request: string; status: number; body: string }[];
}

const HOSTILE_STRINGS = [
  '', ' ', 'a\u0000b', '\u0000', '\ud800', 'x'.repeat(5000), '../../etc/passwd', '%00', "' or 1=1 --", '<script>alert(1)</script>',
  '😀'.repeat(50), 'ñ', '\u202e', '1e308', 'NaN', '-1', '2026-13-45', 'lm_live_x', 'null', '{}', '[]', 'ord_00000000000000000000000000',
];
const HOSTILE_NUMBERS = [0, -1, 1, 0.5, 5e-324, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, -0, 123456789.123456];

/** Routes that take a file body (`config: { upload: true }`); the document does not say so. */
export const UPLOAD_PATHS = new Set(['/v1/orders/import', '/v1/skus/import', '/v1/pickup-points/import']);

/** The operations of an OpenAPI 3 document (hidden routes are not in it). */
export function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const query = Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]));
      const content = op.requestBody?.content ?? {};
      ops.push({ method: method.toUpperCase(), path, params, query, body: content['application/json']?.schema, upload: UPLOAD_PATHS.has(path) && method === 'post' });
    }
  }
  return ops;
}

/** A value shaped like the schema (the happy path the mutations start from). */
function valueFor(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => valueFor(a, depth + 1)));
  if (s.allOf?.length) return valueFor(Object.assign({}, ...s.allOf) as Schema, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'uri') return fc.constantFrom('https://example.invalid/x', 'http://127.0.0.1:9/x', 'ftp://x');
      return fc.oneof(fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 24, 24) }), fc.constantFrom('USD', 'lb', 'ONT1', 'ups', 'US', '90001', 'acme'));
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1000, -1e9), max: Math.min(s.maximum ?? 100_000, 1e9) });
    case 'number':
      return fc.double({ min: Math.max(s.minimum ?? -1000, -1e9), max: Math.min(s.maximum ?? 100_000, 1e9), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueFor(s.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) rec[k] = valueFor(v, depth + 1);
      const keys = Object.keys(rec);
      if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      return fc.record(rec, { requiredKeys: keys.filter((k) => required.has(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, [], {}, [[[[[]]]]], { __proto__: { admin: true } }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** One mutation of a JSON value: replace, drop or add a field somewhere in it. */
function mutate(v: unknown, rnd: Rnd, hostile: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(o);
    const pick = rnd.nextInt(0, 3);
    if (keys.length && pick === 0) delete o[keys[rnd.nextInt(0, keys.length - 1)]!];
    else if (keys.length && pick === 1) o[keys[rnd.nextInt(0, keys.length - 1)]!] = hostile;
    else if (keys.length && pick === 2) {
      const k = keys[rnd.nextInt(0, keys.length - 1)]!;
      o[k] = mutate(o[k], rnd, hostile);
    } else o[HOSTILE_STRINGS[rnd.nextInt(0, HOSTILE_STRINGS.length - 1)]!] = hostile;
    return o;
  }
  if (Array.isArray(v) && v.length) {
    const a = [...v];
    const i = rnd.nextInt(0, a.length - 1);
    a[i] = mutate(a[i], rnd, hostile);
    return a;
  }
  return hostile;
}

const RAW_BODIES = ['{', '{"a":', 'null', '[]', '"x"', '1e999', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"a":"\\u0000"}', '{"a":"\\ud800"}', '\u0000\u0001\u0002', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'];

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** The generator of requests for one operation. */
export function requestFor(op: Operation, ids: string[], auth: string): fc.Arbitrary<FuzzRequest> {
  const segment = fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s && !s.includes('/'))), fc.string({ maxLength: 40 }));
  const pathArb = op.params.length ? fc.tuple(...op.params.map(() => segment)) : fc.constant([] as string[]);
  const queryArb = fc.dictionary(fc.constantFrom(...Object.keys(op.query), 'limit', 'cursor', 'units', 'x'), fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 14), '10', '501', '0', '-5', 'imperial'), fc.string({ maxLength: 12 })), { maxKeys: 3 });
  const bodyArb: fc.Arbitrary<{ type: string; payload: string | Buffer } | undefined> =
    op.method === 'GET' || op.method === 'DELETE'
      ? fc.constant(undefined)
      : op.upload
        ? fc.oneof(
            fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: 'text/csv', payload: Buffer.from(b) })),
            fc.array(fc.array(fc.constantFrom('external_id', 'sku', 'name', 'weight', '"', 'ONT1', '1lb', 'x\u0000', '', '=cmd()'), { maxLength: 6 }), { maxLength: 5 }).map((rows) => ({ type: 'text/csv', payload: rows.map((r) => r.join(',')).join('\n') })),
          )
        : fc.oneof(
            { weight: 3, arbitrary: valueFor(op.body).map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })) },
            {
              weight: 5,
              arbitrary: fc.tuple(valueFor(op.body), hostileValue, fc.integer({ min: 1, max: 3 }), fc.nat()).map(([v, h, n, seed]) => {
                const rnd = seeded(seed);
                let out = v;
                for (let k = 0; k < n; k++) out = mutate(out, rnd, h);
                return { type: 'application/json', payload: JSON.stringify(out) ?? 'null' };
              }),
            },
            { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((p) => ({ type: 'application/json', payload: p })) },
          );
  const authArb = fc.oneof({ weight: 20, arbitrary: fc.constant(auth) }, { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer lm_live_nope', `Bearer ${'x'.repeat(300)}`, 'Basic Zm9vOmJhcg==') });
  const idemArb = fc.option(fc.oneof(fc.uuid(), fc.constantFrom('x'.repeat(300), 'same-key')), { freq: 4 });
  return fc.record({ path: pathArb, query: queryArb, body: bodyArb, auth: authArb, idem: idemArb }).map(({ path, query, body, auth: a, idem }) => {
    let url = op.path;
    op.params.forEach((p, i) => (url = url.replace(`{${p}}`, encodeSegment(path[i]!))));
    const qs = new URLSearchParams(query as Record<string, string>).toString();
    const headers: Record<string, string> = {};
    if (a) headers['authorization'] = a;
    if (idem && op.method === 'POST') headers['idempotency-key'] = idem;
    if (body) headers['content-type'] = body.type;
    return { method: op.method, url: qs ? `${url}?${qs}` : url, headers, ...(body ? { payload: body.payload } : {}) };
  });
}

/** Percent-encodes a path segment; a lone surrogate goes out as the bytes a careless client sends (WTF-8). */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[^\w.~-]/g, (c) => [...Buffer.from(c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? [0xed, 0xa0 | ((c.charCodeAt(0) >> 6) & 0x1f), 0x80 | (c.charCodeAt(0) & 0x3f)] : Buffer.from(c))].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  }
}

/** A small seeded generator for the mutations (xorshift32). */
interface Rnd {
  nextInt(min: number, max: number): number;
}
function seeded(seed: number): Rnd {
  let x = seed >>> 0 || 1;
  return {
    nextInt(min, max) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return min + ((x >>> 0) % (max - min + 1));
    },
  };
}

/**
 * Sends `perOperation` generated requests to every operation (seeded: the same run every time)
 * and reports the statuses and every answer that broke the rules.
 */
export async function fuzzApi(app: FastifyInstance, opts: { auth: string; ids: string[]; perOperation: number; seed: number; skip?: (op: Operation) => boolean }): Promise<FuzzReport> {
  await app.ready();
  const doc = app.swagger() as unknown as Parameters<typeof operationsOf>[0];
  const ops = operationsOf(doc).filter((o) => !opts.skip?.(o));
  const report: FuzzReport = { requests: 0, operations: ops.length, statuses: {}, failures: [] };
  for (const [k, op] of ops.entries()) {
    const samples = fc.sample(requestFor(op, opts.ids, opts.auth), { numRuns: opts.perOperation, seed: opts.seed + k });
    for (const r of samples) {
      const res = await app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
      report.requests++;
      const key = String(res.statusCode);
      report.statuses[key] = (report.statuses[key] ?? 0) + 1;
      const problem = res.statusCode >= 400 ? problemOk(res.headers['content-type'], res.body, res.statusCode) : null;
      if (res.statusCode >= 500 || problem) {
        report.failures.push({ request: `${r.method} ${r.url.slice(0, 200)} ${typeof r.payload === 'string' ? r.payload.slice(0, 300) : r.payload ? `<${r.payload.length} bytes>` : ''}`, status: res.statusCode, body: problem ?? res.body.slice(0, 300) });
      }
    }
  }
  return report;
}

/** Why an error answer is not RFC 9457 problem+json (null when it is). */
function problemOk(type: unknown, body: string, status: number): string | null {
  if (!String(type).startsWith('application/problem+json')) return `content-type ${String(type)}`;
  try {
    const p = JSON.parse(body) as Record<string, unknown>;
    for (const k of ['type', 'title', 'detail', 'code', 'request_id']) if (typeof p[k] !== 'string') return `no ${k}`;
    if (p['status'] !== status) return 'status differs';
    if (!Array.isArray(p['errors'])) return 'no errors array';
    return null;
  } catch {
    return 'not JSON';
  }
}
