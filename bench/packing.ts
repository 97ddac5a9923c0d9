/**
 * Packing benchmark: random e-commerce orders (1–30 units from realistic product sizes) over
 * 10–20 box types, priced with the UPS Ground sample card at zone 5 (billable weight from the
 * box's outer size, plus the box's own cost).
 *   npm run bench:packing [-- --orders 5000 --small 500]
 * Prints orders/s, the average chosen box volume relative to the lower bound (the items'
 * volume), and, on small orders (≤ 6 units), how often the planner matches an exhaustive search
 * (every partition × every box, each fit tried with every unit order).
 */
import { parseArgs } from 'node:util';
import { SAMPLES } from '../src/rating/card-import.js';
import { compileCard } from '../src/rating/quote.js';
import type { Shipment } from '../src/rating/shipment.js';
import { packInto, type Unit } from '../src/solvers/packing/ep-packer.js';
import { planPacking } from '../src/solvers/packing/plan.js';
import type { PackBox, PackItem, PackagePricer } from '../src/solvers/packing/types.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '5000' }, small: { type: 'string', default: '500' }, seed: { type: 'string', default: '1' } } });
let seed = Number(values.seed);
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

// Product sizes (in) and weights (lb) as sellers ship them.
const PRODUCTS: [string, number, number, number, number, boolean][] = [
  ['case', 7, 4, 1, 0.12, false], ['cable', 6, 4, 1, 0.2, false], ['powerbank', 7, 4, 2, 0.95, false], ['speaker', 6, 6, 4, 1.1, false],
  ['earbuds', 4, 4, 2, 0.3, false], ['perfume', 5, 4, 3, 0.6, true], ['serum', 5, 2, 2, 0.25, true], ['mugs', 12, 10, 6, 4.2, true],
  ['tee', 10, 8, 1, 0.4, false], ['hoodie', 14, 12, 3, 1.4, false], ['shoes', 13, 9, 5, 2.3, false], ['yoga', 26, 6, 6, 2.8, false],
  ['lamp', 18, 8, 6, 2.5, true], ['kettle', 10, 9, 9, 3.1, true], ['book', 9, 6, 1.5, 1.2, false], ['toy', 8, 8, 8, 1.5, false],
];
const BOX_SIZES: [number, number, number][] = [
  [6, 4, 4], [8, 6, 4], [9, 6, 3], [10, 8, 4], [10, 8, 6], [12, 9, 4], [12, 10, 8], [12, 12, 6], [14, 10, 6], [14, 12, 10],
  [16, 12, 8], [18, 14, 8], [20, 16, 10], [24, 18, 12], [28, 8, 8], [16, 16, 16], [22, 18, 12], [30, 12, 10], [20, 20, 20], [26, 10, 10],
];

function boxesFor(): PackBox[] {
  const n = 10 + Math.floor(rnd() * 11);
  return BOX_SIZES.slice(0, n).map(([l, w, h], i) => ({
    id: `B${i}`, length: l, width: w, height: h, outer: { length: l + 0.4, width: w + 0.4, height: h + 0.4 },
    maxWeight: 65, tareWeight: 0.05 * (l * w * h) ** (1 / 3), cost: Math.round(25 + (l * w * h) / 40), soft: false,
  }));
}

function orderFor(maxUnits: number): PackItem[] {
  const units = 1 + Math.floor(rnd() ** 2 * maxUnits);
  const items = new Map<string, PackItem>();
  for (let k = 0; k < units; k++) {
    const [id, l, w, h, wt, upright] = PRODUCTS[Math.floor(rnd() * PRODUCTS.length)]!;
    const it = items.get(id);
    if (it) it.quantity++;
    else items.set(id, { id, length: l, width: w, height: h, weight: wt, quantity: 1, upright, flags: [] });
  }
  return [...items.values()];
}

const ups = compileCard(SAMPLES.find((c) => c.code === 'sample-ups-ground')!);
const base: Shipment = {
  originZip: '90001', destZip: '60614', destState: 'IL', residential: true, weight: { value: 1, unit: 'lb' }, dimensions: null,
  signature: null, declaredValue: null, cod: false, nonCartonPackaging: false, battery: false, hazmat: false, accessorials: new Set(), freightClass: null,
};
const zone = { zone: '5', source: 'given' as const };
const price: PackagePricer = ({ grossWeight, dimensions, soft }) => {
  base.weight = { value: grossWeight, unit: 'lb' };
  base.dimensions = { length: dimensions.length, width: dimensions.width, height: dimensions.height, unit: 'in' };
  base.nonCartonPackaging = soft;
  const q = ups.quote(base, zone, '2026-06-01');
  return q.eligible ? q.total : 1e9;
};

