import { parse } from 'csv-parse/sync';
import { AppError, type FieldError } from '../kernel/errors.js';
import { parseDecimalToMinor } from '../kernel/money.js';
import { parseWeightUnit, type WeightUnit } from '../kernel/units.js';
import type { PriceGrid } from './rate-card.schema.js';

const NO_SERVICE = new Set(['', '-', '—', 'n/a', 'na', 'x', 'not available']);

/** "Zone 2", "zone2", "2", "Z2" -> ["2"]; "Zones 1&2", "Zone 1-2", "1 and 2" -> ["1", "2"]; undefined for other headers. */
export function zonesFromHeader(h: string): string[] | undefined {
  const m = /^\s*(?:zones?\s*|z)?0*(\d{1,2})\s*(?:(?:&|-|–|and|,)\s*(?:zones?\s*|z)?0*(\d{1,2}))?\s*$/i.exec(h);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a;
  if (b < a || b - a > 9) return undefined;
  return Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
}

/**
 * Reads a price grid as carriers publish it: the first column is the weight (`1`, `2`… in the
 * card's unit, or with a unit: `1 lb`, `8 oz`, `0.5 kg`), then one column per zone (`Zone 2` …
 * `Zone 8` or `2` … `8`). Prices are decimals in the card's currency ("$10.23" is fine); an
 * empty cell or "-" means no service. Every bad cell is reported with its row and column.
 */
export function parsePriceGridCsv(csv: string, weightUnit: WeightUnit, currency: string): PriceGrid {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `The price grid is not valid CSV: ${(e as Error).message}`, { errors: [{ path: 'prices_csv', message: (e as Error).message }] });
  }
  const header = records[0];
  if (!header || header.length < 2) {
    throw new AppError('VALIDATION_FAILED', 'The price grid needs a header: weight, then one column per zone', { errors: [{ path: 'prices_csv row 1', message: 'expected e.g. "Weight,Zone 2,Zone 3,…"' }] });
  }
  const errors: FieldError[] = [];
  const zones: string[] = [];
  /** The CSV column each zone takes its prices from (a "Zones 1&2" column serves both). */
  const columnOf: number[] = [];
  header.slice(1).forEach((h, i) => {
    const zs = zonesFromHeader(h);
    if (!zs) errors.push({ path: `prices_csv row 1, column ${i + 2}`, message: `"${h}" is not a zone (expected "Zone 2", "2" or "Zones 1&2")` });
    else for (const z of zs) {
      if (zones.includes(z)) errors.push({ path: `prices_csv row 1, column ${i + 2}`, message: `zone ${z} appears twice` });
      else {
        zones.push(z);
        columnOf.push(i + 1);
      }
    }
  });
  const columns = header.length - 1;
  const headerBad = errors.length > 0;
  const rows: PriceGrid['rows'] = [];
  let previous = 0;
  records.slice(1).forEach((r, idx) => {
    const row = idx + 2;
    const w = parseGridWeight(r[0] ?? '', weightUnit);
    if (!w) {
      errors.push({ path: `prices_csv row ${row}, column 1`, message: `"${r[0] ?? ''}" is not a weight (e.g. 1, 1 lb, 8 oz, 0.5 kg)` });
      return;
    }
    if (w.value <= previous) errors.push({ path: `prices_csv row ${row}, column 1`, message: 'weights must increase down the grid' });
    previous = w.value;
    if (!headerBad && r.length - 1 > columns && r.slice(columns + 1).some((c) => c !== '')) {
      errors.push({ path: `prices_csv row ${row}`, message: `more cells than zone columns (${columns})` });
    }
    const byColumn = new Map<number, number | null>();
    const prices = zones.map((_, zi) => {
      const col = columnOf[zi]!;
      if (byColumn.has(col)) return byColumn.get(col)!;
      const cell = (r[col] ?? '').trim();
      let price: number | null = null;
      if (!NO_SERVICE.has(cell.toLowerCase())) {
        const minor = parseDecimalToMinor(cell, currency);
        if (minor === undefined || minor < 0) errors.push({ path: `prices_csv row ${row}, column ${col + 1}`, message: `"${cell}" is not a price in ${currency}` });
        else price = minor;
      }
      byColumn.set(col, price);
      return price;
    });
    rows.push({ weight: w, prices });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ path: 'prices_csv', message: 'the grid has no weight rows' });
  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', `The price grid has ${errors.length} error(s)`, { errors: errors.slice(0, 200) });
  }
  return { zones, rows };
}

/** A grid weight in the card's unit; a cell with its own unit is converted. */
function parseGridWeight(cell: string, unit: WeightUnit): { value: number; unit: WeightUnit } | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z.]*)\s*$/.exec(cell);
  if (!m) return undefined;
  const value = Number(m[1]);
  if (!(value > 0)) return undefined;
  if (!m[2]) return { value, unit };
  const given = parseWeightUnit(m[2].replace(/\.$/, ''));
  if (!given) return undefined;
  if (given === unit) return { value, unit };
  const grams = { g: 1, kg: 1000, oz: 28.349523125, lb: 453.59237 };
  // Keep 6 decimals: "8 oz" in a pound grid is 0.5 lb exactly; "15.99 oz" 0.999375.
  return { value: Math.round((value * grams[given]) / grams[unit] * 1e6) / 1e6, unit };
}
