import { AppError } from '../kernel/errors.js';
import { orderCreateSchema } from '../orders/order.schema.js';
import type { Order } from '../orders/order.schema.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { MapContext, MappedOrder } from './channel-order.js';

export interface ChannelImportSummary {
  format: string;
  orders: number;
  orders_created: number;
  duplicates_skipped: number;
  skipped_cancelled: number;
  skipped_fulfilled: number;
  orders_rejected: number;
  orders_in_address_review: number;
  errors: { external_id: string; path: string; reason: string }[];
  /** What each order carried that could not be mapped (kept for people to see, never silently dropped). */
  unmapped: { external_id: string; path: string; reason: string }[];
}

type Json = Record<string, unknown>;
export interface ChannelFormatSpec {
  channel: string;
  list: (payload: unknown) => Json[];
  map: (o: Json, ctx: MapContext) => MappedOrder;
}

/**
 * Orders from a channel's own payloads (a file of Shopify, Amazon, TikTok Shop or WooCommerce
 * orders as their APIs return them): mapped, validated like any order, deduplicated on
 * (channel, external id). Cancelled and already fulfilled orders are skipped and counted.
 */
export class ChannelImportService {
  constructor(private readonly d: { orders: OrdersService; formats: Record<string, ChannelFormatSpec>; context: () => Promise<MapContext> }) {}

  async importPayload(tenantId: string, format: string, payload: unknown, sourceRef: string): Promise<ChannelImportSummary> {
    const spec = this.d.formats[format];
    if (!spec) throw new AppError('VALIDATION_FAILED', `Unknown format ${format}`, { errors: [{ path: 'format', message: Object.keys(this.d.formats).join(', ') }] });
    const list = spec.list(payload);
    if (list.length === 0) throw new AppError('VALIDATION_FAILED', `No ${spec.channel} orders found in the payload`, { errors: [{ path: 'body', message: `a ${format} payload: an order, a list, or the API's response` }] });
    const ctx = await this.d.context();
    const s: ChannelImportSummary = {
      format, orders: list.length, orders_created: 0, duplicates_skipped: 0, skipped_cancelled: 0, skipped_fulfilled: 0, orders_rejected: 0, orders_in_address_review: 0, errors: [], unmapped: [],
    };
    for (const raw of list) {
      const m = spec.map(raw, ctx);
      for (const u of m.unmapped) s.unmapped.push({ external_id: m.external_id, ...u });
      const r = await createMapped(this.d.orders, tenantId, m, m.channel, sourceRef);
      s.errors.push(...r.errors);
      if (r.outcome === 'created') s.orders_created++;
      else if (r.outcome === 'duplicate') s.duplicates_skipped++;
      else if (r.outcome === 'cancelled') s.skipped_cancelled++;
      else if (r.outcome === 'fulfilled') s.skipped_fulfilled++;
      else s.orders_rejected++;
      if (r.order?.status === 'address_review' && r.outcome === 'created') s.orders_in_address_review++;
    }
    return s;
  }
}

/**
 * A mapped channel order into lastmile: skipped when cancelled or already fulfilled, validated
 * like any order, created once per (channel, external id).
 */
export async function createMapped(orders: OrdersService, tenantId: string, m: MappedOrder, channel: string, sourceRef: string): Promise<{ outcome: 'created' | 'duplicate' | 'cancelled' | 'fulfilled' | 'rejected'; order: Order | null; errors: { external_id: string; path: string; reason: string }[] }> {
  if (m.state.cancelled) return { outcome: 'cancelled', order: null, errors: [] };
  if (m.state.fulfilled) return { outcome: 'fulfilled', order: null, errors: [] };
  if (!m.order) {
    const why = m.unmapped.filter((u) => /missing|no /i.test(u.reason));
    return { outcome: 'rejected', order: null, errors: (why.length ? why : m.unmapped).map((u) => ({ external_id: m.external_id, ...u })) };
  }
  const parsed = orderCreateSchema.safeParse({ ...m.order, channel });
  if (!parsed.success) return { outcome: 'rejected', order: null, errors: parsed.error.issues.map((i) => ({ external_id: m.external_id, path: i.path.join('.'), reason: i.message })) };
  try {
    const { order, created } = await orders.create(tenantId, parsed.data, sourceRef);
    return { outcome: created ? 'created' : 'duplicate', order, errors: [] };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const errors = e.errors.length ? e.errors.map((fe) => ({ external_id: m.external_id, path: fe.path, reason: fe.message })) : [{ external_id: m.external_id, path: '', reason: e.message }];
    return { outcome: 'rejected', order: null, errors };
  }
}
