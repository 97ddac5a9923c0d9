import type { Page } from '../kernel/list.js';
import type { Sku, SkuCreate, SkuUpdate } from './sku.schema.js';

export interface SkuRepo {
  create(tenantId: string, id: string, s: SkuCreate): Promise<Sku | undefined>;
  /** Inserts new SKUs and overwrites existing ones (by code); ids are kept for existing ones. */
  upsertMany(tenantId: string, rows: { id: string; sku: SkuCreate }[]): Promise<{ created: number; updated: number }>;
  get(tenantId: string, id: string): Promise<Sku | undefined>;
  findByCode(tenantId: string, code: string): Promise<Sku | undefined>;
  findByCodes(tenantId: string, codes: string[]): Promise<Sku[]>;
  list(tenantId: string, afterId: string | undefined, limit: number): Promise<Page<Sku>>;
  update(tenantId: string, id: string, patch: SkuUpdate): Promise<Sku | undefined>;
  delete(tenantId: string, id: string): Promise<boolean>;
}
