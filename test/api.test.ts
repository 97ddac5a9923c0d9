import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp } from '../src/api/app.js';
import { startLastmile, type TestLastmile } from './helpers/engines.js';
import { orderInput, warehouseInput } from './helpers/factories.js';

let t: TestLastmile;
let app: FastifyInstance;
let admin: string;
let reader: string;
let otherTenant: string;

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startLastmile('pglite', { config: { rateLimit: { perSecond: 1000, burst: 1000 } } });
  const { tenants } = t.lm.services;
  const acme = (await tenants.ensureTenant('acme')).tenant;
  admin = (await tenants.createApiKey(acme.id, { name: 'admin', scopes: ['admin'], mode: 'test' })).secret;
  reader = (await tenants.createApiKey(acme.id, { name: 'reader', scopes: ['orders:read'], mode: 'test' })).secret;
  const globex = (await tenants.ensureTenant('globex')).tenant;
  otherTenant = (await tenants.createApiKey(globex.id, { name: 'admin', scopes: ['admin'], mode: 'test' })).secret;
  await t.lm.startWorkers();
  app = await buildHttpApp(t.lm, { logLevel: 'silent' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('health and docs', () => {
  test('/health and /ready answer without a key', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/ready')).json()).toEqual({ status: 'ready', database: 'pglite' });
  });

  test('/openapi.json documents the v1 routes', async () => {
    const spec = (await app.inject('/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/orders', '/v1/orders/{id}', '/v1/orders/import', '/v1/skus', '/v1/warehouses', '/v1/jobs/{id}', '/v1/api-keys', '/v1/addresses/validate', '/v1/orders/{id}/address/accept', '/v1/rates', '/v1/rate-cards', '/v1/zone-charts', '/v1/exchange-rates', '/v1/packing/plan', '/v1/orders/{id}/pack', '/v1/orders/{id}/decide', '/v1/routing/plan', '/v1/routing/rules', '/v1/pickup-points/import']));
    expect((await app.inject('/docs/')).statusCode).toBe(200);
  });

  test('every JSON answer and body of the v1 API is described: no empty or open-ended object schema at the top (the dashboard is typed from it)', async () => {
    const spec = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>; requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>> };
    const vague: string[] = [];
    const check = (where: string, schema: Record<string, unknown> | undefined) => {
      if (!schema || Object.keys(schema).length === 0 || (schema['type'] === 'object' && !schema['properties'] && 'additionalProperties' in schema)) vague.push(where);
    };
    let seen = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        for (const [code, r] of Object.entries(op.responses ?? {})) {
          if (!code.startsWith('2')) continue;
          const json = r.content?.['application/json'];
          if (json) { seen++; check(`${method} ${path} ${code}`, json.schema); }
        }
        const body = op.requestBody?.content?.['application/json'];
        if (body) check(`${method} ${path} body`, body.schema);
      }
    }
    expect(seen).toBeGreaterThan(80);
    expect(vague).toEqual([]);
  });

  test('every response carries a request id, taken from x-request-id when sane', async () => {
    const r = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers['x-request-id']).toBe('abc-123');
    expect((await app.inject('/health')).headers['x-request-id']).toMatch(/^req_/);
  });
});

