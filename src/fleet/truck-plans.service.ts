import type { CatalogService } from '../catalog/catalog.service.js';
import type { JobContext, JobsService } from '../jobs/jobs.service.js';
import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeCursor, type Page } from '../kernel/list.js';
import { toGrams } from '../kernel/units.js';
import { hhmmToSeconds, localToUtcMs, toZonedIso } from '../kernel/zoned-time.js';
import type { Order } from '../orders/order.schema.js';
import type { OrdersService } from '../orders/orders.service.js';
import { solve } from '../solvers/vrp/solve.js';
import type { Vehicle } from '../solvers/vrp/problem.js';
import type { Warehouse } from '../warehouses/warehouse.schema.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import type { DistanceMatrixPort, LatLon } from './ports.js';
import type { TruckPlan, TruckPlanCreate, TruckPlanResult } from './truck-plan.schema.js';
import { customerWindow, orderToStop, toSolverStop, type TruckStop } from './truck-stops.js';

export const JOB_TRUCK_PLAN = 'truck-plans.solve';
const OPEN: ReadonlySet<string> = new Set(['new', 'address_review', 'ready', 'decided']);
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface TruckPlanRow {
  id: string;
  warehouse_id: string;
  date: string;
  job_id: string | null;
  request: TruckPlanCreate;
  result: TruckPlanResult | null;
  created_at: string;
}

export interface TruckPlanRepo {
  create(tenantId: string, row: { id: string; warehouseId: string; date: string; request: TruckPlanCreate }): Promise<TruckPlanRow>;
  get(tenantId: string, id: string): Promise<TruckPlanRow | undefined>;
  setJob(id: string, jobId: string): Promise<void>;
  setResult(id: string, result: TruckPlanResult): Promise<void>;
  list(tenantId: string, f: { warehouseId?: string | undefined; date?: string | undefined }, beforeId: string | undefined, limit: number): Promise<Page<TruckPlanRow>>;
}

/**
 * Truck delivery plans: the orders that go by truck become stops, the warehouse's fleet
 * becomes vehicles, and the routing solver orders them inside their appointment windows.
 */
export class TruckPlansService {
  constructor(
    private readonly repo: TruckPlanRepo,
    private readonly warehouses: WarehousesService,
    private readonly orders: OrdersService,
    private readonly catalog: CatalogService,
    private readonly jobs: JobsService,
    private readonly matrix: DistanceMatrixPort,
    private readonly zipCentroid: (country: string, postalCode: string) => LatLon | undefined,
  ) {
    jobs.register(JOB_TRUCK_PLAN, (ctx) => this.run(ctx));
  }

  async create(tenantId: string, req: TruckPlanCreate): Promise<TruckPlan> {
    const w = await this.warehouses.resolve(tenantId, req.warehouse_id);
    if (!w) throw new AppError('VALIDATION_FAILED', `Unknown warehouse ${req.warehouse_id}`, { errors: [{ path: 'warehouse_id', message: 'no such warehouse' }] });
    if (w.fleet.vehicle_types.length === 0) {
      throw new AppError('VALIDATION_FAILED', `Warehouse ${w.code} has no trucks: set fleet.vehicle_types with PATCH /v1/warehouses/${w.id}`, {
        errors: [{ path: 'warehouse_id', message: 'the warehouse has no fleet' }],
      });
    }
    const row = await this.repo.create(tenantId, { id: newId('truckPlan'), warehouseId: w.id, date: req.date, request: { ...req, warehouse_id: w.id } });
    const job = await this.jobs.enqueue(tenantId, JOB_TRUCK_PLAN, { plan_id: row.id }, Math.round(req.time_limit_seconds));
    await this.repo.setJob(row.id, job.id);
    return this.get(tenantId, row.id);
  }

  async get(tenantId: string, id: string): Promise<TruckPlan> {
    const row = await this.repo.get(tenantId, id);
    if (!row) throw notFound('truck plan', id);
    return { ...row, state: await this.stateOf(tenantId, row) };
  }

  private async stateOf(tenantId: string, row: TruckPlanRow): Promise<string> {
    // A plan solved in the foreground (the CLI on the local database) has no job.
    return row.job_id ? (await this.jobs.get(tenantId, row.job_id)).state : row.result ? 'succeeded' : 'queued';
  }

