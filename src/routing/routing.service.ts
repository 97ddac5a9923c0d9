import type { UsZipDirectory } from '../addresses/ports.js';
import { checkedAddress } from '../addresses/address-check.js';
import { validateAddress } from '../addresses/validate.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { Money } from '../kernel/money.js';
import { assertTransition } from '../orders/lifecycle.js';
import type { Order } from '../orders/order.schema.js';
import type { OrderRepo } from '../orders/ports.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { PackingService } from '../packing/packing.service.js';
import type { QuoteRequest, QuoteResponse } from '../rating/quote-request.schema.js';
import type { RatingService } from '../rating/rating.service.js';
import type { Shipment } from '../rating/shipment.js';
import { allocate, greedy, type AllocationProblem } from '../solvers/assignment/allocate.js';
import type { Warehouse } from '../warehouses/warehouse.schema.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import { decide, decideWithShipments, withChosen, type Decision, type DecideInput } from './decide.js';
import { pointFit, type PackageSize } from './mode.js';
import { decideInput, nearbyPoint, type DecisionContext } from './order-input.js';
import { parsePickupCsv } from './pickup-csv.js';
import { pickupPointSchema, type PickupPoint } from './pickup-point.schema.js';
import type { LiveRates, RoutingRepo } from './ports.js';
import { routingConfigSchema, type RoutingConfig } from './routing-config.schema.js';
import { checkRules, type RuleSetReport } from './rules.js';
import type { LaneStats } from './scoring.js';

export interface RoutingDeps {
  repo: RoutingRepo;
  orderRepo: OrderRepo;
  orders: OrdersService;
  warehouses: WarehousesService;
  catalog: CatalogService;
  rating: RatingService;
  packing: PackingService;
  loadDirectory: () => Promise<UsZipDirectory>;
  clock: Clock;
  /** Observed outcomes per `carrier|card` (decayed), shrunk toward the priors by the scoring. */
  laneStats?: (tenantId: string, halfLifeDays: number) => Promise<ReadonlyMap<string, LaneStats>>;
  /** Carriers' own rates (tenants with native carrier accounts); decisions price from cards without it. */
  liveRates?: LiveRates;
  /** A carrier's pickup locations near a ZIP Code through the tenant's account; null when it has no such account or the carrier has no locator yet. */
  carrierPoints?: (tenantId: string, carrier: string, zip: string, radiusKm: number) => Promise<unknown[] | null>;
}

export interface PlanResult {
  orders: number;
  decided: number;
  /** Each placed order's service, expected cost and the sentence that explains it (for that service). */
  assignments: { order_id: string; card: string; expected_total: Money; explanation: { en: string; zh: string } }[];
  unplaced: { order_id: string; code: string; reason: string }[];
  total_cost: Money;
  greedy_cost: Money;
  saving: Money;
  quotas: { service: string; warehouse_id: string | null; capacity: number; used: number }[];
  applied: boolean;
}

/** Decisions for orders: one at a time (persisted with their explanation) or as a batch under quotas. */
export class RoutingService {
  constructor(private readonly d: RoutingDeps) {}

  /** The tenant's configuration, read through the schema: what earlier versions saved gets today's defaults and money objects. */
  async getConfig(tenantId: string): Promise<RoutingConfig> {
    return routingConfigSchema.parse((await this.d.repo.getConfig(tenantId)) ?? {});
  }

  /** Saves a rule set and policy; reports conflicts and unreachable rules (duplicates are refused). */
  async putConfig(tenantId: string, config: RoutingConfig): Promise<{ config: RoutingConfig; report: RuleSetReport }> {
    const report = checkRules(config.rules);
    if (report.duplicates.length) {
      throw new AppError('VALIDATION_FAILED', 'Rule ids must be unique', { errors: report.duplicates.map((id) => ({ path: 'rules', message: `duplicate id ${id}` })) });
    }
    await this.d.repo.saveConfig(tenantId, config);
    return { config, report };
  }

