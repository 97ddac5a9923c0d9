import { cell, dimensionsFromCells, parseBool, readCsv, weightFromCells, zodIssuesToRowErrors, type CsvRowError } from '../kernel/csv.js';
import { parseDecimalToMinor } from '../kernel/money.js';
import { SKU_FLAGS, skuCreateSchema, type SkuCreate } from './sku.schema.js';

export type SkuCsvError = CsvRowError;

/** Which CSV column each schema field comes from, to name it in errors. */
const COLUMN_OF: Record<string, string> = {
  sku: 'sku', name: 'name', weight: 'weight', dimensions: 'length', declared_value: 'declared_value',
  hs_code: 'hs_code', country_of_origin: 'country_of_origin', flags: 'flags',
};

/**
 * Maps one catalog CSV row (docs/csv.md) to a SKU. Columns: sku, name, weight, weight_unit,
 * length, width, height, dimension_unit, declared_value, currency, hs_code, country_of_origin,
 * flags (separated by ";" or ","), and optionally one yes/no column per flag.
 */
export function mapSkuRow(row: number, v: Record<string, string>): { sku: SkuCreate } | { errors: SkuCsvError[] } {
  const errors: SkuCsvError[] = [];
  const err = (column: string, reason: string) => errors.push({ row, column, reason });

  const weightCells = weightFromCells(v);
  if ('error' in weightCells) err(weightCells.error.column, weightCells.error.reason);
  else if (!weightCells.value) err('weight', 'required');
  const weight = 'value' in weightCells ? weightCells.value : null;
  const dimCells = dimensionsFromCells(v);
  if ('error' in dimCells) err(dimCells.error.column, dimCells.error.reason);
  const dimensions = 'value' in dimCells ? dimCells.value : null;

  let declared: unknown = null;
  const dv = cell(v, 'declared_value');
  if (dv) {
    const currency = (cell(v, 'currency') ?? '').toUpperCase();
    if (!currency) err('currency', 'required with declared_value');
    else {
      let amount: number | undefined;
      try {
        amount = parseDecimalToMinor(dv, currency);
      } catch {
        err('currency', `unknown currency "${currency}"`);
      }
      if (amount === undefined) err('declared_value', `"${dv}" is not an amount in ${currency}`);
      else declared = { amount, currency };
    }
  }

  const flags = new Set<string>();
  for (const f of (cell(v, 'flags') ?? '').split(/[;,|]/).map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if ((SKU_FLAGS as readonly string[]).includes(f)) flags.add(f);
    else err('flags', `unknown flag "${f}" (${SKU_FLAGS.join(', ')})`);
  }
  for (const f of SKU_FLAGS) {
    const b = parseBool(v[f]);
    if (v[f] !== undefined && b === undefined) err(f, `"${v[f]}" is not yes/no`);
    if (b) flags.add(f);
  }
  if (errors.length > 0) return { errors };

  const parsed = skuCreateSchema.safeParse({
    sku: v['sku'] ?? '',
    name: cell(v, 'name') ?? cell(v, 'sku') ?? '',
    weight,
    dimensions,
    declared_value: declared,
    hs_code: cell(v, 'hs_code') ?? null,
    country_of_origin: cell(v, 'country_of_origin') ?? null,
    flags: [...flags],
  });
  if (!parsed.success) {
    return { errors: zodIssuesToRowErrors(parsed.error.issues, (p) => ({ row, column: COLUMN_OF[String(p[0])] ?? null })) };
  }
  return { sku: parsed.data };
}

export async function* readSkuCsv(input: NodeJS.ReadableStream): AsyncGenerator<{ sku: SkuCreate } | { errors: SkuCsvError[] }> {
  for await (const rec of readCsv(input)) yield mapSkuRow(rec.row, rec.values);
}
