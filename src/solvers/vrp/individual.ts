import type { LocalSearch } from './local-search.js';
import type { Problem } from './problem.js';
import type { Penalties } from './route-builder.js';

/** A solution as the population keeps it: routes per vehicle plus what diversity needs. */
export class Individual {
  distance = 0;
  fixedCost = 0;
  loadExcess = 0;
  timeWarp = 0;
  dropPenalty = 0;
  /** succ/pred per node (0 = depot), for the broken-pairs distance. */
  readonly succ: Int32Array;
  readonly pred: Int32Array;
  /** Other individuals of the same subpopulation by increasing distance. */
  proximity: { d: number; other: Individual }[] = [];
  fitness = 0;

  constructor(
    readonly p: Problem,
    readonly routes: number[][],
    readonly unassigned: number[],
  ) {
    this.succ = new Int32Array(p.size);
    this.pred = new Int32Array(p.size);
    for (const r of routes) {
      for (let i = 0; i < r.length; i++) {
        this.pred[r[i]!] = i === 0 ? 0 : r[i - 1]!;
        this.succ[r[i]!] = i === r.length - 1 ? 0 : r[i + 1]!;
      }
    }
  }

  /** Snapshot of a local search state, with its measured costs. */
  static fromSearch(p: Problem, ls: LocalSearch): Individual {
    const ind = new Individual(p, ls.export(), [...ls.unassigned]);
    for (const r of ls.routes) {
      if (r.len === 0) continue;
      ind.distance += r.distance;
      ind.fixedCost += p.vehicles[r.vehicle]!.fixedCost;
      ind.loadExcess += r.loadExcess;
      ind.timeWarp += r.timeWarp + r.durationExcess;
    }
    for (const u of ind.unassigned) if (p.penalty[u]! !== Infinity) ind.dropPenalty += p.penalty[u]!;
    return ind;
  }

  get feasible(): boolean {
    return this.loadExcess < 1e-9 && this.timeWarp < 1e-9;
  }

  /** The objective: distance, fixed costs and the penalties of optional stops left out. */
  get cost(): number {
    return this.distance + this.fixedCost + this.dropPenalty;
  }

  penalized(pen: Penalties): number {
    return this.cost + pen.load * this.loadExcess + pen.tw * this.timeWarp;
  }

  usedRoutes(): number[][] {
    return this.routes.filter((r) => r.length > 0);
  }
}

/**
 * Broken-pairs distance: the share of stops whose neighbours (either direction) differ between
 * the two solutions; 0 for the same routes, 1 for nothing in common.
 */
export function brokenPairs(a: Individual, b: Individual): number {
  const n = a.p.n;
  let broken = 0;
  for (let j = 1; j <= n; j++) {
    const s = a.succ[j]!;
    const q = a.pred[j]!;
    if (s !== b.succ[j] && s !== b.pred[j]) broken++;
    if (q !== b.pred[j] && q !== b.succ[j]) broken++;
  }
  return broken / (2 * n);
}
