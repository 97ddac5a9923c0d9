import type { PackBox, Placement } from './types.js';

/** One unit to place. */
export interface Unit {
  itemId: string;
  unit: number;
  l: number;
  w: number;
  h: number;
  weight: number;
  upright: boolean;
}

const EPS = 1e-9;

const ORIENTS = new WeakMap<Unit, [number, number, number][]>();

/** The orientations a unit may take: six, or two when it must stay upright (computed once per unit). */
export function orientations(u: Unit): [number, number, number][] {
  let o = ORIENTS.get(u);
  if (!o) ORIENTS.set(u, (o = computeOrientations(u)));
  return o;
}

function computeOrientations(u: Unit): [number, number, number][] {
  const { l, w, h } = u;
  const all: [number, number, number][] = u.upright
    ? [[l, w, h], [w, l, h]]
    : [[l, w, h], [w, l, h], [l, h, w], [h, l, w], [w, h, l], [h, w, l]];
  // Cubes and squares give the same orientation twice; keep each once.
  const seen = new Set<string>();
  return all.filter((o) => {
    const k = o.join(',');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether a unit can go into the box alone, in some orientation. */
export function fitsAlone(u: Unit, box: Pick<PackBox, 'length' | 'width' | 'height' | 'maxWeight'>): boolean {
  if (u.weight > box.maxWeight + EPS) return false;
  for (const [l, w, h] of orientations(u)) if (l <= box.length + EPS && w <= box.width + EPS && h <= box.height + EPS) return true;
  return false;
}

/**
 * Extreme-point packing (Crainic, Perboli & Tadei): units go, in the order given, to the first
 * extreme point (lowest, then nearest the back, then the left) where one of their orientations
 * fits without overlapping anything placed; each placement adds the points at its three far
 * corners. Returns the placements, or undefined when some unit finds no place. Deterministic.
 */
export function packInto(box: Pick<PackBox, 'length' | 'width' | 'height' | 'maxWeight'>, units: readonly Unit[]): Placement[] | undefined {
  const state = new EpState(box);
  for (const u of units) if (!state.add(u)) return undefined;
  return state.placed;
}

/** A box being filled, one unit at a time (the greedy planner grows loads this way). */
export class EpState {
  readonly placed: Placement[] = [];
  private points: [number, number, number][] = [[0, 0, 0]];
  private load = 0;

  constructor(private readonly box: Pick<PackBox, 'length' | 'width' | 'height' | 'maxWeight'>) {}

  /** Places the unit at the first extreme point where it fits; false (and nothing changes) when none. */
  add(u: Unit): boolean {
    const box = this.box;
    if (this.load + u.weight > box.maxWeight + EPS) return false;
    const placed = this.placed;
    for (let pi = 0; pi < this.points.length; pi++) {
      const [x, y, z] = this.points[pi]!;
      for (const [l, w, h] of orientations(u)) {
        if (x + l > box.length + EPS || y + w > box.width + EPS || z + h > box.height + EPS) continue;
        let clash = false;
        for (const p of placed) {
          if (x < p.x + p.length - EPS && p.x < x + l - EPS && y < p.y + p.width - EPS && p.y < y + w - EPS && z < p.z + p.height - EPS && p.z < z + h - EPS) {
            clash = true;
            break;
          }
        }
        if (clash) continue;
        placed.push({ itemId: u.itemId, unit: u.unit, x, y, z, length: l, width: w, height: h });
        this.load += u.weight;
        this.points.splice(pi, 1);
        this.points.push([x + l, y, z], [x, y + w, z], [x, y, z + h]);
        this.points.sort((a, b) => a[2] - b[2] || a[1] - b[1] || a[0] - b[0]);
        return true;
      }
    }
    return false;
  }
}

/** Unit orders tried in turn: biggest first, then tallest, then longest. */
const ORDERS: ((a: Unit, b: Unit) => number)[] = [
  (a, b) => b.l * b.w * b.h - a.l * a.w * a.h || Math.max(b.l, b.w, b.h) - Math.max(a.l, a.w, a.h),
  (a, b) => b.h - a.h || b.l * b.w - a.l * a.w,
  (a, b) => Math.max(b.l, b.w, b.h) - Math.max(a.l, a.w, a.h) || b.l * b.w * b.h - a.l * a.w * a.h,
];

/** Tries a few unit orders; the first that packs wins. */
export function tryPack(box: Pick<PackBox, 'length' | 'width' | 'height' | 'maxWeight'>, units: readonly Unit[]): Placement[] | undefined {
  let volume = 0;
  for (const u of units) volume += u.l * u.w * u.h;
  if (volume > box.length * box.width * box.height + EPS) return undefined;
  for (const u of units) if (!fitsAlone(u, box)) return undefined;
  for (const order of ORDERS) {
    const sorted = [...units].sort((a, b) => order(a, b) || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.unit - b.unit));
    const p = packInto(box, sorted);
    if (p) return p;
    if (units.length === 1) break;
  }
  return undefined;
}
