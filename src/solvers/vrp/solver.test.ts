import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkSolution } from './check.js';
import { solveHgs } from './hgs.js';
import { Problem, type ProblemInput } from './problem.js';
import { merge, type Seg } from './segment.js';
import { solve } from './solve.js';

/** Random instances with every constraint the solver models. */
const instanceArb = fc
  .record({
    n: fc.integer({ min: 1, max: 22 }),
    vehicles: fc.integer({ min: 1, max: 4 }),
    dims: fc.integer({ min: 1, max: 2 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .chain(({ n, vehicles, dims, seed }) =>
    fc.record({
      seed: fc.constant(seed),
      pts: fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: n + 1, maxLength: n + 1 }),
      stops: fc.array(
        fc.record({
          demand: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: dims, maxLength: dims }),
          open: fc.integer({ min: 0, max: 400 }),
          width: fc.integer({ min: 10, max: 600 }),
          service: fc.integer({ min: 0, max: 20 }),
          needsSkill: fc.integer({ min: 0, max: 9 }),
          secondWindow: fc.option(fc.tuple(fc.integer({ min: 5, max: 200 }), fc.integer({ min: 5, max: 200 })), { nil: undefined }),
          penalty: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
        }),
        { minLength: n, maxLength: n },
      ),
      fleet: fc.array(
        fc.record({
          capacity: fc.array(fc.integer({ min: 20, max: 120 }), { minLength: dims, maxLength: dims }),
          start: fc.integer({ min: 0, max: 100 }),
          length: fc.integer({ min: 200, max: 1200 }),
          maxDuration: fc.option(fc.integer({ min: 100, max: 800 }), { nil: undefined }),
          liftgate: fc.boolean(),
          fixedCost: fc.integer({ min: 0, max: 50 }),
        }),
        { minLength: vehicles, maxLength: vehicles },
      ),
    }),
  )
  .map(({ seed, pts, stops, fleet }): { input: ProblemInput; seed: number } => {
    const N = pts.length;
    const distance = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) distance[i * N + j] = Math.hypot(pts[i]![0] - pts[j]![0], pts[i]![1] - pts[j]![1]);
    return {
      seed,
      input: {
        distance,
        coordinates: pts,
        stops: stops.map((s, i) => ({
          id: `s${i + 1}`,
          demand: s.demand,
          window: [s.open, s.open + s.width] as [number, number],
          ...(s.secondWindow
            ? { windows: [[s.open, s.open + s.width], [s.open + s.width + s.secondWindow[0], s.open + s.width + s.secondWindow[0] + s.secondWindow[1]]] as [number, number][] }
            : {}),
          service: s.service,
          skills: s.needsSkill === 0 ? ['liftgate'] : [],
          ...(s.penalty !== undefined ? { penalty: s.penalty } : {}),
        })),
        vehicles: fleet.map((v, i) => ({
          id: `v${i + 1}`,
          capacity: v.capacity,
          shift: [v.start, v.start + v.length] as [number, number],
          ...(v.maxDuration !== undefined ? { maxDuration: v.maxDuration } : {}),
          skills: v.liftgate ? ['liftgate'] : [],
          fixedCost: v.fixedCost,
        })),
      },
    };
  });

