import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp } from '../src/api/app.js';
import { requestHash } from '../src/api/idempotency.js';
import { apiKeyCreateSchema } from '../src/tenants/tenant.schema.js';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';
import { orderInput } from './helpers/factories.js';

let f: ApiFixture;
beforeAll(async () => {
  // Invalid keys refill slowly here, so that a loaded machine cannot let one more through.
  f = await apiFixture({ trackingScanMs: 0, idempotencyWaitMs: 5000, authFailures: { perMinute: 1, burst: 20 } });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);
const expectProblem = (r: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) => {
  expect(r.statusCode, r.body).toBe(status);
  expect(String(r.headers['content-type'])).toContain('application/problem+json');
  const p = json(r);
  expect(p).toMatchObject({ status, type: expect.any(String), title: expect.any(String), code: expect.any(String), request_id: expect.any(String) });
  return p;
};

describe('no secret in clear in stored replays', () => {
  test('an API key created with an Idempotency-Key: the replay returns it, the table holds it sealed', async () => {
    const headers = { ...f.auth(), 'idempotency-key': 'key-create-1' };
    const first = await f.app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload: { name: 'ci', scopes: ['orders:read'] } });
    expect(first.statusCode).toBe(201);
    const secret = json(first).secret as string;
    expect(secret).toMatch(/^lm_(live|test)_/);
    const again = await f.app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload: { name: 'ci', scopes: ['orders:read'] } });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(json(again).secret).toBe(secret);
    const hook = await f.app.inject({ method: 'POST', url: '/v1/webhooks', headers: { ...f.auth(), 'idempotency-key': 'hook-1' }, payload: { url: 'http://127.0.0.1:9/h' } });
    const hookSecret = json(hook).secret as string;
    const rows = JSON.stringify(await f.t.lm.database.executeSql('select response_body::text as b from idempotency_keys', []));
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain(secret.slice(8, 24));
    expect(rows).not.toContain(hookSecret);
    expect(rows).toContain('sealed');
  });
});