describe('authentication and authorization', () => {
  test('no key is 401 problem+json', async () => {
    const r = await app.inject('/v1/orders');
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: 'Unauthorized' });
  });

  test('an unknown key is 401', async () => {
    expect((await app.inject({ url: '/v1/orders', headers: auth('lm_live_nope') })).statusCode).toBe(401);
  });

  test('a key without the scope is 403; with it, 200', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(reader), payload: orderInput() });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await app.inject({ url: '/v1/orders', headers: auth(reader) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/api-keys', headers: auth(reader) })).statusCode).toBe(403);
  });

  test("another tenant's order is 404 for read, patch and cancel", async () => {
    const created = (await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(admin), payload: orderInput() })).json();
    for (const req of [
      { method: 'GET' as const, url: `/v1/orders/${created.id}` },
      { method: 'PATCH' as const, url: `/v1/orders/${created.id}`, payload: { tags: ['x'] } },
      { method: 'POST' as const, url: `/v1/orders/${created.id}/cancel`, payload: {} },
      { method: 'GET' as const, url: `/v1/orders/${created.id}/events` },
    ]) {
      const r = await app.inject({ ...req, headers: auth(otherTenant) });
      expect(r.statusCode, `${req.method} ${req.url}`).toBe(404);
      expect(JSON.stringify(r.json())).not.toContain('Beacon');
    }
    const list = (await app.inject({ url: '/v1/orders?limit=500', headers: auth(otherTenant) })).json();
    expect(list.data.map((o: { id: string }) => o.id)).not.toContain(created.id);
  });

  test('API keys: created once with the secret, listed without it, revoked', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: auth(admin), payload: { name: 'ci', scopes: ['orders:read'] } });
    expect(r.statusCode).toBe(201);
    const k = r.json();
    expect(k.secret).toMatch(/^lm_live_/);
    const list = (await app.inject({ url: '/v1/api-keys', headers: auth(admin) })).json();
    expect(JSON.stringify(list)).not.toContain(k.secret);
    expect((await app.inject({ url: '/v1/orders', headers: auth(k.secret) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/v1/api-keys/${k.id}`, headers: auth(otherTenant) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/api-keys/${k.id}`, headers: auth(admin) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/orders', headers: auth(k.secret) })).statusCode).toBe(401);
  });
});