  /** The report `putConfig` would give, without saving. */
  checkConfig(config: RoutingConfig): RuleSetReport {
    return checkRules(config.rules);
  }

  async importPickupPoints(tenantId: string, csv: string): Promise<{ imported: number }> {
    const points = parsePickupCsv(csv);
    await this.d.repo.savePoints(tenantId, points);
    return { imported: points.length };
  }

  /** Adds or replaces points given as data (the demo seed; imports go through the CSV). */
  async addPickupPoints(tenantId: string, input: unknown[]): Promise<{ imported: number }> {
    const points = input.map((p) => pickupPointSchema.parse(p));
    await this.d.repo.savePoints(tenantId, points);
    return { imported: points.length };
  }

  /** A carrier's pickup locations near a ZIP Code, added to (or replacing in) the directory. */
  async importCarrierPoints(tenantId: string, carrier: string, zip: string, radiusKm: number): Promise<{ imported: number; carrier: string }> {
    const points = this.d.carrierPoints ? await this.d.carrierPoints(tenantId, carrier, zip, radiusKm) : null;
    if (!points) {
      throw new AppError('INVALID_STATE', carrier === 'usps' ? 'There is no USPS account to find post offices with: connect one (docs/carriers.md)' : `Importing ${carrier} locations is not built yet: USPS post offices are (docs/carriers.md)`);
    }
    const { imported } = await this.addPickupPoints(tenantId, points);
    return { imported, carrier };
  }

  listPickupPoints(tenantId: string): Promise<PickupPoint[]> {
    return this.d.repo.listPoints(tenantId);
  }

  /** Decides one order and saves the decision (status `decided` when a service was chosen). */
  async decideOrder(tenantId: string, orderId: string, actor: string): Promise<{ order: Order; decision: Decision }> {
    const ctx = await this.context(tenantId);
    const order = await this.d.orders.get(tenantId, orderId);
    const decision = await this.decision(tenantId, order, ctx);
    const saved = await this.save(tenantId, order, decision, actor);
    return { order: saved, decision };
  }

