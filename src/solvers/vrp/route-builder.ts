import type { Problem } from './problem.js';
import { excess, type Route } from './route.js';

export interface Penalties {
  /** Per unit of relative excess load. */
  load: number;
  /** Per unit of time warp or of duration beyond the vehicle's maximum. */
  tw: number;
}

/**
 * Evaluates a candidate route assembled from pieces of existing routes without building it:
 * the pieces' cached segments, distances and loads are joined in O(1) each (ranges of stops in
 * O(length)). Scalars only, so move evaluation allocates nothing.
 */
export class RouteBuilder {
  private D = 0;
  private TW = 0;
  private E = 0;
  private L = 0;
  private last = 0;
  private has = false;
  private dist = 0;
  private stops = 0;
  private readonly load: Float64Array;
  private vehicle = 0;

  constructor(private readonly p: Problem) {
    this.load = new Float64Array(p.dims);
  }

  /** Starts a route for `vehicle`. */
  start(vehicle: number): this {
    this.vehicle = vehicle;
    this.has = false;
    this.dist = 0;
    this.stops = 0;
    this.load.fill(0);
    return this;
  }

  private join(D2: number, TW2: number, E2: number, L2: number, first: number, last: number, innerDist: number) {
    if (!this.has) {
      this.D = D2; this.TW = TW2; this.E = E2; this.L = L2;
      this.dist = innerDist;
      this.has = true;
    } else {
      const t = this.p.t(this.last, first);
      const delta = this.D - this.TW + t;
      const wait = Math.max(E2 - delta - this.L, 0);
      const warp = Math.max(this.E + delta - L2, 0);
      this.D = this.D + D2 + t + wait;
      this.TW = this.TW + TW2 + warp;
      this.E = Math.max(E2 - delta, this.E) - wait;
      this.L = Math.min(L2 - delta, this.L) + warp;
      this.dist += this.p.d(this.last, first) + innerDist;
    }
    this.last = last;
  }

  /** Positions 0..pos of `r` (its start depot and first pos stops). Must come first. */
  prefix(r: Route, pos: number): this {
    this.join(r.fD[pos]!, r.fTW[pos]!, r.fE[pos]!, r.fL[pos]!, 0, r.visits[pos]!, r.cumDist[pos]!);
    const dims = this.p.dims;
    for (let d = 0; d < dims; d++) this.load[d]! += r.prefLoad[pos * dims + d]!;
    this.stops += pos;
    return this;
  }

  /** Positions pos..len+1 of `r` (stops then its end depot); `r` must share this vehicle's depot window. */
  suffix(r: Route, pos: number): this {
    const end = r.len + 1;
    this.join(r.bD[pos]!, r.bTW[pos]!, r.bE[pos]!, r.bL[pos]!, r.visits[pos]!, 0, r.cumDist[end]! - r.cumDist[pos]!);
    const dims = this.p.dims;
    if (pos <= r.len) for (let d = 0; d < dims; d++) this.load[d]! += r.loadBetween(pos, r.len, d);
    this.stops += Math.max(0, end - pos);
    return this;
  }

  /** Stops at positions pos..len of `r`, then this vehicle's own end depot. */
  tail(r: Route, pos: number): this {
    const own = this.p.vehicles[this.vehicle]!;
    const theirs = this.p.vehicles[r.vehicle]!;
    if (own.start === theirs.start && own.end === theirs.end) return this.suffix(r, pos);
    if (pos <= r.len) this.range(r, pos, r.len);
    return this.depot();
  }

  /** Stops at positions from..to of `r`, in order. */
  range(r: Route, from: number, to: number): this {
    for (let i = from; i <= to; i++) this.node(r.visits[i]!);
    return this;
  }

  /** Stops at positions from..to of `r`, reversed (to..from). */
  rangeReversed(r: Route, from: number, to: number): this {
    for (let i = to; i >= from; i--) this.node(r.visits[i]!);
    return this;
  }

  node(u: number): this {
    const p = this.p;
    this.join(p.service[u]!, 0, p.early[u]!, p.late[u]!, u, u, 0);
    const dims = p.dims;
    for (let d = 0; d < dims; d++) this.load[d]! += p.demand[u * dims + d]!;
    this.stops++;
    return this;
  }

  /** This vehicle's depot (start or end). */
  depot(): this {
    const v = this.p.vehicles[this.vehicle]!;
    this.join(0, 0, v.start, v.end, 0, 0, 0);
    return this;
  }

  /** Penalized cost of the assembled route. */
  cost(pen: Penalties): number {
    const v = this.p.vehicles[this.vehicle]!;
    if (this.stops === 0) return 0;
    let ex = 0;
    for (let d = 0; d < this.load.length; d++) ex += excess(this.load[d]!, v.capacity[d]!);
    return this.dist + v.fixedCost + pen.load * ex + pen.tw * (this.TW + Math.max(0, this.D - v.maxDuration));
  }
}

/** Penalized cost of an existing route from its caches. */
export function routeCost(p: Problem, r: Route, pen: Penalties): number {
  if (r.len === 0) return 0;
  const v = p.vehicles[r.vehicle]!;
  return r.distance + v.fixedCost + pen.load * r.loadExcess + pen.tw * (r.timeWarp + r.durationExcess);
}