  /** The tenant's plans, newest first, with their totals (GET one for the routes). */
  async list(tenantId: string, f: { warehouse_id?: string | undefined; date?: string | undefined }, q: { limit: number; cursor?: string | undefined }) {
    const w = f.warehouse_id ? await this.warehouses.resolve(tenantId, f.warehouse_id) : undefined;
    if (f.warehouse_id && !w) throw new AppError('VALIDATION_FAILED', `Unknown warehouse ${f.warehouse_id}`, { errors: [{ path: 'warehouse_id', message: 'no such warehouse' }] });
    const page = await this.repo.list(tenantId, { warehouseId: w?.id, date: f.date }, decodeCursor(q.cursor), q.limit);
    const data = await Promise.all(page.data.map(async (r) => ({ id: r.id, warehouse_id: r.warehouse_id, date: r.date, job_id: r.job_id, state: await this.stateOf(tenantId, r), totals: r.result?.totals ?? null, created_at: r.created_at })));
    return { data, next_cursor: page.next_cursor };
  }

  /** Plans in the foreground (the CLI on the local database): saved like a job's plan, with an id, its orders marked. */
  async createNow(tenantId: string, w: Warehouse, req: TruckPlanCreate): Promise<TruckPlan> {
    const row = await this.repo.create(tenantId, { id: newId('truckPlan'), warehouseId: w.id, date: req.date, request: { ...req, warehouse_id: w.id } });
    const result = await this.plan(tenantId, w, req);
    await this.finish(tenantId, row.id, result);
    return this.get(tenantId, row.id);
  }

  private async finish(tenantId: string, planId: string, result: TruckPlanResult) {
    await this.repo.setResult(planId, result);
    // Planned orders carry their plan, truck and stop: they are delivered by the fleet, not labelled for a carrier.
    await this.orders.setTruckPlans(tenantId, result.routes.flatMap((r) => r.stops.map((st) => ({ orderId: st.order_id, plan: { plan_id: planId, vehicle_id: r.vehicle_id, stop: st.sequence } }))));
  }

  private async run({ job, progress }: JobContext): Promise<unknown> {
    const tenantId = job.tenant_id;
    const row = await this.repo.get(tenantId, (job.params as { plan_id: string }).plan_id);
    if (!row) throw new AppError('NOT_FOUND', 'The truck plan was deleted');
    const req = row.request;
    const w = await this.warehouses.get(tenantId, row.warehouse_id);
    const result = await this.plan(tenantId, w, req, (seconds) => progress(Math.min(seconds, req.time_limit_seconds), Math.round(req.time_limit_seconds)));
    await this.finish(tenantId, row.id, result);
    progress(Math.round(req.time_limit_seconds), Math.round(req.time_limit_seconds));
    return { plan_id: row.id, planned: result.totals.planned, unassigned: result.unassigned.length };
  }

