import type { UsZipDirectory } from '../addresses/ports.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { toGrams, toMillimetres } from '../kernel/units.js';
import { assertTransition } from '../orders/lifecycle.js';
import type { Order } from '../orders/order.schema.js';
import type { OrderRepo } from '../orders/ports.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { PackingService } from '../packing/packing.service.js';
import type { CompiledCard } from '../rating/quote.js';
import type { RatingService } from '../rating/rating.service.js';
import { distanceMiles } from '../rating/zones.js';
import { allocate, greedy, type AllocationProblem } from '../solvers/assignment/allocate.js';
import type { Warehouse } from '../warehouses/warehouse.schema.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import type { LaneStats } from './scoring.js';
import { decide, type Decision, type DecideInput } from './decide.js';
import type { NearbyPoint, PackageSize } from './mode.js';
import { parsePickupCsv } from './pickup-csv.js';
import type { PickupPoint } from './pickup-point.schema.js';
import type { RoutingRepo } from './ports.js';
import { routingConfigSchema, type RoutingConfig } from './routing-config.schema.js';
import { checkRules, type RuleSetReport } from './rules.js';

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
}

export interface PlanResult {
  orders: number;
  decided: number;
  assignments: { order_id: string; card: string; expected_total: number }[];
  unplaced: { order_id: string; reason: string }[];
  total_cost: number;
  greedy_cost: number;
  saving: number;
  quotas: { service: string; warehouse_id: string | null; capacity: number; used: number }[];
  applied: boolean;
}

const KM_PER_MILE = 1.609344;

/** Decisions for orders: one at a time (persisted with their explanation) or as a batch under quotas. */
export class RoutingService {
  constructor(private readonly d: RoutingDeps) {}