// Throughput and box volume on typical orders (1–30 units, most of them small).
const typical = Array.from({ length: Number(values.orders) }, () => ({ items: orderFor(30), boxes: boxesFor() }));
let volumeRatio = 0;
let counted = 0;
let unitsTotal = 0;
const t0 = performance.now();
for (const o of typical) {
  const r = planPacking(o.items, o.boxes, price);
  const itemVolume = o.items.reduce((t, i) => t + i.length * i.width * i.height * i.quantity, 0);
  const boxVolume = r.packages.reduce((t, p) => t + (p.boxId ? p.dimensions.length * p.dimensions.width * p.dimensions.height : 0), 0);
  if (r.unpacked.length === 0 && boxVolume > 0) {
    volumeRatio += boxVolume / itemVolume;
    counted++;
  }
  unitsTotal += o.items.reduce((t, i) => t + i.quantity, 0);
}
const seconds = (performance.now() - t0) / 1000;

// Typical e-commerce orders: 1–5 units.
const everyday = Array.from({ length: Number(values.orders) }, () => ({ items: orderFor(5), boxes: boxesFor() }));
const t1 = performance.now();
for (const o of everyday) planPacking(o.items, o.boxes, price);
const everydaySeconds = (performance.now() - t1) / 1000;

// Exhaustive search on small orders.
function* partitions<T>(xs: readonly T[]): Generator<T[][]> {
  if (xs.length === 0) return yield [];
  const [first, ...rest] = xs;
  for (const p of partitions(rest)) {
    for (let i = 0; i < p.length; i++) yield [...p.slice(0, i), [first!, ...p[i]!], ...p.slice(i + 1)];
    yield [[first!], ...p];
  }
}
function* permutations<T>(xs: readonly T[]): Generator<T[]> {
  if (xs.length <= 1) return yield [...xs];
  for (let i = 0; i < xs.length; i++) for (const p of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) yield [xs[i]!, ...p];
}
function exhaustive(items: readonly PackItem[], boxes: readonly PackBox[]): number {
  const units: Unit[] = items.flatMap((it) => Array.from({ length: it.quantity }, (_, k) => ({ itemId: it.id, unit: k, l: it.length, w: it.width, h: it.height, weight: it.weight, upright: it.upright })));
  const blockCost = new Map<string, number>();
  const costOf = (block: Unit[]) => {
    const key = block.map((u) => `${u.itemId}${u.unit}`).sort().join('|');
    let c = blockCost.get(key);
    if (c !== undefined) return c;
    c = Infinity;
    const weight = block.reduce((t, u) => t + u.weight, 0);
    for (const b of boxes) {
      const cost = price({ grossWeight: weight + b.tareWeight, dimensions: b.outer, soft: b.soft }) + b.cost;
      if (cost >= c || weight > b.maxWeight) continue;
      for (const order of permutations(block)) if (packInto(b, order)) { c = cost; break; }
    }
    blockCost.set(key, c);
    return c;
  };
  let best = Infinity;
  for (const p of partitions(units)) best = Math.min(best, p.reduce((t, b) => t + costOf(b), 0));
  return best;
}
let matched = 0;
let smallCount = 0;
for (let k = 0; k < Number(values.small); k++) {
  const items = orderFor(6);
  if (items.reduce((t, i) => t + i.quantity, 0) > 6) continue;
  const boxes = boxesFor();
  const plan = planPacking(items, boxes, price);
  // Orders with a unit no box can hold are not comparable (the planner reports them).
  if (plan.unpacked.length > 0) continue;
  const ours = plan.totalCost;
  const opt = exhaustive(items, boxes);
  smallCount++;
  if (Math.abs(ours - opt) < 1e-6) matched++;
  else if (ours < opt - 1e-6) throw new Error('planner beat the exhaustive search: the baseline is wrong');
}

console.log(`orders: ${typical.length} (${(unitsTotal / typical.length).toFixed(1)} units on average, 10–20 box types each)`);
console.log(`box volume / item volume (lower bound 1.00): ${(volumeRatio / counted).toFixed(3)} on average`);
console.log(`small orders (≤ 6 units): exhaustive optimum matched on ${matched} of ${smallCount} (${((100 * matched) / smallCount).toFixed(1)} %)`);
console.log(`mix of 1–30 units: ${seconds.toFixed(2)} s, ${Math.round(typical.length / seconds).toLocaleString('en-US')} orders/s on one core`);
console.log(`typical orders (1–5 units): ${Math.round(everyday.length / everydaySeconds).toLocaleString('en-US')} orders/s on one core`);
