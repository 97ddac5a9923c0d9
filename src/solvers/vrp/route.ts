import type { Problem } from './problem.js';
import { merge, type Seg } from './segment.js';

/**
 * One vehicle's route with caches for O(1) move evaluation: for every position p (0 = start
 * depot, len+1 = end depot) the time-warp segment of the prefix [0..p] and the suffix
 * [p..len+1], the distance from the start, and the load of the stops up to p.
 */
export class Route {
  nodes: number[] = [];
  // Caches, valid after update(); index = position.
  visits: Int32Array = new Int32Array(2);
  fD = new Float64Array(2);
  fTW = new Float64Array(2);
  fE = new Float64Array(2);
  fL = new Float64Array(2);
  bD = new Float64Array(2);
  bTW = new Float64Array(2);
  bE = new Float64Array(2);
  bL = new Float64Array(2);
  cumDist = new Float64Array(2);
  prefLoad = new Float64Array(2);
  load: Float64Array;
  distance = 0;
  timeWarp = 0;
  duration = 0;
  /** Sum over dimensions of the excess load, relative to capacity. */
  loadExcess = 0;
  durationExcess = 0;
  /** Centroid angle around the depot, for SREX's route ordering. */
  angle = 0;

  constructor(
    readonly p: Problem,
    readonly index: number,
    readonly vehicle: number,
  ) {
    this.load = new Float64Array(p.dims);
  }

  get len(): number {
    return this.nodes.length;
  }

  /** Rebuilds every cache after the node list changed. */
  update(): void {
    const p = this.p;
    const len = this.nodes.length;
    const size = len + 2;
    const dims = p.dims;
    if (this.visits.length < size) {
      const cap = Math.max(size, this.visits.length * 2);
      this.visits = new Int32Array(cap);
      for (const k of ['fD', 'fTW', 'fE', 'fL', 'bD', 'bTW', 'bE', 'bL', 'cumDist'] as const) this[k] = new Float64Array(cap);
      this.prefLoad = new Float64Array(cap * dims);
    }
    if (this.prefLoad.length < size * dims) this.prefLoad = new Float64Array(this.visits.length * dims);
    const vis = this.visits;
    vis[0] = 0;
    for (let i = 0; i < len; i++) vis[i + 1] = this.nodes[i]!;
    vis[len + 1] = 0;
    const v = p.vehicles[this.vehicle]!;

    // Forward: prefix segments, distance and load.
    let seg: Seg = { D: 0, TW: 0, E: v.start, L: v.end };
    this.fD[0] = 0; this.fTW[0] = 0; this.fE[0] = v.start; this.fL[0] = v.end;
    this.cumDist[0] = 0;
    for (let d = 0; d < dims; d++) this.prefLoad[d] = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 1; i < size; i++) {
      const prev = vis[i - 1]!;
      const u = vis[i]!;
      const node: Seg = i === size - 1 ? { D: 0, TW: 0, E: v.start, L: v.end } : { D: p.service[u]!, TW: 0, E: p.early[u]!, L: p.late[u]! };
      seg = merge(seg, node, p.t(prev, u));
      this.fD[i] = seg.D; this.fTW[i] = seg.TW; this.fE[i] = seg.E; this.fL[i] = seg.L;
      this.cumDist[i] = this.cumDist[i - 1]! + p.d(prev, u);
      for (let d = 0; d < dims; d++) this.prefLoad[i * dims + d] = this.prefLoad[(i - 1) * dims + d]! + (i === size - 1 ? 0 : p.demand[u * dims + d]!);
    }
    // Backward: suffix segments.
    let bseg: Seg = { D: 0, TW: 0, E: v.start, L: v.end };
    this.bD[size - 1] = 0; this.bTW[size - 1] = 0; this.bE[size - 1] = v.start; this.bL[size - 1] = v.end;
    for (let i = size - 2; i >= 0; i--) {
      const u = vis[i]!;
      const node: Seg = i === 0 ? { D: 0, TW: 0, E: v.start, L: v.end } : { D: p.service[u]!, TW: 0, E: p.early[u]!, L: p.late[u]! };
      bseg = merge(node, bseg, p.t(u, vis[i + 1]!));
      this.bD[i] = bseg.D; this.bTW[i] = bseg.TW; this.bE[i] = bseg.E; this.bL[i] = bseg.L;
    }
    this.distance = this.cumDist[size - 1]!;
    this.timeWarp = this.fTW[size - 1]!;
    this.duration = this.fD[size - 1]!;
    // The segments use each stop's window hull; with several windows the exact figures come
    // from simulation (the segments stay as an optimistic bound for move evaluation).
    if (p.multiWindows.size > 0 && this.nodes.some((u) => p.multiWindows.has(u))) {
      const exact = p.simulate(this.vehicle, this.nodes);
      this.timeWarp = exact.timeWarp;
      this.duration = exact.duration;
    }
    this.durationExcess = Math.max(0, this.duration - v.maxDuration);
    this.loadExcess = 0;
    for (let d = 0; d < dims; d++) {
      const l = this.prefLoad[(size - 1) * dims + d]!;
      this.load[d] = l;
      this.loadExcess += excess(l, v.capacity[d]!);
    }
    if (p.x && len > 0) {
      for (const u of this.nodes) {
        sx += p.x[u]!;
        sy += p.y![u]!;
      }
      this.angle = Math.atan2(sy / len - p.y![0]!, sx / len - p.x[0]!);
    } else this.angle = this.nodes[0] ?? 0;
  }

  /** Load of positions from..to in dimension d. */
  loadBetween(from: number, to: number, d: number): number {
    const dims = this.p.dims;
    return this.prefLoad[to * dims + d]! - this.prefLoad[(from - 1) * dims + d]!;
  }
}

export function excess(load: number, capacity: number): number {
  if (load <= capacity) return 0;
  return capacity > 0 ? (load - capacity) / capacity : load;
}