  /**
   * Decides a batch: every order's candidates, then the cheapest assignment that respects the
   * daily quotas (HiGHS), compared with deciding greedily one order at a time. Orders that no
   * service (or quota) can take are listed, never dropped. With `apply`, decisions are saved.
   */
  async plan(tenantId: string, ids: string[], opts: { apply: boolean; actor: string; onProgress?: (done: number, total: number) => void }): Promise<PlanResult> {
    const ctx = await this.context(tenantId);
    const decisions: { order: Order; decision: Decision }[] = [];
    const unplaced: PlanResult['unplaced'] = [];
    for (const [k, id] of ids.entries()) {
      try {
        const order = await this.d.orders.get(tenantId, id);
        const decision = await this.decision(tenantId, order, ctx);
        if (decision.candidates.length === 0) {
          const why = decision.waiting?.code === 'SERVICE_LEVEL_UNMET' ? decision.waiting.reason : decision.excluded.map((e) => `${e.card}: ${e.reason}`).join('; ') || 'no service';
          unplaced.push({ order_id: id, code: decision.waiting?.code ?? 'NO_SERVICE', reason: why });
          // The order waits with its reason (saved like a decision without a service).
          if (opts.apply) await this.save(tenantId, order, decision, opts.actor);
        } else decisions.push({ order, decision });
      } catch (e) {
        unplaced.push({ order_id: id, code: e instanceof AppError ? e.code : 'INTERNAL', reason: e instanceof AppError ? e.message : String(e) });
      }
      if (k % 100 === 0) opts.onProgress?.(k, ids.length);
    }
    const quotas = ctx.config.quotas;
    const bucketKey = (card: string, wh: string | null) => `${card}|${wh ?? ''}`;
    const buckets = new Map<string, number>();
    const capacities: number[] = [];
    const bucketFor = (card: string, wh: string | null) => {
      const q = quotas.find((x) => x.service === card && (x.warehouse_id === null || x.warehouse_id === wh));
      const key = q ? bucketKey(card, q.warehouse_id) : bucketKey(card, '*free*');
      let b = buckets.get(key);
      if (b === undefined) {
        b = capacities.length;
        buckets.set(key, b);
        capacities.push(q ? q.daily_capacity : Infinity);
      }
      return b;
    };
    let maxCost = 0;
    let currency = '';
    const problem: AllocationProblem = {
      orders: decisions.map(({ order, decision }) => ({
        id: order.id,
        options: decision.candidates.map((c) => {
          if (!currency) currency = c.score.expected_total.currency;
          maxCost = Math.max(maxCost, c.score.expected_total.amount);
          return { bucket: bucketFor(c.card, order.warehouse_id), cost: c.score.expected_total.amount };
        }),
      })),
      capacities,
      unassignedCost: 0,
    };
    problem.unassignedCost = Math.max(1, maxCost) * 100;
    const best = await allocate(problem);
    const base = greedy(problem);
    const assignments: PlanResult['assignments'] = [];
    for (const [i, { order, decision }] of decisions.entries()) {
      const k = best.choice[i];
      if (k === null || k === undefined) {
        unplaced.push({ order_id: order.id, code: 'QUOTA', reason: 'every service it can use is at its daily quota' });
        continue;
      }
      const chosen = decision.candidates[k]!;
      const final = chosen === decision.chosen ? decision : withChosen({ ...decision, notes: [...decision.notes, `allocated to ${chosen.card} under the daily quotas (best alone: ${decision.chosen?.card ?? 'none'})`] }, chosen);
      assignments.push({ order_id: order.id, card: chosen.card, expected_total: chosen.score.expected_total, explanation: final.explanation });
      if (opts.apply) await this.save(tenantId, order, final, opts.actor);
    }
    opts.onProgress?.(ids.length, ids.length);
    const used = new Map<number, number>();
    best.choice.forEach((k, i) => {
      if (k !== null) used.set(problem.orders[i]!.options[k]!.bucket, (used.get(problem.orders[i]!.options[k]!.bucket) ?? 0) + 1);
    });
    const placedCost = (a: typeof best) => a.choice.reduce<number>((t, k, i) => t + (k === null ? 0 : problem.orders[i]!.options[k]!.cost), 0);
    return {
      orders: ids.length,
      decided: decisions.length,
      assignments,
      unplaced,
      total_cost: { amount: Math.round(placedCost(best)), currency: currency || 'USD' },
      greedy_cost: { amount: Math.round(placedCost(base)), currency: currency || 'USD' },
      saving: { amount: Math.round(placedCost(base) - placedCost(best)), currency: currency || 'USD' },
      quotas: quotas.map((q) => ({ ...q, capacity: q.daily_capacity, used: used.get(buckets.get(bucketKey(q.service, q.warehouse_id)) ?? -1) ?? 0 })).map(({ daily_capacity: _d, ...rest }) => rest),
      applied: opts.apply,
    };
  }

  private async context(tenantId: string): Promise<DecisionContext & { warehouses: Map<string, Warehouse> }> {
    const now = this.d.clock.now();
    const date = now.toISOString().slice(0, 10);
    const [config, cards, zone, dir, points] = await Promise.all([
      this.getConfig(tenantId),
      this.d.rating.cardsFor(tenantId, date),
      this.d.rating.zoneResolver(tenantId, date),
      this.d.loadDirectory(),
      this.d.repo.listPoints(tenantId),
    ]);
    const stats = (await this.d.laneStats?.(tenantId, config.priors.half_life_days)) ?? new Map<string, LaneStats>();
    return { config, cards, zone, dir, points, now, stats, warehouses: new Map<string, Warehouse>() };
  }