describe('no 5xx from bad input', () => {
  test('a NUL byte in a path id, the public page or a JSON string is a 400 naming the field', async () => {
    expect(expectProblem(await f.app.inject({ url: '/v1/orders/%00', headers: f.auth() }), 400).errors[0].path).toBe('params.id');
    expect(expectProblem(await f.app.inject({ url: '/t/%00' }), 400).errors[0].path).toBe('params.tracking_number');
    expect(expectProblem(await f.app.inject({ url: '/v1/orders?channel=a%00b', headers: f.auth() }), 400).errors[0].path).toBe('query.channel');
    const sku = await f.app.inject({ method: 'POST', url: '/v1/skus', headers: f.auth(), payload: { sku: 'a\u0000b', name: 'Mug', weight: { value: 1, unit: 'lb' } } });
    expect(expectProblem(sku, 400).errors[0].path).toBe('sku');
    const lone = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: { ...f.auth(), 'content-type': 'application/json' }, payload: '{"external_id":"\\ud800x"}' });
    expect(expectProblem(lone, 400).errors[0]).toMatchObject({ path: 'external_id', message: expect.stringContaining('surrogate') });
  });

  test('a signature header of the right length with a non-ASCII byte is a 401, for carriers and for Shopify', async () => {
    const carrier = await f.app.inject({ method: 'POST', url: `/webhooks/carriers/ups/${f.tenantId}`, headers: { 'content-type': 'application/json', 'x-webhook-signature': `t=1,v1=${'é'.repeat(64)}` }, payload: '{}' });
    expectProblem(carrier, 401);
    const shop = await f.app.inject({ method: 'POST', url: '/v1/channels', headers: f.auth(), payload: { kind: 'shopify', base_url: 'https://shop.example.invalid', credentials: { token: 't', webhook_secret: 's3cret' } } });
    const { id } = json(shop);
    const hook = await f.app.inject({ method: 'POST', url: `/v1/webhooks/channels/${id}`, headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/updated', 'x-shopify-hmac-sha256': 'é'.repeat(44) }, payload: '{"id":1}' });
    expectProblem(hook, 401);
  });

  test('JSON nested 20,000 levels deep is a 400, with an Idempotency-Key and inside channel settings', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const r = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: { ...f.auth(), 'content-type': 'application/json', 'idempotency-key': 'deep-1' }, payload: deep });
    expect(expectProblem(r, 400).errors[0].path).toBe('body');
    const settings = `{"kind":"shopify","base_url":"https://x.example.invalid","credentials":{},"settings":{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}`;
    expectProblem(await f.app.inject({ method: 'POST', url: '/v1/channels', headers: { ...f.auth(), 'content-type': 'application/json' }, payload: settings }), 400);
  });

  test('a rate card with currency "" or "ABCD" and a CSV grid is a 400 naming card.currency', async () => {
    for (const currency of ['', 'ABCD']) {
      const r = await f.app.inject({ method: 'POST', url: '/v1/rate-cards', headers: f.auth(), payload: { card: { code: 'x1', carrier: 'x', service: 'y', name: 'X', currency, weight_unit: 'lb', effective_from: '2026-01-01' }, prices_csv: 'Weight,Zone 2\n1,5.00\n' } });
      expect(expectProblem(r, 400).errors.map((e: { path: string }) => e.path)).toContain('card.currency');
    }
  });

  test('a CSV with an unterminated quote: SKU import 400 with row and column; order import a failed job with the row, not retried; no spool file left', async () => {
    const sku = await f.app.inject({ method: 'POST', url: '/v1/skus/import', headers: { ...f.auth(), 'content-type': 'text/csv' }, payload: 'sku,name,weight\nMUG-1,Mug,1lb\n"MUG-2,Mug,1lb\n' });
    expect(expectProblem(sku, 400)).toMatchObject({ row: 3, errors: [{ path: expect.stringMatching(/^row 3, column /) }] });
    const imp = await f.app.inject({ method: 'POST', url: '/v1/orders/import', headers: { ...f.auth(), 'content-type': 'text/csv' }, payload: 'external_id,warehouse\n"X1,ONT1\n' });
    const bin = await f.app.inject({ method: 'POST', url: '/v1/orders/import', headers: { ...f.auth(), 'content-type': 'application/octet-stream' }, payload: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]) });
    const noHeader = await f.app.inject({ method: 'POST', url: '/v1/orders/import', headers: { ...f.auth(), 'content-type': 'text/csv' }, payload: 'just one line without any known column' });
    const jobs = [];
    for (const r of [imp, bin, noHeader]) {
      const id = json(r).job_id as string;
      let job;
      for (let i = 0; i < 1200; i++) {
        job = json(await f.app.inject({ url: `/v1/jobs/${id}`, headers: f.auth() }));
        if (job.state === 'failed' || job.state === 'succeeded') break;
        await new Promise((res) => setTimeout(res, 50));
      }
      jobs.push(job);
    }
    expect(jobs[0]).toMatchObject({ state: 'failed', error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('row 2') } });
    expect(jobs[1]).toMatchObject({ state: 'failed', error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('NUL byte') } });
    expect(jobs[2]).toMatchObject({ state: 'failed', error: { code: 'VALIDATION_FAILED' } });
    for (const j of jobs) expect(j.error.message).not.toContain('retried');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(f.t.lm.config.uploadDir)).toEqual([]);
  });
});

