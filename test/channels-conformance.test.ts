import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { amazonOrders, mapAmazonOrder } from '../src/adapters/channels/amazon/map.js';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { mapShopifyOrder, shopifyOrders } from '../src/adapters/channels/shopify/map.js';
import { mapTikTokOrder, tiktokOrders } from '../src/adapters/channels/tiktok/map.js';
import { mapWooOrder, wooOrders } from '../src/adapters/channels/woocommerce/map.js';
import type { MappedOrder } from '../src/channels/channel-order.js';
import { parseDecimalToMinor } from '../src/kernel/money.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';

const DIR = new URL('../../shared/data/orders/', import.meta.url).pathname;
const present = existsSync(DIR);
const read = (f: string) => JSON.parse(readFileSync(`${DIR}${f}`, 'utf8'));
type Json = Record<string, any>;

/** A mapped order is one of ours: it passes the same validation as POST /v1/orders. */
function valid(m: MappedOrder) {
  expect(m.order, JSON.stringify(m.unmapped)).not.toBeNull();
  const p = orderCreateSchema.safeParse(m.order);
  expect(p.success, p.success ? '' : JSON.stringify(p.error.issues)).toBe(true);
  return p.success ? p.data : (undefined as never);
}

describe.skipIf(!present)('Shopify REST payloads', () => {
  const seen = new Map<string, Json>();
  if (present) {
    for (const r of read('shopify/rest_2026-07_order_mock_responses.json').mock_responses as Json[]) for (const o of shopifyOrders(r)) if (o['shipping_address'] && !seen.has(String(o['id']))) seen.set(String(o['id']), o);
    for (const o of shopifyOrders(read('shopify/rest_2026-07_order_sample_450789469.json'))) if (!seen.has(String(o['id']))) seen.set(String(o['id']), o);
  }
  test('every order with a shipping address maps; fields checked against the payload', () => {
    expect(seen.size).toBeGreaterThan(0);
    for (const [id, o] of seen) {
      const m = mapShopifyOrder(o);
      expect(m.external_id).toBe(id);
      expect(m.state.cancelled).toBe(!!o['cancelled_at']);
      const shippable = (o['line_items'] as Json[]).filter((l) => l['requires_shipping'] !== false);
      if (!o['shipping_address']?.['address1'] || shippable.length === 0) {
        expect(m.order).toBeNull();
        continue;
      }
      const order = valid(m);
      const a = o['shipping_address'];
      expect(order.ship_to).toMatchObject({ line1: a.address1, city: a.city, postal_code: a.zip, country: a.country_code });
      expect(order.lines.reduce((t, l) => t + l.quantity, 0)).toBe(shippable.reduce((t, l) => t + Number(l['quantity']), 0));
      expect(order.order_value).toEqual({ amount: parseDecimalToMinor(o['total_price'], o['currency']), currency: o['currency'] });
      for (const l of shippable) if (!l['sku'] && !(l['grams'] > 0)) expect(m.unmapped.map((u) => u.path)).toContain(`line_items[${(o['line_items'] as Json[]).indexOf(l)}].sku`);
    }
  });
});

describe('Shopify Admin GraphQL order nodes', () => {
  test('a GraphQL order maps like its REST twin', () => {
    const node = {
      id: 'gid://shopify/Order/1001', name: '#1001', email: 'ana@example.com', createdAt: '2026-11-20T10:00:00Z', currencyCode: 'USD', tags: ['vip', 'gift'], note: 'leave at door',
      displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', cancelledAt: null, paymentGatewayNames: ['Cash on Delivery (COD)'],
      totalPriceSet: { shopMoney: { amount: '59.90', currencyCode: 'USD' } }, shippingLine: { title: 'Express', code: 'EXP' },
      shippingAddress: { firstName: 'Ana', lastName: 'Garcia', address1: '12 Beacon St', address2: 'Apt 2', city: 'Boston', provinceCode: 'MA', zip: '02108', countryCodeV2: 'US', phone: '+16175550100' },
      lineItems: { nodes: [{ id: 'gid://shopify/LineItem/1', sku: 'MUG-1', name: 'Mug', quantity: 2, requiresShipping: true, originalUnitPriceSet: { shopMoney: { amount: '12.50' } } }, { id: 'gid://shopify/LineItem/2', sku: null, name: 'Gift card', quantity: 1, requiresShipping: false }] },
    };
    const [o] = shopifyOrders({ data: { orders: { nodes: [node] } } });
    const m = mapShopifyOrder(o!);
    const order = valid(m);
    expect(m.external_id).toBe('1001');
    expect(order).toMatchObject({ channel: 'shopify', service_level: 'expedited', cod_amount: { amount: 5990, currency: 'USD' }, tags: ['vip', 'gift'], notes: 'leave at door' });
    expect(order.ship_to).toMatchObject({ name: 'Ana Garcia', state: 'MA', postal_code: '02108', email: 'ana@example.com' });
    expect(order.lines).toEqual([expect.objectContaining({ sku: 'MUG-1', quantity: 2, unit_price: { amount: 1250, currency: 'USD' } })]);
  });
});

