import type { ProblemInput } from './problem.js';

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** Node 0 is the depot. */
  nodes: { id: number; x: number; y: number; demand: number; ready: number; due: number; service: number }[];
}

/** Parses the Solomon VRPTW text format (name, VEHICLE section, CUSTOMER table). */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? 'instance';
  const vIdx = lines.findIndex((l) => /^VEHICLE/i.test(l));
  const cIdx = lines.findIndex((l) => /^CUSTOMER/i.test(l));
  if (vIdx < 0 || cIdx < 0) throw new Error('not a Solomon instance: VEHICLE and CUSTOMER sections are required');
  const vehicleLine = lines.slice(vIdx + 1, cIdx).find((l) => /^\d+\s+\d+/.test(l));
  if (!vehicleLine) throw new Error('no vehicle count and capacity line');
  const [vehicles, capacity] = vehicleLine.split(/\s+/).map(Number) as [number, number];
  const nodes: SolomonInstance['nodes'] = [];
  for (const l of lines.slice(cIdx + 1)) {
    if (!/^\d/.test(l)) continue;
    const f = l.split(/\s+/).map(Number);
    if (f.length < 7 || f.some((x) => !Number.isFinite(x))) throw new Error(`bad customer line: ${l}`);
    nodes.push({ id: f[0]!, x: f[1]!, y: f[2]!, demand: f[3]!, ready: f[4]!, due: f[5]!, service: f[6]! });
  }
  if (nodes.length < 2 || nodes[0]!.id !== 0) throw new Error('the customer table must start with the depot (0)');
  return { name, vehicles, capacity, nodes };
}

/** Exact Euclidean distances in double precision; travel time equals distance. */
export function solomonToProblem(inst: SolomonInstance): ProblemInput {
  const N = inst.nodes.length;
  const distance = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const a = inst.nodes[i]!;
      const b = inst.nodes[j]!;
      distance[i * N + j] = Math.hypot(a.x - b.x, a.y - b.y);
    }
  }
  const depot = inst.nodes[0]!;
  return {
    distance,
    coordinates: inst.nodes.map((c) => [c.x, c.y] as [number, number]),
    stops: inst.nodes.slice(1).map((c) => ({ id: String(c.id), demand: [c.demand], window: [c.ready, c.due], service: c.service })),
    vehicles: Array.from({ length: inst.vehicles }, (_, i) => ({ id: `v${i + 1}`, capacity: [inst.capacity], shift: [depot.ready, depot.due] as [number, number] })),
  };
}
