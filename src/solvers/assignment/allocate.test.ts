import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocate, bruteForce, greedy, type AllocationProblem } from './allocate.js';

const problemArb = fc
  .record({ orders: fc.integer({ min: 1, max: 6 }), buckets: fc.integer({ min: 1, max: 3 }) })
  .chain(({ orders, buckets }) =>
    fc.record({
      costs: fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined, freq: 4 }), { minLength: buckets, maxLength: buckets }), { minLength: orders, maxLength: orders }),
      capacities: fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Infinity)), { minLength: buckets, maxLength: buckets }),
    }),
  )
  .map(({ costs, capacities }): AllocationProblem => ({
    orders: costs.map((row, i) => ({ id: `o${i}`, options: row.flatMap((c, b) => (c === undefined ? [] : [{ bucket: b, cost: c }])) })),
    capacities,
    unassignedCost: 1000,
  }));

describe('allocation under quotas (a failure prints its seed)', () => {
  test('HiGHS finds the brute-force optimum on small batches and never does worse than greedy', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, async (p) => {
        const best = await allocate(p);
        const exact = bruteForce(p);
        expect(best.total).toBe(exact.total);
        expect(best.total).toBeLessThanOrEqual(greedy(p).total);
        // Quotas hold.
        const used = new Map<number, number>();
        best.choice.forEach((k, i) => {
          if (k !== null) used.set(p.orders[i]!.options[k]!.bucket, (used.get(p.orders[i]!.options[k]!.bucket) ?? 0) + 1);
        });
        for (const [b, n] of used) expect(n).toBeLessThanOrEqual(p.capacities[b]!);
      }),
      { numRuns: 150 },
    );
  });

  test('greedy can be beaten: two orders, one cheap slot', async () => {
    const p: AllocationProblem = { orders: [{ id: 'a', options: [{ bucket: 0, cost: 10 }, { bucket: 1, cost: 12 }] }, { id: 'b', options: [{ bucket: 0, cost: 10 }, { bucket: 1, cost: 30 }] }], capacities: [1, 5], unassignedCost: 1000 };
    expect(greedy(p).total).toBe(40);
    expect(await allocate(p)).toEqual({ choice: [1, 0], total: 22, unplaced: 0 });
  });

  test('orders that no quota can take are reported as unplaced, not dropped', async () => {
    const p: AllocationProblem = { orders: [{ id: 'a', options: [{ bucket: 0, cost: 5 }] }, { id: 'b', options: [{ bucket: 0, cost: 6 }] }], capacities: [1], unassignedCost: 1000 };
    const r = await allocate(p);
    expect(r.unplaced).toBe(1);
    expect(r.choice.filter((c) => c === null)).toHaveLength(1);
  });
});
