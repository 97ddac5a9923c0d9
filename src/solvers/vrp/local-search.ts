import type { Problem } from './problem.js';
import { Route } from './route.js';
import { RouteBuilder, routeCost, type Penalties } from './route-builder.js';
import type { Rng } from './rng.js';

const EPS = 1e-7;

/**
 * Whether a new cost is a real improvement. The threshold grows with the cost: with large
 * penalties, rounding noise alone could otherwise let two moves undo each other forever.
 */
function improves(next: number, current: number): boolean {
  return next < current - EPS - 1e-9 * Math.abs(current);
}

/**
 * Granular local search (Vidal's HGS, PyVRP): for each stop U and each of its nearest
 * neighbours V, try relocate (1 and 2 stops, before or after V), swap (1-1, 2-1, 2-2),
 * 2-opt* between routes and 2-opt within a route, plus moving U to an empty vehicle and
 * inserting or dropping optional stops. Every move is evaluated in O(1) on the penalized cost
 * (distance + fixed cost + load and time-warp penalties) and the first improving one is applied.
 * Pairs whose routes did not change since U was last examined are skipped.
 */
export class LocalSearch {
  routes: Route[];
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  private readonly b: RouteBuilder;
  private readonly b2: RouteBuilder;
  private readonly cost: Float64Array;
  private readonly modifiedAt: Int32Array;
  private readonly testedAt: Int32Array;
  private counter = 1;
  private pen: Penalties = { load: 1, tw: 1 };
  /** Stops served by no route (optional stops left out, or required ones that fit nowhere). */
  readonly unassigned = new Set<number>();

  constructor(
    readonly p: Problem,
    readonly neighbours: Int32Array[],
    private readonly rng: Rng,
  ) {
    this.routes = p.vehicles.map((_, i) => new Route(p, i, i));
    this.routeOf = new Int32Array(p.size).fill(-1);
    this.posOf = new Int32Array(p.size);
    this.b = new RouteBuilder(p);
    this.b2 = new RouteBuilder(p);
    this.cost = new Float64Array(p.vehicles.length);
    this.modifiedAt = new Int32Array(p.vehicles.length);
    this.testedAt = new Int32Array(p.size);
  }

  /** Loads a solution: one stop list per vehicle. Stops in no list are unassigned. */
  load(routes: number[][]): void {
    this.routeOf.fill(-1);
    this.unassigned.clear();
    for (let r = 0; r < this.routes.length; r++) {
      this.routes[r]!.nodes = [...(routes[r] ?? [])];
      this.refresh(r);
    }
    for (let u = 1; u < this.p.size; u++) if (this.routeOf[u] === -1) this.unassigned.add(u);
  }

  export(): number[][] {
    return this.routes.map((r) => [...r.nodes]);
  }

  private refresh(r: number) {
    const route = this.routes[r]!;
    route.update();
    route.nodes.forEach((u, i) => {
      this.routeOf[u] = r;
      this.posOf[u] = i + 1;
    });
    this.cost[r] = routeCost(this.p, route, this.pen);
    this.modifiedAt[r] = this.counter++;
  }

  setPenalties(pen: Penalties): void {
    this.pen = pen;
    for (let r = 0; r < this.routes.length; r++) this.cost[r] = routeCost(this.p, this.routes[r]!, pen);
  }

