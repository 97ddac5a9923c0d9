import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { packInto } from './ep-packer.js';
import { planPacking } from './plan.js';
import type { PackBox, PackItem, PackResult, PackagePricer } from './types.js';

/** Billable weight with divisor 139, rounded up, at 1.00 per pound (minor units). */
const byBillable: PackagePricer = ({ grossWeight, dimensions: d }) => Math.ceil(Math.max(grossWeight, (d.length * d.width * d.height) / 139) - 1e-9) * 100;

const box = (id: string, l: number, w: number, h: number, extra: Partial<PackBox> = {}): PackBox => ({
  id, length: l, width: w, height: h, outer: { length: l + 0.5, width: w + 0.5, height: h + 0.5 }, maxWeight: 50, tareWeight: 0.3, cost: 40, soft: false, ...extra,
});
const item = (id: string, l: number, w: number, h: number, weight: number, extra: Partial<PackItem> = {}): PackItem => ({ id, length: l, width: w, height: h, weight, quantity: 1, upright: false, flags: [], ...extra });

/** Every invariant the issue names, checked on a result. */
function checkInvariants(items: readonly PackItem[], boxes: readonly PackBox[], r: PackResult) {
  const seen = new Set<string>();
  for (const p of r.packages) {
    const b = boxes.find((x) => x.id === p.boxId);
    let weight = 0;
    p.placements.forEach((a, i) => {
      const key = `${a.itemId}#${a.unit}`;
      expect(seen.has(key), `${key} packed twice`).toBe(false);
      seen.add(key);
      const it = items.find((x) => x.id === a.itemId)!;
      weight += it.weight;
      expect([a.length, a.width, a.height].sort((x, y) => x - y)).toEqual([it.length, it.width, it.height].sort((x, y) => x - y));
      if (it.upright) expect(a.height).toBe(it.height);
      if (b) {
        expect(a.x >= 0 && a.y >= 0 && a.z >= 0, `${key} outside ${b.id}`).toBe(true);
        expect(a.x + a.length <= b.length + 1e-9 && a.y + a.width <= b.width + 1e-9 && a.z + a.height <= b.height + 1e-9, `${key} outside ${b.id}`).toBe(true);
      }
      for (const o of p.placements.slice(i + 1)) {
        const overlap = a.x < o.x + o.length && o.x < a.x + a.length && a.y < o.y + o.width && o.y < a.y + a.width && a.z < o.z + o.height && o.z < a.z + a.height;
        expect(overlap, `${key} overlaps ${o.itemId}#${o.unit}`).toBe(false);
      }
    });
    if (b) expect(weight).toBeLessThanOrEqual(b.maxWeight + 1e-9);
    expect(p.contentWeight).toBeCloseTo(weight, 9);
  }
  for (const u of r.unpacked) {
    const key = `${u.itemId}#${u.unit}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
  }
  expect(seen.size).toBe(items.reduce((t, i) => t + i.quantity, 0));
}

const itemArb = fc.record({
  id: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
  length: fc.integer({ min: 1, max: 24 }),
  width: fc.integer({ min: 1, max: 18 }),
  height: fc.integer({ min: 1, max: 14 }),
  weight: fc.double({ min: 0.05, max: 15, noNaN: true }),
  quantity: fc.integer({ min: 1, max: 4 }),
  upright: fc.boolean(),
  flags: fc.subarray(['battery', 'liquid', 'ships_alone']),
});
const boxArb = fc.record({ l: fc.integer({ min: 4, max: 30 }), w: fc.integer({ min: 4, max: 24 }), h: fc.integer({ min: 2, max: 20 }), max: fc.integer({ min: 5, max: 60 }), cost: fc.integer({ min: 10, max: 300 }), soft: fc.boolean() });

describe('packing properties (fast-check; a failure prints its seed and path)', () => {
  test('every unit is packed once or reported; no overlaps; inside its box; under its max load', () => {
    fc.assert(
      fc.property(fc.uniqueArray(itemArb, { selector: (i) => i.id, minLength: 1, maxLength: 6 }), fc.array(boxArb, { minLength: 1, maxLength: 6 }), fc.boolean(), (rawItems, rawBoxes, separate) => {
        const items = rawItems as PackItem[];
        const boxes = rawBoxes.map((b, i) => box(`B${i}`, b.l, b.w, b.h, { maxWeight: b.max, cost: b.cost, soft: b.soft }));
        const r = planPacking(items, boxes, byBillable, { separate: separate ? [['battery', 'liquid']] : [] });
        checkInvariants(items, boxes, r);
        if (separate) for (const p of r.packages) {
          const flagsOf = p.placements.map((a) => items.find((i) => i.id === a.itemId)!.flags);
          const mixed = flagsOf.some((f, i) => f.includes('battery') && flagsOf.some((g, j) => j !== i && g.includes('liquid')));
          expect(mixed, 'a battery unit shares a package with a liquid one').toBe(false);
        }
        for (const p of r.packages) {
          const alone = p.placements.filter((a) => items.find((i) => i.id === a.itemId)!.flags.includes('ships_alone'));
          if (alone.length) expect(p.placements).toHaveLength(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a load grown in the roomiest box that a fresh packing cannot fit again keeps the placements it was grown with (found by fast-check, seed 805632552)', () => {
    const items = [item('A', 1, 1, 7, 0.05, { quantity: 2 }), item('F', 16, 8, 6, 0.05), item('E', 8, 12, 8, 0.05, { quantity: 4 })];
    const boxes = [box('B0', 14, 16, 8, { maxWeight: 5, cost: 10 })];
    const r = planPacking(items, boxes, byBillable, { separate: [] });
    checkInvariants(items, boxes, r);
    expect(r.unpacked).toEqual([]);
    expect(r.totalCost).toBe(r.packages.reduce((t, p) => t + p.cost, 0));
  });

  test('the same input gives the same plan', () => {
    const items = [item('mug', 5, 5, 4, 1, { quantity: 3 }), item('tee', 10, 8, 1, 0.4, { quantity: 2 }), item('lamp', 18, 8, 6, 2.5)];
    const boxes = [box('S', 8, 6, 4), box('M', 12, 10, 8), box('L', 20, 14, 10)];
    expect(planPacking(items, boxes, byBillable)).toEqual(planPacking(items, boxes, byBillable));
  });
});

describe('choices', () => {
  const boxes = [box('S', 8, 6, 4, { cost: 30 }), box('M', 12, 10, 8, { cost: 60 }), box('L', 20, 14, 10, { cost: 100 })];

  test('a single item takes the cheapest box it fits, by billable weight plus box cost', () => {
    const r = planPacking([item('mug', 5, 5, 4, 1)], boxes, byBillable);
    // S: outer 8.5 × 6.5 × 4.5 = 248.6 in³ / 139 = 1.79 -> 2 lb: 2.00 + box 0.30.
    expect(r.packages.map((p) => [p.boxId, p.cost])).toEqual([['S', 230]]);
  });

  test('this side up: a tall upright item needs a box tall enough', () => {
    const r = planPacking([item('plant', 5, 5, 9, 1, { upright: true })], boxes, byBillable);
    expect(r.packages[0]!.boxId).toBe('L');
    expect(r.packages[0]!.placements[0]!.height).toBe(9);
  });

  test('splitting into two boxes when that is cheaper than one large box', () => {
    // Two light 7 × 5 × 3 items do not fit S together: two S boxes (dim 1.79 -> 2 lb each) beat
    // one M (dim 1,115.6 / 139 = 8.03 -> 9 lb).
    const r = planPacking([item('a', 7, 5, 3, 1), item('b', 7, 5, 3, 1)], boxes, byBillable);
    expect(r.packages.map((p) => p.boxId)).toEqual(['S', 'S']);
    expect(r.totalCost).toBe(2 * (200 + 30));
    expect(r.alternatives.find((a) => a.description.startsWith('all 2 units in one'))!.cost).toBeGreaterThan(r.totalCost);
  });

  test('what no box can hold is reported with the reason; own containers need no box', () => {
    const r = planPacking([item('sofa', 80, 40, 30, 90), item('tv', 60, 9, 38, 40, { flags: ['own_container'] }), item('anvil', 2, 2, 2, 500)], boxes, byBillable);
    expect(r.unpacked).toEqual([
      { itemId: 'sofa', unit: 0, reason: 'larger than every box, in every orientation' },
      { itemId: 'anvil', unit: 0, reason: 'heavier than every box can carry' },
    ]);
    expect(r.packages).toEqual([expect.objectContaining({ boxId: null, grossWeight: 40, dimensions: { length: 60, width: 9, height: 38 } })]);
  });

  test('large orders are packed greedily without losing a unit', () => {
    const items = [item('mug', 5, 5, 4, 1, { quantity: 12 }), item('tee', 10, 8, 1, 0.4, { quantity: 10 }), item('book', 9, 6, 2, 1.2, { quantity: 8 })];
    const r = planPacking(items, boxes, byBillable);
    checkInvariants(items, boxes, r);
    expect(r.unpacked).toEqual([]);
    expect(r.alternatives.some((a) => a.description.startsWith('greedy'))).toBe(true);
  });

  test('extreme points: eight cubes fill a box exactly', () => {
    const units = Array.from({ length: 8 }, (_, i) => ({ itemId: 'c', unit: i, l: 2, w: 2, h: 2, weight: 1, upright: false }));
    expect(packInto({ length: 4, width: 4, height: 4, maxWeight: 10 }, units)).toHaveLength(8);
    expect(packInto({ length: 4, width: 4, height: 4, maxWeight: 10 }, [...units, { ...units[0]!, unit: 9 }])).toBeUndefined();
  });
});