describe('every error is problem+json, naming the field', () => {
  test('a bad percent-encoding (400) and an over-long path parameter (414) go through the mapper', async () => {
    expect(expectProblem(await f.app.inject({ url: '/v1/orders/%E0%A4%A', headers: f.auth() }), 400).errors[0].path).toBe('url');
    expect(expectProblem(await f.app.inject({ url: `/v1/orders/${'a'.repeat(200)}`, headers: f.auth() }), 414).code).toBe('URI_TOO_LONG');
  });

  test('union-typed bodies name the failing field of the shape sent; a batch over the limit names the limit', async () => {
    const ev = await f.app.inject({ method: 'POST', url: '/v1/tracking/events', headers: f.auth(), payload: { trackings: [{ tracking_number: 'X', events: [{ code: 1, occurred_at: '2026-11-24T06:00:00Z' }] }] } });
    expect(expectProblem(ev, 400).errors[0]).toMatchObject({ path: 'trackings[0].events[0].code' });
    const one = await f.app.inject({ method: 'POST', url: '/v1/tracking/events', headers: f.auth(), payload: { tracking_number: 'X', events: [{ code: 'IN_TRANSIT', occurred_at: 'yesterday' }] } });
    expect(expectProblem(one, 400).errors.map((e: { path: string }) => e.path)).toEqual(['events[0].occurred_at']);
    const addr = await f.app.inject({ method: 'POST', url: '/v1/addresses/validate', headers: f.auth(), payload: { addresses: [{ address: { line1: 5 } }] } });
    expect(expectProblem(addr, 400).errors[0].path).toMatch(/^addresses\[0\]\.address/);
    const many = Array.from({ length: 1001 }, () => ({ address: '1 Main St, Boston MA 02108' }));
    const big = await f.app.inject({ method: 'POST', url: '/v1/addresses/validate', headers: f.auth(), payload: { addresses: many } });
    expect(expectProblem(big, 400).errors).toEqual([{ path: 'addresses', message: 'at most 1,000 addresses in one batch; split larger lists' }]);
  });
});

describe('no personal data in logs', () => {
  test('an unhandled database error logs the error code and the request id, not the query parameters', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const app: FastifyInstance = await buildHttpApp(f.t.lm, { logLevel: 'info', logStream: stream });
    // Break the table under the service so that the insert fails inside the database.
    await f.t.lm.database.executeSql('alter table orders add constraint lm_test_break check (external_id <> $$PII-1$$)', []);
    try {
      const order = orderInput({ external_id: 'PII-1', warehouse_id: 'ONT1', ship_to: { name: 'Zhang Wei Secretname', line1: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', postal_code: '62704', country: 'US', phone: '+12175550199', email: 'zhang.secret@example.com' } });
      const r = await app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: order });
      const p = expectProblem(r, 500);
      const log = lines.join('');
      expect(log).toContain(p.request_id);
      expect(log).toContain('23514'); // check_violation
      for (const secret of ['Secretname', 'Evergreen', '5550199', 'zhang.secret', 'PII-1']) expect(log).not.toContain(secret);
    } finally {
      await f.t.lm.database.executeSql('alter table orders drop constraint lm_test_break', []);
      await app.close();
    }
  });
});

describe('bounds on every input', () => {
  test('absurd numbers and huge strings are 400 naming the field', async () => {
    const put = (payload: object) => f.app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: f.auth(), payload });
    const huge = await put({ rules: [{ id: 'r1', priority: 1, then: { deny_carriers: ['x'.repeat(1_000_000)] } }] });
    expect(expectProblem(huge, 400).errors[0].path).toMatch(/deny_carriers\[0\]$/);
    const card = (divisor: number) => f.app.inject({ method: 'POST', url: '/v1/rate-cards', headers: f.auth(), payload: { card: { code: 'dim1', carrier: 'x', service: 'y', name: 'X', currency: 'USD', weight_unit: 'lb', effective_from: '2026-01-01', weight_steps: [{ up_to: { value: 150, unit: 'lb' }, step: { value: 1, unit: 'lb' } }], dim: { divisor, system: 'imperial' } }, prices_csv: 'Weight,Zone 2\n1,5.00\n' } });
    for (const d of [5e-324, 1e308]) expect(expectProblem(await card(d), 400).errors.map((e: { path: string }) => e.path)).toContain('card.dim.divisor');
    const sku = await f.app.inject({ method: 'POST', url: '/v1/skus', headers: f.auth(), payload: { sku: 'TINY', name: 'Tiny', weight: { value: 5e-324, unit: 'g' } } });
    expect(expectProblem(sku, 400).errors[0].path).toBe('weight.value');
    const fx = await f.app.inject({ method: 'POST', url: '/v1/exchange-rates', headers: f.auth(), payload: { rates: [{ base: 'USD', quote: 'EUR', date: '2026-11-01', rate: 1e308 }] } });
    expect(expectProblem(fx, 400).errors[0].path).toMatch(/^rates\[0\]\.rate/);
    const rule = await f.app.inject({ method: 'PUT', url: '/v1/tracking/rules', headers: f.auth(), payload: { rules: [{ code: 'no_scan', args: { business_hours: 5e-324 } }] } });
    expect(expectProblem(rule, 400).errors[0].path).toBe('rules[0].args.business_hours');
  });
});