describe('orders API', () => {
  test('validation errors name every failing field', async () => {
    const bad = { ...orderInput(), ship_to: { line1: '', city: 'Boston', country: 'usa' }, lines: [{ quantity: 0 }], order_value: { amount: 12.5, currency: 'XXQ' } };
    const r = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(admin), payload: bad });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['ship_to.line1', 'ship_to.country', 'lines[0].quantity', 'order_value.amount', 'order_value.currency']));
  });

  test('malformed JSON is a 400 problem', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/orders', headers: { ...auth(admin), 'content-type': 'application/json' }, payload: '{"a":' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION_FAILED');
  });

  test('dedup: the same (channel, external_id) returns the first order with 200', async () => {
    const body = orderInput({ channel: 'shopify', external_id: '5512345' });
    const a = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(admin), payload: body });
    const b = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(admin), payload: { ...body, notes: 'resent' } });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
    expect(b.json().notes).toBeNull();
  });

  test('Idempotency-Key: same body replays, different body is 409', async () => {
    const body = orderInput();
    const headers = { ...auth(admin), 'idempotency-key': 'idem-1' };
    const a = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: body });
    const b = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: body });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    const c = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: { ...body, external_id: 'other' } });
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('IDEMPOTENCY_CONFLICT');
    // The key belongs to its tenant: another tenant may use the same key.
    const d = await app.inject({ method: 'POST', url: '/v1/orders', headers: { ...auth(otherTenant), 'idempotency-key': 'idem-1' }, payload: body });
    expect(d.statusCode).toBe(201);
    expect(d.json().id).not.toBe(a.json().id);
  });

  test('a failed request with an Idempotency-Key replays the same error', async () => {
    const headers = { ...auth(admin), 'idempotency-key': 'idem-bad' };
    const bad = { ...orderInput(), warehouse_id: 'NOPE' };
    const a = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: bad });
    const b = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: bad });
    expect(a.statusCode).toBe(400);
    expect(b.statusCode).toBe(400);
    expect(b.json().errors).toEqual([{ path: 'warehouse_id', message: 'no such warehouse' }]);
  });

  test('cursor pagination and filters over HTTP', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(admin), payload: orderInput({ channel: 'woo', tags: ['page-test'] }) });
      created.push(r.json().id);
    }
    const seen: string[] = [];
    let url = '/v1/orders?limit=3&channel=woo&tag=page-test';
    for (;;) {
      const page = (await app.inject({ url, headers: auth(admin) })).json();
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((o: { id: string }) => o.id));
      if (!page.next_cursor) break;
      url = `/v1/orders?limit=3&channel=woo&tag=page-test&cursor=${page.next_cursor}`;
    }
    expect(seen).toEqual(created.reverse());
    expect((await app.inject({ url: '/v1/orders?limit=501', headers: auth(admin) })).statusCode).toBe(400);
    const badStatus = await app.inject({ url: '/v1/orders?status=lost', headers: auth(admin) });
    expect(badStatus.json().errors[0].path).toBe('querystring.status');
  });

  test('units: stored as given, returned converted on request', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: auth(admin),
      payload: orderInput({ lines: [{ name: 'Box', quantity: 1, weight: { value: 2, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 10, unit: 'cm' } }] }),
    });
    const id = r.json().id;
    expect(r.json().lines[0].weight).toEqual({ value: 2, unit: 'kg' });
    const imperial = (await app.inject({ url: `/v1/orders/${id}?units=imperial`, headers: auth(admin) })).json();
    expect(imperial.lines[0].weight).toEqual({ value: 4.409, unit: 'lb' });
    expect(imperial.lines[0].dimensions).toEqual({ length: 11.811, width: 7.874, height: 3.937, unit: 'in' });
  });

  test('PATCH before fulfilment, cancel, then no more changes', async () => {
    const id = (await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(admin), payload: orderInput() })).json().id;
    const p = await app.inject({ method: 'PATCH', url: `/v1/orders/${id}`, headers: auth(admin), payload: { ship_to: { line1: '1 New St', city: 'Boston', state: 'MA', postal_code: '02108', country: 'us' } } });
    expect(p.statusCode).toBe(200);
    expect(p.json().ship_to).toMatchObject({ line1: '1 New St', country: 'US' });
    const tagged = await app.inject({ method: 'PATCH', url: `/v1/orders/${id}`, headers: auth(admin), payload: { tags: ['keep'], notes: 'ring twice' } });
    const other = await app.inject({ method: 'PATCH', url: `/v1/orders/${id}`, headers: auth(admin), payload: { service_level: 'expedited' } });
    expect(tagged.statusCode).toBe(200);
    // Fields not sent keep their values.
    expect(other.json()).toMatchObject({ service_level: 'expedited', tags: ['keep'], notes: 'ring twice', ship_to: { line1: '1 New St' } });
    expect((await app.inject({ method: 'PATCH', url: `/v1/orders/${id}`, headers: auth(admin), payload: {} })).statusCode).toBe(400);
    const c = await app.inject({ method: 'POST', url: `/v1/orders/${id}/cancel`, headers: auth(admin), payload: { reason: 'fraud' } });
    expect(c.json()).toMatchObject({ status: 'cancelled', cancel_reason: 'fraud' });
    const again = await app.inject({ method: 'PATCH', url: `/v1/orders/${id}`, headers: auth(admin), payload: { tags: ['late'] } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_STATE');
    const events = (await app.inject({ url: `/v1/orders/${id}/events`, headers: auth(admin) })).json().data;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['order.updated', 'order.updated', 'order.updated', 'order.cancelled']);
    expect(events[2].data.fields).toEqual(['service_level']);
  });

  test('COD must be in the order currency', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(admin), payload: orderInput({ cod_amount: { amount: 100, currency: 'EUR' } }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ path: 'cod_amount', message: 'must be in the currency of order_value' }]);
  });
});

