import type { Clock } from '../kernel/clock.js';
import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeCursor, type Page } from '../kernel/list.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import { assertTransition, statusAfterEdit } from './lifecycle.js';
import type { Order, OrderCreate, OrderEvent, OrderFilters, OrderPatch, OrderStatus } from './order.schema.js';
import type { AddressChecker, NewOrder, OrderRepo } from './ports.js';
import { statusForCheck, type AddressCheck } from '../addresses/address-check.js';

export class OrdersService {
  constructor(
    private readonly repo: OrderRepo,
    private readonly warehouses: WarehousesService,
    private readonly clock: Clock,
    private readonly addresses: AddressChecker,
    /** Ids of the tenant's pickup points (a chosen point must exist); absent: not checked. */
    private readonly pickupPointIds?: (tenantId: string) => Promise<ReadonlySet<string>>,
  ) {}

  /** A checker of chosen pickup points, the directory loaded once (imports check many orders). */
  async pickupPointChecker(tenantId: string): Promise<(pref: OrderCreate['delivery_preference'], path?: string) => AppError | null> {
    const ids = this.pickupPointIds ? await this.pickupPointIds(tenantId) : null;
    return (pref, path = 'delivery_preference.pickup_point_id') => {
      if (!ids || pref?.type !== 'pickup_point' || ids.has(pref.pickup_point_id)) return null;
      return new AppError('VALIDATION_FAILED', `Unknown pickup point ${pref.pickup_point_id}`, {
        errors: [{ path, message: ids.size ? 'no such pickup point in the directory (GET /v1/pickup-points)' : 'the pickup point directory is empty: import it first (POST /v1/pickup-points/import)' }],
      });
    };
  }

  private async assertPickupPoint(tenantId: string, pref: OrderCreate['delivery_preference'] | undefined) {
    if (pref?.type !== 'pickup_point') return;
    const err = (await this.pickupPointChecker(tenantId))(pref);
    if (err) throw err;
  }

  /** Validates ship-to addresses (reference data loaded once). */
  addressChecker(): Promise<(address: OrderCreate['ship_to'], now: Date) => AddressCheck> {
    return this.addresses.checker();
  }

  /** Resolves a warehouse id or code to an id; the tenant's first warehouse when none is named. */
  async resolveWarehouse(tenantId: string, ref: string | null | undefined, path = 'warehouse_id'): Promise<string | null> {
    if (!ref) return (await this.warehouses.findDefault(tenantId))?.id ?? null;
    const w = await this.warehouses.resolve(tenantId, ref);
    if (!w) throw new AppError('VALIDATION_FAILED', `Unknown warehouse ${ref}`, { errors: [{ path, message: 'no such warehouse' }] });
    return w.id;
  }

  /**
   * Builds the row to insert from validated input and its address check; pure apart from the
   * id. Orders with an invalid address start in address_review, the others ready.
   */
  static toNewOrder(input: OrderCreate, warehouseId: string | null, sourceRef: string, check: AddressCheck, id = newId('order')): NewOrder {
    return {
      id,
      channel: input.channel,
      external_id: input.external_id ?? id,
      warehouse_id: warehouseId,
      status: statusForCheck(check),
      customer_type: input.customer_type,
      ship_to: input.ship_to,
      address_check: check,
      lines: input.lines,
      order_value: input.order_value,
      cod_amount: input.cod_amount,
      service_level: input.service_level,
      delivery_preference: input.delivery_preference,
      tags: input.tags,
      notes: input.notes,
      placed_at: input.placed_at,
      source_ref: sourceRef,
    };
  }

  /**
   * Creates an order, or returns the existing one when its (channel, external_id) is known:
   * channels resend orders, and a resend must not create a second shipment.
   */
  async create(tenantId: string, input: OrderCreate, sourceRef: string): Promise<{ order: Order; created: boolean }> {
    await this.assertPickupPoint(tenantId, input.delivery_preference);
    const warehouseId = await this.resolveWarehouse(tenantId, input.warehouse_id);
    const check = (await this.addresses.checker())(input.ship_to, this.clock.now());
    const row = OrdersService.toNewOrder(input, warehouseId, sourceRef, check);
    const [createdId] = await this.repo.insertMany(tenantId, [row], this.clock.now());
    if (createdId) return { order: await this.get(tenantId, createdId), created: true };
    const existing = await this.repo.findByExternal(tenantId, row.channel, row.external_id);
    if (!existing) throw new Error('order insert conflicted but no existing order was found');
    return { order: existing, created: false };
  }

