import { repair, srex } from './crossover.js';
import { Individual } from './individual.js';
import { LocalSearch } from './local-search.js';
import { DEFAULT_POPULATION, Population, type PopulationParams } from './population.js';
import type { Problem } from './problem.js';
import type { Penalties } from './route-builder.js';
import { Rng } from './rng.js';

export interface SolverOptions {
  seed?: number;
  /** Wall-clock budget; with maxIterations alone the run is fully deterministic for a seed. */
  timeLimitMs?: number;
  /** Number of offspring generated (after the initial population). */
  maxIterations?: number;
  /** Granular neighbourhood size. */
  neighbours?: number;
  /** Iterations without improvement before the population restarts. */
  restartAfter?: number;
  population?: Partial<PopulationParams>;
  onImprovement?: (e: { iteration: number; cost: number; routes: number; elapsedMs: number }) => void;
  /** Stops early when this returns true (cancellation). */
  shouldStop?: () => boolean;
}

export interface RawSolution {
  /** Stop node indices per vehicle. */
  routes: number[][];
  /** Stop node indices served by no vehicle. */
  unassigned: number[];
  feasible: boolean;
  cost: number;
  distance: number;
  iterations: number;
  elapsedMs: number;
}

const PENALTY = { increase: 1.34, decrease: 0.32, targetFeasible: 0.43, between: 50, repairBooster: 12, repairProbability: 0.8 };

/** k nearest stops by a time-window-aware proximity (PyVRP: distance + 0.2 wait + 1.0 time warp). */
export function granularNeighbours(p: Problem, k: number): Int32Array[] {
  const out: Int32Array[] = [new Int32Array(0)];
  const prox = (u: number, v: number) => {
    const t = p.t(u, v);
    const wait = Math.max(p.early[v]! - t - p.service[u]! - p.late[u]!, 0);
    const warp = Math.max(p.early[u]! + p.service[u]! + t - p.late[v]!, 0);
    return p.d(u, v) + 0.2 * wait + warp;
  };
  for (let u = 1; u <= p.n; u++) {
    const cands: [number, number][] = [];
    for (let v = 1; v <= p.n; v++) if (v !== u) cands.push([Math.min(prox(u, v), prox(v, u)), v]);
    cands.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out.push(Int32Array.from(cands.slice(0, k).map((c) => c[1])));
  }
  return out;
}

/**
 * Hybrid genetic search for the capacitated VRP with time windows (Vidal et al. 2013, as
 * engineered in PyVRP): a population of solutions evolves by SREX crossover and granular local
 * search on a penalized objective that admits overload and lateness at adaptive prices, with
 * an infeasible subpopulation and repair. Anytime: the best feasible solution so far is kept.
 */
export function solveHgs(p: Problem, opts: SolverOptions = {}): RawSolution {
  const started = performance.now();
  const rng = new Rng(opts.seed ?? 1);
  const params = { ...DEFAULT_POPULATION, ...opts.population };
  const neighbours = granularNeighbours(p, Math.min(opts.neighbours ?? 40, Math.max(1, p.n - 1)));
  const ls = new LocalSearch(p, neighbours, rng);
  const pop = new Population(params, rng);
  const impossible = new Set<number>();
  for (let u = 1; u <= p.n; u++) if (p.unservableReason(u) !== undefined) impossible.add(u);

  const pen = initialPenalties(p, neighbours);
  const timeUp = () => (opts.timeLimitMs !== undefined && performance.now() - started >= opts.timeLimitMs) || opts.shouldStop?.() === true;
  const maxIter = opts.maxIterations ?? Infinity;
  const restartAfter = opts.restartAfter ?? 20_000;

  let best: Individual | undefined;
  let bestInfeasible: Individual | undefined;
  let iteration = 0;
  let sinceImprovement = 0;
  const loadFeas: boolean[] = [];
  const twFeas: boolean[] = [];

  const consider = (ind: Individual) => {
    if (ind.feasible) {
      if (!best || ind.cost < best.cost - 1e-9) {
        best = ind;
        sinceImprovement = 0;
        opts.onImprovement?.({ iteration, cost: ind.cost, routes: ind.usedRoutes().length, elapsedMs: performance.now() - started });
      }
    } else if (!bestInfeasible || ind.penalized(pen) < bestInfeasible.penalized(pen)) bestInfeasible = ind;
  };

  const educateAndAdd = () => {
    ls.run(pen);
    const ind = Individual.fromSearch(p, ls);
    loadFeas.push(ind.loadExcess < 1e-9);
    twFeas.push(ind.timeWarp < 1e-9);
    pop.add(ind, pen);
    consider(ind);
    if (!ind.feasible && rng.next() < PENALTY.repairProbability) {
      ls.run({ load: pen.load * PENALTY.repairBooster, tw: pen.tw * PENALTY.repairBooster });
      const fixed = Individual.fromSearch(p, ls);
      if (fixed.feasible) {
        pop.add(fixed, pen);
        consider(fixed);
      }
    }
    if (loadFeas.length >= PENALTY.between) {
      pen.load = adjust(pen.load, loadFeas);
      pen.tw = adjust(pen.tw, twFeas);
      loadFeas.length = 0;
      twFeas.length = 0;
    }
  };

  const seedPopulation = () => {
    for (let i = 0; i < params.minSize && !timeUp(); i++) {
      ls.setPenalties(pen);
      ls.load(randomRoutes(p, rng, impossible));
      repair(ls, p, rng, impossible);
      educateAndAdd();
    }
  };

  seedPopulation();
  while (iteration < maxIter && !timeUp()) {
    iteration++;
    sinceImprovement++;
    const [a, b] = pop.selectParents(pen);
    srex(p, a, b, ls, pen, rng, impossible);
    educateAndAdd();
    if (sinceImprovement > restartAfter) {
      pop.clear();
      sinceImprovement = 0;
      seedPopulation();
    }
  }

  const chosen = best ?? bestInfeasible!;
  return {
    routes: chosen.routes,
    unassigned: chosen.unassigned,
    feasible: chosen.feasible,
    cost: chosen.cost,
    distance: chosen.distance,
    iterations: iteration,
    elapsedMs: performance.now() - started,
  };
}

