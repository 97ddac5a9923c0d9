import { cell, dimensionsFromCells, parseBool, weightFromCells, type CsvRecord } from '../../kernel/csv.js';
import { CellReader, locator, splitList, sumLines, type MapResult } from './csv-fields.js';

/** The columns of lastmile's order CSV template (docs/csv.md); one row per order line. */
export const TEMPLATE_COLUMNS = [
  'external_id', 'channel', 'warehouse', 'customer_type',
  'ship_to_name', 'ship_to_company', 'ship_to_line1', 'ship_to_line2', 'ship_to_city', 'ship_to_state',
  'ship_to_postal_code', 'ship_to_country', 'ship_to_phone', 'ship_to_email', 'ship_to_residential',
  'sku', 'line_name', 'quantity', 'weight', 'weight_unit', 'length', 'width', 'height', 'dimension_unit', 'unit_price',
  'order_value', 'currency', 'cod_amount', 'service_level',
  'pickup_point_id', 'appointment_start', 'appointment_end', 'accessorials', 'tags', 'notes', 'placed_at',
] as const;

export function isTemplateHeader(headers: string[]): boolean {
  return headers.includes('external_id') && headers.includes('ship_to_line1');
}

export function templateGroupKey(rec: CsvRecord): string | undefined {
  const c = cell(rec.values, 'channel') ?? 'csv';
  const id = cell(rec.values, 'external_id');
  return id && `${c}\u0000${id}`;
}

const ORDER_COLUMNS: Record<string, string> = {
  channel: 'channel', external_id: 'external_id', warehouse_id: 'warehouse', customer_type: 'customer_type',
  order_value: 'order_value', cod_amount: 'cod_amount', service_level: 'service_level', tags: 'tags',
  notes: 'notes', placed_at: 'placed_at',
};
const LINE_COLUMNS: Record<string, string> = {
  sku: 'sku', name: 'line_name', quantity: 'quantity', weight: 'weight', dimensions: 'length', unit_price: 'unit_price',
};
const PREFERENCE_COLUMNS: Record<string, string> = { pickup_point_id: 'pickup_point_id', window: 'appointment_start', accessorials: 'accessorials' };

/** Maps the rows of one order (same channel + external_id, consecutive) to an order candidate. */
export function mapTemplateGroup(rows: CsvRecord[]): MapResult {
  const r = new CellReader();
  const first = rows[0]!;
  const v = first.values;
  const currency = r.currency(first, 'currency');

  const lines = rows.map((rec) => {
    const lv = rec.values;
    const weight = weightFromCells(lv);
    if ('error' in weight) r.err(rec, weight.error.column, weight.error.reason);
    const dimensions = dimensionsFromCells(lv);
    if ('error' in dimensions) r.err(rec, dimensions.error.column, dimensions.error.reason);
    return {
      sku: cell(lv, 'sku') ?? null,
      name: cell(lv, 'line_name') ?? null,
      quantity: r.positiveInt(rec, 'quantity'),
      weight: 'value' in weight ? weight.value : null,
      dimensions: 'value' in dimensions ? dimensions.value : null,
      unit_price: r.money(rec, 'unit_price', currency),
    };
  });

  let order_value: unknown = r.money(first, 'order_value', currency);
  if (!order_value && !cell(v, 'order_value') && currency) {
    order_value = sumLines(lines, currency);
    if (!order_value) r.err(first, 'order_value', 'required (or a unit_price on every line)');
  }

  let delivery_preference: Record<string, unknown> | null = null;
  const start = cell(v, 'appointment_start');
  const end = cell(v, 'appointment_end');
  const accessorials = splitList(cell(v, 'accessorials'));
  if (cell(v, 'pickup_point_id')) delivery_preference = { type: 'pickup_point', pickup_point_id: cell(v, 'pickup_point_id') };
  else if (start || end || accessorials.length > 0) {
    if (Boolean(start) !== Boolean(end)) r.err(first, start ? 'appointment_end' : 'appointment_start', 'appointment_start and appointment_end go together');
    delivery_preference = { type: 'truck_appointment', window: start && end ? { start, end } : null, accessorials };
  }

  const residential = cell(v, 'ship_to_residential');
  const residentialBool = parseBool(residential);
  if (residential && residentialBool === undefined) r.err(first, 'ship_to_residential', `"${residential}" is not yes/no`);

  if (r.errors.length > 0) return { errors: r.errors };
  const input: Record<string, unknown> = {
    channel: cell(v, 'channel') ?? 'csv',
    external_id: cell(v, 'external_id'),
    warehouse_id: cell(v, 'warehouse') ?? null,
    customer_type: cell(v, 'customer_type')?.toLowerCase() ?? 'b2c',
    ship_to: {
      name: cell(v, 'ship_to_name'), company: cell(v, 'ship_to_company'), line1: v['ship_to_line1'] ?? '',
      line2: cell(v, 'ship_to_line2'), city: v['ship_to_city'] ?? '', state: cell(v, 'ship_to_state'),
      postal_code: cell(v, 'ship_to_postal_code'), country: v['ship_to_country'] ?? '', phone: cell(v, 'ship_to_phone'),
      email: cell(v, 'ship_to_email'), residential: residentialBool ?? null,
    },
    lines,
    order_value,
    cod_amount: r.money(first, 'cod_amount', currency),
    service_level: cell(v, 'service_level')?.toLowerCase() ?? 'standard',
    delivery_preference,
    tags: splitList(cell(v, 'tags')),
    notes: cell(v, 'notes') ?? null,
    placed_at: cell(v, 'placed_at') ?? null,
  };
  return {
    candidate: {
      input,
      locate: locator(first, rows, {
        order: ORDER_COLUMNS,
        line: LINE_COLUMNS,
        shipTo: (f) => (f ? `ship_to_${f}` : 'ship_to_line1'),
        currency: 'currency',
        nested: { delivery_preference: (f) => (f && PREFERENCE_COLUMNS[f]) ?? 'pickup_point_id' },
      }),
    },
  };
}
