import { Mapping, cleanTags, serviceLevel, type MapContext, type MappedOrder } from '../../../channels/channel-order.js';

type Json = Record<string, unknown>;
// The docs example carries empty values written as '""'.
const s = (v: unknown) => (typeof v === 'string' && v.trim() && v.trim() !== '""' ? v.trim() : null);

/** TikTok Shop order detail (Order API 202309: `GET /order/202309/orders`). */
export function mapTikTokOrder(o: Json, ctx: MapContext = {}): MappedOrder {
  const m = new Mapping();
  const id = String(o['id']);
  const payment = (o['payment'] as Json | undefined) ?? {};
  const currency = s(payment['currency']) ?? 'USD';
  const r = (o['recipient_address'] as Json | undefined) ?? null;
  let shipTo = null;
  if (r && (s(r['address_line1']) || s(r['full_address']))) {
    const levels = ((r['district_info'] as Json[] | undefined) ?? []).map((d) => ({ level: s(d['address_level_name']) ?? s(d['address_level']) ?? '', name: s(d['address_name']) }));
    const find = (re: RegExp) => levels.find((l) => re.test(l.level))?.name ?? null;
    let city = find(/city|town/i) ?? find(/^l(3|evel 3)|county/i) ?? '';
    let state = find(/state|province|region/i);
    if (!city) {
      const place = s(r['postal_code']) ? ctx.placeFor?.(s(r['region_code']) ?? 'US', s(r['postal_code'])!) : null;
      if (place) {
        city = place.city;
        state ??= place.state;
        m.note('recipient_address.district_info', `no city level: city and state taken from postal code ${s(r['postal_code'])}`);
      } else m.note('recipient_address.district_info', 'no city level and no known postal code: the city is missing');
    }
    shipTo = {
      name: s(r['name']) ?? ([s(r['first_name']), s(r['last_name'])].filter(Boolean).join(' ') || null), company: null,
      line1: s(r['address_line1']) ?? s(r['full_address'])!, line2: s(r['address_line2']), line3: [s(r['address_detail']), s(r['address_line3']), s(r['address_line4'])].filter(Boolean).join(', ') || null,
      city, state, postal_code: s(r['postal_code']), country: s(r['region_code']) ?? 'US', phone: s(r['phone_number']), email: s(o['buyer_email']),
    };
    if (s(o['cpf'])) m.note('cpf', 'Brazilian tax id: kept as the recipient tax id');
  } else m.note('recipient_address', 'the order has no recipient address (masked, or not yet released)');
  if (shipTo && s(o['cpf'])) Object.assign(shipTo, { tax_id: s(o['cpf']) });
  // TikTok lists one line item per unit: group them by SKU.
  const items = (o['line_items'] as Json[] | undefined) ?? [];
  const groups = new Map<string, { sku: string | null; name: string | null; quantity: number; price: string | null; id: string | null }>();
  for (const l of items) {
    const key = s(l['seller_sku']) ?? s(l['sku_id']) ?? s(l['id']) ?? 'item';
    const g = groups.get(key);
    if (g) g.quantity++;
    else groups.set(key, { sku: s(l['seller_sku']), name: s(l['product_name']), quantity: 1, price: s(l['sale_price']), id: s(l['sku_id']) ?? s(l['product_id']) });
  }
  const lines = [...groups.values()].map((g, k) => m.line(`line_items[${k}]`, { sku: g.sku, name: g.name, quantity: g.quantity, unit_price: g.price ? { amount: m.money(`line_items[${k}].sale_price`, g.price, currency), currency } : null, fallbackId: g.id }));
  const total = m.money('payment.total_amount', payment['total_amount'] as string, currency);
  const status = s(o['status']) ?? '';
  const cod = o['is_cod'] === true;
  if (s(o['delivery_option_name']) === null && s(o['shipping_type'])) m.note('shipping_type', `${s(o['shipping_type'])}: no delivery option name`);
  if (s(o['shipping_type']) === 'TIKTOK') m.note('shipping_type', 'TikTok ships this order (shipped via platform): lastmile should not buy a label');
  const order = shipTo && lines.length
    ? {
        channel: 'tiktok', external_id: id, ship_to: shipTo, lines, order_value: { amount: total, currency }, cod_amount: cod ? { amount: total, currency } : null,
        service_level: serviceLevel(s(o['delivery_option_name'])), tags: cleanTags([o['is_sample_order'] === true ? 'sample-order' : null, s(o['fulfillment_type'])?.toLowerCase()]),
        notes: s(o['buyer_message']), placed_at: typeof o['create_time'] === 'number' ? new Date((o['create_time'] as number) * 1000).toISOString() : null, customer_type: 'b2c' as const,
      }
    : null;
  const packages = ((o['packages'] as Json[] | undefined) ?? []).map((p) => s(p['id'])).filter(Boolean);
  return {
    channel: 'tiktok', external_id: id, order, unmapped: m.unmapped,
    refs: { order_id: id, package_ids: packages }, updated_at: typeof o['update_time'] === 'number' ? new Date((o['update_time'] as number) * 1000).toISOString() : null,
    state: { status, cancelled: status === 'CANCELLED', refunded: false, fulfilled: ['IN_TRANSIT', 'DELIVERED', 'COMPLETED'].includes(status), paid: status !== 'UNPAID' },
  };
}

export function tiktokOrders(payload: unknown): Json[] {
  const p = payload as Json;
  if (Array.isArray(p)) return p as Json[];
  const data = (p['data'] as Json | undefined) ?? p;
  if (Array.isArray(data['orders'])) return data['orders'] as Json[];
  if (data['order']) return [data['order'] as Json];
  return 'id' in data ? [data] : [];
}
