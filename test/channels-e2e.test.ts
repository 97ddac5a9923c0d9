import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SandboxCarrier } from '../src/adapters/carriers/sandbox-carrier.js';
import { amazonConfirmShipment, tiktokSign } from '../src/adapters/channels/clients.js';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';
import { validateAgainst } from './helpers/openapi-validate.js';

type Json = Record<string, any>;

/** A mock Shopify Admin GraphQL API serving real payload shapes; the first fulfillment's answer is lost. */
async function mockShopify(token: string) {
  const fulfillments: Json[] = [];
  const orders: Json[] = [];
  let failFirst = true;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, j: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(j));
      if (req.headers['x-shopify-access-token'] !== token) return send(401, { errors: '[API] Invalid API key or access token' });
      if (req.url !== '/admin/api/2026-07/graphql.json') return send(404, { errors: 'Not Found' });
      const { query, variables } = JSON.parse(body) as { query: string; variables: Json };
      if (query.includes('fulfillmentCreate')) {
        fulfillments.push(variables['fulfillment']);
        if (failFirst) {
          // Carried out, answer lost: the client must find it instead of fulfilling twice.
          failFirst = false;
          return send(503, { errors: 'Service Unavailable' });
        }
        return send(200, { data: { fulfillmentCreate: { fulfillment: { id: `gid://shopify/Fulfillment/${fulfillments.length}`, status: 'SUCCESS' }, userErrors: [] } } });
      }
      if (query.includes('fulfillmentOrders')) {
        return send(200, { data: { order: { fulfillments: fulfillments.map((f) => ({ trackingInfo: (f['trackingInfo'].numbers as string[]).map((n) => ({ number: n })) })), fulfillmentOrders: { nodes: [{ id: 'gid://shopify/FulfillmentOrder/1', status: fulfillments.length ? 'CLOSED' : 'OPEN' }] } } } });
      }
      if (query.includes('orders(')) return send(200, { data: { orders: { nodes: orders, pageInfo: { hasNextPage: false, endCursor: null } } } });
      return send(400, { errors: 'unknown query' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, fulfillments, orders, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A mock WooCommerce REST API: orders, notes, meta. */
async function mockWoo(key: string, secret: string) {
  const notes: Json[] = [];
  const metas: Json[] = [];
  const orders: Json[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, j: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(j));
      if (req.headers.authorization !== `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`) return send(401, { code: 'woocommerce_rest_cannot_view' });
      const url = new URL(req.url ?? '/', 'http://x');
      const m = url.pathname.match(/^\/wp-json\/wc\/v3\/orders(?:\/(\d+)(\/notes)?)?$/);
      if (!m) return send(404, { code: 'rest_no_route' });
      if (!m[1]) return send(200, url.searchParams.get('page') === '1' ? orders : []);
      if (m[2] && req.method === 'GET') return send(200, notes.filter((n) => n['order'] === m[1]));
      if (m[2] && req.method === 'POST') {
        notes.push({ order: m[1], ...JSON.parse(body) });
        return send(201, { id: notes.length });
      }
      if (req.method === 'PUT') {
        metas.push({ order: m[1], ...JSON.parse(body) });
        return send(200, { id: Number(m[1]) });
      }
      return send(405, {});
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, notes, metas, orders, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const shopifyNode = (id: number, updatedAt: string, over: Json = {}) => ({
  id: `gid://shopify/Order/${id}`, name: `#${id}`, email: 'ana@example.com', createdAt: '2026-11-20T10:00:00Z', updatedAt, cancelledAt: null, currencyCode: 'USD', tags: ['web'], note: null,
  displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', paymentGatewayNames: ['shopify_payments'], totalPriceSet: { shopMoney: { amount: '25.00', currencyCode: 'USD' } },
  shippingLine: { title: 'Standard', code: 'STD' },
  shippingAddress: { firstName: 'Ana', lastName: 'Garcia', company: null, address1: '350 5th Ave', address2: null, city: 'New York', provinceCode: 'NY', zip: '10118', countryCodeV2: 'US', phone: null },
  lineItems: { nodes: [{ id: 'gid://shopify/LineItem/1', sku: 'MUG-1', name: 'Mug', quantity: 1, requiresShipping: true, originalUnitPriceSet: { shopMoney: { amount: '25.00' } } }] },
  ...over,
});

let f: ApiFixture;
let sandbox: SandboxCarrier;
beforeAll(async () => {
  f = await apiFixture({ trackingScanMs: 0 });
  sandbox = new SandboxCarrier({});
  const url = await sandbox.listen();
  await f.t.lm.services.shipments.saveAccount(f.tenantId, { kind: 'http', carrier: 'metro', base_url: url, auth: { type: 'none' }, timeout_ms: 2000 });
  await f.app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: f.auth(), payload: { rules: [{ id: 'metro', priority: 1, when: {}, then: { allow_carriers: ['metro'] } }] } });
  const sku = await f.app.inject({ method: 'POST', url: '/v1/skus', headers: f.auth(), payload: { sku: 'MUG-1', name: 'Mug', weight: { value: 1, unit: 'lb' }, dimensions: { length: 6, width: 5, height: 5, unit: 'in' } } });
  expect(sku.statusCode).toBe(201);
});
afterAll(async () => {
  await f?.close();
  await sandbox?.close();
});

async function shipAndWait(orderId: string) {
  const d = await f.app.inject({ method: 'POST', url: `/v1/orders/${orderId}/decide`, headers: f.auth() });
  expect(d.json().status, d.body).toBe('decided');
  const s = await f.app.inject({ method: 'POST', url: '/v1/shipments', headers: f.auth(), payload: { order_id: orderId } });
  expect(s.statusCode).toBe(201);
  for (let i = 0; i < 200; i++) {
    const x = (await f.app.inject({ url: `/v1/shipments/${s.json().id}`, headers: f.auth() })).json();
    if (x.status === 'labeled') return x;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('not labeled');
}

const until = async (ok: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 400 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('Shopify end to end', () => {
  test('pull, decide, label with the sandbox carrier, write back: the shop receives the tracking exactly once', async () => {
    const shop = await mockShopify('shpat_test');
    try {
      shop.orders.push(shopifyNode(7001, '2026-11-21T10:00:00Z'));
      const c = await f.app.inject({ method: 'POST', url: '/v1/channels', headers: f.auth(), payload: { kind: 'shopify', name: 'shop', base_url: shop.url, credentials: { key: 'shpat_test', secret: 'app-secret' } } });
      expect(c.statusCode).toBe(201);
      expect(c.body).not.toContain('shpat_test');
      const sync = await f.app.inject({ method: 'POST', url: '/v1/channels/shop/sync', headers: f.auth() });
      expect(sync.json()).toMatchObject({ received: 1, created: 1, rejected: 0 });
      // The scheduled pull (every connection) changes nothing: same version.
      expect(await f.t.lm.services.channels.syncAll()).toEqual({ synced: 1, failed: 0 });
      expect((await f.app.inject({ method: 'POST', url: '/v1/channels/shop/sync', headers: f.auth() })).json()).toMatchObject({ created: 0 });
      expect((await f.app.inject({ url: '/v1/channels', headers: f.auth() })).json().data[0]).toMatchObject({ name: 'shop', last_error: null, last_sync_at: expect.any(String), cursor: '2026-11-21T10:00:00Z' });
      const order = (await f.app.inject({ url: '/v1/orders?channel=shop', headers: f.auth() })).json().data[0];
      expect(order).toMatchObject({ external_id: '7001', channel: 'shop' });
      const s = await shipAndWait(order.id);
      await until(() => shop.fulfillments.length >= 1 && f.t.lm.services.outbox['repo'].pending().then((n: number) => n === 0));
      await new Promise((r) => setTimeout(r, 500));
      expect(shop.fulfillments).toHaveLength(1);
      expect(shop.fulfillments[0]).toMatchObject({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1' }], trackingInfo: { company: 'METRO', numbers: s.tracking_numbers }, notifyCustomer: true });
      const events = (await f.app.inject({ url: `/v1/orders/${order.id}/events`, headers: f.auth() })).json().data.map((e: Json) => e.type);
      expect(events).toContain('order.tracking_written_back');
    } finally {
      await shop.close();
    }
  });

  test('signed webhooks: a cancellation applies, a replayed older version does not, a bad signature is 401', async () => {
    const list = (await f.app.inject({ url: '/v1/channels', headers: f.auth() })).json().data;
    const conn = list.find((c: Json) => c.name === 'shop');
    const rest = (id: number, updatedAt: string, over: Json = {}) => ({
      id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#${id}`, email: 'bo@example.com', created_at: '2026-11-20T10:00:00Z', updated_at: updatedAt, currency: 'USD', total_price: '10.00',
      financial_status: 'paid', fulfillment_status: null, cancelled_at: null, tags: '', note: null, payment_gateway_names: ['manual'],
      shipping_address: { first_name: 'Bo', last_name: 'Li', address1: '1 Main St', city: 'Springfield', province_code: 'IL', zip: '62701', country_code: 'US' },
      line_items: [{ id: 1, sku: 'MUG-1', name: 'Mug', quantity: 1, grams: 400, price: '10.00', requires_shipping: true }], shipping_lines: [{ title: 'Standard' }], ...over,
    });
    const post = (body: Json, secret = 'app-secret') => {
      const raw = JSON.stringify(body);
      return f.app.inject({ method: 'POST', url: `/v1/webhooks/channels/${conn.id}`, headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': createHmac('sha256', secret).update(raw).digest('base64'), 'x-shopify-topic': 'orders/create' }, payload: raw });
    };
    expect((await post(rest(7002, '2026-11-21T10:00:00Z'), 'wrong')).statusCode).toBe(401);
    expect((await post(rest(7002, '2026-11-21T10:00:00Z'))).json()).toMatchObject({ created: 1 });
    expect((await post(rest(7002, '2026-11-21T12:00:00Z', { cancelled_at: '2026-11-21T12:00:00Z', cancel_reason: 'customer' }))).json()).toMatchObject({ cancelled: 1 });
    // The create arriving again, late: older than what we have, ignored.
    expect((await post(rest(7002, '2026-11-21T10:00:00Z'))).json()).toMatchObject({ stale: 1, created: 0 });
    const order = (await f.app.inject({ url: '/v1/orders?channel=shop', headers: f.auth() })).json().data.find((o: Json) => o.external_id === '7002');
    expect(order.status).toBe('cancelled');
  });
});

describe('WooCommerce end to end', () => {
  test('pull, ship, write back as an order note and meta, once', async () => {
    const woo = await mockWoo('ck_1', 'cs_1');
    try {
      woo.orders.push({
        id: 901, status: 'processing', currency: 'USD', total: '25.00', date_created_gmt: '2026-11-20T10:00:00', date_modified_gmt: '2026-11-21T10:00:00', payment_method: 'bacs',
        shipping: { first_name: 'Cy', last_name: 'Ng', address_1: '350 5th Ave', city: 'New York', state: 'NY', postcode: '10118', country: 'US' },
        billing: { email: 'cy@example.com' }, line_items: [{ id: 1, name: 'Mug', product_id: 9, quantity: 1, sku: 'MUG-1', price: 25 }], shipping_lines: [{ method_title: 'Flat rate' }],
      });
      await f.app.inject({ method: 'POST', url: '/v1/channels', headers: f.auth(), payload: { kind: 'woocommerce', name: 'woo', base_url: woo.url, credentials: { key: 'ck_1', secret: 'cs_1' } } });
      expect((await f.app.inject({ method: 'POST', url: '/v1/channels/woo/sync', headers: f.auth() })).json()).toMatchObject({ created: 1 });
      const order = (await f.app.inject({ url: '/v1/orders?channel=woo', headers: f.auth() })).json().data[0];
      const s = await shipAndWait(order.id);
      await until(() => woo.notes.length >= 1);
      await new Promise((r) => setTimeout(r, 500));
      expect(woo.notes).toHaveLength(1);
      expect(woo.notes[0]).toMatchObject({ order: '901', customer_note: true, note: expect.stringContaining(s.tracking_numbers[0]) });
      expect(woo.metas[0]!.meta_data[0]).toMatchObject({ key: '_lastmile_tracking', value: [{ number: s.tracking_numbers[0] }] });
    } finally {
      await woo.close();
    }
  });
});

describe('write-back payloads', () => {
  const SPEC = new URL('../../shared/data/orders/amazon/ordersV0.openapi.json', import.meta.url).pathname;
  test.skipIf(!existsSync(SPEC))("Amazon confirmShipment bodies validate against Amazon's published model", () => {
    const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
    const t = { carrier: 'ups', service: 'ground', trackingNumbers: ['1Z5R89390357567127'], trackingUrls: ['https://www.ups.com/track?tracknum=1Z5R89390357567127'], shipDate: '2026-11-22T15:00:00Z' };
    for (const carrier of ['ups', 'fedex', 'metro']) {
      const body = amazonConfirmShipment({ order_id: '902-1106328-1059050', marketplace_id: 'ATVPDKIKX0DER', items: [{ orderItemId: '79039765272157', quantity: 1 }] }, { ...t, carrier });
      expect(validateAgainst(spec, { $ref: '#/definitions/ConfirmShipmentRequest' }, body)).toEqual([]);
      if (carrier === 'metro') expect(body.packageDetail).toMatchObject({ carrierCode: 'Other', carrierName: 'metro' });
    }
    // The validator does catch a wrong body.
    expect(validateAgainst(spec, { $ref: '#/definitions/ConfirmShipmentRequest' }, { packageDetail: { trackingNumber: 5 } }).length).toBeGreaterThan(0);
  });

  test('TikTok request signatures follow the documented recipe', () => {
    // secret + path + sorted params (sign and access_token left out) + body + secret, HMAC-SHA256 with the secret.
    const sig = tiktokSign('s3cret', '/order/202309/orders/search', { app_key: 'k', timestamp: '1700000000', page_size: '50', access_token: 'x', sign: 'old' }, '{"a":1}');
    expect(sig).toBe(createHmac('sha256', 's3cret').update('s3cret/order/202309/orders/searchapp_keykpage_size50timestamp1700000000{"a":1}s3cret').digest('hex'));
  });
});