describe('idempotency under concurrency', () => {
  test('a request whose key is still running waits and gets the replay; one still running past the wait is a 409 with Retry-After', async () => {
    const body = { name: 'waiter', scopes: ['orders:read'] };
    // The server hashes the body as validated (defaults filled in).
    const hash = requestHash('POST', '/v1/api-keys', { body: apiKeyCreateSchema.parse(body), query: {} });
    const claim = (key: string) => f.t.lm.idempotency.claim(f.tenantId, key, { requestHash: hash, method: 'POST', path: '/v1/api-keys' }, f.clock.now());
    await claim('busy-1');
    const waiting = f.app.inject({ method: 'POST', url: '/v1/api-keys', headers: { ...f.auth(), 'idempotency-key': 'busy-1' }, payload: body });
    await new Promise((r) => setTimeout(r, 150));
    await f.t.lm.idempotency.complete(f.tenantId, 'busy-1', { statusCode: 201, body: { from: 'the first request' } });
    const r = await waiting;
    expect(r.statusCode).toBe(201);
    expect(r.headers['idempotent-replayed']).toBe('true');
    expect(json(r)).toEqual({ from: 'the first request' });

    await claim('busy-2');
    const late = await f.app.inject({ method: 'POST', url: '/v1/api-keys', headers: { ...f.auth(), 'idempotency-key': 'busy-2' }, payload: body });
    expect(expectProblem(late, 409).code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(late.headers['retry-after']).toBe('1');
    // Two real requests at once with one key: one runs, the other gets its replay.
    const sku = { sku: 'RACE-1', name: 'Race', weight: { value: 1, unit: 'lb' } };
    const both = await Promise.all([0, 1].map(() => f.app.inject({ method: 'POST', url: '/v1/skus', headers: { ...f.auth(), 'idempotency-key': 'race-1' }, payload: sku })));
    expect(both.map((x) => x.statusCode)).toEqual([201, 201]);
    expect(json(both[0]!).id).toBe(json(both[1]!).id);
  });
});

describe('webhooks both ways', () => {
  test('notification webhooks: a secret shown once and rotatable; invalid API keys are rate-limited per client address', async () => {
    const put = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: false, channel: 'webhook', webhook_url: 'https://hooks.example.invalid/n' } });
    expect(put.statusCode).toBe(200);
    const first = json(put).webhook_secret as string;
    expect(first).toMatch(/^whsec_/);
    const again = json(await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: false, channel: 'webhook', webhook_url: 'https://hooks.example.invalid/n' } }));
    expect(again.webhook_secret).toBeUndefined();
    expect(again.webhook_secret_set).toBe(true);
    expect(JSON.stringify(json(await f.app.inject({ url: '/v1/notifications/settings', headers: f.auth() })))).not.toContain('whsec_');
    const rotated = json(await f.app.inject({ method: 'POST', url: '/v1/notifications/webhook-secret', headers: f.auth() })).webhook_secret;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(first);

    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await f.app.inject({ url: '/v1/orders', headers: { authorization: `Bearer lm_test_guess${i}` }, remoteAddress: '203.0.113.7' })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    const limited = await f.app.inject({ url: '/v1/orders', headers: { authorization: 'Bearer lm_test_guess' }, remoteAddress: '203.0.113.7' });
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address, and a valid key, are not held back.
    expect((await f.app.inject({ url: '/v1/orders', headers: { authorization: 'Bearer lm_test_other' }, remoteAddress: '203.0.113.8' })).statusCode).toBe(401);
    expect((await f.app.inject({ url: '/v1/orders', headers: f.auth() })).statusCode).toBe(200);
  });
});
