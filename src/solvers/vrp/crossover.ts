import type { Individual } from './individual.js';
import type { LocalSearch } from './local-search.js';
import type { Problem } from './problem.js';
import type { Penalties } from './route-builder.js';
import type { Rng } from './rng.js';

function angle(p: Problem, nodes: number[], fallback: number): number {
  if (!p.x || !p.y || nodes.length === 0) return fallback;
  let sx = 0;
  let sy = 0;
  for (const u of nodes) {
    sx += p.x[u]!;
    sy += p.y[u]!;
  }
  return Math.atan2(sy / nodes.length - p.y[0]!, sx / nodes.length - p.x[0]!);
}

/** Non-empty routes with their vehicle, ordered by the angle of their centroid around the depot. */
function ordered(p: Problem, ind: Individual): { vehicle: number; nodes: number[] }[] {
  return ind.routes
    .map((nodes, vehicle) => ({ vehicle, nodes, a: angle(p, nodes, vehicle) }))
    .filter((r) => r.nodes.length > 0)
    .sort((x, y) => x.a - y.a);
}

/**
 * Selective route exchange (SREX, Nagata & Kobayashi; as in PyVRP): take a run of neighbouring
 * routes from parent B in place of a run of routes from parent A, drop duplicated stops, and
 * reinsert the stops that went missing at their cheapest places. Of the two ways to drop
 * duplicates, the cheaper offspring is kept. Returns routes per vehicle, loaded into `ls`.
 */
export function srex(p: Problem, a: Individual, b: Individual, ls: LocalSearch, pen: Penalties, rng: Rng, impossible: Set<number>): number[][] {
  ls.setPenalties(pen);
  const A = ordered(p, a);
  const B = ordered(p, b);
  if (A.length === 0 || B.length === 0) return a.routes.map((r) => [...r]);
  const nA = A.length;
  const nB = B.length;
  const moved = 1 + rng.int(Math.min(nA, nB));
  const startA = rng.int(nA);
  let startB = startA < nB ? startA : 0;

  const selected = (R: typeof A, start: number, n: number) => {
    const s = new Set<number>();
    for (let r = 0; r < moved; r++) for (const u of R[(start + r) % n]!.nodes) s.add(u);
    return s;
  };
  const selA = selected(A, startA, nA);
  const overlap = (start: number) => {
    let diff = 0;
    for (const u of selected(B, start, nB)) if (!selA.has(u)) diff++;
    return diff;
  };
  // Shift B's window left or right while that lowers the number of stops it brings that A's window lacks.
  let best = overlap(startB);
  for (const dir of [1, -1]) {
    for (;;) {
      const next = (startB + dir + nB) % nB;
      const d = overlap(next);
      if (d >= best) break;
      best = d;
      startB = next;
    }
  }
  const selB = selected(B, startB, nB);
  const bNotA = new Set([...selB].filter((u) => !selA.has(u)));

  const build = (variant: 1 | 2): number[][] => {
    const routes: number[][] = p.vehicles.map(() => []);
    for (let r = 0; r < moved; r++) {
      const slot = A[(startA + r) % nA]!.vehicle;
      for (const u of B[(startB + r) % nB]!.nodes) if (variant === 1 || !bNotA.has(u)) routes[slot]!.push(u);
    }
    for (let r = moved; r < nA; r++) {
      const ra = A[(startA + r) % nA]!;
      for (const u of ra.nodes) if (variant === 2 || !bNotA.has(u)) routes[ra.vehicle]!.push(u);
    }
    // Stops the slot's vehicle cannot serve go back to the pool.
    if (p.skillNames.length > 0) for (let v = 0; v < routes.length; v++) routes[v] = routes[v]!.filter((u) => p.canServe(v, u));
    return routes;
  };

  let bestRoutes: number[][] | undefined;
  let bestCost = Infinity;
  for (const variant of [1, 2] as const) {
    ls.load(build(variant));
    repair(ls, p, rng, impossible);
    const c = ls.totalCostFinite(pen);
    if (c < bestCost) {
      bestCost = c;
      bestRoutes = ls.export();
    }
  }
  ls.load(bestRoutes!);
  return bestRoutes!;
}

/** Inserts every missing stop (except those no vehicle can serve) at its cheapest place. */
export function repair(ls: LocalSearch, p: Problem, rng: Rng, impossible: Set<number>): void {
  const missing = rng.shuffle([...ls.unassigned].filter((u) => !impossible.has(u)));
  for (const u of missing) {
    const at = ls.bestInsertion(u);
    if (at && (p.penalty[u] === Infinity || at.delta < p.penalty[u]!)) ls.insertAt(u, at.route, at.pos);
  }
}
