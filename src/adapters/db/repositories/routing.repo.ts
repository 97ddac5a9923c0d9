import { eq, sql } from 'drizzle-orm';
import type { PickupPoint } from '../../../routing/pickup-point.schema.js';
import type { RoutingRepo } from '../../../routing/ports.js';
import type { RoutingConfig } from '../../../routing/routing-config.schema.js';
import type { Db } from '../database.js';
import { pickupPoints, routingConfigs } from '../schema.js';

export class DrizzleRoutingRepo implements RoutingRepo {
  constructor(private readonly db: Db) {}

  async getConfig(tenantId: string) {
    const [r] = await this.db.select().from(routingConfigs).where(eq(routingConfigs.tenantId, tenantId));
    return r ? (r.config as RoutingConfig) : undefined;
  }

  async saveConfig(tenantId: string, config: RoutingConfig) {
    await this.db
      .insert(routingConfigs)
      .values({ tenantId, config })
      .onConflictDoUpdate({ target: routingConfigs.tenantId, set: { config, updatedAt: sql`now()` } });
  }

  async listPoints(tenantId: string) {
    const rows = await this.db.select().from(pickupPoints).where(eq(pickupPoints.tenantId, tenantId));
    return rows.map((r) => r.point as PickupPoint);
  }

  async savePoints(tenantId: string, points: PickupPoint[]) {
    for (let i = 0; i < points.length; i += 500) {
      const batch = points.slice(i, i + 500);
      await this.db
        .insert(pickupPoints)
        .values(batch.map((p) => ({ tenantId, id: p.id, point: p })))
        .onConflictDoUpdate({ target: [pickupPoints.tenantId, pickupPoints.id], set: { point: sql`excluded.point`, updatedAt: sql`now()` } });
    }
  }
}