  /** Runs to a local optimum under the given penalties. */
  run(pen: Penalties): void {
    this.setPenalties(pen);
    this.testedAt.fill(0);
    const order = Array.from({ length: this.p.n }, (_, i) => i + 1);
    this.rng.shuffle(order);
    let improved = true;
    let loop = 0;
    while (improved) {
      improved = false;
      for (const u of order) {
        if (this.routeOf[u] === -1) {
          if (this.p.penalty[u] !== Infinity && this.tryInsertUnassigned(u)) improved = true;
          continue;
        }
        const last = this.testedAt[u]!;
        this.testedAt[u] = this.counter;
        const nb = this.neighbours[u]!;
        for (let k = 0; k < nb.length; k++) {
          const v = nb[k]!;
          if (this.routeOf[v] === -1 || this.routeOf[u] === -1) continue;
          if (loop > 0 && Math.max(this.modifiedAt[this.routeOf[u]!]!, this.modifiedAt[this.routeOf[v]!]!) <= last) continue;
          if (this.tryPair(u, v)) improved = true;
        }
        if (this.routeOf[u] !== -1 && this.tryEmptyRoute(u)) improved = true;
        if (this.routeOf[u] !== -1 && this.p.penalty[u] !== Infinity && this.tryDrop(u)) improved = true;
      }
      loop++;
    }
  }

  /** The part of a route's cost that a move could at best remove besides distance: its penalties. */
  private slack(r: number): number {
    const R = this.routes[r]!;
    return R.len === 0 ? 0 : this.cost[r]! - R.distance - this.p.vehicles[R.vehicle]!.fixedCost;
  }

  /** Fixed-cost change when a route goes from `before` to `after` stops. */
  private fixedDelta(r: number, before: number, after: number): number {
    if ((before === 0) === (after === 0)) return 0;
    const f = this.p.vehicles[this.routes[r]!.vehicle]!.fixedCost;
    return after === 0 ? -f : f;
  }

  private canServe(r: number, u: number) {
    return this.p.canServe(this.routes[r]!.vehicle, u);
  }

  /** Applies the first improving move for the pair (u, v); true if one was applied. */
  private tryPair(u: number, v: number): boolean {
    return (
      this.relocate(u, v, true) ||
      this.relocate(u, v, false) ||
      this.relocatePair(u, v) ||
      this.swap(u, v) ||
      this.exchange(u, v, 2, 1) ||
      this.exchange(u, v, 2, 2) ||
      this.twoOptStar(u, v) ||
      this.twoOpt(u, v)
    );
  }

  /**
   * Applies a move. Moves are found on each stop's window hull; when a changed route holds a
   * stop with several windows, the move is first re-checked by exact simulation and dropped if
   * it does not really improve (`extra` is the change outside the routes, e.g. a drop penalty).
   */
  private commit(r1: number, n1: number[], r2: number, n2: number[] | undefined, extra = 0, force = false): boolean {
    const two = n2 !== undefined && r2 !== r1;
    if (!force && this.p.multiWindows.size > 0) {
      const touches = (n: number[]) => n.some((u) => this.p.multiWindows.has(u));
      if (touches(n1) || (two && touches(n2!))) {
        const next = this.exactCost(r1, n1) + (two ? this.exactCost(r2, n2!) : 0) + extra;
        if (!improves(next, this.cost[r1]! + (two ? this.cost[r2]! : 0))) return false;
      }
    }
    this.routes[r1]!.nodes = n1;
    if (two) this.routes[r2]!.nodes = n2!;
    this.refresh(r1);
    if (two) this.refresh(r2);
    return true;
  }

  /** Penalized cost of a candidate node list on route r, by exact simulation. */
  private exactCost(r: number, nodes: number[]): number {
    if (nodes.length === 0) return 0;
    const R = new Route(this.p, r, this.routes[r]!.vehicle);
    R.nodes = nodes;
    R.update();
    return routeCost(this.p, R, this.pen);
  }

