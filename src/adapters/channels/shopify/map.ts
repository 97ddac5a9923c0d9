import { Mapping, cleanTags, serviceLevel, type MappedOrder } from '../../../channels/channel-order.js';

type Json = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Shopify REST (`orders.json`, `order.json`, webhook bodies) or Admin GraphQL order nodes. */
export function mapShopifyOrder(o: Json): MappedOrder {
  return 'admin_graphql_api_id' in o || 'line_items' in o || typeof o['id'] === 'number' ? mapRest(o) : mapGraphql(o);
}

function address(m: Mapping, path: string, a: Json | null | undefined, email: string | null, phone: string | null) {
  if (!a || !s(a['address1'] ?? a['address1'])) {
    m.note(path, 'the order has no shipping address (digital goods, or local pickup)');
    return null;
  }
  const name = s(a['name']) ?? ([s(a['first_name'] ?? a['firstName']), s(a['last_name'] ?? a['lastName'])].filter(Boolean).join(' ') || null);
  return {
    name, company: s(a['company']), line1: s(a['address1'])!, line2: s(a['address2']), city: s(a['city']) ?? '',
    state: s(a['province_code'] ?? a['provinceCode']) ?? s(a['province']), postal_code: s(a['zip']), country: s(a['country_code'] ?? a['countryCodeV2'] ?? a['countryCode']) ?? 'US',
    phone: s(a['phone']) ?? phone, email,
    latitude: typeof a['latitude'] === 'number' ? a['latitude'] : null, longitude: typeof a['longitude'] === 'number' ? a['longitude'] : null,
  };
}

function mapRest(o: Json): MappedOrder {
  const m = new Mapping();
  const id = String(o['id']);
  const currency = s(o['currency']) ?? 'USD';
  const email = s(o['email']) ?? s(o['contact_email']);
  const phone = s(o['phone']);
  const shipTo = address(m, 'shipping_address', o['shipping_address'] as Json | undefined, email, phone);
  const items = (o['line_items'] as Json[] | undefined) ?? [];
  const lines = items
    .filter((l, k) => {
      if (l['requires_shipping'] === false) {
        m.note(`line_items[${k}]`, 'does not require shipping (digital item or gift card): left out');
        return false;
      }
      return true;
    })
    .map((l) => m.line(`line_items[${items.indexOf(l)}]`, {
      sku: s(l['sku']), name: s(l['name']) ?? s(l['title']), quantity: Number(l['quantity'] ?? 1), grams: Number(l['grams'] ?? 0),
      unit_price: { amount: m.money(`line_items[${items.indexOf(l)}].price`, l['price'] as string, currency), currency }, fallbackId: (l['variant_id'] ?? l['product_id'] ?? l['id']) as number,
    }));
  const gateways = ((o['payment_gateway_names'] as string[] | undefined) ?? []).map((g) => g.toLowerCase());
  const cod = gateways.some((g) => g.includes('cash on delivery') || g === 'cod');
  const total = m.money('total_price', o['total_price'] as string, currency);
  const method = ((o['shipping_lines'] as Json[] | undefined) ?? [])[0];
  if (method && /pick ?up/i.test(`${s(method['code']) ?? ''} ${s(method['title']) ?? ''}`)) m.note('shipping_lines[0]', `"${s(method['title'])}" looks like a pickup; Shopify sends no pickup point id we can route to`);
  if ((o['discount_codes'] as unknown[] | undefined)?.length) m.note('discount_codes', 'not used for delivery');
  const refunds = (o['refunds'] as Json[] | undefined) ?? [];
  const financial = s(o['financial_status']) ?? '';
  const fulfillment = s(o['fulfillment_status']) ?? '';
  const tags = cleanTags((s(o['tags']) ?? '').split(','));
  const order = shipTo && lines.length
    ? {
        channel: 'shopify', external_id: id, ship_to: shipTo, lines,
        order_value: { amount: total, currency }, cod_amount: cod ? { amount: total, currency } : null,
        service_level: serviceLevel(s(method?.['title']) ?? s(method?.['code'])), tags, notes: s(o['note']), placed_at: s(o['created_at']) ?? s(o['processed_at']),
        customer_type: (shipTo.company ? 'b2b' : 'b2c') as 'b2b' | 'b2c',
      }
    : null;
  if (!lines.length) m.note('line_items', 'no line item needs shipping');
  return {
    channel: 'shopify', external_id: id, order, unmapped: m.unmapped,
    refs: { order_gid: s(o['admin_graphql_api_id']) ?? `gid://shopify/Order/${id}` }, updated_at: s(o['updated_at']),
    state: { status: `${financial}/${fulfillment || 'unfulfilled'}`, cancelled: !!s(o['cancelled_at']), refunded: financial === 'refunded' || (refunds.length > 0 && financial !== 'partially_refunded'), fulfilled: fulfillment === 'fulfilled', paid: financial ? financial === 'paid' || financial === 'partially_refunded' || financial === 'refunded' : null },
  };
}

