/**
 * The solver's own model (no dependency on the rest of lastmile): one depot, stops with demand in
 * several dimensions, a hard time window, a service time and required skills; vehicles with
 * capacities, a shift, a maximum route duration, skills and a fixed cost. Travel times and
 * distances come as full matrices over node indices (0 = depot, 1..n = stops).
 */
export interface Stop {
  id: string;
  demand: number[];
  /** [earliest, latest] start of service, in the same unit as travel times. */
  window: [number, number];
  /**
   * Several windows instead of one (e.g. 9–12 and 14–17): service starts inside one of them.
   * Sorted, non-overlapping; when given, `window` is ignored.
   */
  windows?: [number, number][];
  service: number;
  /** Skill names the vehicle must have (liftgate, two_person…). */
  skills?: string[];
  /** Penalty for leaving the stop unserved; absent = required. */
  penalty?: number;
}

export interface Vehicle {
  id: string;
  capacity: number[];
  /** [start, end] of the shift: leave the depot no earlier, be back no later. */
  shift: [number, number];
  maxDuration?: number;
  skills?: string[];
  fixedCost?: number;
}

export interface ProblemInput {
  stops: Stop[];
  vehicles: Vehicle[];
  /** (n+1)×(n+1) row-major, node 0 = depot. */
  distance: Float64Array | number[];
  /** Defaults to `distance`. */
  duration?: Float64Array | number[];
  /** Planar or lon/lat coordinates of the nodes (depot first); only used to order routes. */
  coordinates?: [number, number][];
}

/** The input compiled into flat arrays the search reads in its inner loops. */
export class Problem {
  readonly n: number;
  readonly size: number;
  readonly dims: number;
  readonly dist: Float64Array;
  readonly time: Float64Array;
  readonly demand: Float64Array;
  readonly early: Float64Array;
  readonly late: Float64Array;
  readonly service: Float64Array;
  readonly skillMask: Int32Array;
  /** Penalty for leaving a stop out; Infinity for required stops. */
  readonly penalty: Float64Array;
  readonly vehicles: {
    capacity: Float64Array;
    start: number;
    end: number;
    maxDuration: number;
    skillMask: number;
    fixedCost: number;
  }[];
  readonly skillNames: string[];
  /** Stops with more than one window, by node; the search uses each one's hull [first start, last end]. */
  readonly multiWindows: Map<number, [number, number][]>;
  /** Vehicles with equal capacity, shift, limits, skills and cost share a kind. */
  readonly vehicleKind: Int32Array;
  /** Whether distance(i, j) = distance(j, i) for all pairs (it allows cheaper 2-opt bounds). */
  readonly symmetric: boolean;
  readonly x: Float64Array | undefined;
  readonly y: Float64Array | undefined;

  constructor(readonly input: ProblemInput) {
    const n = input.stops.length;
    this.n = n;
    this.size = n + 1;
    const dims = Math.max(1, ...input.stops.map((s) => s.demand.length), ...input.vehicles.map((v) => v.capacity.length));
    this.dims = dims;
    const N = n + 1;
    if (input.distance.length !== N * N) throw new Error(`distance matrix must be ${N}x${N}`);
    this.dist = Float64Array.from(input.distance);
    this.time = input.duration ? Float64Array.from(input.duration) : this.dist;
    if (this.time.length !== N * N) throw new Error(`duration matrix must be ${N}x${N}`);
    let sym = true;
    for (let i = 0; i < N && sym; i++) for (let j = i + 1; j < N; j++) if (this.dist[i * N + j] !== this.dist[j * N + i]) { sym = false; break; }
    this.symmetric = sym;
    const names = new Set<string>();
    for (const s of input.stops) for (const k of s.skills ?? []) names.add(k);
    for (const v of input.vehicles) for (const k of v.skills ?? []) names.add(k);
    this.skillNames = [...names];
    if (this.skillNames.length > 30) throw new Error('at most 30 distinct skills');
    const mask = (ks: string[] | undefined) => (ks ?? []).reduce((m, k) => m | (1 << this.skillNames.indexOf(k)), 0);
    this.demand = new Float64Array(N * dims);
    this.early = new Float64Array(N);
    this.late = new Float64Array(N);
    this.service = new Float64Array(N);
    this.skillMask = new Int32Array(N);
    this.penalty = new Float64Array(N);
    const horizonStart = Math.min(...input.vehicles.map((v) => v.shift[0]));
    const horizonEnd = Math.max(...input.vehicles.map((v) => v.shift[1]));
    this.early[0] = horizonStart;
    this.late[0] = horizonEnd;
    this.multiWindows = new Map();
    input.stops.forEach((s, i) => {
      const u = i + 1;
      for (let d = 0; d < dims; d++) this.demand[u * dims + d] = s.demand[d] ?? 0;
      const ws = s.windows && s.windows.length > 0 ? [...s.windows].sort((a, b) => a[0] - b[0]) : [s.window];
      for (let k = 1; k < ws.length; k++) if (ws[k]![0] <= ws[k - 1]![1]) throw new Error(`stop ${s.id}: windows overlap`);
      if (ws.length > 1) this.multiWindows.set(u, ws);
      this.early[u] = ws[0]![0];
      this.late[u] = ws[ws.length - 1]![1];
      this.service[u] = s.service;
      this.skillMask[u] = mask(s.skills);
      this.penalty[u] = s.penalty ?? Infinity;
    });
    if (input.coordinates && input.coordinates.length === N) {
      this.x = Float64Array.from(input.coordinates.map((c) => c[0]));
      this.y = Float64Array.from(input.coordinates.map((c) => c[1]));
    }
    this.vehicles = input.vehicles.map((v) => ({
      capacity: Float64Array.from({ length: dims }, (_, d) => v.capacity[d] ?? 0),
      start: v.shift[0],
      end: v.shift[1],
      maxDuration: v.maxDuration ?? Infinity,
      skillMask: mask(v.skills),
      fixedCost: v.fixedCost ?? 0,
    }));
    const kinds = new Map<string, number>();
    this.vehicleKind = Int32Array.from(this.vehicles.map((v) => {
      const key = `${[...v.capacity].join(',')}|${v.start}|${v.end}|${v.maxDuration}|${v.skillMask}|${v.fixedCost}`;
      if (!kinds.has(key)) kinds.set(key, kinds.size);
      return kinds.get(key)!;
    }));
  }

