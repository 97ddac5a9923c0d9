import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp } from '../src/api/app.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { startLastmile, type TestLastmile } from './helpers/engines.js';
import { orderInput, warehouseInput } from './helpers/factories.js';

const BIN = new URL('../bin/lastmile', import.meta.url).pathname;
let t: TestLastmile;
let app: FastifyInstance;
let key: string;
let tenantId: string;

const REQUEST = {
  items: [
    { id: 'mug', length: 5, width: 5, height: 4, weight: 1, quantity: 3, flags: ['this_side_up'] },
    { id: 'tee', length: 10, width: 8, height: 1, weight: 0.4, quantity: 2 },
  ],
  boxes: [
    { id: 'S', inner: { length: 8, width: 6, height: 4 }, max_weight: 20, tare_weight: 0.2, cost: 0.35 },
    { id: 'M', inner: { length: 12, width: 10, height: 8 }, max_weight: 40, tare_weight: 0.5, cost: 0.79 },
  ],
  units: { length: 'in', weight: 'lb' },
};

beforeAll(async () => {
  t = await startLastmile('pglite', { config: { rateLimit: { perSecond: 1000, burst: 1000 } } });
  tenantId = (await t.lm.services.tenants.ensureTenant('acme')).tenant.id;
  key = (await t.lm.services.tenants.createApiKey(tenantId, { name: 'k', scopes: ['orders:read', 'orders:write'], mode: 'test' })).secret;
  app = await buildHttpApp(t.lm, { logLevel: 'silent' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload: payload as object });

describe('POST /v1/packing/plan', () => {
  test('places every unit with its position and size; upright items keep their height', async () => {
    const r = await post('/v1/packing/plan', REQUEST);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.unpacked).toEqual([]);
    const placed = body.packages.flatMap((p: { items: { item_id: string }[] }) => p.items);
    expect(placed).toHaveLength(5);
    for (const a of placed.filter((x: { item_id: string }) => x.item_id === 'mug')) expect(a.dimensions.height).toBe(4);
    expect(body.objective).toBe('billable_weight');
  });

  test('priced with a rate card: shipping cost per package and the total; bad input is a 400', async () => {
    const r = (await post('/v1/packing/plan', { ...REQUEST, service: 'sample-usps-ground-advantage', zone: '4' })).json();
    expect(r.objective).toBe('price');
    expect(r.total_cost).toBeCloseTo(r.packages.reduce((t: number, p: { shipping_cost: number; box_cost: number }) => t + p.shipping_cost + p.box_cost, 0), 6);
    expect((await post('/v1/packing/plan', { ...REQUEST, items: [] })).statusCode).toBe(400);
    expect((await post('/v1/packing/plan', { ...REQUEST, service: 'nope' })).statusCode).toBe(400);
  });
});

describe('POST /v1/orders/:id/pack', () => {
  test("uses the warehouse's boxes and the order's lines; lines without dimensions are named", async () => {
    await t.lm.services.warehouses.create(tenantId, warehouseInput({
      code: 'PK1',
      boxes: [{ id: 'BOX-10', name: null, type: 'box', inner: { length: 10, width: 8, height: 6, unit: 'in' }, outer: null, tare_weight: { value: 0.3, unit: 'lb' }, max_weight: { value: 40, unit: 'lb' }, cost: { amount: 58, currency: 'USD' }, available: true }],
    }));
    const { order } = await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({
      warehouse_id: 'PK1', lines: [{ sku: null, name: 'Mug', quantity: 2, weight: { value: 1, unit: 'lb' }, dimensions: { length: 12, width: 12, height: 10, unit: 'cm' } }],
    })), 'test');
    const r = await post(`/v1/orders/${order.id}/pack`, {});
    expect(r.statusCode).toBe(200);
    expect(r.json().packages).toEqual([expect.objectContaining({ box_id: 'BOX-10' })]);
    const priced = (await post(`/v1/orders/${order.id}/pack`, { service: 'sample-ups-ground' })).json();
    expect(priced.packages[0].shipping_cost).toBeGreaterThan(0);
    const { order: noDims } = await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'PK1', lines: [{ sku: null, name: 'Thing', quantity: 1, weight: { value: 1, unit: 'lb' } }] })), 'test');
    const bad = await post(`/v1/orders/${noDims.id}/pack`, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'lines[0]', message: 'Thing has no dimensions (on the line or in the catalog)' }]);
  });
});

describe('./bin/lastmile pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lastmile-pack-'));
  const run = (args: string[]) => spawnSync(BIN, args, { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LASTMILE_DATA_DIR: dir }, timeout: 60_000 });

  test('--json prints packages with every unit placed; an item no box holds exits 1 with the reason', () => {
    const file = join(dir, 'in.json');
    writeFileSync(file, JSON.stringify(REQUEST));
    const ok = run(['pack', '--input', file, '--json']);
    expect(ok.status).toBe(0);
    const r = JSON.parse(ok.stdout);
    expect(r.packages.flatMap((p: { items: unknown[] }) => p.items)).toHaveLength(5);
    expect(r.packages[0]).toEqual(expect.objectContaining({ box_id: expect.any(String), gross_weight: expect.any(Number), billable_weight: expect.any(Number) }));
    writeFileSync(file, JSON.stringify({ ...REQUEST, items: [...REQUEST.items, { id: 'sofa', length: 80, width: 40, height: 30, weight: 90 }] }));
    const partial = run(['pack', '--input', file, '--json']);
    expect(partial.status).toBe(1);
    expect(JSON.parse(partial.stdout).unpacked).toEqual([{ item_id: 'sofa', unit: 0, reason: 'larger than every box, in every orientation' }]);
    writeFileSync(file, '{"items": []}');
    expect(run(['pack', '--input', file]).status).toBe(2);
  });
});