  /** Moves u right after v (after = true) or right before v. */
  private relocate(u: number, v: number, after: boolean): boolean {
    const r1 = this.routeOf[u]!;
    const r2 = this.routeOf[v]!;
    const R1 = this.routes[r1]!;
    const R2 = this.routes[r2]!;
    const pu = this.posOf[u]!;
    const pv = after ? this.posOf[v]! : this.posOf[v]! - 1; // insert after position pv
    const pen = this.pen;
    const p = this.p;
    const a = R1.visits[pu - 1]!;
    const c = R1.visits[pu + 1]!;
    const vv = R2.visits[pv]!;
    const w = R2.visits[pv + 1]!;
    if (r1 !== r2) {
      if (!this.canServe(r2, u)) return false;
      // Lower bound: the distance change cannot be beaten by more than the penalties removed.
      const dd = p.d(a, c) - p.d(a, u) - p.d(u, c) + p.d(vv, u) + p.d(u, w) - p.d(vv, w) + this.fixedDelta(r1, R1.len, R1.len - 1) + this.fixedDelta(r2, R2.len, R2.len + 1);
      if (dd - this.slack(r1) - this.slack(r2) > -EPS) return false;
      const c1 = this.b.start(R1.vehicle).prefix(R1, pu - 1).suffix(R1, pu + 1).cost(pen);
      const c2 = this.b2.start(R2.vehicle).prefix(R2, pv).node(u).suffix(R2, pv + 1).cost(pen);
      if (!improves(c1 + c2, this.cost[r1]! + this.cost[r2]!)) return false;
      const n1 = R1.nodes.filter((x) => x !== u);
      const n2 = [...R2.nodes];
      n2.splice(pv, 0, u);
      return this.commit(r1, n1, r2, n2);
    }
    if (pv === pu || pv === pu - 1) return false;
    if (p.d(a, c) - p.d(a, u) - p.d(u, c) + p.d(vv, u) + p.d(u, w) - p.d(vv, w) - this.slack(r1) > -EPS) return false;
    const b = this.b.start(R1.vehicle);
    if (pv < pu) b.prefix(R1, pv).node(u).range(R1, pv + 1, pu - 1).suffix(R1, pu + 1);
    else b.prefix(R1, pu - 1).range(R1, pu + 1, pv).node(u).suffix(R1, pv + 1);
    if (!improves(b.cost(pen), this.cost[r1]!)) return false;
    const n = R1.nodes.filter((x) => x !== u);
    n.splice(pv < pu ? pv : pv - 1, 0, u);
    return this.commit(r1, n, r1, undefined);
  }

  /** Moves u and its successor x (in that order) right after v. */
  private relocatePair(u: number, v: number): boolean {
    const r1 = this.routeOf[u]!;
    const r2 = this.routeOf[v]!;
    const R1 = this.routes[r1]!;
    const R2 = this.routes[r2]!;
    const pu = this.posOf[u]!;
    if (pu >= R1.len) return false;
    const x = R1.visits[pu + 1]!;
    const pv = this.posOf[v]!;
    const pen = this.pen;
    const p = this.p;
    const a = R1.visits[pu - 1]!;
    const c = R1.visits[pu + 2]!;
    const w = R2.visits[pv + 1]!;
    const dd0 = p.d(a, c) - p.d(a, u) - p.d(x, c) + p.d(v, u) + p.d(x, w) - p.d(v, w);
    if (r1 !== r2) {
      if (!this.canServe(r2, u) || !this.canServe(r2, x)) return false;
      const dd = dd0 + this.fixedDelta(r1, R1.len, R1.len - 2) + this.fixedDelta(r2, R2.len, R2.len + 2);
      if (dd - this.slack(r1) - this.slack(r2) > -EPS) return false;
      const c1 = this.b.start(R1.vehicle).prefix(R1, pu - 1).suffix(R1, pu + 2).cost(pen);
      const c2 = this.b2.start(R2.vehicle).prefix(R2, pv).node(u).node(x).suffix(R2, pv + 1).cost(pen);
      if (!improves(c1 + c2, this.cost[r1]! + this.cost[r2]!)) return false;
      const n1 = R1.nodes.filter((y) => y !== u && y !== x);
      const n2 = [...R2.nodes];
      n2.splice(pv, 0, u, x);
      return this.commit(r1, n1, r2, n2);
    }
    if (pv >= pu - 1 && pv <= pu + 1) return false;
    if (dd0 - this.slack(r1) > -EPS) return false;
    const b = this.b.start(R1.vehicle);
    if (pv < pu) b.prefix(R1, pv).node(u).node(x).range(R1, pv + 1, pu - 1).suffix(R1, pu + 2);
    else b.prefix(R1, pu - 1).range(R1, pu + 2, pv).node(u).node(x).suffix(R1, pv + 1);
    if (!improves(b.cost(pen), this.cost[r1]!)) return false;
    const n = R1.nodes.filter((y) => y !== u && y !== x);
    n.splice(pv < pu ? pv : pv - 2, 0, u, x);
    return this.commit(r1, n, r1, undefined);
  }