describe('VRP solver properties', () => {
  test('every stop is served once or reported unassigned; every constraint holds; costs add up', () => {
    fc.assert(
      fc.property(instanceArb, ({ input, seed }) => {
        const s = solve(input, { seed, maxIterations: 15, population: { minSize: 4, generationSize: 6 } });
        const p = new Problem(input);
        const idx = new Map(input.stops.map((st, i) => [st.id, i + 1]));
        const vIdx = new Map(input.vehicles.map((v, i) => [v.id, i]));
        const routes: number[][] = input.vehicles.map(() => []);
        for (const r of s.routes) routes[vIdx.get(r.vehicle_id)!] = r.stops.map((x) => idx.get(x.id)!);
        const unassigned = s.unassigned.map((u) => idx.get(u.id)!);
        const check = checkSolution(p, routes, unassigned, { requiredMayBeUnassigned: true });
        expect(check.violations).toEqual([]);
        // Reported distance equals the distance recomputed from the matrix.
        let recomputed = 0;
        for (const r of routes) {
          let prev = 0;
          for (const u of r) {
            recomputed += p.d(prev, u);
            prev = u;
          }
          if (r.length) recomputed += p.d(prev, 0);
        }
        expect(s.distance).toBeCloseTo(recomputed, 6);
        const fixed = s.routes.reduce((t, r) => t + (input.vehicles[vIdx.get(r.vehicle_id)!]!.fixedCost ?? 0), 0);
        const dropped = s.unassigned.reduce((t, u) => t + (input.stops[idx.get(u.id)! - 1]!.penalty ?? 0), 0);
        expect(s.cost).toBeCloseTo(recomputed + fixed + dropped, 6);
        // Service starts lie in one of their windows, in route order.
        for (const r of s.routes) {
          let t = -Infinity;
          for (const st of r.stops) {
            const stop = input.stops[idx.get(st.id)! - 1]!;
            const ws = stop.windows ?? [stop.window];
            expect(ws.some((w) => st.start >= w[0] - 1e-6 && st.start <= w[1] + 1e-6)).toBe(true);
            expect(st.start).toBeGreaterThanOrEqual(t);
            t = st.end;
          }
        }
        // Stops nobody can serve are reported with a reason.
        for (const u of s.unassigned) expect(u.reason.length).toBeGreaterThan(10);
      }),
      { numRuns: 60 },
    );
  });

  test('the same seed and iteration budget give the same plan', () => {
    fc.assert(
      fc.property(instanceArb, ({ input, seed }) => {
        const opts = { seed, maxIterations: 10, population: { minSize: 4, generationSize: 6 } };
        const a = solve(input, opts);
        const b = solve(input, opts);
        expect(b.routes).toEqual(a.routes);
        expect(b.unassigned).toEqual(a.unassigned);
      }),
      { numRuns: 15 },
    );
  });
});

