import { and, asc, eq, gt } from 'drizzle-orm';
import { AppError } from '../../../kernel/errors.js';
import { toPage } from '../../../kernel/list.js';
import type { WarehouseRepo } from '../../../warehouses/ports.js';
import type { Warehouse, WarehouseCreate, WarehouseUpdate } from '../../../warehouses/warehouse.schema.js';
import type { Db } from '../database.js';
import { isUniqueViolation } from '../errors.js';
import { warehouses } from '../schema.js';

type Row = typeof warehouses.$inferSelect;

function toWarehouse(r: Row): Warehouse {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    address: r.address as Warehouse['address'],
    timezone: r.timezone,
    operating_days: r.operatingDays as Warehouse['operating_days'],
    pickup_cutoffs: r.pickupCutoffs as Warehouse['pickup_cutoffs'],
    has_dock: r.hasDock,
    has_liftgate: r.hasLiftgate,
    fleet: r.fleet as Warehouse['fleet'],
    boxes: (r.boxes as Warehouse['boxes']) ?? [],
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

function toColumns(w: WarehouseUpdate) {
  const c: Partial<typeof warehouses.$inferInsert> = {};
  if (w.code !== undefined) c.code = w.code;
  if (w.name !== undefined) c.name = w.name;
  if (w.address !== undefined) c.address = w.address;
  if (w.timezone !== undefined) c.timezone = w.timezone;
  if (w.operating_days !== undefined) c.operatingDays = w.operating_days;
  if (w.pickup_cutoffs !== undefined) c.pickupCutoffs = w.pickup_cutoffs;
  if (w.has_dock !== undefined) c.hasDock = w.has_dock;
  if (w.has_liftgate !== undefined) c.hasLiftgate = w.has_liftgate;
  if (w.fleet !== undefined) c.fleet = w.fleet;
  if (w.boxes !== undefined) c.boxes = w.boxes;
  return c;
}

export class DrizzleWarehouseRepo implements WarehouseRepo {
  constructor(private readonly db: Db) {}

  async create(tenantId: string, id: string, w: WarehouseCreate) {
    const [r] = await this.db
      .insert(warehouses)
      .values({ ...(toColumns(w) as typeof warehouses.$inferInsert), id, tenantId })
      .onConflictDoNothing()
      .returning();
    return r && toWarehouse(r);
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(warehouses).where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.id, id)));
    return r && toWarehouse(r);
  }

  async findByCode(tenantId: string, code: string) {
    const [r] = await this.db.select().from(warehouses).where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.code, code)));
    return r && toWarehouse(r);
  }

  async findDefault(tenantId: string) {
    const [r] = await this.db.select().from(warehouses).where(eq(warehouses.tenantId, tenantId)).orderBy(asc(warehouses.id)).limit(1);
    return r && toWarehouse(r);
  }

  async list(tenantId: string, afterId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(warehouses)
      .where(and(eq(warehouses.tenantId, tenantId), afterId ? gt(warehouses.id, afterId) : undefined))
      .orderBy(asc(warehouses.id))
      .limit(limit + 1);
    return toPage(rows.map(toWarehouse), limit);
  }

  async update(tenantId: string, id: string, patch: WarehouseUpdate) {
    try {
      const [r] = await this.db
        .update(warehouses)
        .set({ ...toColumns(patch), updatedAt: new Date() })
        .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.id, id)))
        .returning();
      return r && toWarehouse(r);
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new AppError('DUPLICATE', `A warehouse with code ${patch.code} exists`, {
          errors: [{ path: 'code', message: 'already used by another warehouse' }],
        });
      }
      throw e;
    }
  }
}