  /** Swaps u and v; between routes through exchange(), within a route here. */
  private swap(u: number, v: number): boolean {
    const r1 = this.routeOf[u]!;
    if (r1 !== this.routeOf[v]) return this.exchange(u, v, 1, 1);
    const R1 = this.routes[r1]!;
    const pen = this.pen;
    let a = this.posOf[u]!;
    let c = this.posOf[v]!;
    if (a > c) [a, c] = [c, a];
    const A = R1.visits[a]!;
    const C = R1.visits[c]!;
    const b = this.b.start(R1.vehicle).prefix(R1, a - 1).node(C);
    if (c > a + 1) b.range(R1, a + 1, c - 1);
    b.node(A).suffix(R1, c + 1);
    if (!improves(b.cost(pen), this.cost[r1]!)) return false;
    const n = [...R1.nodes];
    n[a - 1] = C;
    n[c - 1] = A;
    return this.commit(r1, n, r1, undefined);
  }

  /**
   * Exchanges the k1 stops starting at u with the k2 stops starting at v, between two routes
   * (1-1, 2-1 and 2-2 swaps).
   */
  private exchange(u: number, v: number, k1: number, k2: number): boolean {
    const r1 = this.routeOf[u]!;
    const r2 = this.routeOf[v]!;
    if (r1 === r2) return false;
    const R1 = this.routes[r1]!;
    const R2 = this.routes[r2]!;
    const pu = this.posOf[u]!;
    const pv = this.posOf[v]!;
    const eu = pu + k1 - 1;
    const ev = pv + k2 - 1;
    if (eu > R1.len || ev > R2.len) return false;
    for (let i = pu; i <= eu; i++) if (!this.canServe(r2, R1.visits[i]!)) return false;
    for (let i = pv; i <= ev; i++) if (!this.canServe(r1, R2.visits[i]!)) return false;
    const p = this.p;
    const a = R1.visits[pu - 1]!;
    const c = R1.visits[eu + 1]!;
    const e = R2.visits[pv - 1]!;
    const f = R2.visits[ev + 1]!;
    const x = R1.visits[eu]!;
    const y = R2.visits[ev]!;
    // Inner edges of both segments stay; only the four connections change.
    const dd = p.d(a, v) + p.d(y, c) - p.d(a, u) - p.d(x, c) + p.d(e, u) + p.d(x, f) - p.d(e, v) - p.d(y, f);
    if (dd - this.slack(r1) - this.slack(r2) > -EPS) return false;
    const c1 = this.b.start(R1.vehicle).prefix(R1, pu - 1).range(R2, pv, ev).suffix(R1, eu + 1).cost(this.pen);
    const c2 = this.b2.start(R2.vehicle).prefix(R2, pv - 1).range(R1, pu, eu).suffix(R2, ev + 1).cost(this.pen);
    if (!improves(c1 + c2, this.cost[r1]! + this.cost[r2]!)) return false;
    const n1 = [...R1.nodes];
    const n2 = [...R2.nodes];
    const seg1 = n1.slice(pu - 1, eu);
    const seg2 = n2.slice(pv - 1, ev);
    n1.splice(pu - 1, k1, ...seg2);
    n2.splice(pv - 1, k2, ...seg1);
    return this.commit(r1, n1, r2, n2);
  }

