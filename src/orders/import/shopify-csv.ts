import { cell, parseBool, type CsvRecord } from '../../kernel/csv.js';
import { CellReader, locator, splitList, type MapResult } from './csv-fields.js';

/**
 * Shopify's order export CSV (Admin > Orders > Export): one row per line item; order-level
 * columns (Email, Total, Shipping …) are filled on an order's first row, line columns
 * (Lineitem …) on every row, all rows of an order share its Name.
 */
export function isShopifyHeader(headers: string[]): boolean {
  return headers.includes('Name') && headers.includes('Lineitem quantity');
}

export function shopifyGroupKey(rec: CsvRecord): string | undefined {
  return cell(rec.values, 'Name');
}

const ORDER_COLUMNS: Record<string, string> = {
  external_id: 'Id', order_value: 'Total', cod_amount: 'Outstanding Balance', service_level: 'Shipping Method',
  tags: 'Tags', notes: 'Notes', placed_at: 'Created at', channel: 'Name',
};
const SHIP_TO_COLUMNS: Record<string, string> = {
  name: 'Shipping Name', company: 'Shipping Company', line1: 'Shipping Address1', line2: 'Shipping Address2',
  city: 'Shipping City', state: 'Shipping Province', postal_code: 'Shipping Zip', country: 'Shipping Country',
  phone: 'Shipping Phone', email: 'Email',
};
const LINE_COLUMNS: Record<string, string> = {
  sku: 'Lineitem sku', name: 'Lineitem name', quantity: 'Lineitem quantity', unit_price: 'Lineitem price', weight: 'Lineitem sku',
};

/** Shopify writes "2024-03-05 14:02:11 -0500"; we store ISO 8601. */
export function shopifyTime(s: string | undefined): string | null | undefined {
  if (!s) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([+-])(\d{2}):?(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2];
  return `${m[1]}T${time}${m[3]}${m[4]}:${m[5]}`;
}

/** Maps checkout shipping-method names to service levels; unknown names are standard. */
export function serviceLevelFromMethod(method: string | undefined): string {
  const m = (method ?? '').toLowerCase();
  if (/overnight|next[- ]day|1[- ]day|same[- ]day/.test(m)) return 'overnight';
  if (/express|expedited|priority|2[- ]day|two[- ]day|rush/.test(m)) return 'expedited';
  if (/economy|saver|free/.test(m)) return 'economy';
  return 'standard';
}

/** Excel-safe exports prefix ZIPs with an apostrophe to keep leading zeros ("'02134"). */
const zip = (z: string | undefined) => z?.replace(/^'/, '') || null;

export function mapShopifyGroup(rows: CsvRecord[]): MapResult {
  const r = new CellReader();
  const first = rows[0]!;
  const v = first.values;
  if (cell(v, 'Cancelled at')) return { skipped: 'cancelled' };
  if ((cell(v, 'Fulfillment Status') ?? '').toLowerCase() === 'fulfilled') return { skipped: 'fulfilled' };

  const currency = r.currency(first, 'Currency');
  // Digital items and gift cards need no delivery.
  const shippable = rows.filter((rec) => parseBool(rec.values['Lineitem requires shipping']) !== false);
  if (shippable.length === 0) {
    return { errors: [{ row: first.row, column: 'Lineitem requires shipping', reason: 'no line item requires shipping' }] };
  }
  if (!cell(v, 'Shipping Address1')) {
    return { errors: [{ row: first.row, column: 'Shipping Address1', reason: 'the order has no shipping address' }] };
  }
  const lines = shippable.map((rec) => ({
    sku: cell(rec.values, 'Lineitem sku') ?? null,
    name: cell(rec.values, 'Lineitem name') ?? null,
    quantity: r.positiveInt(rec, 'Lineitem quantity'),
    unit_price: r.money(rec, 'Lineitem price', currency),
  }));
  const total = r.money(first, 'Total', currency);
  if (!total && currency && !cell(v, 'Total')) r.err(first, 'Total', 'required');

  const isCod = /cash on delivery|\bcod\b/i.test(cell(v, 'Payment Method') ?? '') ||
    /cash on delivery|\bcod\b/i.test(cell(v, 'Payment Gateway Names') ?? '');
  let cod: unknown = null;
  if (isCod && total) {
    const outstanding = r.money(first, 'Outstanding Balance', currency);
    cod = outstanding && outstanding.amount > 0 ? outstanding : total;
  }
  const placedAt = shopifyTime(cell(v, 'Created at'));
  if (placedAt === undefined) r.err(first, 'Created at', `"${cell(v, 'Created at')}" is not a date and time`);

  if (r.errors.length > 0) return { errors: r.errors };
  const input: Record<string, unknown> = {
    channel: 'shopify',
    external_id: cell(v, 'Id') ?? cell(v, 'Name'),
    customer_type: 'b2c',
    ship_to: {
      name: cell(v, 'Shipping Name'), company: cell(v, 'Shipping Company'), line1: v['Shipping Address1'] ?? '',
      line2: cell(v, 'Shipping Address2'), city: v['Shipping City'] ?? '', state: cell(v, 'Shipping Province'),
      postal_code: zip(cell(v, 'Shipping Zip')), country: v['Shipping Country'] ?? '',
      phone: cell(v, 'Shipping Phone') ?? cell(v, 'Phone'), email: cell(v, 'Email'),
    },
    lines,
    order_value: total,
    cod_amount: cod,
    service_level: serviceLevelFromMethod(cell(v, 'Shipping Method')),
    delivery_preference: null,
    tags: splitList(cell(v, 'Tags')),
    notes: cell(v, 'Notes') ?? null,
    placed_at: placedAt,
  };
  return {
    candidate: {
      input,
      locate: locator(first, shippable, {
        order: ORDER_COLUMNS,
        line: LINE_COLUMNS,
        shipTo: (f) => (f && SHIP_TO_COLUMNS[f]) ?? 'Shipping Address1',
        currency: 'Currency',
      }),
    },
  };
}