describe.skipIf(!present)('Amazon SP-API payloads', () => {
  const ex: Json = present ? read('amazon/orders_api_examples_extracted.json') : {};
  test('Orders v0: orders without items or address are reported, not guessed; with getOrderItems they map', () => {
    const orders = (ex['ordersV0:getOrders'] as Json[]).filter((e) => e.http_status === '200').flatMap((e) => amazonOrders(e.body) as Json[]);
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      const m = mapAmazonOrder(o);
      expect(m.external_id).toBe(o['AmazonOrderId']);
      expect(m.order).toBeNull();
      expect(m.unmapped.map((u) => u.path)).toContain('OrderItems');
    }
    const items = (ex['ordersV0:getOrderItems'] as Json[]).find((e) => e.http_status === '200')!.body.payload.OrderItems as Json[];
    const withAddress: Json = orders.find((o) => o["ShippingAddress"]?.["AddressLine1"])!;
    const m = mapAmazonOrder({ ...withAddress, OrderItems: items });
    const order = valid(m);
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual(items.map((i) => [i['SellerSKU'], i['QuantityOrdered']]));
    expect(order.ship_to).toMatchObject({ line1: withAddress['ShippingAddress']['AddressLine1'], postal_code: withAddress['ShippingAddress']['PostalCode'] });
  });

  test('Orders 2026-01-01: searchOrders and getOrder map with address, items, totals and programs', () => {
    const bodies = [...(ex['orders_2026-01-01:searchOrders'] as Json[]), ...(ex['orders_2026-01-01:getOrder'] as Json[])].filter((e) => e.http_status === '200').map((e) => e.body);
    let mapped = 0;
    for (const o of bodies.flatMap((b) => amazonOrders(b) as Json[])) {
      const m = mapAmazonOrder(o);
      expect(m.external_id).toBe(o['orderId']);
      const addr = o['recipient']?.['deliveryAddress'];
      if (!addr?.addressLine1 || !(o['orderItems'] as Json[] | undefined)?.length) {
        expect(m.order).toBeNull();
        continue;
      }
      const order = valid(m);
      mapped++;
      expect(order.ship_to).toMatchObject({ line1: addr.addressLine1, city: addr.city, postal_code: addr.postalCode, country: addr.countryCode });
      expect(order.lines.reduce((t, l) => t + l.quantity, 0)).toBe((o['orderItems'] as Json[]).reduce((t, i) => t + Number(i['quantityOrdered']), 0));
      if (o['proceeds']?.grandTotal) expect(order.order_value.amount).toBe(parseDecimalToMinor(o['proceeds'].grandTotal.amount, o['proceeds'].grandTotal.currencyCode));
      expect(order.customer_type).toBe((o['programs'] ?? []).includes('AMAZON_BUSINESS') ? 'b2b' : 'b2c');
    }
    expect(mapped).toBeGreaterThan(0);
  });
});