  /**
   * Exchanges route tails: U's route continues after U with V's tail, and the other way round.
   * Two variants: U→succ(V) (tails after U and after V) and U→V (tails after U and from V).
   */
  private twoOptStar(u: number, v: number): boolean {
    const r1 = this.routeOf[u]!;
    const r2 = this.routeOf[v]!;
    if (r1 === r2) return false;
    const R1 = this.routes[r1]!;
    const R2 = this.routes[r2]!;
    const pu = this.posOf[u]!;
    const pen = this.pen;
    for (const pv of [this.posOf[v]!, this.posOf[v]! - 1]) {
      // R1 keeps 0..pu and takes R2's stops after pv; R2 keeps 0..pv and takes R1's after pu.
      const p = this.p;
      const uNext = R1.visits[pu + 1]!;
      const vNext = R2.visits[pv + 1]!;
      const after1 = pu + (R2.len - pv);
      const after2 = pv + (R1.len - pu);
      const dd = p.d(u, vNext) + p.d(R2.visits[pv]!, uNext) - p.d(u, uNext) - p.d(R2.visits[pv]!, vNext) +
        this.fixedDelta(r1, R1.len, after1) + this.fixedDelta(r2, R2.len, after2);
      if (dd - this.slack(r1) - this.slack(r2) > -EPS) continue;
      if (!this.tailServable(r1, R2, pv + 1) || !this.tailServable(r2, R1, pu + 1)) continue;
      const c1 = this.b.start(R1.vehicle).prefix(R1, pu).tail(R2, pv + 1).cost(pen);
      const c2 = this.b2.start(R2.vehicle).prefix(R2, pv).tail(R1, pu + 1).cost(pen);
      if (!improves(c1 + c2, this.cost[r1]! + this.cost[r2]!)) continue;
      const n1 = [...R1.nodes.slice(0, pu), ...R2.nodes.slice(pv)];
      const n2 = [...R2.nodes.slice(0, pv), ...R1.nodes.slice(pu)];
      if (this.commit(r1, n1, r2, n2)) return true;
    }
    return false;
  }

  private tailServable(r: number, from: Route, pos: number): boolean {
    if (this.p.skillNames.length === 0) return true;
    for (let i = pos; i <= from.len; i++) if (!this.canServe(r, from.visits[i]!)) return false;
    return true;
  }

  /** Reverses the part of one route between succ(U) and V, so that U is followed by V. */
  private twoOpt(u: number, v: number): boolean {
    const r = this.routeOf[u]!;
    if (r !== this.routeOf[v]) return false;
    const R = this.routes[r]!;
    const pu = this.posOf[u]!;
    const pv = this.posOf[v]!;
    if (pv <= pu + 1) return false;
    if (this.p.symmetric) {
      const p = this.p;
      const dd = p.d(u, v) + p.d(R.visits[pu + 1]!, R.visits[pv + 1]!) - p.d(u, R.visits[pu + 1]!) - p.d(v, R.visits[pv + 1]!);
      if (dd - this.slack(r) > -EPS) return false;
    }
    const c = this.b.start(R.vehicle).prefix(R, pu).rangeReversed(R, pu + 1, pv).suffix(R, pv + 1).cost(this.pen);
    if (!improves(c, this.cost[r]!)) return false;
    const n = [...R.nodes];
    const mid = n.slice(pu, pv).reverse();
    n.splice(pu, pv - pu, ...mid);
    return this.commit(r, n, r, undefined);
  }

