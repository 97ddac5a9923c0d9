import { and, arrayContains, asc, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { newId } from '../../../kernel/ids.js';
import { toPage } from '../../../kernel/list.js';
import { dimensionsToMm, gramsTo, mmTo, toGrams, type LengthUnit, type WeightUnit } from '../../../kernel/units.js';
import type { Order, OrderEvent, OrderFilters, OrderLine } from '../../../orders/order.schema.js';
import type { NewOrder, OrderChange, OrderRepo } from '../../../orders/ports.js';
import type { Db } from '../database.js';
import { ORDER_SEARCH_VECTOR, orderEvents, orders } from '../schema.js';

type Row = typeof orders.$inferSelect;

/** Lines are stored with normalized units (grams, millimetres) and the unit they came in. */
interface StoredLine {
  sku: string | null;
  name: string | null;
  quantity: number;
  weight_g: number | null;
  weight_unit: string | null;
  dims_mm: [number, number, number] | null;
  dim_unit: string | null;
  unit_price: OrderLine['unit_price'];
  flags?: string[];
}

function storeLine(l: OrderLine): StoredLine {
  const mm = l.dimensions && dimensionsToMm(l.dimensions);
  return {
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    weight_g: l.weight ? toGrams(l.weight) : null,
    weight_unit: l.weight?.unit ?? null,
    dims_mm: mm ? [mm.lengthMm, mm.widthMm, mm.heightMm] : null,
    dim_unit: l.dimensions?.unit ?? null,
    unit_price: l.unit_price,
    ...(l.flags?.length ? { flags: l.flags } : {}),
  };
}

function loadLine(s: StoredLine): OrderLine {
  return {
    sku: s.sku,
    name: s.name,
    quantity: s.quantity,
    weight: s.weight_g != null ? gramsTo(s.weight_g, (s.weight_unit ?? 'g') as WeightUnit) : null,
    dimensions: s.dims_mm
      ? mmTo({ lengthMm: s.dims_mm[0], widthMm: s.dims_mm[1], heightMm: s.dims_mm[2] }, (s.dim_unit ?? 'mm') as LengthUnit)
      : null,
    unit_price: s.unit_price,
    flags: s.flags?.length ? (s.flags as NonNullable<OrderLine['flags']>) : undefined,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toOrder(r: Row): Order {
  return {
    id: r.id,
    channel: r.channel,
    external_id: r.externalId,
    warehouse_id: r.warehouseId,
    status: r.status as Order['status'],
    customer_type: r.customerType as Order['customer_type'],
    ship_to: r.shipTo as Order['ship_to'],
    address_check: (r.addressCheck as Order['address_check']) ?? null,
    decision: (r.decision as Order['decision']) ?? null,
    lines: (r.lines as StoredLine[]).map(loadLine),
    order_value: { amount: r.orderValueAmount, currency: r.currency },
    cod_amount: r.codAmount != null ? { amount: r.codAmount, currency: r.currency } : null,
    service_level: r.serviceLevel as Order['service_level'],
    delivery_preference: (r.deliveryPreference as Order['delivery_preference']) ?? null,
    truck_plan: (r.truckPlan as Order['truck_plan']) ?? null,
    tags: r.tags,
    notes: r.notes,
    placed_at: iso(r.placedAt),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    cancelled_at: iso(r.cancelledAt),
    cancel_reason: r.cancelReason,
  };
}

function toInsert(tenantId: string, o: NewOrder): typeof orders.$inferInsert {
  return {
    id: o.id,
    tenantId,
    channel: o.channel,
    externalId: o.external_id,
    warehouseId: o.warehouse_id,
    status: o.status,
    customerType: o.customer_type,
    shipTo: o.ship_to,
    addressCheck: o.address_check,
    lines: o.lines.map(storeLine),
    orderValueAmount: o.order_value.amount,
    currency: o.order_value.currency,
    codAmount: o.cod_amount?.amount ?? null,
    serviceLevel: o.service_level,
    deliveryPreference: o.delivery_preference,
    tags: o.tags,
    notes: o.notes,
    sourceRef: o.source_ref,
    placedAt: o.placed_at ? new Date(o.placed_at) : null,
  };
}

export class DrizzleOrderRepo implements OrderRepo {
  constructor(private readonly db: Db) {}

  /**
   * Inserts a batch as one JSON parameter expanded by jsonb_to_recordset: binding one value
   * instead of ~20 per order makes large imports several times cheaper on both engines.
   */
  async insertMany(tenantId: string, list: NewOrder[], now: Date): Promise<string[]> {
    if (list.length === 0) return [];
    const payload = list.map((o) => {
      const r = toInsert(tenantId, o);
      return {
        id: r.id, tenant_id: r.tenantId, channel: r.channel, external_id: r.externalId, warehouse_id: r.warehouseId,
        status: r.status, customer_type: r.customerType, ship_to: r.shipTo, address_check: r.addressCheck, lines: r.lines,
        order_value_amount: r.orderValueAmount, currency: r.currency, cod_amount: r.codAmount,
        service_level: r.serviceLevel, delivery_preference: r.deliveryPreference, tags: r.tags, notes: r.notes,
        source_ref: r.sourceRef, placed_at: r.placedAt ? r.placedAt.toISOString() : null, created_at: now.toISOString(),
      };
    });
    const result = await this.db.execute(sql`
      insert into orders (id, tenant_id, channel, external_id, warehouse_id, status, customer_type, ship_to, address_check, lines,
        order_value_amount, currency, cod_amount, service_level, delivery_preference, tags, notes, source_ref, placed_at, created_at, updated_at)
      select id, tenant_id, channel, external_id, warehouse_id, status, customer_type, ship_to, address_check, lines,
        order_value_amount, currency, cod_amount, service_level, delivery_preference, tags, notes, source_ref, placed_at, created_at, created_at
      from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(
        id text, tenant_id text, channel text, external_id text, warehouse_id text, status text, customer_type text,
        ship_to jsonb, address_check jsonb, lines jsonb, order_value_amount bigint, currency text, cod_amount bigint, service_level text,
        delivery_preference jsonb, tags text[], notes text, source_ref text, placed_at timestamptz, created_at timestamptz)
      on conflict (tenant_id, channel, external_id) do nothing
      returning id`);
    return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id)));
    return r && toOrder(r);
  }

  async findByExternal(tenantId: string, channel: string, externalId: string) {
    const [r] = await this.db
      .select()
      .from(orders)
      .where(and(eq(orders.tenantId, tenantId), eq(orders.channel, channel), eq(orders.externalId, externalId)));
    return r && toOrder(r);
  }

  async sourceRefs(tenantId: string, channel: string, externalIds: string[]) {
    if (externalIds.length === 0) return new Map<string, string>();
    const rows = await this.db
      .select({ externalId: orders.externalId, sourceRef: orders.sourceRef })
      .from(orders)
      .where(and(eq(orders.tenantId, tenantId), eq(orders.channel, channel), inArray(orders.externalId, externalIds)));
    return new Map(rows.map((r) => [r.externalId, r.sourceRef]));
  }

  async list(tenantId: string, f: OrderFilters, beforeId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.tenantId, tenantId),
          f.status ? eq(orders.status, f.status) : undefined,
          f.channel ? eq(orders.channel, f.channel) : undefined,
          f.tag ? arrayContains(orders.tags, [f.tag]) : undefined,
          f.warehouse_id ? eq(orders.warehouseId, f.warehouse_id) : undefined,
          f.mode ? sql`${orders.decision}->>'mode' = ${f.mode}` : undefined,
          f.carrier ? sql`${orders.decision}->'chosen'->>'carrier' = ${f.carrier}` : undefined,
          f.q ? searchOrders(f.q) : undefined,
          f.created_from ? gte(orders.createdAt, new Date(f.created_from)) : undefined,
          f.created_to ? lte(orders.createdAt, new Date(f.created_to)) : undefined,
          beforeId ? lt(orders.id, beforeId) : undefined,
        ),
      )
      .orderBy(desc(orders.id))
      .limit(limit + 1);
    return toPage(rows.map(toOrder), limit);
  }

  async update(tenantId: string, id: string, expectedStatus: Order['status'], change: OrderChange) {
    const set: Partial<typeof orders.$inferInsert> = { updatedAt: new Date() };
    const p = change.patch;
    if (p) {
      if (p.warehouse_id !== undefined) set.warehouseId = p.warehouse_id;
      if (p.customer_type !== undefined) set.customerType = p.customer_type;
      if (p.ship_to !== undefined) set.shipTo = p.ship_to;
      if (p.lines !== undefined) set.lines = p.lines.map(storeLine);
      if (p.order_value !== undefined) {
        set.orderValueAmount = p.order_value.amount;
        set.currency = p.order_value.currency;
      }
      if (p.cod_amount !== undefined) set.codAmount = p.cod_amount?.amount ?? null;
      if (p.service_level !== undefined) set.serviceLevel = p.service_level;
      if (p.delivery_preference !== undefined) set.deliveryPreference = p.delivery_preference;
      if (p.tags !== undefined) set.tags = p.tags;
      if (p.notes !== undefined) set.notes = p.notes;
    }
    if (change.status) set.status = change.status;
    if (change.addressCheck) set.addressCheck = change.addressCheck;
    if (change.decision !== undefined) set.decision = change.decision;
    if (change.truckPlan !== undefined) set.truckPlan = change.truckPlan;
    if (change.cancelled) {
      set.cancelledAt = change.cancelled.at;
      set.cancelReason = change.cancelled.reason;
    }
    const [r] = await this.db
      .update(orders)
      .set(set)
      .where(and(eq(orders.tenantId, tenantId), eq(orders.id, id), eq(orders.status, expectedStatus)))
      .returning();
    return r && toOrder(r);
  }

  async openTruckOrders(tenantId: string, warehouseId: string, limit: number) {
    const rows = await this.db
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.tenantId, tenantId),
          eq(orders.warehouseId, warehouseId),
          inArray(orders.status, ['new', 'address_review', 'ready', 'decided']),
          // Asked for truck delivery, or sent by truck by the decision engine.
          sql`(${orders.deliveryPreference}->>'type' = 'truck_appointment' or ${orders.decision}->>'mode' = 'truck')`,
        ),
      )
      .orderBy(asc(orders.id))
      .limit(limit);
    return rows.map(toOrder);
  }

  async addEvent(tenantId: string, orderId: string, e: Omit<OrderEvent, 'id' | 'created_at'>) {
    await this.db.insert(orderEvents).values({ id: newId('orderEvent'), tenantId, orderId, type: e.type, data: e.data, actor: e.actor });
  }

  async listEvents(tenantId: string, orderId: string) {
    const rows = await this.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.tenantId, tenantId), eq(orderEvents.orderId, orderId)))
      .orderBy(asc(orderEvents.id));
    return rows.map((r) => ({ id: r.id, type: r.type, data: r.data as Record<string, unknown>, actor: r.actor, created_at: r.createdAt.toISOString() }));
  }
}

/**
 * The search box of the order queue, each part on an index: the order number from its start in
 * any case, whole words of the name, company and e-mail from their start, the postal code exactly.
 */
function searchOrders(q: string) {
  const prefix = `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // Each word a prefix term ('wang':* & 'fa':*); characters tsquery would read as operators dropped.
  const words = q.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}@._+-]/gu, '')).filter(Boolean);
  const tsquery = words.map((w) => `'${w}':*`).join(' & ');
  return or(
    sql`lower(${orders.externalId}) LIKE ${prefix}`,
    tsquery ? sql`${ORDER_SEARCH_VECTOR} @@ to_tsquery('simple', ${tsquery})` : undefined,
    sql`${orders.shipTo}->>'postal_code' = ${q}`,
  );
}