describe('time-warp segments', () => {
  /** Plain simulation: leave at `start`, serve in order, forcing lateness back (time warp). */
  function simulate(nodes: { e: number; l: number; s: number }[], travel: number[][], start: number) {
    let t = start;
    let warp = 0;
    for (let i = 0; i < nodes.length; i++) {
      if (i > 0) t += travel[i - 1]![i]!;
      const n = nodes[i]!;
      if (t < n.e) t = n.e;
      if (t > n.l) {
        warp += t - n.l;
        t = n.l;
      }
      t += n.s;
    }
    return { duration: t - start, warp };
  }

  test('merging matches the best start found by simulation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ e: fc.integer({ min: 0, max: 100 }), w: fc.integer({ min: 0, max: 60 }), s: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 7, maxLength: 7 }),
        (raw, gaps) => {
          const nodes = raw.map((r) => ({ e: r.e, l: r.e + r.w, s: r.s }));
          const travel = nodes.map((_, i) => nodes.map((__, j) => (j === i + 1 ? gaps[i]! : 0)));
          let seg: Seg = { D: nodes[0]!.s, TW: 0, E: nodes[0]!.e, L: nodes[0]!.l };
          for (let i = 1; i < nodes.length; i++) seg = merge(seg, { D: nodes[i]!.s, TW: 0, E: nodes[i]!.e, L: nodes[i]!.l }, travel[i - 1]![i]!);
          // The minimum over start times of (warp, then duration), by brute force over a fine grid.
          let best = { warp: Infinity, duration: Infinity };
          for (let start = 0; start <= 200; start += 0.5) {
            const r = simulate(nodes, travel, start);
            if (r.warp < best.warp - 1e-9 || (Math.abs(r.warp - best.warp) < 1e-9 && r.duration < best.duration)) best = r;
          }
          expect(seg.TW).toBeCloseTo(best.warp, 6);
          if (seg.TW === 0) expect(seg.D).toBeCloseTo(best.duration, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hard constraints', () => {
  const line = (n: number): ProblemInput => {
    const N = n + 1;
    const distance = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) distance[i * N + j] = Math.abs(i - j) * 10;
    return {
      distance,
      stops: Array.from({ length: n }, (_, i) => ({ id: `s${i + 1}`, demand: [10], window: [0, 1000] as [number, number], service: 5 })),
      vehicles: [{ id: 'van', capacity: [100], shift: [0, 1000] as [number, number] }],
    };
  };

  test('a stop that needs a liftgate goes only on a liftgate truck, or is reported', () => {
    const input = line(4);
    input.stops[2]!.skills = ['liftgate'];
    const none = solve(input, { seed: 1, maxIterations: 5 });
    expect(none.unassigned).toEqual([{ id: 's3', reason: 'no vehicle has the skills it needs (liftgate)' }]);
    input.vehicles.push({ id: 'truck', capacity: [100], shift: [0, 1000], skills: ['liftgate'] });
    const some = solve(input, { seed: 1, maxIterations: 5 });
    expect(some.unassigned).toEqual([]);
    expect(some.routes.find((r) => r.stops.some((s) => s.id === 's3'))!.vehicle_id).toBe('truck');
  });

  test('an optional stop is left out when serving it costs more than its penalty', () => {
    const input = line(3);
    input.stops.push({ id: 'far', demand: [1], window: [0, 1000], service: 0, penalty: 5 });
    const N = 5;
    const d = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) d[i * N + j] = i === j ? 0 : i === 4 || j === 4 ? 500 : Math.abs(i - j) * 10;
    input.distance = d;
    const s = solve(input, { seed: 1, maxIterations: 5 });
    expect(s.unassigned.map((u) => u.id)).toEqual(['far']);
    expect(s.unassigned[0]!.reason).toContain('penalty 5');
    expect(s.cost).toBeCloseTo(s.distance + 5, 9);
  });

  test('a required stop that fits no schedule is reported, the rest is planned', () => {
    const input = line(3);
    input.stops[1]!.window = [0, 5]; // 20 away from the depot: unreachable in time
    const s = solve(input, { seed: 1, maxIterations: 5 });
    expect(s.unassigned).toEqual([{ id: 's2', reason: 'no vehicle can reach it within its time window and be back before its shift ends' }]);
    expect(s.routes.flatMap((r) => r.stops.map((x) => x.id)).sort()).toEqual(['s1', 's3']);
  });

  test('stops that fit alone but not together: one is dropped with a reason, the plan stays feasible', () => {
    const input = line(2);
    input.stops[0]!.window = [10, 10];
    input.stops[1]!.window = [20, 20];
    input.stops[0]!.service = 30; // serving s1 makes s2 late, and there is one vehicle
    const s = solve(input, { seed: 1, maxIterations: 10 });
    expect(s.unassigned).toHaveLength(1);
    expect(s.unassigned[0]!.reason).toBe('it fits in no route: time window, capacity or shift');
    expect(s.routes.flatMap((r) => r.stops)).toHaveLength(1);
  });

  test('a stop heavier than every vehicle is reported as such', () => {
    const input = line(3);
    input.stops[0]!.demand = [500];
    const s = solve(input, { seed: 1, maxIterations: 5 });
    expect(s.unassigned).toEqual([{ id: 's1', reason: 'its load is more than any vehicle can carry' }]);
  });

  test('a stop with two windows is served in the later one when the first cannot be met', () => {
    const input = line(2);
    // s1 is 10 away: the morning window [0, 5] is out of reach, the afternoon one is not.
    input.stops[0]!.windows = [[0, 5], [100, 110]];
    const s = solve(input, { seed: 1, maxIterations: 10 });
    expect(s.unassigned).toEqual([]);
    const st = s.routes.flatMap((r) => r.stops).find((x) => x.id === 's1')!;
    expect(st.start).toBeGreaterThanOrEqual(100);
    expect(st.start).toBeLessThanOrEqual(110);
  });

  test('routes leave as early as the windows allow without waiting', () => {
    const input = line(2);
    input.stops[0]!.window = [100, 900];
    input.stops[1]!.window = [100, 900];
    const s = solve(input, { seed: 1, maxIterations: 5 });
    const r = s.routes[0]!;
    // s1 is 10 from the depot and opens at 100: leave at 90, no waiting anywhere.
    expect(r.departure).toBe(90);
    expect(r.stops.map((x) => [x.id, x.start])).toEqual([['s1', 100], ['s2', 115]]);
    expect(r.arrival).toBe(140);
  });

  test('windows that overlap are refused', () => {
    const input = line(1);
    input.stops[0]!.windows = [[0, 50], [40, 60]];
    expect(() => solve(input, { seed: 1, maxIterations: 1 })).toThrow(/windows overlap/);
  });

  test('capacity splits the stops over vehicles', () => {
    const input = line(6);
    input.vehicles = [0, 1, 2].map((i) => ({ id: `v${i}`, capacity: [25], shift: [0, 1000] as [number, number] }));
    const s = solveHgs(new Problem(input), { seed: 3, maxIterations: 20 });
    expect(s.feasible).toBe(true);
    expect(s.routes.filter((r) => r.length > 0)).toHaveLength(3);
  });
});
