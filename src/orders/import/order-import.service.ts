import type { Clock } from '../../kernel/clock.js';
import { readCsv, zodIssuesToRowErrors, type CsvRecord, type CsvRowError } from '../../kernel/csv.js';
import { AppError } from '../../kernel/errors.js';
import { orderCreateSchema } from '../order.schema.js';
import { OrdersService } from '../orders.service.js';
import type { NewOrder, OrderRepo } from '../ports.js';
import type { MapResult } from './csv-fields.js';
import { isShopifyHeader, mapShopifyGroup, shopifyGroupKey } from './shopify-csv.js';
import { isTemplateHeader, mapTemplateGroup, templateGroupKey } from './template-csv.js';

export const CSV_FORMATS = ['csv', 'shopify-csv'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

interface FormatSpec {
  groupKey(rec: CsvRecord): string | undefined;
  keyColumn: string;
  map(rows: CsvRecord[]): MapResult;
}

const FORMATS: Record<CsvFormat, FormatSpec> = {
  csv: { groupKey: templateGroupKey, keyColumn: 'external_id', map: mapTemplateGroup },
  'shopify-csv': { groupKey: shopifyGroupKey, keyColumn: 'Name', map: mapShopifyGroup },
};

export function detectCsvFormat(headers: string[]): CsvFormat | undefined {
  if (isShopifyHeader(headers)) return 'shopify-csv';
  if (isTemplateHeader(headers)) return 'csv';
  return undefined;
}

export interface ImportSummary {
  format: CsvFormat | null;
  rows: number;
  orders_created: number;
  duplicates_skipped: number;
  orders_rejected: number;
  rows_rejected: number;
  skipped_cancelled: number;
  skipped_fulfilled: number;
  errors: CsvRowError[];
  /** Errors beyond the first MAX_REPORTED_ERRORS are counted, not listed. */
  errors_total: number;
  /** Created orders whose address was invalid: they wait in address_review. */
  orders_in_address_review: number;
}

export interface ImportOptions {
  format?: CsvFormat | undefined;
  /** Recorded on created orders; a repeat of an order inside the same import is an error. */
  sourceRef: string;
  onProgress?: (rowsDone: number) => void;
  batchSize?: number;
}

const MAX_REPORTED_ERRORS = 1000;

interface Pending {
  order: NewOrder;
  firstRow: number;
  rowCount: number;
}

/**
 * Imports orders from a CSV stream: each order's rows are grouped (they are consecutive in both
 * formats), mapped, validated and inserted in batches. Valid orders are saved, every bad row is
 * reported with its row number, column and reason, and known orders are skipped.
 */
export class OrderImportService {
  constructor(
    private readonly repo: OrderRepo,
    private readonly orders: OrdersService,
    private readonly clock: Clock,
  ) {}

  async importCsv(tenantId: string, input: NodeJS.ReadableStream, opts: ImportOptions): Promise<ImportSummary> {
    const s: ImportSummary = {
      format: opts.format ?? null, rows: 0, orders_created: 0, duplicates_skipped: 0, orders_rejected: 0, rows_rejected: 0,
      skipped_cancelled: 0, skipped_fulfilled: 0, errors: [], errors_total: 0, orders_in_address_review: 0,
    };
    const checkAddress = await this.orders.addressChecker();
    const batchSize = opts.batchSize ?? 500;
    const warehouseIds = new Map<string, string | null>();
    let spec: FormatSpec | undefined;
    let group: CsvRecord[] = [];
    let groupKey: string | undefined;
    let batch: Pending[] = [];

    const report = (errors: CsvRowError[], rowCount: number) => {
      s.orders_rejected++;
      s.rows_rejected += rowCount;
      s.errors_total += errors.length;
      for (const e of errors) if (s.errors.length < MAX_REPORTED_ERRORS) s.errors.push(e);
    };

    let pickupCheck: Awaited<ReturnType<OrdersService['pickupPointChecker']>> | undefined;
    const resolveWarehouse = async (ref: string | null | undefined): Promise<string | null | Error> => {
      const k = ref ?? '';
      if (!warehouseIds.has(k)) {
        try {
          warehouseIds.set(k, await this.orders.resolveWarehouse(tenantId, ref));
        } catch (e) {
          if (e instanceof AppError) return e;
          throw e;
        }
      }
      return warehouseIds.get(k)!;
    };

    const finishGroup = async () => {
      if (group.length === 0 || !spec) return;
      const rows = group;
      group = [];
      const mapped = spec.map(rows);
      if ('skipped' in mapped) {
        if (mapped.skipped === 'cancelled') s.skipped_cancelled++;
        else s.skipped_fulfilled++;
        return;
      }
      if ('errors' in mapped) return report(mapped.errors, rows.length);
      const parsed = orderCreateSchema.safeParse(mapped.candidate.input);
      if (!parsed.success) return report(zodIssuesToRowErrors(parsed.error.issues, mapped.candidate.locate), rows.length);
      const wh = await resolveWarehouse(parsed.data.warehouse_id);
      if (wh instanceof Error) {
        const at = mapped.candidate.locate(['warehouse_id']);
        return report([{ row: at.row, column: at.column, reason: wh.message }], rows.length);
      }
      const pointError = (pickupCheck ??= await this.orders.pickupPointChecker(tenantId))(parsed.data.delivery_preference);
      if (pointError) {
        const at = mapped.candidate.locate(['delivery_preference', 'pickup_point_id']);
        return report([{ row: at.row, column: at.column, reason: pointError.message }], rows.length);
      }
      const check = checkAddress(parsed.data.ship_to, this.clock.now());
      batch.push({ order: OrdersService.toNewOrder(parsed.data, wh, opts.sourceRef, check), firstRow: rows[0]!.row, rowCount: rows.length });
      if (batch.length >= batchSize) await flush();
    };

    // One batch is written while the next is parsed and validated, so the database (another
    // process on PostgreSQL) and this process work at the same time. Batches stay in order.
    let inflight: Promise<void> = Promise.resolve();
    let failure: unknown;
    const flush = async () => {
      if (batch.length === 0) return;
      const pending = batch;
      batch = [];
      await inflight;
      if (failure) throw failure;
      inflight = write(pending).catch((e: unknown) => {
        failure = e;
      });
    };

    const write = async (pending: Pending[]) => {
      const created = await this.repo.insertMany(tenantId, pending.map((p) => p.order), this.clock.now());
      s.orders_created += created.length;
      const createdIds = new Set(created);
      for (const p of pending) if (p.order.status === 'address_review' && createdIds.has(p.order.id)) s.orders_in_address_review++;
      const skipped = pending.filter((p) => !createdIds.has(p.order.id));
      if (skipped.length === 0) return;
      // A skipped order is a duplicate of an earlier import, or of rows earlier in this file.
      const byChannel = new Map<string, Pending[]>();
      for (const p of skipped) byChannel.set(p.order.channel, [...(byChannel.get(p.order.channel) ?? []), p]);
      for (const [channel, list] of byChannel) {
        const refs = await this.repo.sourceRefs(tenantId, channel, list.map((p) => p.order.external_id));
        for (const p of list) {
          if (refs.get(p.order.external_id) === opts.sourceRef) {
            report([{ row: p.firstRow, column: spec!.keyColumn, reason: `order ${p.order.external_id} appears earlier in this file; the rows of one order must be consecutive` }], p.rowCount);
          } else {
            s.duplicates_skipped++;
          }
        }
      }
    };

    let header: string[] | undefined;
    const records = readCsv(input, { onHeader: (h) => (header = h) });
    for await (const rec of records) {
      if (!spec) {
        const headers = Object.keys(rec.values);
        const format = opts.format ?? detectCsvFormat(headers);
        if (!format) {
          throw new AppError('VALIDATION_FAILED', 'Unrecognized CSV header: expected the lastmile order template or a Shopify order export', {
            errors: [{ path: 'file', message: `header starts with: ${headers.slice(0, 6).join(', ')}` }],
          });
        }
        s.format = format;
        spec = FORMATS[format];
        const missing = format === 'csv' ? ['external_id'].filter((c) => !headers.includes(c)) : ['Name'].filter((c) => !headers.includes(c));
        if (missing.length > 0) {
          throw new AppError('VALIDATION_FAILED', `The CSV lacks required column(s): ${missing.join(', ')}`, {
            errors: missing.map((c) => ({ path: c, message: 'missing column' })),
          });
        }
      }
      s.rows++;
      const key = spec.groupKey(rec);
      if (key === undefined) {
        await finishGroup();
        report([{ row: rec.row, column: spec.keyColumn, reason: 'required' }], 1);
        groupKey = undefined;
      } else if (key !== groupKey) {
        await finishGroup();
        groupKey = key;
        group = [rec];
      } else {
        group.push(rec);
      }
      if (opts.onProgress && s.rows % 1000 === 0) opts.onProgress(s.rows);
    }
    if (!spec) {
      // No data rows: a known header alone is an empty import; anything else (binary, a line of
      // text, no header) is not an order file.
      const format = header ? opts.format ?? detectCsvFormat(header) : undefined;
      if (!format) {
        throw new AppError('VALIDATION_FAILED', header ? 'Unrecognized CSV header: expected the lastmile order template or a Shopify order export' : 'The file is empty', {
          errors: [{ path: 'file', message: header ? `header starts with: ${header.slice(0, 6).join(', ')}` : 'no header and no rows' }],
        });
      }
      s.format = format;
      return s;
    }
    await finishGroup();
    await flush();
    await inflight;
    if (failure) throw failure;
    opts.onProgress?.(s.rows);
    return s;
  }
}
