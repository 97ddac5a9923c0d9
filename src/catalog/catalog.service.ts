import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeCursor } from '../kernel/list.js';
import type { SkuRepo } from './ports.js';
import type { Sku, SkuCreate, SkuUpdate } from './sku.schema.js';
import { readSkuCsv, type SkuCsvError } from './sku-csv.js';

export interface SkuImportResult {
  rows: number;
  created: number;
  updated: number;
  rejected: number;
  errors: SkuCsvError[];
}

export class CatalogService {
  constructor(private readonly repo: SkuRepo) {}

  async create(tenantId: string, input: SkuCreate): Promise<Sku> {
    const s = await this.repo.create(tenantId, newId('sku'), input);
    if (!s) {
      throw new AppError('DUPLICATE', `SKU ${input.sku} exists`, { errors: [{ path: 'sku', message: 'already in the catalog' }] });
    }
    return s;
  }

  /** Accepts an id (`sku_…`) or the SKU code. */
  async get(tenantId: string, ref: string): Promise<Sku> {
    const s = await this.find(tenantId, ref);
    if (!s) throw notFound('sku', ref);
    return s;
  }

  find(tenantId: string, ref: string): Promise<Sku | undefined> {
    return /^sku_[0-9A-Z]{26}$/.test(ref) ? this.repo.get(tenantId, ref) : this.repo.findByCode(tenantId, ref);
  }

  findByCodes(tenantId: string, codes: string[]) {
    return this.repo.findByCodes(tenantId, codes);
  }

  async list(tenantId: string, q: { limit: number; cursor?: string | undefined }) {
    return this.repo.list(tenantId, decodeCursor(q.cursor), q.limit);
  }

  async update(tenantId: string, ref: string, patch: SkuUpdate): Promise<Sku> {
    const current = await this.get(tenantId, ref);
    const s = await this.repo.update(tenantId, current.id, patch);
    if (!s) throw notFound('sku', ref);
    return s;
  }

  async delete(tenantId: string, ref: string): Promise<void> {
    const current = await this.get(tenantId, ref);
    await this.repo.delete(tenantId, current.id);
  }

  /** Upserts SKUs from a CSV stream (see docs/csv.md); bad rows are reported, good ones saved. */
  async importCsv(tenantId: string, input: NodeJS.ReadableStream): Promise<SkuImportResult> {
    const result: SkuImportResult = { rows: 0, created: 0, updated: 0, rejected: 0, errors: [] };
    let batch: { id: string; sku: SkuCreate }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      // The same SKU twice in one batch would make one upsert touch a row twice.
      const unique = new Map(batch.map((b) => [b.sku.sku, b]));
      const r = await this.repo.upsertMany(tenantId, [...unique.values()]);
      result.created += r.created;
      result.updated += r.updated + (batch.length - unique.size);
      batch = [];
    };
    for await (const item of readSkuCsv(input)) {
      result.rows++;
      if ('errors' in item) {
        result.rejected++;
        if (result.errors.length < 1000) result.errors.push(...item.errors);
        continue;
      }
      batch.push({ id: newId('sku'), sku: item.sku });
      if (batch.length >= 500) await flush();
    }
    await flush();
    return result;
  }
}
