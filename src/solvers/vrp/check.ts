import type { Problem } from './problem.js';

export interface RouteSchedule {
  vehicle: number;
  stops: number[];
  /** Service start time at each stop. */
  starts: number[];
  departure: number;
  arrival: number;
  distance: number;
  load: number[];
}

export interface CheckResult {
  feasible: boolean;
  violations: string[];
  distance: number;
  schedules: RouteSchedule[];
}

/**
 * Independent check of a solution by plain forward simulation (no segments, no caches):
 * every stop at most once, skills, capacities, windows, shifts and maximum durations. The
 * departure is pushed as late as possible without changing any service start, so durations are
 * minimal. Used by tests and before a solution is reported.
 */
export function checkSolution(p: Problem, routes: number[][], unassigned: number[], opts: { requiredMayBeUnassigned?: boolean } = {}): CheckResult {
  const violations: string[] = [];
  const seen = new Int32Array(p.size);
  const schedules: RouteSchedule[] = [];
  let total = 0;
  const EPS = 1e-6;
  routes.forEach((stops, v) => {
    if (stops.length === 0) return;
    const veh = p.vehicles[v];
    if (!veh) {
      violations.push(`route ${v}: no such vehicle`);
      return;
    }
    let t = veh.start;
    let prev = 0;
    let dist = 0;
    const load = new Array<number>(p.dims).fill(0);
    const starts: number[] = [];
    for (const u of stops) {
      if (u < 1 || u > p.n) {
        violations.push(`route ${v}: ${u} is not a stop`);
        continue;
      }
      seen[u]!++;
      if (!p.canServe(v, u)) violations.push(`route ${v}: vehicle lacks a skill stop ${u} needs`);
      dist += p.d(prev, u);
      const arrive = t + p.t(prev, u);
      const start = p.serviceStart(u, arrive);
      if (start > p.late[u]! + EPS) violations.push(`route ${v}: stop ${u} served at ${start.toFixed(3)} after its last window closes at ${p.late[u]}`);
      starts.push(start);
      t = start + p.service[u]!;
      for (let d = 0; d < p.dims; d++) load[d]! += p.demand[u * p.dims + d]!;
      prev = u;
    }
    dist += p.d(prev, 0);
    const back = t + p.t(prev, 0);
    if (back > veh.end + EPS) violations.push(`route ${v}: back at ${back.toFixed(3)} after the shift ends at ${veh.end}`);
    for (let d = 0; d < p.dims; d++) if (load[d]! > veh.capacity[d]! + EPS) violations.push(`route ${v}: load ${load[d]} over capacity ${veh.capacity[d]} (dimension ${d})`);
    // Minimal duration: leave as late as the windows allow. Backward pass for the latest
    // service start at each stop, then simulate forward from that departure.
    let latest = veh.end - p.t(stops[stops.length - 1] ?? 0, 0);
    for (let i = stops.length - 1; i >= 0; i--) {
      const u = stops[i]!;
      latest = Math.min(p.late[u]!, latest - p.service[u]!);
      if (i > 0) latest -= p.t(stops[i - 1]!, u);
    }
    const departure = Math.max(veh.start, latest - p.t(0, stops[0]!));
    let tt = departure;
    let pr = 0;
    const lateStarts: number[] = [];
    for (const u of stops) {
      const st = Math.max(tt + p.t(pr, u), p.early[u]!);
      lateStarts.push(st);
      tt = st + p.service[u]!;
      pr = u;
    }
    const finish = tt + p.t(pr, 0);
    // With several windows per stop the schedule keeps the earliest departure.
    const multi = stops.some((u) => p.multiWindows.has(u));
    const onTime = !multi && lateStarts.every((st, i) => st <= p.late[stops[i]!]! + EPS) && finish <= veh.end + EPS;
    const duration = multi
      ? back - Math.max(veh.start, starts[0]! - p.t(0, stops[0]!))
      : Math.min(back - veh.start, finish - departure);
    if (duration > veh.maxDuration + EPS) violations.push(`route ${v}: duration ${duration.toFixed(3)} over the maximum ${veh.maxDuration}`);
    total += dist;
    // Same minimal duration, but as early as the windows allow: shift the whole schedule
    // earlier by the smallest slack between a service start and its window's opening.
    let earlier = departure - veh.start;
    stops.forEach((u, i) => (earlier = Math.min(earlier, lateStarts[i]! - p.early[u]!)));
    earlier = Math.max(0, earlier);
    schedules.push(
      onTime
        ? { vehicle: v, stops, starts: lateStarts.map((x) => x - earlier), departure: departure - earlier, arrival: finish - earlier, distance: dist, load }
        : { vehicle: v, stops, starts, departure: veh.start, arrival: back, distance: dist, load },
    );
  });
  for (const u of unassigned) seen[u]!++;
  for (let u = 1; u <= p.n; u++) {
    if (seen[u] === 0) violations.push(`stop ${u} is neither served nor reported unassigned`);
    if (seen[u]! > 1) violations.push(`stop ${u} appears ${seen[u]} times`);
  }
  if (!opts.requiredMayBeUnassigned) {
    for (const u of unassigned) if (p.penalty[u] === Infinity && p.vehicles.some((_, v) => p.canServe(v, u))) violations.push(`required stop ${u} left unassigned`);
  }
  return { feasible: violations.length === 0, violations, distance: total, schedules };
}
