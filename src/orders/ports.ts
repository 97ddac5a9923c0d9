import type { CarrierAddressValidator } from '../addresses/ports.js';
import type { AddressCheck } from '../addresses/address-check.js';
import type { Address } from '../addresses/address.schema.js';
import type { Page } from '../kernel/list.js';
import type { Order, OrderEvent, OrderFilters, OrderPatch, OrderStatus } from './order.schema.js';

/** An order ready to insert: everything resolved and validated. */
export type NewOrder = Omit<Order, 'created_at' | 'updated_at' | 'cancelled_at' | 'cancel_reason' | 'warehouse_id' | 'decision' | 'truck_plan'> & {
  warehouse_id: string | null;
  /** What created it (`api:key_…`, `import:job_…`), for tracing and in-file duplicate checks. */
  source_ref: string;
};

export interface OrderChange {
  patch?: Omit<OrderPatch, 'warehouse_id'> & { warehouse_id?: string | null };
  status?: OrderStatus;
  addressCheck?: AddressCheck;
  decision?: Record<string, unknown> | null;
  truckPlan?: Order['truck_plan'];
  cancelled?: { at: Date; reason: string };
}

export interface OrderRepo {
  /** Inserts what is new and returns the ids created; known (channel, external_id) pairs are skipped. */
  /** Inserts what is new; `now` (the clock's) is the orders' created_at, which decisions start from. */
  insertMany(tenantId: string, orders: NewOrder[], now: Date): Promise<string[]>;
  get(tenantId: string, id: string): Promise<Order | undefined>;
  findByExternal(tenantId: string, channel: string, externalId: string): Promise<Order | undefined>;
  /** source_ref of existing orders with these external ids (for in-file duplicate checks). */
  sourceRefs(tenantId: string, channel: string, externalIds: string[]): Promise<Map<string, string>>;
  list(tenantId: string, filters: OrderFilters, beforeId: string | undefined, limit: number): Promise<Page<Order>>;
  /** Applies a change only if the order is still in `expectedStatus` (optimistic concurrency). */
  update(tenantId: string, id: string, expectedStatus: OrderStatus, change: OrderChange): Promise<Order | undefined>;
  /** Open orders of a warehouse that asked for truck delivery. */
  openTruckOrders(tenantId: string, warehouseId: string, limit: number): Promise<Order[]>;
  addEvent(tenantId: string, orderId: string, e: Omit<OrderEvent, 'id' | 'created_at'>): Promise<void>;
  listEvents(tenantId: string, orderId: string): Promise<OrderEvent[]>;
}

/** Validates ship-to addresses; `checker()` loads the reference data once. */
export interface AddressChecker {
  checker(): Promise<(address: Address, now: Date) => AddressCheck>;
  /** A carrier's online check (the tenant's UPS, USPS or FedEx account), when the composition has one. */
  carrier?: CarrierAddressValidator;
}
