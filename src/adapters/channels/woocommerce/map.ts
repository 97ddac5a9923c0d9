import { Mapping, cleanTags, serviceLevel, type MappedOrder } from '../../../channels/channel-order.js';

type Json = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
const unescapeHtml = (t: string) => t.replace(/&ndash;/g, '–').replace(/&mdash;/g, '—').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** WooCommerce REST API v3 orders (`GET /wp-json/wc/v3/orders[/id]`, webhook bodies). */
export function mapWooOrder(o: Json): MappedOrder {
  const m = new Mapping();
  const id = String(o['id']);
  const currency = s(o['currency']) ?? 'USD';
  const billing = (o['billing'] as Json | undefined) ?? {};
  const sh = (o['shipping'] as Json | undefined) ?? {};
  // Stores that do not ask for a separate shipping address leave it empty: the billing one is it.
  const a = s(sh['address_1']) ? sh : s(billing['address_1']) ? (m.note('shipping', 'empty: the billing address is used'), billing) : null;
  const shipTo = a
    ? {
        name: [s(a['first_name']), s(a['last_name'])].filter(Boolean).join(' ') || null, company: s(a['company']), line1: s(a['address_1'])!, line2: s(a['address_2']),
        city: s(a['city']) ?? '', state: s(a['state']), postal_code: s(a['postcode']), country: s(a['country']) ?? 'US',
        phone: s(sh['phone']) ?? s(billing['phone']), email: s(billing['email']),
      }
    : null;
  if (!shipTo) m.note('shipping', 'the order has no address');
  const items = (o['line_items'] as Json[] | undefined) ?? [];
  const lines = items.map((l, k) => m.line(`line_items[${k}]`, {
    sku: s(l['sku']), name: s(l['name']) ? unescapeHtml(s(l['name'])!) : null, quantity: Number(l['quantity'] ?? 1),
    unit_price: l['price'] !== undefined ? { amount: m.money(`line_items[${k}].price`, typeof l['price'] === 'number' ? (l['price'] as number).toFixed(2) : (l['price'] as string), currency), currency } : null,
    fallbackId: (Number(l['variation_id']) || l['product_id']) as number,
  }));
  const total = m.money('total', o['total'] as string, currency);
  const method = ((o['shipping_lines'] as Json[] | undefined) ?? [])[0];
  const status = s(o['status']) ?? '';
  const cod = s(o['payment_method']) === 'cod';
  const refunds = (o['refunds'] as Json[] | undefined) ?? [];
  if ((o['coupon_lines'] as unknown[] | undefined)?.length) m.note('coupon_lines', 'not used for delivery');
  const order = shipTo && lines.length
    ? {
        channel: 'woocommerce', external_id: id, ship_to: shipTo, lines, order_value: { amount: total, currency }, cod_amount: cod ? { amount: total, currency } : null,
        service_level: serviceLevel(s(method?.['method_title'])), tags: cleanTags([s(o['created_via']) ? `via:${s(o['created_via'])}` : null]), notes: s(o['customer_note']),
        placed_at: s(o['date_created_gmt']) ? `${s(o['date_created_gmt'])}Z` : null, customer_type: (shipTo.company ? 'b2b' : 'b2c') as 'b2b' | 'b2c',
      }
    : null;
  return {
    channel: 'woocommerce', external_id: id, order, unmapped: m.unmapped,
    refs: { order_id: id }, updated_at: s(o['date_modified_gmt']) ? `${s(o['date_modified_gmt'])}Z` : null,
    state: { status, cancelled: status === 'cancelled', refunded: status === 'refunded' || refunds.length > 0, fulfilled: status === 'completed', paid: !!s(o['date_paid_gmt']) || status === 'processing' || status === 'completed' },
  };
}

export function wooOrders(payload: unknown): Json[] {
  return Array.isArray(payload) ? (payload as Json[]) : [payload as Json];
}
