import { EpState, fitsAlone, tryPack, type Unit } from './ep-packer.js';
import type { PackBox, PackedPackage, PackItem, PackOptions, PackResult, PackagePricer, Placement } from './types.js';

const INF = Number.POSITIVE_INFINITY;

/**
 * Packs an order at the lowest total cost: shipping each package (the pricer, usually the
 * rating engine for the chosen service: billable weight from the box's outer size and the
 * gross weight) plus the boxes. Small orders are solved exactly over every split into boxes
 * (dynamic programming over subsets of units); larger ones greedily, filling a box, then
 * shrinking it to the cheapest one that still holds its contents. Deterministic.
 */
export function planPacking(items: readonly PackItem[], boxes: readonly PackBox[], price: PackagePricer, opts: PackOptions = {}): PackResult {
  const units: (Unit & { flags: readonly string[] })[] = [];
  for (const it of items) {
    for (let k = 0; k < it.quantity; k++) units.push({ itemId: it.id, unit: k, l: it.length, w: it.width, h: it.height, weight: it.weight, upright: it.upright, flags: it.flags });
  }
  const available = [...boxes].sort((a, b) => a.id.localeCompare(b.id));
  const packages: PackedPackage[] = [];
  const unpacked: PackResult['unpacked'] = [];
  const shared: typeof units = [];

  for (const u of units) {
    if (u.flags.includes('own_container')) {
      packages.push(ownContainer(u, price));
      continue;
    }
    if (!available.some((b) => fitsAlone(u, b))) {
      const bySize = available.some((b) => fitsAlone(u, { ...b, maxWeight: Infinity }));
      unpacked.push({ itemId: u.itemId, unit: u.unit, reason: available.length === 0 ? 'no boxes to pack into' : bySize ? 'heavier than every box can carry' : 'larger than every box, in every orientation' });
      continue;
    }
    if (u.flags.includes('ships_alone')) {
      packages.push(cheapestBox([u], available, price)!);
      continue;
    }
    shared.push(u);
  }

  const conflicts = conflictTest(opts.separate ?? []);
  const alternatives: PackResult['alternatives'] = [];
  if (shared.length > 0) {
    const exact = shared.length <= (opts.exactUpTo ?? 6);
    const plan = exact ? exactPlan(shared, available, price, conflicts) : greedyPlan(shared, available, price, conflicts);
    packages.push(...plan);
    const one = conflicts(shared) ? undefined : cheapestBox(shared, available, price);
    alternatives.push({ description: one ? `all ${shared.length} units in one ${one.boxId}` : `all ${shared.length} units in one box: none holds them`, cost: one ? one.cost : INF });
    const each = shared.reduce((t, u) => t + (cheapestBox([u], available, price)?.cost ?? INF), 0);
    alternatives.push({ description: 'each unit in its own box', cost: each });
    alternatives.push({ description: `${exact ? 'exact' : 'greedy'} split into ${plan.length} package(s) (chosen)`, cost: plan.reduce((t, p) => t + p.cost, 0) });
  }
  return { packages, unpacked, totalCost: packages.reduce((t, p) => t + p.cost, 0), alternatives };
}

function ownContainer(u: Unit, price: PackagePricer): PackedPackage {
  const dims = { length: u.l, width: u.w, height: u.h };
  const shippingCost = price({ grossWeight: u.weight, dimensions: dims, soft: false });
  return {
    boxId: null,
    placements: [{ itemId: u.itemId, unit: u.unit, x: 0, y: 0, z: 0, length: u.l, width: u.w, height: u.h }],
    contentWeight: u.weight, grossWeight: u.weight, dimensions: dims, soft: false, cost: shippingCost, shippingCost,
  };
}

/** The box with the lowest total cost that holds all these units, with their placements. */
export function cheapestBox(units: readonly Unit[], boxes: readonly PackBox[], price: PackagePricer): PackedPackage | undefined {
  let weight = 0;
  let volume = 0;
  for (const u of units) {
    weight += u.weight;
    volume += u.l * u.w * u.h;
  }
  // The cost of a box is known before packing (gross weight and outer size), so boxes are
  // tried cheapest first and the first that packs is the best. Boxes that cannot hold the
  // units by weight, volume or size are not priced at all.
  const ranked = boxes
    .filter((b) => weight <= b.maxWeight + 1e-9 && volume <= b.length * b.width * b.height + 1e-9 && units.every((u) => fitsAlone(u, b)))
    .map((b) => {
      const shippingCost = price({ grossWeight: weight + b.tareWeight, dimensions: b.outer, soft: b.soft });
      return { b, shippingCost, cost: shippingCost + b.cost };
    })
    .sort((x, y) => x.cost - y.cost || x.b.length * x.b.width * x.b.height - y.b.length * y.b.width * y.b.height || x.b.id.localeCompare(y.b.id));
  for (const r of ranked) {
    const placements = tryPack(r.b, units);
    if (placements) return pkg(r.b, placements, weight, r.shippingCost);
  }
  return undefined;
}