  private async decision(tenantId: string, order: Order, ctx: DecisionContext & { warehouses: Map<string, Warehouse> }): Promise<Decision> {
    if (order.status === 'address_review') throw new AppError('INVALID_STATE', `Order ${order.id} waits for address review`, { details: { order_status: order.status } });
    if (!['new', 'ready', 'decided'].includes(order.status)) throw new AppError('INVALID_STATE', `Order ${order.id} is ${order.status}: it can no longer be decided`, { details: { order_status: order.status } });
    const input = await this.input(tenantId, order, ctx);
    const first = decide(input);
    if (!this.d.liveRates || first.mode !== 'parcel') return first;
    // The carriers' own rates for the shipment the decision would send: asked once the packages,
    // signature and insurance are known, then the order decided again with them.
    const carriers = [...new Set(first.candidates.map((c) => c.carrier))];
    if (carriers.length === 0) return first;
    const wh = ctx.warehouses.get(order.warehouse_id!)!;
    const shipTo = checkedAddress(order.ship_to, order.address_check);
    const live = await this.d.liveRates(tenantId, {
      carriers, shipFrom: { ...wh.address, name: wh.address.name ?? wh.name }, shipTo: { ...shipTo, residential: input.address.residential },
      packages: first.packages, signature: first.signature, declaredValue: first.insured ? order.order_value : null, reference: order.external_id,
    });
    return live.size ? decide({ ...input, live }) : first;
  }

  /** Everything `decide` needs about one order (its warehouse cached for the batch). */
  private async input(tenantId: string, order: Order, ctx: DecisionContext & { warehouses: Map<string, Warehouse> }): Promise<DecideInput> {
    if (!order.warehouse_id) throw new AppError('VALIDATION_FAILED', `Order ${order.id} has no ship-from warehouse`, { errors: [{ path: 'warehouse_id', message: 'set the order\'s warehouse_id' }] });
    let wh = ctx.warehouses.get(order.warehouse_id);
    if (!wh) ctx.warehouses.set(order.warehouse_id, (wh = await this.d.warehouses.get(tenantId, order.warehouse_id)));
    return decideInput(this.d, tenantId, order, wh, ctx);
  }

  /**
   * `/v1/rates {order_id}`: every service's price for the packages and options the order's
   * decision uses (packed boxes, pickup point, signature, accessorials), so that one order has
   * one price in the rates, the decision and the shipment. Options given override them.
   */
  async quoteOrder(tenantId: string, req: QuoteRequest): Promise<QuoteResponse> {
    const ctx = await this.context(tenantId);
    const order = await this.d.orders.get(tenantId, req.order_id!);
    const input = await this.input(tenantId, order, ctx);
    const { shipments } = decideWithShipments(input);
    const warnings: string[] = [];
    if (order.address_check?.verdict === 'invalid' && !order.address_check.accepted) warnings.push('the ship-to address is invalid (address_review): the quote may not hold');
    const o = req.options;
    const given = Object.keys(o).filter((k) => o[k as keyof typeof o] !== undefined);
    if (given.length) warnings.push(`options ${given.join(', ')} change the packages the decision prices: this quote can differ from the decision's`);
    const priced: Shipment[] = shipments.map((s) => ({
      ...s,
      residential: o.residential ?? s.residential,
      signature: o.signature ?? s.signature,
      declaredValue: o.declared_value?.amount ?? s.declaredValue,
      cod: o.cod ?? s.cod,
      nonCartonPackaging: o.non_carton ?? s.nonCartonPackaging,
      battery: o.battery ?? s.battery,
      hazmat: o.hazmat ?? s.hazmat,
      accessorials: o.accessorials ? new Set(o.accessorials) : s.accessorials,
      freightClass: o.freight_class ?? s.freightClass,
    }));
    return this.d.rating.quoteShipments(tenantId, priced, { shipDate: req.ship_date ?? input.readyAt.slice(0, 10), services: req.services, zone: req.zone, currency: req.currency ?? order.order_value.currency, periodSpend: req.period_spend }, warnings);
  }