  d(i: number, j: number): number {
    return this.dist[i * this.size + j]!;
  }

  t(i: number, j: number): number {
    return this.time[i * this.size + j]!;
  }

  /**
   * Why no vehicle could ever serve this stop, even alone on a route; undefined when some
   * vehicle could. Such stops are left out of the search and reported with this reason.
   */
  unservableReason(u: number): string | undefined {
    const able = this.vehicles.map((_, v) => v).filter((v) => this.canServe(v, u));
    if (able.length === 0) {
      const need = this.skillNames.filter((_, i) => (this.skillMask[u]! >> i) & 1);
      return `no vehicle has the skills it needs (${need.join(', ')})`;
    }
    const fits = able.filter((v) => {
      const cap = this.vehicles[v]!.capacity;
      for (let d = 0; d < this.dims; d++) if (this.demand[u * this.dims + d]! > cap[d]! + 1e-9) return false;
      return true;
    });
    if (fits.length === 0) return 'its load is more than any vehicle can carry';
    const inTime = fits.some((v) => {
      const veh = this.vehicles[v]!;
      const start = Math.max(veh.start + this.t(0, u), this.early[u]!);
      const back = start + this.service[u]! + this.t(u, 0);
      return start <= this.late[u]! + 1e-9 && back <= veh.end + 1e-9 && this.t(0, u) + this.service[u]! + this.t(u, 0) <= veh.maxDuration + 1e-9;
    });
    if (!inTime) return 'no vehicle can reach it within its time window and be back before its shift ends';
    return undefined;
  }

  /**
   * Service start at stop u for an arrival time: the arrival itself or the opening of the next
   * window. Past the last window it returns the arrival (late: time warp).
   */
  serviceStart(u: number, arrival: number): number {
    const ws = this.multiWindows.get(u);
    if (!ws) return Math.max(arrival, this.early[u]!);
    for (const w of ws) if (arrival <= w[1]) return Math.max(arrival, w[0]);
    return arrival;
  }

  /**
   * Exact time warp and duration of a route by simulation, honouring every window: leave the
   * depot at the shift start (earliest arrivals minimize lateness), late service is pulled back
   * to the window's end and counted as time warp; the duration runs from a just-in-time
   * departure for the first stop. Used where the windows' hull is not exact.
   */
  simulate(vehicle: number, nodes: readonly number[]): { timeWarp: number; duration: number } {
    const v = this.vehicles[vehicle]!;
    let t = v.start;
    let prev = 0;
    let warp = 0;
    let departure = v.start;
    nodes.forEach((u, i) => {
      const arrive = t + this.t(prev, u);
      let start = this.serviceStart(u, arrive);
      if (start > this.late[u]!) {
        warp += start - this.late[u]!;
        start = this.late[u]!;
      }
      if (i === 0) departure = Math.max(v.start, start - this.t(0, u));
      t = start + this.service[u]!;
      prev = u;
    });
    const back = t + this.t(prev, 0);
    if (back > v.end) warp += back - v.end;
    return { timeWarp: warp, duration: Math.min(back, v.end) - departure };
  }

  canServe(vehicle: number, stop: number): boolean {
    const need = this.skillMask[stop]!;
    return (need & ~this.vehicles[vehicle]!.skillMask) === 0;
  }
}
