import { cell, type CsvRecord, type CsvRowError } from '../../kernel/csv.js';
import { isCurrency, parseDecimalToMinor } from '../../kernel/money.js';

/**
 * A CSV order group mapped to the shape of `orderCreateSchema` input, plus where each field
 * came from so validation errors can name the row and column.
 */
export interface OrderCandidate {
  input: Record<string, unknown>;
  /** Maps a schema path (`ship_to.postal_code`, `lines.2.quantity`) to its cell. */
  locate(path: readonly PropertyKey[]): { row: number; column: string | null };
}

export type MapResult = { candidate: OrderCandidate } | { errors: CsvRowError[] } | { skipped: 'cancelled' | 'fulfilled' };

/** Where each part of the order comes from in one CSV format. */
export interface ColumnMap {
  order: Record<string, string>;
  line: Record<string, string>;
  shipTo(field: string | undefined): string;
  currency: string;
  /** Columns of other nested objects, by top-level field (e.g. delivery_preference). */
  nested?: Record<string, (field: string | undefined) => string>;
}

/**
 * Builds `locate` for an order read from `first` (order-level columns) and `lineRows` (one row
 * per line), so validation errors name the cell they came from.
 */
export function locator(first: CsvRecord, lineRows: CsvRecord[], map: ColumnMap): OrderCandidate['locate'] {
  return (path) => {
    const [head, a, b] = path.map(String);
    if (head === 'lines' && a !== undefined) {
      const rec = lineRows[Number(a)] ?? first;
      return { row: rec.row, column: (b && map.line[b]) ?? null };
    }
    if (head === 'ship_to') return { row: first.row, column: map.shipTo(a) };
    const nested = head ? map.nested?.[head] : undefined;
    if (nested) return { row: first.row, column: nested(a) };
    if ((head === 'order_value' || head === 'cod_amount') && a === 'currency') return { row: first.row, column: map.currency };
    return { row: first.row, column: (head && map.order[head]) ?? null };
  };
}

/** Collects cell errors while reading one order's rows. */
export class CellReader {
  readonly errors: CsvRowError[] = [];

  err(rec: CsvRecord, column: string, reason: string): void {
    this.errors.push({ row: rec.row, column, reason });
  }

  money(rec: CsvRecord, column: string, currency: string | undefined): { amount: number; currency: string } | null {
    const v = cell(rec.values, column);
    if (!v) return null;
    if (!currency || !isCurrency(currency)) return null; // reported once on the currency column
    const amount = parseDecimalToMinor(v, currency);
    if (amount === undefined || amount < 0) {
      this.err(rec, column, `"${v}" is not an amount in ${currency}`);
      return null;
    }
    return { amount, currency };
  }

  positiveInt(rec: CsvRecord, column: string): number | undefined {
    const v = cell(rec.values, column);
    if (!v) {
      this.err(rec, column, 'required');
      return undefined;
    }
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      this.err(rec, column, `"${v}" is not a whole number of at least 1`);
      return undefined;
    }
    return n;
  }

  currency(rec: CsvRecord, column: string, fallback?: string): string | undefined {
    const v = (cell(rec.values, column) ?? fallback ?? '').toUpperCase();
    if (!v) {
      this.err(rec, column, 'required');
      return undefined;
    }
    if (!isCurrency(v)) {
      this.err(rec, column, `"${v}" is not an ISO 4217 currency code`);
      return undefined;
    }
    return v;
  }
}

/** Splits a tag cell ("vip, gift" or "vip;gift"). */
export function splitList(v: string | undefined): string[] {
  return (v ?? '').split(/[;,]/).map((s) => s.trim()).filter(Boolean);
}

/** Sum of line prices, when every line has one. */
export function sumLines(lines: { quantity?: unknown; unit_price?: unknown }[], currency: string): { amount: number; currency: string } | null {
  let total = 0;
  for (const l of lines) {
    const p = l.unit_price as { amount: number } | null | undefined;
    if (!p || typeof l.quantity !== 'number') return null;
    total += p.amount * l.quantity;
  }
  return { amount: total, currency };
}
