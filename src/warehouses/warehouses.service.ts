import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeCursor } from '../kernel/list.js';
import type { WarehouseRepo } from './ports.js';
import type { Warehouse, WarehouseCreate, WarehouseUpdate } from './warehouse.schema.js';

export class WarehousesService {
  constructor(private readonly repo: WarehouseRepo) {}

  async create(tenantId: string, input: WarehouseCreate): Promise<Warehouse> {
    const w = await this.repo.create(tenantId, newId('warehouse'), input);
    if (!w) {
      throw new AppError('DUPLICATE', `A warehouse with code ${input.code} exists`, {
        errors: [{ path: 'code', message: 'already used by another warehouse' }],
      });
    }
    return w;
  }

  async get(tenantId: string, id: string): Promise<Warehouse> {
    const w = await this.repo.get(tenantId, id);
    if (!w) throw notFound('warehouse', id);
    return w;
  }

  /** Accepts an id (`wh_…`) or a code. */
  async resolve(tenantId: string, ref: string): Promise<Warehouse | undefined> {
    return ref.startsWith('wh_') ? this.repo.get(tenantId, ref) : this.repo.findByCode(tenantId, ref);
  }

  findDefault(tenantId: string) {
    return this.repo.findDefault(tenantId);
  }

  async list(tenantId: string, q: { limit: number; cursor?: string | undefined }) {
    return this.repo.list(tenantId, decodeCursor(q.cursor), q.limit);
  }

  async update(tenantId: string, id: string, patch: WarehouseUpdate): Promise<Warehouse> {
    const w = await this.repo.update(tenantId, id, patch);
    if (!w) throw notFound('warehouse', id);
    return w;
  }
}