function adjust(current: number, feasible: boolean[]): number {
  const share = feasible.filter(Boolean).length / feasible.length;
  if (share < PENALTY.targetFeasible - 0.05) return Math.min(current * PENALTY.increase, 1e9);
  if (share > PENALTY.targetFeasible + 0.05) return Math.max(current * PENALTY.decrease, 1e-3);
  return current;
}

/** Start prices: about the cost of a typical detour per unit of overload and of lateness. */
function initialPenalties(p: Problem, neighbours: Int32Array[]): Penalties {
  let dist = 0;
  let time = 0;
  let edges = 0;
  for (let u = 1; u <= p.n; u++) {
    for (const v of neighbours[u]!.slice(0, 5)) {
      dist += p.d(u, v);
      time += p.t(u, v);
      edges++;
    }
  }
  const avgDist = edges > 0 ? dist / edges : 1;
  const avgTime = edges > 0 ? time / edges : 1;
  let demandShare = 0;
  for (let u = 1; u <= p.n; u++) {
    for (let d = 0; d < p.dims; d++) {
      const cap = Math.max(...p.vehicles.map((v) => v.capacity[d]!));
      if (cap > 0) demandShare += p.demand[u * p.dims + d]! / cap;
    }
  }
  demandShare = Math.max(demandShare / Math.max(1, p.n), 1e-3);
  // With fixed vehicle costs, a unit of overload or lateness must be priced against them too,
  // or the search trades feasibility for fewer vehicles.
  const maxFixed = Math.max(0, ...p.vehicles.map((v) => v.fixedCost));
  const scale = Math.max(1, maxFixed / (avgDist * 10));
  return {
    load: clamp((avgDist / demandShare) * 2 * scale, 0.1, 1e9),
    tw: clamp((avgDist / Math.max(avgTime, 1e-9)) * scale, 0.1, 1e9),
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A random start: stops shuffled and dealt to a random number of vehicles that can serve them. */
function randomRoutes(p: Problem, rng: Rng, impossible: Set<number>): number[][] {
  const routes: number[][] = p.vehicles.map(() => []);
  const stops = rng.shuffle(Array.from({ length: p.n }, (_, i) => i + 1).filter((u) => !impossible.has(u)));
  let total = 0;
  let cap = Infinity;
  for (const u of stops) total += p.demand[u * p.dims]!;
  for (const v of p.vehicles) cap = Math.min(cap, v.capacity[0]! || Infinity);
  const lower = Math.max(1, Math.ceil(total / (cap === Infinity ? total || 1 : cap)));
  const k = Math.min(p.vehicles.length, lower + rng.int(Math.max(1, Math.min(p.vehicles.length, stops.length) - lower + 1)));
  const order = rng.shuffle(Array.from({ length: p.vehicles.length }, (_, i) => i)).slice(0, k);
  stops.forEach((u, i) => {
    let v = order[i % k]!;
    if (!p.canServe(v, u)) v = order.find((w) => p.canServe(w, u)) ?? p.vehicles.findIndex((_, w) => p.canServe(w, u));
    routes[v]!.push(u);
  });
  // Keep each route in time order so the first local search starts from something sensible.
  for (const r of routes) r.sort((a, b) => p.late[a]! - p.late[b]!);
  return routes;
}