function mapGraphql(o: Json): MappedOrder {
  const m = new Mapping();
  const gid = String(o['id'] ?? '');
  const id = gid.split('/').pop() ?? gid;
  const money = (o['totalPriceSet'] as { shopMoney?: { amount?: string; currencyCode?: string } } | undefined)?.shopMoney;
  const currency = money?.currencyCode ?? s(o['currencyCode']) ?? 'USD';
  const email = s(o['email']);
  const shipTo = address(m, 'shippingAddress', o['shippingAddress'] as Json | undefined, email, s(o['phone']));
  const conn = o['lineItems'] as { nodes?: Json[]; edges?: { node: Json }[] } | undefined;
  const items = conn?.nodes ?? conn?.edges?.map((e) => e.node) ?? [];
  const lines = items.filter((l) => l['requiresShipping'] !== false).map((l, k) => {
    const grams = (l['variant'] as { inventoryItem?: { measurement?: { weight?: { value?: number; unit?: string } } } } | undefined)?.inventoryItem?.measurement?.weight;
    const g = grams?.value ? grams.value * ({ GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 }[grams.unit ?? 'GRAMS'] ?? 1) : 0;
    const price = (l['originalUnitPriceSet'] as { shopMoney?: { amount?: string } } | undefined)?.shopMoney?.amount;
    return m.line(`lineItems[${k}]`, { sku: s(l['sku']), name: s(l['name']) ?? s(l['title']), quantity: Number(l['quantity'] ?? 1), grams: g, unit_price: price ? { amount: m.money(`lineItems[${k}].price`, price, currency), currency } : null, fallbackId: String(l['id'] ?? '').split('/').pop() ?? null });
  });
  const total = m.money('totalPriceSet', money?.amount, currency);
  const gateways = ((o['paymentGatewayNames'] as string[] | undefined) ?? []).map((g) => g.toLowerCase());
  const cod = gateways.some((g) => g.includes('cash on delivery') || g === 'cod');
  const shippingLine = o['shippingLine'] as Json | undefined;
  const financial = (s(o['displayFinancialStatus']) ?? '').toLowerCase();
  const fulfillment = (s(o['displayFulfillmentStatus']) ?? '').toLowerCase();
  const order = shipTo && lines.length
    ? {
        channel: 'shopify', external_id: id, ship_to: shipTo, lines, order_value: { amount: total, currency }, cod_amount: cod ? { amount: total, currency } : null,
        service_level: serviceLevel(s(shippingLine?.['title'])), tags: cleanTags((o['tags'] as string[] | undefined) ?? []), notes: s(o['note']), placed_at: s(o['createdAt']),
        customer_type: (shipTo.company ? 'b2b' : 'b2c') as 'b2b' | 'b2c',
      }
    : null;
  return {
    channel: 'shopify', external_id: id, order, unmapped: m.unmapped,
    refs: { order_gid: gid }, updated_at: s(o['updatedAt']),
    state: { status: `${financial}/${fulfillment}`, cancelled: !!s(o['cancelledAt']), refunded: financial === 'refunded', fulfilled: fulfillment === 'fulfilled', paid: financial ? financial === 'paid' : null },
  };
}

/** Every order in a Shopify payload: `{orders: [...]}`, `{order: {...}}`, a bare order, GraphQL `{data: {orders: {nodes|edges}}}`. */
export function shopifyOrders(payload: unknown): Json[] {
  const p = payload as Json;
  if (Array.isArray(p)) return p as Json[];
  if (Array.isArray(p['orders'])) return p['orders'] as Json[];
  if (p['order'] && typeof p['order'] === 'object') return [p['order'] as Json];
  const data = p['data'] as Json | undefined;
  const conn = (data?.['orders'] ?? data?.['order']) as { nodes?: Json[]; edges?: { node: Json }[] } | Json | undefined;
  if (conn && ('nodes' in conn || 'edges' in conn)) return (conn as { nodes?: Json[] }).nodes ?? (conn as { edges: { node: Json }[] }).edges.map((e) => e.node);
  if (conn) return [conn as Json];
  return 'id' in p ? [p] : [];
}