function pkg(b: PackBox, placements: Placement[], weight: number, shippingCost: number): PackedPackage {
  return { boxId: b.id, placements, contentWeight: weight, grossWeight: weight + b.tareWeight, dimensions: b.outer, soft: b.soft, cost: shippingCost + b.cost, shippingCost };
}

type Conflicts = (units: readonly { flags: readonly string[] }[]) => boolean;

/** Two different units, one with each flag of a separated pair, may not share a package. */
function conflictTest(pairs: readonly (readonly [string, string])[]): Conflicts {
  return (units) =>
    pairs.some(([a, b]) => units.some((u, i) => u.flags.includes(a) && units.some((v, j) => j !== i && v.flags.includes(b))));
}

/** Every split of the units into boxes: best box per subset, then the best partition. */
function exactPlan(units: readonly (Unit & { flags: readonly string[] })[], boxes: readonly PackBox[], price: PackagePricer, conflicts: Conflicts): PackedPackage[] {
  const n = units.length;
  const full = (1 << n) - 1;
  const best: (PackedPackage | undefined)[] = new Array(full + 1);
  for (let s = 1; s <= full; s++) {
    const subset = units.filter((_, i) => s & (1 << i));
    best[s] = conflicts(subset) ? undefined : cheapestBox(subset, boxes, price);
  }
  const dp = new Float64Array(full + 1).fill(INF);
  const choice = new Int32Array(full + 1);
  dp[0] = 0;
  for (let m = 1; m <= full; m++) {
    const low = m & -m;
    // Subsets of m that contain its lowest unit: each partition is counted once.
    for (let s = m; s > 0; s = (s - 1) & m) {
      if (!(s & low)) continue;
      const b = best[s];
      if (!b) continue;
      const c = b.cost + dp[m ^ s]!;
      if (c < dp[m]! - 1e-9) {
        dp[m] = c;
        choice[m] = s;
      }
    }
  }
  const out: PackedPackage[] = [];
  for (let m = full; m > 0; m ^= choice[m]!) {
    if (!choice[m]) throw new Error('packing: no partition found although every unit fits a box alone');
    out.push(best[choice[m]!]!);
  }
  return out;
}

/** Fill the roomiest box in order, then shrink it to the cheapest box that still holds its units. */
function greedyPlan(units: readonly (Unit & { flags: readonly string[] })[], boxes: readonly PackBox[], price: PackagePricer, conflicts: Conflicts): PackedPackage[] {
  const out: PackedPackage[] = [];
  let rest = [...units].sort((a, b) => b.l * b.w * b.h - a.l * a.w * a.h || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.unit - b.unit));
  const roomiest = [...boxes].sort((a, b) => b.length * b.width * b.height - a.length * a.width * a.height || a.id.localeCompare(b.id));
  while (rest.length > 0) {
    const all = conflicts(rest) ? undefined : cheapestBox(rest, boxes, price);
    if (all) {
      out.push(all);
      break;
    }
    // Grow a load unit by unit in the largest box that takes the first one.
    const first = rest[0]!;
    const box = roomiest.find((b) => fitsAlone(first, b))!;
    const state = new EpState(box);
    state.add(first);
    const load: typeof rest = [first];
    for (const u of rest.slice(1)) {
      if (conflicts([...load, u])) continue;
      if (state.add(u)) load.push(u);
    }
    // The cheapest box that holds the load, or, when a fresh packing of it finds no box (its order
    // differs from the one the load was grown in), the roomiest box with the placements found.
    const weight = load.reduce((t, u) => t + u.weight, 0);
    const shrunk = cheapestBox(load, boxes, price) ?? pkg(box, [...state.placed], weight, price({ grossWeight: weight + box.tareWeight, dimensions: box.outer, soft: box.soft }));
    out.push(shrunk);
    const used = new Set(load);
    rest = rest.filter((u) => !used.has(u));
  }
  return out;
}
