import { parse } from 'csv-parse';
import type { z } from 'zod';
import { AppError } from './errors.js';
import { parseLengthUnit, parseWeight, parseWeightUnit, type Dimensions, type Weight } from './units.js';

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1, the first data row is row 2. */
  row: number;
  /** Values by header name as written in the file (trimmed; BOM removed). */
  values: Record<string, string>;
}

/** A problem in one cell of a CSV file. */
export interface CsvRowError {
  row: number;
  column: string | null;
  reason: string;
}

/**
 * Streams CSV records with their row numbers. Memory stays flat in file size: csv-parse is a
 * Transform stream and each record is yielded before the next is read.
 */
export async function* readCsv(input: NodeJS.ReadableStream, opts: { onHeader?: (headers: string[]) => void } = {}): AsyncGenerator<CsvRecord, string[]> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      if (header.some((h) => h.includes('\u0000'))) throw csvError(1, null, 'the header contains a NUL byte: this is not a text CSV file');
      const trimmed = header.map((h) => h.trim());
      opts.onHeader?.(trimmed);
      return trimmed;
    },
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  let headers: string[] = [];
  parser.on('error', () => undefined);
  (input as NodeJS.ReadableStream & { pipe: (d: NodeJS.WritableStream) => void }).pipe(parser);
  input.on('error', (e: Error) => parser.destroy(e));
  const records = parser as AsyncIterable<{ record: Record<string, string>; info: { records: number } }>;
  try {
    for await (const rec of records) {
      if (headers.length === 0) headers = Object.keys(rec.record);
      const row = rec.info.records + 1;
      for (const [column, v] of Object.entries(rec.record)) {
        if (v.includes('\u0000')) throw csvError(row, column, 'contains a NUL byte: this is not a text CSV file');
      }
      yield { row, values: rec.record };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const ce = e as { code?: string; message?: string; lines?: number; column?: string | number; records?: number };
    if (typeof ce.code === 'string' && ce.code.startsWith('CSV_')) {
      throw csvError(ce.lines ?? (ce.records ?? 0) + 1, ce.column === undefined ? null : String(ce.column), ce.message ?? ce.code);
    }
    throw e;
  }
  return headers;
}

/** A file that cannot be read as CSV: a 400 (or a failed job) naming the row and column. */
function csvError(row: number, column: string | null, reason: string): AppError {
  const where = column ? `row ${row}, column ${column}` : `row ${row}`;
  return new AppError('VALIDATION_FAILED', `The file cannot be read as CSV at ${where}: ${reason}`, { errors: [{ path: where, message: reason }], details: { row, column } });
}

/** Maps zod issues on a row to errors naming the CSV column the failing field came from. */
export function zodIssuesToRowErrors(
  issues: z.core.$ZodIssue[],
  locate: (path: PropertyKey[]) => { row: number; column: string | null },
): CsvRowError[] {
  return issues.map((i) => {
    const at = locate(i.path);
    return { row: at.row, column: at.column, reason: i.message };
  });
}

/** Parses "yes/true/1/y/x" as true and "no/false/0/n/''" as false; undefined otherwise. */
export function parseBool(s: string | undefined): boolean | undefined {
  if (s === undefined) return undefined;
  const v = s.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', 'x'].includes(v)) return true;
  if (['', '0', 'false', 'no', 'n'].includes(v)) return false;
  return undefined;
}

/** Non-empty cell value or undefined. */
export function cell(values: Record<string, string>, column: string): string | undefined {
  const v = values[column];
  return v === undefined || v === '' ? undefined : v;
}

export type CellParse<T> = { value: T } | { error: { column: string; reason: string } };

/**
 * A weight from a `weight` cell with its unit in `weight_unit` ("2.5" + "kg") or in the value
 * ("2.5kg"). Empty cells give null.
 */
export function weightFromCells(values: Record<string, string>, weightColumn = 'weight', unitColumn = 'weight_unit'): CellParse<Weight | null> {
  const w = cell(values, weightColumn);
  if (!w) return { value: null };
  const u = cell(values, unitColumn);
  if (!u) {
    const parsed = parseWeight(w);
    return parsed ? { value: parsed } : { error: { column: weightColumn, reason: `"${w}" needs a unit: a ${unitColumn} column or a value such as 5lb` } };
  }
  const unit = parseWeightUnit(u);
  if (!unit) return { error: { column: unitColumn, reason: `unknown unit "${u}" (g, kg, oz, lb)` } };
  if (!(Number(w) > 0)) return { error: { column: weightColumn, reason: `"${w}" is not a positive number` } };
  return { value: { value: Number(w), unit } };
}

/** Dimensions from `length`, `width`, `height` and `dimension_unit` cells; all empty gives null. */
export function dimensionsFromCells(values: Record<string, string>): CellParse<Dimensions | null> {
  const [l, w, h] = [cell(values, 'length'), cell(values, 'width'), cell(values, 'height')];
  if (!l && !w && !h) return { value: null };
  if (!l || !w || !h) return { error: { column: !l ? 'length' : !w ? 'width' : 'height', reason: 'length, width and height go together' } };
  const u = cell(values, 'dimension_unit');
  const unit = u ? parseLengthUnit(u) : undefined;
  if (!unit) return { error: { column: 'dimension_unit', reason: u ? `unknown unit "${u}" (mm, cm, in)` : 'required with dimensions' } };
  const nums = [l, w, h].map(Number);
  const bad = nums.findIndex((n) => !(n > 0));
  if (bad >= 0) return { error: { column: ['length', 'width', 'height'][bad]!, reason: `"${[l, w, h][bad]}" is not a positive number` } };
  return { value: { length: nums[0]!, width: nums[1]!, height: nums[2]!, unit } };
}

/**
 * One CSV line (RFC 4180 quoting). Cells that a spreadsheet would run as a formula
 * (=, +, -, @ first) are prefixed with a quote mark, as OWASP advises for CSV exports.
 */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells
    .map((c) => {
      if (c === null || c === undefined) return '';
      let s = String(c);
      if (typeof c === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