  /** Moves u alone onto an unused vehicle that can serve it (one vehicle of each kind is tried). */
  private tryEmptyRoute(u: number): boolean {
    const r1 = this.routeOf[u]!;
    const R1 = this.routes[r1]!;
    if (R1.len === 1) return false;
    const p = this.p;
    const pu = this.posOf[u]!;
    const a = R1.visits[pu - 1]!;
    const c = R1.visits[pu + 1]!;
    const removal = p.d(a, c) - p.d(a, u) - p.d(u, c);
    const seenKind = new Set<number>();
    for (let r2 = 0; r2 < this.routes.length; r2++) {
      const R2 = this.routes[r2]!;
      const kind = p.vehicleKind[R2.vehicle]!;
      if (R2.len !== 0 || seenKind.has(kind)) continue;
      seenKind.add(kind);
      if (!this.canServe(r2, u)) continue;
      const dd = removal + p.d(0, u) + p.d(u, 0) + p.vehicles[R2.vehicle]!.fixedCost;
      if (dd - this.slack(r1) > -EPS) continue;
      const c1 = this.b.start(R1.vehicle).prefix(R1, pu - 1).suffix(R1, pu + 1).cost(this.pen);
      const c2 = this.b2.start(R2.vehicle).depot().node(u).depot().cost(this.pen);
      if (!improves(c1 + c2, this.cost[r1]! + this.cost[r2]!)) continue;
      if (this.commit(r1, R1.nodes.filter((x) => x !== u), r2, [u])) return true;
    }
    return false;
  }

  /** Leaves an optional stop out when serving it costs more than its penalty. */
  private tryDrop(u: number): boolean {
    const r = this.routeOf[u]!;
    const R = this.routes[r]!;
    const pu = this.posOf[u]!;
    const c = this.b.start(R.vehicle).prefix(R, pu - 1).suffix(R, pu + 1).cost(this.pen);
    if (!improves(c + this.p.penalty[u]!, this.cost[r]!)) return false;
    if (!this.commit(r, R.nodes.filter((x) => x !== u), r, undefined, this.p.penalty[u]!)) return false;
    this.routeOf[u] = -1;
    this.unassigned.add(u);
    return true;
  }

  /** Inserts an unassigned optional stop where serving it costs less than its penalty. */
  private tryInsertUnassigned(u: number): boolean {
    const best = this.bestInsertion(u);
    if (!best || !improves(best.delta, this.p.penalty[u]!)) return false;
    return this.insertAt(u, best.route, best.pos, false);
  }

  /** Cheapest place for u (penalized cost delta) among all routes that can serve it. */
  bestInsertion(u: number): { route: number; pos: number; delta: number } | undefined {
    let best: { route: number; pos: number; delta: number } | undefined;
    let triedEmpty = false;
    for (let r = 0; r < this.routes.length; r++) {
      const R = this.routes[r]!;
      if (!this.canServe(r, u)) continue;
      if (R.len === 0) {
        if (triedEmpty) continue;
        triedEmpty = true;
      }
      for (let pos = 0; pos <= R.len; pos++) {
        const c = this.b.start(R.vehicle).prefix(R, pos).node(u).suffix(R, pos + 1).cost(this.pen);
        const delta = c - this.cost[r]!;
        if (!best || delta < best.delta) best = { route: r, pos, delta };
      }
    }
    return best;
  }

  /** Inserts u at pos of route r; unless forced (repair), only when that beats u's drop penalty. */
  insertAt(u: number, r: number, pos: number, force = true): boolean {
    const n = [...this.routes[r]!.nodes];
    n.splice(pos, 0, u);
    if (!this.commit(r, n, r, undefined, force ? 0 : -this.p.penalty[u]!, force)) return false;
    this.unassigned.delete(u);
    return true;
  }

  /**
   * Penalized cost of the whole solution with the given penalties, plus the penalties of
   * optional stops left out (required stops that no vehicle can serve are not counted).
   */
  totalCostFinite(pen: Penalties): number {
    let c = 0;
    for (let r = 0; r < this.routes.length; r++) c += routeCost(this.p, this.routes[r]!, pen);
    for (const u of this.unassigned) if (this.p.penalty[u]! !== Infinity) c += this.p.penalty[u]!;
    return c;
  }
}
