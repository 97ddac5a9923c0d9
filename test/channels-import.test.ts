import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';
import { cliWorkspace, ORDERS_CSV_HEADER } from './helpers/processes.js';

const woo = (id: number, over: Record<string, unknown> = {}) => ({
  id, status: 'processing', currency: 'USD', total: '29.35', date_created_gmt: '2026-11-20T19:28:02', payment_method: 'cod', customer_note: 'Ring twice',
  billing: { first_name: 'John', last_name: 'Doe', address_1: '969 Market St', city: 'San Francisco', state: 'CA', postcode: '94103', country: 'US', email: 'john@example.com', phone: '(555) 555-5555' },
  shipping: { first_name: 'John', last_name: 'Doe', company: '', address_1: '969 Market St', address_2: '', city: 'San Francisco', state: 'CA', postcode: '94103', country: 'US' },
  line_items: [{ id: 1, name: 'Mug', product_id: 93, variation_id: 0, quantity: 2, sku: 'MUG-1', price: 12.5 }, { id: 2, name: 'Poster', product_id: 22, variation_id: 0, quantity: 1, sku: '', price: 4.35 }],
  shipping_lines: [{ method_title: 'Express', total: '10.00' }],
  ...over,
});

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({ trackingScanMs: 0 });
});
afterAll(async () => f?.close());

describe("POST /v1/orders/import/channel", () => {
  test('maps, creates, deduplicates, skips cancelled and completed orders, reports what it could not map', async () => {
    const body = [woo(501), woo(502, { status: 'cancelled' }), woo(503, { status: 'completed' }), woo(504, { shipping: {}, billing: {} })];
    const r = await f.app.inject({ method: 'POST', url: '/v1/orders/import/channel?format=woo-json', headers: f.auth(), payload: body });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ orders: 4, orders_created: 1, skipped_cancelled: 1, skipped_fulfilled: 1, orders_rejected: 1 });
    expect(r.json().errors).toContainEqual(expect.objectContaining({ external_id: '504', path: 'shipping' }));
    expect(r.json().unmapped).toContainEqual(expect.objectContaining({ external_id: '501', path: 'line_items[1].sku' }));
    const list = (await f.app.inject({ url: '/v1/orders?channel=woocommerce', headers: f.auth() })).json().data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ external_id: '501', cod_amount: { amount: 2935, currency: 'USD' }, service_level: 'expedited', notes: 'Ring twice' });
    const again = await f.app.inject({ method: 'POST', url: '/v1/orders/import/channel?format=woo-json', headers: f.auth(), payload: [woo(501)] });
    expect(again.json()).toMatchObject({ orders_created: 0, duplicates_skipped: 1 });
    const bad = await f.app.inject({ method: 'POST', url: '/v1/orders/import/channel?format=ebay-json', headers: f.auth(), payload: [] });
    expect(bad.statusCode).toBe(400);
    const empty = await f.app.inject({ method: 'POST', url: '/v1/orders/import/channel?format=shopify-json', headers: f.auth(), payload: { orders: [] } });
    expect(empty.statusCode).toBe(400);
  });
});

describe('./bin/lastmile orders import --format woo-json', () => {
  test('imports a payload file; a rejected order exits 1; a file that is not JSON is a usage error', () => {
    const { dir, run } = cliWorkspace('lastmile-channel-', `${ORDERS_CSV_HEADER}\n`);
    const file = join(dir, 'woo.json');
    writeFileSync(file, JSON.stringify([woo(601), woo(602)]));
    const r = run(['orders', 'import', file, '--format', 'woo-json', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ orders: 2, orders_created: 2 });
    writeFileSync(file, JSON.stringify([woo(603, { shipping: {}, billing: {} })]));
    const rejected = run(['orders', 'import', file, '--format', 'woo-json']);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toMatch(/603: shipping/);
    writeFileSync(file, 'not json');
    expect(run(['orders', 'import', file, '--format', 'woo-json']).status).toBe(2);
  }, 120_000);
});