  /** Builds and solves the plan; pure apart from reading orders, the catalog and the matrix. */
  async plan(tenantId: string, w: Warehouse, req: TruckPlanCreate, onProgress: (seconds: number) => void = () => undefined): Promise<TruckPlanResult> {
    const warnings: string[] = [];
    const unassigned: TruckPlanResult['unassigned'] = [];
    const weekday = DAYS[new Date(`${req.date}T12:00:00Z`).getUTCDay()]!;
    if (!w.operating_days.includes(weekday as never)) warnings.push(`${req.date} is a ${weekday}, not an operating day of warehouse ${w.code}`);

    let candidates: Order[];
    if (req.order_ids) {
      candidates = [];
      for (const id of [...new Set(req.order_ids)]) {
        const o = await this.orders.get(tenantId, id).catch(() => undefined);
        if (!o) unassigned.push({ order_id: id, reason: 'no such order' });
        else if (o.warehouse_id !== w.id) unassigned.push({ order_id: id, reason: `it ships from another warehouse (${o.warehouse_id ?? 'none'})` });
        else if (!OPEN.has(o.status)) unassigned.push({ order_id: id, reason: `its status is ${o.status}` });
        else candidates.push(o);
      }
    } else {
      candidates = await this.orders.openTruckOrders(tenantId, w.id);
    }

    const codes = [...new Set(candidates.flatMap((o) => o.lines.map((l) => l.sku).filter((s): s is string => Boolean(s))))];
    const skus = new Map((await this.catalog.findByCodes(tenantId, codes)).map((s) => [s.sku, s]));
    const stops: TruckStop[] = [];
    let approximate = 0;
    for (const o of candidates) {
      const r = orderToStop(o, { date: req.date, timezone: w.timezone, defaultWindow: req.default_window, skus, zipCentroid: this.zipCentroid });
      if ('reason' in r) unassigned.push({ order_id: o.id, reason: r.reason });
      else {
        stops.push(r.stop);
        if (r.warning) approximate++;
      }
    }
    if (approximate > 0) warnings.push(`${approximate} of ${stops.length} stops have no coordinates and are placed at their ZIP code's centroid: their ETAs are approximate`);

    const depot = w.address.latitude != null && w.address.longitude != null
      ? { lat: w.address.latitude, lon: w.address.longitude }
      : w.address.postal_code ? this.zipCentroid(w.address.country, w.address.postal_code) : undefined;
    if (!depot) throw new AppError('VALIDATION_FAILED', `Warehouse ${w.code} has no coordinates and no known postal code`);
    if (!(w.address.latitude != null)) warnings.push(`warehouse ${w.code} has no coordinates: its ZIP centroid is used as the depot`);

    const vehicles: Vehicle[] = [];
    const typeOf = new Map<string, string>();
    for (const t of w.fleet.vehicle_types) {
      const perKm = t.cost_per_km?.amount ?? 100;
      for (let k = 1; k <= t.count; k++) {
        const id = `${t.code}-${k}`;
        typeOf.set(id, t.code);
        vehicles.push({
          id,
          capacity: [toGrams(t.capacity.weight) / 1000, t.capacity.volume_m3 ?? 1e12, t.capacity.pallets ?? 1e12],
          shift: [hhmmToSeconds(t.shift.start), hhmmToSeconds(t.shift.end)],
          ...(t.max_duration_hours ? { maxDuration: t.max_duration_hours * 3600 } : {}),
          skills: t.skills,
          // Fixed cost in metres of driving, the unit of the objective.
          fixedCost: t.fixed_cost ? (t.fixed_cost.amount / Math.max(perKm, 1)) * 1000 : 0,
        });
      }
    }

    const m = await this.matrix.matrix([depot, ...stops.map((s) => s.location)]);
    const solution = stops.length === 0
      ? { routes: [], unassigned: [], iterations: 0, elapsed_ms: 0, distance: 0 }
      : solve(
          { stops: stops.map(toSolverStop), vehicles, distance: m.distanceMeters, duration: m.durationSeconds, coordinates: [depot, ...stops.map((s) => s.location)].map((p) => [p.lon, p.lat]) },
          { seed: req.seed, timeLimitMs: req.time_limit_seconds * 1000, ...(req.max_iterations !== undefined ? { maxIterations: req.max_iterations } : {}), onImprovement: (e) => onProgress(e.elapsedMs / 1000) },
        );
    const byId = new Map(stops.map((s) => [s.order.id, s]));
    for (const u of solution.unassigned) unassigned.push({ order_id: u.id, reason: u.reason });

    const iso = (sec: number) => toZonedIso(localToUtcMs(req.date, sec, w.timezone), w.timezone);
    const routes: TruckPlanResult['routes'] = solution.routes.map((r) => {
      const planned = r.stops.map((x, i) => {
        const s = byId.get(x.id)!;
        const cw = customerWindow(x.start, s.window, req.customer_window_minutes);
        const a = s.order.ship_to;
        return {
          sequence: i + 1,
          order_id: s.order.id,
          external_id: s.order.external_id,
          name: a.company ? `${a.name ?? ''}${a.name ? ', ' : ''}${a.company}` : a.name,
          phone: a.phone,
          address: [a.line1, a.line2, `${a.city}${a.state ? `, ${a.state}` : ''} ${a.postal_code ?? ''}`.trim()].filter(Boolean).join(', '),
          eta: iso(x.start),
          service_minutes: Math.round(s.serviceSeconds / 60),
          accessorials: s.accessorials,
          weight_kg: round(s.weightKg, 1),
          order_window: { start: iso(s.window[0]), end: iso(s.window[1]) },
          customer_window: { start: iso(cw[0]), end: iso(cw[1]) },
          location_precision: s.precision,
          location: s.location,
        };
      });
      return {
        vehicle_id: r.vehicle_id,
        vehicle_type: typeOf.get(r.vehicle_id)!,
        departure: iso(r.departure),
        return: iso(r.arrival),
        distance_km: round(r.distance / 1000, 2),
        duration_minutes: Math.round((r.arrival - r.departure) / 60),
        load: { weight_kg: round(r.load[0] ?? 0, 1), volume_m3: round(r.load[1] ?? 0, 2), pallets: r.load[2] ?? 0 },
        stops: planned,
      };
    });
    return {
      depot,
      routes,
      unassigned,
      warnings,
      totals: {
        orders: candidates.length + unassigned.filter((u) => !candidates.some((c) => c.id === u.order_id)).length,
        planned: routes.reduce((t, r) => t + r.stops.length, 0),
        vehicles: routes.length,
        distance_km: round(solution.distance / 1000, 2),
      },
      matrix: m.source,
      solver: { iterations: solution.iterations, seconds: round(solution.elapsed_ms / 1000, 2) },
    };
  }
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
