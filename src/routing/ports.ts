import type { PickupPoint } from './pickup-point.schema.js';
import type { RoutingConfig } from './routing-config.schema.js';

export interface RoutingRepo {
  getConfig(tenantId: string): Promise<RoutingConfig | undefined>;
  saveConfig(tenantId: string, config: RoutingConfig): Promise<void>;
  listPoints(tenantId: string): Promise<PickupPoint[]>;
  savePoints(tenantId: string, points: PickupPoint[]): Promise<void>;
}
