import { checkSolution } from './check.js';
import { solveHgs, type SolverOptions } from './hgs.js';
import { Problem, type ProblemInput } from './problem.js';
import { Route } from './route.js';

export interface PlannedStop {
  id: string;
  /** Service start. */
  start: number;
  end: number;
}

export interface PlannedRoute {
  vehicle_id: string;
  stops: PlannedStop[];
  departure: number;
  arrival: number;
  distance: number;
  load: number[];
}

export interface Unassigned {
  id: string;
  reason: string;
}

export interface Solution {
  routes: PlannedRoute[];
  unassigned: Unassigned[];
  /** Total distance recomputed from the routes. */
  distance: number;
  vehicles: number;
  /** Distance + fixed costs + penalties of optional stops left out. */
  cost: number;
  iterations: number;
  elapsed_ms: number;
}

/**
 * Solves a routing problem and returns a checked, feasible plan: stops that cannot be served
 * (no vehicle with their skills, or no room in any schedule) are reported with a reason.
 */
export function solve(input: ProblemInput, opts: SolverOptions = {}): Solution {
  const p = new Problem(input);
  const raw = solveHgs(p, opts);
  let routes = raw.routes.map((r) => [...r]);
  const reasons = new Map<number, string>();
  for (const u of raw.unassigned) {
    const never = p.unservableReason(u);
    if (never) {
      reasons.set(u, never);
    } else if (p.penalty[u] !== Infinity) {
      reasons.set(u, `serving it would cost more than leaving it out (penalty ${p.penalty[u]})`);
    } else {
      reasons.set(u, 'it fits in no route: time window, capacity or shift');
    }
  }
  if (!raw.feasible) routes = dropUntilFeasible(p, routes, reasons);
  const unassigned = [...reasons.keys()];
  // Required stops may end up unassigned here, each with its reason.
  const check = checkSolution(p, routes, unassigned, { requiredMayBeUnassigned: true });
  if (!check.feasible) throw new Error(`solver produced an infeasible plan: ${check.violations.slice(0, 3).join('; ')}`);
  let cost = check.distance;
  for (const s of check.schedules) cost += p.vehicles[s.vehicle]!.fixedCost;
  for (const u of unassigned) if (p.penalty[u] !== Infinity) cost += p.penalty[u]!;
  return {
    routes: check.schedules.map((s) => ({
      vehicle_id: input.vehicles[s.vehicle]!.id,
      stops: s.stops.map((u, i) => ({ id: input.stops[u - 1]!.id, start: s.starts[i]!, end: s.starts[i]! + p.service[u]! })),
      departure: s.departure,
      arrival: s.arrival,
      distance: s.distance,
      load: s.load,
    })),
    unassigned: unassigned.map((u) => ({ id: input.stops[u - 1]!.id, reason: reasons.get(u)! })),
    distance: check.distance,
    vehicles: check.schedules.length,
    cost,
    iterations: raw.iterations,
    elapsed_ms: raw.elapsedMs,
  };
}

/**
 * When no feasible plan was found, removes from each violating route the stop whose removal
 * lowers its lateness and overload the most, until every route holds.
 */
function dropUntilFeasible(p: Problem, routes: number[][], reasons: Map<number, string>): number[][] {
  return routes.map((nodes, v) => {
    const r = new Route(p, v, v);
    r.nodes = [...nodes];
    r.update();
    const bad = () => r.timeWarp + r.durationExcess + r.loadExcess > 1e-9;
    while (r.len > 0 && bad()) {
      let best = -1;
      let bestScore = Infinity;
      for (let i = 0; i < r.len; i++) {
        const trial = new Route(p, v, v);
        trial.nodes = r.nodes.filter((_, k) => k !== i);
        trial.update();
        const score = trial.timeWarp + trial.durationExcess + trial.loadExcess * 1e6;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
      const [gone] = r.nodes.splice(best, 1);
      reasons.set(gone!, 'it fits in no route: time window, capacity or shift');
      r.update();
    }
    return r.nodes;
  });
}