describe('addresses API', () => {
  test('one address: the result as is; a batch: results in input order with their ids', async () => {
    const one = await app.inject({ method: 'POST', url: '/v1/addresses/validate', headers: auth(admin), payload: { address: '1320 west Webster chiago il 60622' } });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ verdict: 'corrected', standardized: { line1: '1320 W WEBSTER', city: 'CHICAGO', state: 'IL', postal_code: '60622' }, original: '1320 west Webster chiago il 60622' });
    const batch = await app.inject({
      method: 'POST', url: '/v1/addresses/validate', headers: auth(admin),
      payload: { addresses: [{ id: 'a', address: { line1: '12 Beacon St', city: 'Boston', state: 'MA', postal_code: '60614' } }, { address: 'PSC 1234 BOX 5678 APO AE 09012' }] },
    });
    expect(batch.statusCode).toBe(200);
    const results = batch.json().results;
    expect(results.map((r: { id: string | null; verdict: string }) => [r.id, r.verdict])).toEqual([['a', 'invalid'], [null, 'valid']]);
    expect(results[0].issues).toContainEqual(expect.objectContaining({ code: 'ZIP_STATE_MISMATCH', field: 'postal_code', severity: 'error' }));
  });

  test('bad requests: empty, over 1,000, unknown fields; and the scope', async () => {
    const post = (payload: unknown, key = admin) => app.inject({ method: 'POST', url: '/v1/addresses/validate', headers: auth(key), payload: payload as object });
    expect((await post({})).statusCode).toBe(400);
    expect((await post({ address: '' })).statusCode).toBe(400);
    expect((await post({ addresses: [] })).statusCode).toBe(400);
    const big = await post({ addresses: Array.from({ length: 1001 }, () => ({ address: '1 Main St, Chicago, IL 60614' })) });
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post({ address: '1 Main St', extra: 1 })).statusCode).toBe(400);
    expect((await post({ address: '1 Main St, Chicago, IL 60614' }, reader)).statusCode).toBe(403);
  });

  test('an order with an invalid address waits in address_review; accept-as-is needs a reason and is audited', async () => {
    const create = await app.inject({
      method: 'POST', url: '/v1/orders', headers: auth(admin),
      payload: orderInput({ external_id: 'ADDR-API-1', ship_to: { ...orderInput().ship_to, postal_code: '99999' } }),
    });
    expect(create.statusCode).toBe(201);
    const order = create.json();
    expect(order).toMatchObject({ status: 'address_review', address_check: { verdict: 'invalid', accepted: null } });
    expect(order.address_check.issues).toContainEqual(expect.objectContaining({ code: 'ZIP_UNKNOWN', field: 'postal_code' }));
    const listed = await app.inject({ url: '/v1/orders?status=address_review', headers: auth(admin) });
    expect(listed.json().data.map((o: { id: string }) => o.id)).toContain(order.id);

    const noReason = await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/address/accept`, headers: auth(admin), payload: {} });
    expect(noReason.statusCode).toBe(400);
    const accepted = await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/address/accept`, headers: auth(admin), payload: { reason: 'new subdivision, ZIP confirmed by phone' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'ready', address_check: { accepted: { reason: 'new subdivision, ZIP confirmed by phone' } } });
    const again = await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/address/accept`, headers: auth(admin), payload: { reason: 'again' } });
    expect(again.statusCode).toBe(409);
    const events = (await app.inject({ url: `/v1/orders/${order.id}/events`, headers: auth(admin) })).json().data;
    expect(events).toContainEqual(expect.objectContaining({ type: 'order.address_accepted', data: expect.objectContaining({ reason: 'new subdivision, ZIP confirmed by phone' }) }));
  });
});

describe('warehouses and catalog API', () => {
  test('create, conflict on code, get, list', async () => {
    const a = await app.inject({ method: 'POST', url: '/v1/warehouses', headers: auth(admin), payload: warehouseInput({ code: 'API1' }) });
    expect(a.statusCode).toBe(201);
    const dup = await app.inject({ method: 'POST', url: '/v1/warehouses', headers: auth(admin), payload: warehouseInput({ code: 'API1' }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ path: 'code' }] });
    const badTz = await app.inject({ method: 'POST', url: '/v1/warehouses', headers: auth(admin), payload: warehouseInput({ code: 'TZ', timezone: 'Mars/Olympus' }) });
    expect(badTz.json().errors[0].path).toBe('timezone');
    expect((await app.inject({ url: `/v1/warehouses/${a.json().id}`, headers: auth(otherTenant) })).statusCode).toBe(404);
    const patched = await app.inject({ method: 'PATCH', url: `/v1/warehouses/${a.json().id}`, headers: auth(admin), payload: { name: 'Renamed' } });
    // Fields not sent keep their values (has_dock was true, cut-offs were set).
    expect(patched.json()).toMatchObject({ name: 'Renamed', has_dock: true, operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
  });

  test('SKU CRUD with units and CSV import', async () => {
    const s = await app.inject({ method: 'POST', url: '/v1/skus', headers: auth(admin), payload: { sku: 'API-SKU', name: 'Thing', weight: { value: 16, unit: 'oz' }, flags: ['battery'] } });
    expect(s.statusCode).toBe(201);
    expect((await app.inject({ url: '/v1/skus/API-SKU?units=imperial', headers: auth(admin) })).json().weight).toEqual({ value: 1, unit: 'lb' });
    await app.inject({ method: 'PATCH', url: '/v1/skus/API-SKU', headers: auth(admin), payload: { dimensions: { length: 1, width: 2, height: 3, unit: 'in' }, hs_code: '8507.60' } });
    const up = await app.inject({ method: 'PATCH', url: '/v1/skus/API-SKU', headers: auth(admin), payload: { flags: [] } });
    // Fields not sent keep their values.
    expect(up.json()).toMatchObject({ flags: [], hs_code: '850760', dimensions: { length: 1, width: 2, height: 3, unit: 'in' }, weight: { value: 16, unit: 'oz' } });
    const csv = 'sku,name,weight\nCSV-1,From CSV,2kg\nCSV-2,,\n';
    const imp = await app.inject({ method: 'POST', url: '/v1/skus/import', headers: { ...auth(admin), 'content-type': 'text/csv' }, payload: csv });
    expect(imp.json()).toMatchObject({ rows: 2, created: 1, rejected: 1, errors: [{ row: 3, column: 'weight', reason: 'required' }] });
    expect((await app.inject({ method: 'DELETE', url: '/v1/skus/CSV-1', headers: auth(admin) })).statusCode).toBe(204);
    expect((await app.inject({ url: '/v1/skus/CSV-1', headers: auth(admin) })).statusCode).toBe(404);
  });

  test('a JSON endpoint refuses a CSV body with 415', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/orders', headers: { ...auth(admin), 'content-type': 'text/csv' }, payload: 'a,b\n' });
    expect(r.statusCode).toBe(415);
  });
});

describe('order import as a job', () => {
  test('upload, poll the job, read the summary with every bad row', async () => {
    const file = readFileSync(new URL('./fixtures/shopify-orders-export.csv', import.meta.url));
    const r = await app.inject({ method: 'POST', url: '/v1/orders/import', headers: { ...auth(admin), 'content-type': 'text/csv' }, payload: file });
    expect(r.statusCode).toBe(202);
    const { job_id } = r.json();
    expect(job_id).toMatch(/^job_/);
    let job = r.json().job;
    for (let i = 0; i < 100 && !['succeeded', 'failed'].includes(job.state); i++) {
      await new Promise((res) => setTimeout(res, 100));
      job = (await app.inject({ url: `/v1/jobs/${job_id}`, headers: auth(admin) })).json();
    }
    expect(job.state).toBe('succeeded');
    expect(job.progress).toEqual({ done: 9, total: 9 });
    expect(job.result).toMatchObject({ format: 'shopify-csv', rows: 9, orders_created: 3, skipped_cancelled: 1, orders_rejected: 3, rows_rejected: 3 });
    expect(job.result.errors).toEqual([
      { row: 8, column: 'Lineitem requires shipping', reason: 'no line item requires shipping' },
      { row: 9, column: 'Lineitem quantity', reason: '"two" is not a whole number of at least 1' },
      { row: 10, column: 'Shipping Country', reason: 'must be an ISO 3166-1 alpha-2 country code such as US' },
    ]);
    expect((await app.inject({ url: `/v1/jobs/${job_id}`, headers: auth(otherTenant) })).statusCode).toBe(404);
    const orders = (await app.inject({ url: '/v1/orders?channel=shopify&limit=10', headers: auth(admin) })).json().data;
    const first = orders.find((o: { external_id: string }) => o.external_id === '5512345678901');
    expect(first).toMatchObject({
      ship_to: { name: 'Ana Garcia', line1: '12 Beacon St', line2: 'Apt 3', city: 'Boston', state: 'MA', postal_code: '02108', country: 'US', phone: '+16175550123', email: 'ana.garcia@example.com' },
      lines: [
        { sku: 'CASE-IP15', quantity: 2, unit_price: { amount: 1999, currency: 'USD' } },
        { sku: 'CBL-USBC-2M', quantity: 1, unit_price: { amount: 1299, currency: 'USD' } },
      ],
      order_value: { amount: 7197, currency: 'USD' },
      tags: ['vip', 'gift'],
      notes: 'Leave at the front desk',
      placed_at: '2024-03-05T19:02:11.000Z',
      service_level: 'standard',
    });
    const nextDay = orders.find((o: { external_id: string }) => o.external_id === '5512345678902');
    expect(nextDay).toMatchObject({ service_level: 'overnight', ship_to: { company: 'Summit Coworking' } });
    const cod = orders.find((o: { external_id: string }) => o.external_id === '5512345678903');
    expect(cod).toMatchObject({ cod_amount: { amount: 4500, currency: 'USD' }, service_level: 'economy' });
  });

  test('an upload without a body is a 400 with a clear reason', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/orders/import', headers: { ...auth(admin), 'content-type': 'text/csv' }, payload: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('body');
  });
});

describe('rate limiting', () => {
  test('a key over its budget gets 429 with Retry-After', async () => {
    const t2 = await startLastmile('pglite', { config: { rateLimit: { perSecond: 1, burst: 3 } } });
    const app2 = await buildHttpApp(t2.lm, { logLevel: 'silent' });
    try {
      const acme = (await t2.lm.services.tenants.ensureTenant('acme')).tenant;
      const k1 = (await t2.lm.services.tenants.createApiKey(acme.id, { name: 'a', scopes: ['admin'], mode: 'test' })).secret;
      const k2 = (await t2.lm.services.tenants.createApiKey(acme.id, { name: 'b', scopes: ['admin'], mode: 'test' })).secret;
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await app2.inject({ url: '/v1/orders', headers: auth(k1) })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app2.inject({ url: '/v1/orders', headers: auth(k1) });
      expect(limited.headers['retry-after']).toBe('1');
      expect(limited.json().code).toBe('RATE_LIMITED');
      expect((await app2.inject({ url: '/v1/orders', headers: auth(k2) })).statusCode).toBe(200);
    } finally {
      await app2.close();
      await t2.close();
    }
  });
});

describe('tenant settings', () => {
  test("a tenant's currency and time zone: read by any key, changed by an admin, checked, and the other tenant's untouched", async () => {
    expect((await app.inject({ url: '/v1/tenant', headers: auth(reader) })).json()).toMatchObject({ name: 'acme', currency: 'USD', time_zone: null });
    expect((await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: auth(reader), payload: { currency: 'CNY' } })).statusCode).toBe(403);
    const set = await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: auth(admin), payload: { currency: 'cny', time_zone: 'Asia/Shanghai' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ currency: 'CNY', time_zone: 'Asia/Shanghai' });
    const bad = await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: auth(admin), payload: { time_zone: 'Mars/Olympus', currency: 'XYZ1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['currency', 'time_zone']);
    expect((await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: auth(admin), payload: { name: 'renamed' } })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/tenant', headers: auth(otherTenant) })).json()).toMatchObject({ name: 'globex', currency: 'USD', time_zone: null });
    // Back to each user's own zone.
    expect((await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: auth(admin), payload: { time_zone: null } })).json()).toMatchObject({ currency: 'CNY', time_zone: null });
  });
});