  async getConfig(tenantId: string): Promise<RoutingConfig> {
    return (await this.d.repo.getConfig(tenantId)) ?? routingConfigSchema.parse({});
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

  async importPickupPoints(tenantId: string, csv: string): Promise<{ imported: number }> {
    const points = parsePickupCsv(csv);
    await this.d.repo.savePoints(tenantId, points);
    return { imported: points.length };
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
        if (decision.candidates.length === 0) unplaced.push({ order_id: id, reason: decision.excluded.map((e) => `${e.card}: ${e.reason}`).join('; ') || 'no service' });
        else decisions.push({ order, decision });
      } catch (e) {
        unplaced.push({ order_id: id, reason: e instanceof AppError ? e.message : String(e) });
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
    const problem: AllocationProblem = {
      orders: decisions.map(({ order, decision }) => ({
        id: order.id,
        options: decision.candidates.map((c) => {
          maxCost = Math.max(maxCost, c.score.expected_total);
          return { bucket: bucketFor(c.card, order.warehouse_id), cost: c.score.expected_total };
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
        unplaced.push({ order_id: order.id, reason: 'every service it can use is at its daily quota' });
        continue;
      }
      const chosen = decision.candidates[k]!;
      assignments.push({ order_id: order.id, card: chosen.card, expected_total: chosen.score.expected_total });
      if (opts.apply) {
        const note = chosen === decision.chosen ? [] : [`allocated to ${chosen.card} under the daily quotas (best alone: ${decision.chosen?.card ?? 'none'})`];
        await this.save(tenantId, order, { ...decision, chosen, notes: [...decision.notes, ...note] }, opts.actor);
      }
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
      total_cost: Math.round(placedCost(best) * 100) / 100,
      greedy_cost: Math.round(placedCost(base) * 100) / 100,
      saving: Math.round((base.total - best.total) * 100) / 100,
      quotas: quotas.map((q) => ({ ...q, capacity: q.daily_capacity, used: used.get(buckets.get(bucketKey(q.service, q.warehouse_id)) ?? -1) ?? 0 })).map(({ daily_capacity: _d, ...rest }) => rest),
      applied: opts.apply,
    };
  }

  private async context(tenantId: string) {
    const date = this.d.clock.now().toISOString().slice(0, 10);
    const [config, cards, zone, dir, points] = await Promise.all([
      this.getConfig(tenantId),
      this.d.rating.cardsFor(tenantId, date),
      this.d.rating.zoneResolver(tenantId, date),
      this.d.loadDirectory(),
      this.d.repo.listPoints(tenantId),
    ]);
    const stats = (await this.d.laneStats?.(tenantId, config.priors.half_life_days)) ?? new Map<string, LaneStats>();
    return { config, cards, zone, dir, points, date, stats, warehouses: new Map<string, Warehouse>() };
  }

  private async decision(tenantId: string, order: Order, ctx: Awaited<ReturnType<RoutingService['context']>>): Promise<Decision> {
    if (order.status === 'address_review') throw new AppError('INVALID_STATE', `Order ${order.id} waits for address review`, { details: { order_status: order.status } });
    if (!['new', 'ready', 'decided'].includes(order.status)) throw new AppError('INVALID_STATE', `Order ${order.id} is ${order.status}: it can no longer be decided`, { details: { order_status: order.status } });
    if (!order.warehouse_id) throw new AppError('VALIDATION_FAILED', `Order ${order.id} has no ship-from warehouse`);
    let wh = ctx.warehouses.get(order.warehouse_id);
    if (!wh) ctx.warehouses.set(order.warehouse_id, (wh = await this.d.warehouses.get(tenantId, order.warehouse_id)));
    const input = await this.input(tenantId, order, wh, ctx);
    return decide(input);
  }

  /** Everything `decide` needs about one order. */
  private async input(tenantId: string, order: Order, wh: Warehouse, ctx: Awaited<ReturnType<RoutingService['context']>>): Promise<DecideInput> {
    const check = order.address_check;
    const std = check?.standardized;
    const zip = (std?.postal_code ?? order.ship_to.postal_code ?? '').slice(0, 5);
    const country = std?.country ?? order.ship_to.country;
    if (country !== 'US' || !/^\d{5}$/.test(zip)) throw new AppError('VALIDATION_FAILED', `Order ${order.id} does not ship to a US ZIP Code: decisions cover US domestic delivery`);
    const flags = new Set<string>();
    let grams = 0;
    let longestIn: number | null = 0;
    const lines = await Promise.all(order.lines.map(async (l) => ({ l, sku: l.sku ? await this.d.catalog.get(tenantId, l.sku).catch(() => undefined) : undefined })));
    for (const { l, sku } of lines) {
      for (const f of sku?.flags ?? []) flags.add(f);
      const w = l.weight ?? sku?.weight;
      if (!w) throw new AppError('VALIDATION_FAILED', `Order ${order.id}: line ${l.sku ?? l.name ?? ''} has no weight`);
      grams += toGrams(w) * l.quantity;
      const dims = l.dimensions ?? sku?.dimensions;
      longestIn = dims && longestIn !== null ? Math.max(longestIn, toMillimetres(Math.max(dims.length, dims.width, dims.height), dims.unit) / 25.4) : null;
    }
    // Packages: packed into the warehouse's boxes when it has some and every line has a size;
    // one package by weight otherwise (and one per unit of a ships-alone item).
    let packages: DecideInput['packages'];
    const canPack = wh.boxes.some((b) => b.available) && lines.every(({ l, sku }) => l.dimensions ?? sku?.dimensions);
    const packed = canPack ? await this.d.packing.packOrder(tenantId, order.id, {}).catch(() => undefined) : undefined;
    if (packed && packed.unpacked.length === 0) {
      packages = packed.packages.map((p) => {
        const sides = [p.dimensions.length, p.dimensions.width, p.dimensions.height].sort((a, b) => b - a) as [number, number, number];
        return { weight: { value: p.gross_weight, unit: 'lb' as const }, dimensions: { ...p.dimensions, unit: 'in' as const }, size: { weightLb: p.gross_weight, sidesIn: sides } };
      });
    } else {
      const single = lines.length === 1 && lines[0]!.l.quantity === 1 ? (lines[0]!.l.dimensions ?? lines[0]!.sku?.dimensions ?? null) : null;
      const lb = grams / 453.59237;
      const sides: PackageSize['sidesIn'] = single
        ? ([single.length, single.width, single.height].map((v) => toMillimetres(v, single.unit) / 25.4).sort((a, b) => b - a) as [number, number, number])
        : null;
      packages = [{ weight: { value: Math.round(lb * 1000) / 1000, unit: 'lb' }, dimensions: single, size: { weightLb: lb, sidesIn: sides } }];
    }
    const info = ctx.dir.lookup(zip);
    const here = info && Number.isFinite(info.lat) ? { lat: info.lat, lon: info.lon } : undefined;
    const points: NearbyPoint[] = here
      ? ctx.points
          .filter((p) => p.country === 'US')
          .map((p) => ({
            id: p.id, operator: p.operator, carrier: p.carrier, name: p.name, postal_code: p.postal_code.slice(0, 5), state: p.state,
            distance_km: distanceMiles(here, { lat: p.lat, lon: p.lon }) * KM_PER_MILE,
            compartments: p.compartments.map((c) => ({ size: c.size, lengthIn: c.length_cm / 2.54, widthIn: c.width_cm / 2.54, heightIn: c.height_cm / 2.54, maxWeightLb: c.max_weight_kg * 2.20462262 })),
          }))
          .filter((p) => p.distance_km <= 25)
      : [];
    const cls = check?.classification;
    // A PO box or general delivery: only USPS delivers there.
    const postOfficeOnly = !!cls?.po_box || !!cls?.general_delivery;
    const residential = order.ship_to.residential ?? (cls ? cls.residential.value === 'residential' : order.customer_type === 'b2c');
    const state = std?.state ?? info?.state ?? null;
    const remote = cls?.region === 'rural' || ['AK', 'HI', 'PR', 'VI', 'GU', 'AS', 'MP'].includes(state ?? '');
    const origin = (wh.address.postal_code ?? '').slice(0, 5);
    const zoneFor = (card: CompiledCard, destZip: string, destState: string | null) => ctx.zone(card, origin, destZip, destState, grams / 453.59237);
    return {
      orderId: order.id,
      facts: {
        country: 'US', state, zip, weightLb: grams / 453.59237, longestIn, value: order.order_value.amount, flags: [...flags], channel: order.channel,
        tags: order.tags, customerType: order.customer_type, residential, remote, poBox: postOfficeOnly, military: !!cls?.military,
      },
      preference: order.delivery_preference,
      customerType: order.customer_type,
      serviceLevel: order.service_level,
      value: order.order_value.amount,
      currency: order.order_value.currency,
      cod: order.cod_amount !== null,
      battery: flags.has('battery'),
      hazmat: flags.has('hazmat'),
      signatureFromCatalog: flags.has('requires_signature'),
      readyAt: new Date(Math.max(Date.parse(order.placed_at ?? order.created_at), this.d.clock.now().getTime())).toISOString(),
      address: { zip, state, residential, region: cls?.region ?? null, poBox: postOfficeOnly, military: !!cls?.military },
      packages,
      originZip: origin,
      warehouse: { timezone: wh.timezone, operating_days: wh.operating_days, pickup_cutoffs: wh.pickup_cutoffs, has_dock: wh.has_dock },
      cards: ctx.cards,
      zoneFor,
      points,
      config: ctx.config,
      statsFor: (carrier, card) => ctx.stats.get(`${carrier}|${card}`) ?? null,
    };
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