  async get(tenantId: string, id: string): Promise<Order> {
    const o = await this.repo.get(tenantId, id);
    if (!o) throw notFound('order', id);
    return o;
  }

  async list(tenantId: string, filters: OrderFilters, q: { limit: number; cursor?: string | undefined }): Promise<Page<Order>> {
    if (filters.created_from && filters.created_to && Date.parse(filters.created_from) > Date.parse(filters.created_to)) {
      throw new AppError('VALIDATION_FAILED', 'created_from is after created_to', {
        errors: [{ path: 'created_from', message: 'must not be after created_to' }],
      });
    }
    return this.repo.list(tenantId, filters, decodeCursor(q.cursor), q.limit);
  }

  /**
   * Applies a patch. A new ship_to is validated again: an invalid one sends the order to
   * address_review, a valid one releases it from there.
   */
  async update(tenantId: string, id: string, patch: OrderPatch, actor: string): Promise<Order> {
    const current = await this.get(tenantId, id);
    await this.assertPickupPoint(tenantId, patch.delivery_preference);
    let status = statusAfterEdit(current.status);
    let addressCheck: AddressCheck | undefined;
    if (patch.ship_to) {
      addressCheck = (await this.addresses.checker())(patch.ship_to, this.clock.now());
      status = statusForCheck(addressCheck);
    }
    const cod = patch.cod_amount === undefined ? current.cod_amount : patch.cod_amount;
    const currency = (patch.order_value ?? current.order_value).currency;
    if (cod && cod.currency !== currency) {
      throw new AppError('VALIDATION_FAILED', 'cod_amount must be in the currency of order_value', {
        errors: [{ path: 'cod_amount.currency', message: `must be ${currency}` }],
      });
    }
    const { warehouse_id, ...rest } = patch;
    const change = {
      patch: { ...rest, ...(warehouse_id !== undefined ? { warehouse_id: await this.resolveWarehouse(tenantId, warehouse_id) } : {}) },
      status,
      ...(addressCheck ? { addressCheck } : {}),
      // An edited order is decided (and planned on a truck) again.
      ...(current.decision ? { decision: null } : {}),
      ...(current.truck_plan ? { truckPlan: null } : {}),
    };
    const updated = await this.repo.update(tenantId, id, current.status, change);
    if (!updated) throw new AppError('CONFLICT', `Order ${id} changed while it was being updated; retry`);
    await this.repo.addEvent(tenantId, id, {
      type: 'order.updated',
      data: {
        fields: Object.keys(patch),
        ...(status !== current.status ? { status: { from: current.status, to: status } } : {}),
        ...(addressCheck ? { address_verdict: addressCheck.verdict, address_issues: addressCheck.issues.filter((i) => i.severity !== 'info').map((i) => i.code) } : {}),
      },
      actor,
    });
    return updated;
  }

  /**
   * An operator vouches for an address the validator rejected (a new development, a ZIP the
   * reference data does not know yet). The order becomes ready; the reason stays in the audit trail.
   */
  async acceptAddress(tenantId: string, id: string, reason: string, actor: string): Promise<Order> {
    const current = await this.get(tenantId, id);
    if (current.status !== 'address_review') {
      throw new AppError('INVALID_STATE', `Order ${id} is ${current.status}, not waiting for address review`, { details: { order_status: current.status } });
    }
    assertTransition(current.status, 'ready');
    const check = current.address_check ?? (await this.addresses.checker())(current.ship_to, this.clock.now());
    const accepted = { ...check, accepted: { reason, actor, at: this.clock.now().toISOString() } };
    const updated = await this.repo.update(tenantId, id, current.status, { status: 'ready', addressCheck: accepted });
    if (!updated) throw new AppError('CONFLICT', `Order ${id} changed while its address was being accepted; retry`);
    await this.repo.addEvent(tenantId, id, {
      type: 'order.address_accepted',
      data: { reason, verdict: check.verdict, issues: check.issues.filter((i) => i.severity === 'error').map((i) => i.code) },
      actor,
    });
    return updated;
  }