  /**
   * Pickup points by distance from a place ("lat,lng", an address or a ZIP Code), within a
   * radius; with `fitsOrder`, whether every package of that order fits a compartment (and why not).
   */
  async searchPickupPoints(tenantId: string, q: { near: string; radiusKm: number; fitsOrder?: string | undefined }) {
    const points = await this.d.repo.listPoints(tenantId);
    const here = await this.locate(q.near);
    let sizes: PackageSize[] | null = null;
    let orderId: string | null = null;
    if (q.fitsOrder) {
      const ctx = await this.context(tenantId);
      const order = await this.d.orders.get(tenantId, q.fitsOrder);
      sizes = (await this.input(tenantId, order, ctx)).packages.map((p) => p.size);
      orderId = order.id;
    }
    const data = points
      .map((p) => ({ p, near: nearbyPoint(p, here) }))
      .filter((x) => x.near.distance_km <= q.radiusKm)
      .sort((a, b) => a.near.distance_km - b.near.distance_km)
      .map(({ p, near }) => {
        const fit = sizes ? pointFit(near, sizes) : null;
        return {
          ...p,
          distance: { value: Math.round(near.distance_km * 100) / 100, unit: 'km' as const },
          fits: fit ? { order_id: orderId!, fits: fit.fits, ...(fit.fits ? {} : { code: fit.code, package: fit.package, largest_compartment: fit.largest }) } : null,
        };
      });
    return { near: here, radius: { value: q.radiusKm, unit: 'km' as const }, data };
  }

  private async locate(near: string): Promise<{ lat: number; lon: number }> {
    const ll = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(near);
    if (ll) {
      const lat = Number(ll[1]);
      const lon = Number(ll[2]);
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new AppError('VALIDATION_FAILED', 'near: latitude or longitude out of range', { errors: [{ path: 'near', message: 'lat within ±90, lng within ±180' }] });
      return { lat, lon };
    }
    const dir = await this.d.loadDirectory();
    const zip = /^\s*(\d{5})(?:-\d{4})?\s*$/.exec(near)?.[1];
    const info = zip ? dir.lookup(zip) : undefined;
    if (info && Number.isFinite(info.lat)) return { lat: info.lat, lon: info.lon };
    const v = validateAddress(near, dir);
    const g = v.classification?.geocode;
    if (!g) throw new AppError('VALIDATION_FAILED', 'near: the place could not be located', { errors: [{ path: 'near', message: 'give "lat,lng", a US ZIP Code or a US address with its ZIP Code' }] });
    return { lat: g.lat, lon: g.lon };
  }

  private async save(tenantId: string, order: Order, decision: Decision, actor: string): Promise<Order> {
    const status = decision.chosen ? 'decided' : order.status === 'decided' ? 'ready' : order.status;
    if (status !== order.status) assertTransition(order.status, status);
    const stored = { ...decision, decided_at: this.d.clock.now().toISOString() } as unknown as Record<string, unknown>;
    // Pilot orders carry the pilot's tag so that their results can be compared later.
    const tags = [...new Set([...order.tags.filter((t) => !t.startsWith('pilot:')), ...decision.tags])];
    const patch = tags.length !== order.tags.length || tags.some((t, k) => t !== order.tags[k]) ? { patch: { tags } } : {};
    const updated = await this.d.orderRepo.update(tenantId, order.id, order.status, { status, decision: stored, ...patch });
    if (!updated) throw new AppError('CONFLICT', `Order ${order.id} changed while it was being decided; retry`);
    await this.d.orderRepo.addEvent(tenantId, order.id, {
      type: 'order.decided',
      data: { mode: decision.mode, card: decision.chosen?.card ?? null, expected_total: decision.chosen?.score.expected_total ?? null, pilot: decision.pilot, rules: decision.rules_applied },
      actor,
    });
    return updated;
  }
}
