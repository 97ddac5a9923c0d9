import { cell, parseBool, type CsvRecord } from '../../kernel/csv.js';
import { parseLengthUnit, parseWeight, parseWeightUnit } from '../../kernel/units.js';
import { CellReader, splitList, sumLines, type MapResult } from './csv-fields.js';

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
    let weight: unknown = null;
    const w = cell(lv, 'weight');
    if (w) {
      const wu = cell(lv, 'weight_unit');
      if (wu) {
        const unit = parseWeightUnit(wu);
        if (!unit) r.err(rec, 'weight_unit', `unknown unit "${wu}" (g, kg, oz, lb)`);
        else if (!(Number(w) > 0)) r.err(rec, 'weight', `"${w}" is not a positive number`);
        else weight = { value: Number(w), unit };
      } else if (!(weight = parseWeight(w) ?? null)) {
        r.err(rec, 'weight', `"${w}" needs a unit: a weight_unit column or a value such as 5lb`);
      }
    }
    let dimensions: unknown = null;
    const [l, wd, h] = [cell(lv, 'length'), cell(lv, 'width'), cell(lv, 'height')];
    if (l || wd || h) {
      const du = cell(lv, 'dimension_unit');
      const unit = du && parseLengthUnit(du);
      if (!l || !wd || !h) r.err(rec, !l ? 'length' : !wd ? 'width' : 'height', 'length, width and height go together');
      else if (!unit) r.err(rec, 'dimension_unit', du ? `unknown unit "${du}" (mm, cm, in)` : 'required with dimensions');
      else if ([l, wd, h].some((x) => !(Number(x) > 0))) r.err(rec, 'length', 'dimensions must be positive numbers');
      else dimensions = { length: Number(l), width: Number(wd), height: Number(h), unit };
    }
    return {
      sku: cell(lv, 'sku') ?? null,
      name: cell(lv, 'line_name') ?? null,
      quantity: r.positiveInt(rec, 'quantity'),
      weight,
      dimensions,
      unit_price: r.money(rec, 'unit_price', currency),
    };
  });

  let order_value: unknown = r.money(first, 'order_value', currency);
  if (!order_value && !cell(v, 'order_value') && currency) {
    order_value = sumLines(lines, currency);
    if (!order_value) r.err(first, 'order_value', 'required (or a unit_price on every line)');
  }

  let delivery_preference: Record<string, unknown> = { type: 'home' };
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
      locate(path) {
        const [head, a, b] = path.map(String);
        if (head === 'lines' && a !== undefined) {
          const rec = rows[Number(a)] ?? first;
          return { row: rec.row, column: (b && LINE_COLUMNS[b]) ?? null };
        }
        if (head === 'ship_to') return { row: first.row, column: a ? `ship_to_${a}` : 'ship_to_line1' };
        if (head === 'delivery_preference') return { row: first.row, column: (a && PREFERENCE_COLUMNS[a]) ?? 'pickup_point_id' };
        if ((head === 'order_value' || head === 'cod_amount') && a === 'currency') return { row: first.row, column: 'currency' };
        return { row: first.row, column: (head && ORDER_COLUMNS[head]) ?? null };
      },
    },
  };
}
