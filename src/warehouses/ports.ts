import type { Page } from '../kernel/list.js';
import type { Warehouse, WarehouseCreate, WarehouseUpdate } from './warehouse.schema.js';

export interface WarehouseRepo {
  create(tenantId: string, id: string, w: WarehouseCreate): Promise<Warehouse | undefined>;
  get(tenantId: string, id: string): Promise<Warehouse | undefined>;
  findByCode(tenantId: string, code: string): Promise<Warehouse | undefined>;
  /** The tenant's first warehouse: where orders that name none ship from. */
  findDefault(tenantId: string): Promise<Warehouse | undefined>;
  list(tenantId: string, afterId: string | undefined, limit: number): Promise<Page<Warehouse>>;
  update(tenantId: string, id: string, patch: WarehouseUpdate): Promise<Warehouse | undefined>;
}
