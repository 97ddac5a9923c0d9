import { parse } from 'csv-parse';
import type { z } from 'zod';

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
export async function* readCsv(input: NodeJS.ReadableStream): AsyncGenerator<CsvRecord, string[]> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim()),
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  let headers: string[] = [];
  parser.on('error', () => undefined);
  (input as NodeJS.ReadableStream & { pipe: (d: NodeJS.WritableStream) => void }).pipe(parser);
  input.on('error', (e: Error) => parser.destroy(e));
  for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { records: number } }>) {
    if (headers.length === 0) headers = Object.keys(rec.record);
    yield { row: rec.info.records + 1, values: rec.record };
  }
  return headers;
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
