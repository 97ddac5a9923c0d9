import { and, desc, eq, lt } from 'drizzle-orm';
import { toPage } from '../../../kernel/list.js';
import type { TruckPlanCreate, TruckPlanResult } from '../../../fleet/truck-plan.schema.js';
import type { TruckPlanRepo, TruckPlanRow } from '../../../fleet/truck-plans.service.js';
import type { Db } from '../database.js';
import { truckPlans } from '../schema.js';

function toRow(r: typeof truckPlans.$inferSelect): TruckPlanRow {
  return {
    id: r.id,
    warehouse_id: r.warehouseId,
    date: r.date,
    job_id: r.jobId,
    request: r.request as TruckPlanCreate,
    result: (r.result as TruckPlanResult | null) ?? null,
    created_at: r.createdAt.toISOString(),
  };
}

export class DrizzleTruckPlanRepo implements TruckPlanRepo {
  constructor(private readonly db: Db) {}

  async create(tenantId: string, row: { id: string; warehouseId: string; date: string; request: TruckPlanCreate }) {
    const [r] = await this.db.insert(truckPlans).values({ ...row, tenantId }).returning();
    return toRow(r!);
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(truckPlans).where(and(eq(truckPlans.tenantId, tenantId), eq(truckPlans.id, id)));
    return r && toRow(r);
  }

  /** Newest first; the whole result stays out of the list (routes can be large). */
  async list(tenantId: string, f: { warehouseId?: string | undefined; date?: string | undefined }, beforeId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(truckPlans)
      .where(and(eq(truckPlans.tenantId, tenantId), ...(f.warehouseId ? [eq(truckPlans.warehouseId, f.warehouseId)] : []), ...(f.date ? [eq(truckPlans.date, f.date)] : []), ...(beforeId ? [lt(truckPlans.id, beforeId)] : [])))
      .orderBy(desc(truckPlans.id))
      .limit(limit + 1);
    return toPage(rows.map(toRow), limit);
  }

  async setJob(id: string, jobId: string) {
    await this.db.update(truckPlans).set({ jobId }).where(eq(truckPlans.id, id));
  }

  async setResult(id: string, result: TruckPlanResult) {
    await this.db.update(truckPlans).set({ result }).where(eq(truckPlans.id, id));
  }
}