describe.skipIf(!present)('TikTok Shop order detail 202309', () => {
  test('maps the documented example: units grouped into lines, tax id kept, city from the ZIP when missing', async () => {
    const o = tiktokOrders(read('tiktok/tts_order_detail_202309_docs_example.json'))[0] as Json;
    const dir = await loadUsZipDirectory();
    const m = mapTikTokOrder(o, { placeFor: (country, zip) => (country === 'US' && dir.lookup(zip.slice(0, 5)) ? { city: dir.lookup(zip.slice(0, 5))!.places[0]!, state: dir.lookup(zip.slice(0, 5))!.state } : null) });
    expect(m.external_id).toBe(o['id']);
    const order = valid(m);
    expect(order.order_value).toEqual({ amount: parseDecimalToMinor(o['payment']['total_amount'], o['payment']['currency']), currency: o['payment']['currency'] });
    expect(order.lines.reduce((t, l) => t + l.quantity, 0)).toBe((o['line_items'] as Json[]).length);
    expect(order.ship_to).toMatchObject({ postal_code: o['recipient_address']['postal_code'], country: o['recipient_address']['region_code'], tax_id: o['cpf'] });
    expect(m.state.cancelled).toBe(o['status'] === 'CANCELLED');
    expect(order.notes).toBe(o['buyer_message']);
    // The example has no city level in district_info: the ZIP gives it, and the mapping says so.
    expect(order.ship_to.city).toBe('SAN JOSE');
    expect(m.unmapped.map((u) => u.path)).toContain('recipient_address.district_info');
  });
});

describe.skipIf(!present)('WooCommerce REST v3', () => {
  test('every example order maps; fields checked against the payload', () => {
    const ex = read('woocommerce/wc_rest_v3_orders_examples.json').json_response_examples as Json[];
    const sample = read('woocommerce/wc_rest_v3_order_sample.json');
    const orders = [...ex.flatMap((e) => wooOrders(e)), ...wooOrders(sample)].filter((o) => o && o['id'] !== undefined && o['line_items']) as Json[];
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      const m = mapWooOrder(o);
      expect(m.external_id).toBe(String(o['id']));
      const a = o['shipping']?.['address_1'] ? o['shipping'] : o['billing'];
      if (!a?.['address_1'] || !(o['line_items'] as Json[]).length) {
        expect(m.order).toBeNull();
        continue;
      }
      const order = valid(m);
      expect(order.ship_to).toMatchObject({ line1: a['address_1'], city: a['city'], postal_code: a['postcode'] || null, country: a['country'] });
      expect(order.order_value).toEqual({ amount: parseDecimalToMinor(o['total'], o['currency']), currency: o['currency'] });
      expect(order.cod_amount !== null).toBe(o['payment_method'] === 'cod');
      expect(m.state.cancelled).toBe(o['status'] === 'cancelled');
      expect(order.lines.reduce((t, l) => t + l.quantity, 0)).toBe((o['line_items'] as Json[]).reduce((t, l) => t + Number(l['quantity']), 0));
    }
  });
});

describe.skipIf(!present)('Shopify REST fulfillment orders and fulfillments', () => {
  test('every mock response reads: bare or wrapped, ids, statuses, lines and tracking', async () => {
    const { shopifyFulfillmentOrders, shopifyFulfillments } = await import('../src/adapters/channels/shopify/fulfillments.js');
    let fos = 0;
    for (const r of read('shopify/rest_2026-07_fulfillment_order_mock_responses.json').mock_responses as Json[]) {
      const raw = (r['fulfillment_orders'] ?? (r['fulfillment_order'] ? [r['fulfillment_order']] : [])) as Json[];
      const got = shopifyFulfillmentOrders(r);
      expect(got.map((x) => x.id)).toEqual(raw.map((x) => String(x['id'])));
      for (const [k, x] of got.entries()) {
        expect(x).toMatchObject({ order_id: String(raw[k]!['order_id']), status: raw[k]!['status'], fulfillable: ['open', 'in_progress'].includes(raw[k]!['status']) });
        expect(x.lines).toHaveLength((raw[k]!['line_items'] ?? []).length);
      }
      fos += got.length;
    }
    expect(fos).toBeGreaterThan(0);
    let fs = 0;
    for (const r of read('shopify/rest_2026-07_fulfillment_mock_responses.json').mock_responses as Json[]) {
      const raw = (r['fulfillments'] ?? (r['fulfillment'] ? [r['fulfillment']] : [])) as Json[];
      const got = shopifyFulfillments(r);
      expect(got.map((x) => x.id)).toEqual(raw.map((x) => String(x['id'])));
      for (const [k, x] of got.entries()) expect(x.tracking.numbers).toEqual(raw[k]!['tracking_numbers'] ?? (raw[k]!['tracking_number'] ? [raw[k]!['tracking_number']] : []));
      fs += got.length;
    }
    expect(fs).toBeGreaterThan(0);
  });
});