  /**
   * Asks a carrier (the tenant's USPS, UPS or FedEx account, or the one named) to validate the
   * ship-to address after our offline check, and records its answer on the address check with
   * its source. An order waiting for address review whose address the carrier knows becomes
   * ready, the carrier named as who vouched for it.
   */
  async checkAddressWithCarrier(tenantId: string, id: string, carrier: string | undefined, actor: string): Promise<Order> {
    const current = await this.get(tenantId, id);
    if (!['new', 'address_review', 'ready', 'decided'].includes(current.status)) {
      throw new AppError('INVALID_STATE', `Order ${id} is ${current.status}: its address is no longer checked`, { details: { order_status: current.status } });
    }
    const answer = this.addresses.carrier ? await this.addresses.carrier(tenantId, current.ship_to, carrier) : null;
    if (!answer) {
      throw new AppError('INVALID_STATE', carrier ? `There is no ${carrier} account that validates addresses: connect one (docs/carriers.md)` : 'There is no UPS, USPS or FedEx account to validate addresses with: connect one (docs/carriers.md)');
    }
    const now = this.clock.now();
    const base = current.address_check ?? (await this.addresses.checker())(current.ship_to, now);
    const name = answer.carrier === 'fedex' ? 'FedEx' : answer.carrier.toUpperCase();
    const vouched = current.status === 'address_review' && answer.verdict === 'valid';
    const check: AddressCheck = { ...base, carrier: { ...answer, checked_at: now.toISOString() }, ...(vouched ? { accepted: { reason: `${name} validated the address`, actor, at: now.toISOString() } } : {}) };
    const status = vouched ? 'ready' : current.status;
    if (status !== current.status) assertTransition(current.status, status);
    const updated = await this.repo.update(tenantId, id, current.status, { status, addressCheck: check });
    if (!updated) throw new AppError('CONFLICT', `Order ${id} changed while its address was being checked; retry`);
    await this.repo.addEvent(tenantId, id, { type: 'order.address_carrier_checked', data: { carrier: answer.carrier, verdict: answer.verdict, classification: answer.classification, became_ready: vouched }, actor });
    return updated;
  }

  async cancel(tenantId: string, id: string, reason: string, actor: string): Promise<Order> {
    const current = await this.get(tenantId, id);
    if (current.status === 'cancelled') return current;
    assertTransition(current.status, 'cancelled');
    const updated = await this.repo.update(tenantId, id, current.status, {
      status: 'cancelled',
      cancelled: { at: this.clock.now(), reason },
    });
    if (!updated) throw new AppError('CONFLICT', `Order ${id} changed while it was being cancelled; retry`);
    await this.repo.addEvent(tenantId, id, { type: 'order.cancelled', data: { from: current.status, reason }, actor });
    return updated;
  }

  /** Ids of the orders in a status, newest first, at most `max` (batch work picks orders this way); label batches leave out orders a truck plan delivers. */
  async idsInStatus(tenantId: string, status: OrderStatus, max: number, opts: { withoutTruckPlan?: boolean } = {}): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(tenantId, { status }, { limit: 500, ...(cursor ? { cursor } : {}) });
      ids.push(...page.data.filter((o) => !opts.withoutTruckPlan || o.truck_plan === null).map((o) => o.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor && ids.length < max);
    return ids.slice(0, max);
  }

  /** Marks orders as delivered by a truck plan (plan, truck, stop); an order changed meanwhile is left as it is. */
  async setTruckPlans(tenantId: string, list: { orderId: string; plan: NonNullable<Order['truck_plan']> }[]): Promise<void> {
    for (const { orderId, plan } of list) {
      const o = await this.repo.get(tenantId, orderId);
      if (!o || !['new', 'address_review', 'ready', 'decided'].includes(o.status)) continue;
      const updated = await this.repo.update(tenantId, orderId, o.status, { truckPlan: plan });
      if (updated) await this.repo.addEvent(tenantId, orderId, { type: 'order.truck_planned', data: { ...plan }, actor: 'system' });
    }
  }

  /** Open orders of a warehouse that asked for truck delivery (the default truck-plan input). */
  openTruckOrders(tenantId: string, warehouseId: string): Promise<Order[]> {
    return this.repo.openTruckOrders(tenantId, warehouseId, 5000);
  }

  async events(tenantId: string, id: string): Promise<OrderEvent[]> {
    await this.get(tenantId, id);
    return this.repo.listEvents(tenantId, id);
  }
}
