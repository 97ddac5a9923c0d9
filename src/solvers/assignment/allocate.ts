import highsPkg from 'highs';

interface HighsLike {
  infinity: number;
  withModel<T>(data: unknown, fn: (model: HighsModel) => T): T;
}
interface HighsModel {
  options: { set(name: string, value: unknown): unknown };
  run(): unknown;
  getSolution(): { colValue: ArrayLike<number> };
}
type Loader = () => Promise<HighsLike>;
// A CommonJS package with an ES build: its default export is the loader at run time, whatever
// the type declarations make of it.
const loadHighs: Loader = (highsPkg as unknown as { default?: Loader }).default ?? (highsPkg as unknown as Loader);

/**
 * Orders × options under capacity: each order takes one option (or none, at `unassignedCost`),
 * each bucket (a carrier service at a warehouse, for a day) holds at most its capacity, the
 * total cost is minimal. It is a transportation problem: its constraint matrix is totally
 * unimodular, so the simplex method ends on an integral vertex: solving the LP is enough
 * (a fractional answer would be a bug, and throws).
 */
export interface AllocationProblem {
  orders: { id: string; options: { bucket: number; cost: number }[] }[];
  /** Per bucket; Infinity for no limit. */
  capacities: number[];
  /** What leaving an order unplaced costs (larger than any option). */
  unassignedCost: number;
}

export interface Allocation {
  /** Per order: the index of the option it takes, or null when unplaced. */
  choice: (number | null)[];
  total: number;
  unplaced: number;
}

let highs: Promise<HighsLike> | undefined;

const evaluate = (p: AllocationProblem, choice: (number | null)[]): Allocation => ({
  choice,
  total: choice.reduce<number>((t, c, i) => t + (c === null ? p.unassignedCost : p.orders[i]!.options[c]!.cost), 0),
  unplaced: choice.filter((c) => c === null).length,
});

/** Each order in turn takes its cheapest option that still has room. */
export function greedy(p: AllocationProblem): Allocation {
  const left = [...p.capacities];
  const choice = p.orders.map((o) => {
    let best: number | null = null;
    o.options.forEach((opt, k) => {
      if (left[opt.bucket]! <= 0) return;
      if (best === null || opt.cost < o.options[best]!.cost) best = k;
    });
    if (best !== null) left[o.options[best]!.bucket]!--;
    return best;
  });
  return evaluate(p, choice);
}

/** The optimum, with HiGHS (dual simplex on the LP). */
export async function allocate(p: AllocationProblem): Promise<Allocation> {
  if (p.capacities.every((c) => !Number.isFinite(c))) {
    // Nothing binds: every order's cheapest option is optimal.
    return evaluate(p, p.orders.map((o) => (o.options.length ? o.options.reduce((b, opt, k) => (opt.cost < o.options[b]!.cost ? k : b), 0) : null)));
  }
  const h = await (highs ??= loadHighs());
  const bucketRow = new Map<number, number>();
  p.capacities.forEach((c, b) => {
    if (Number.isFinite(c)) bucketRow.set(b, p.orders.length + bucketRow.size);
  });
  const numRows = p.orders.length + bucketRow.size;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const cost: number[] = [];
  const owner: [number, number | null][] = [];
  p.orders.forEach((o, i) => {
    o.options.forEach((opt, k) => {
      indices.push(i);
      values.push(1);
      const row = bucketRow.get(opt.bucket);
      if (row !== undefined) {
        indices.push(row);
        values.push(1);
      }
      starts.push(indices.length);
      cost.push(opt.cost);
      owner.push([i, k]);
    });
    indices.push(i);
    values.push(1);
    starts.push(indices.length);
    cost.push(p.unassignedCost);
    owner.push([i, null]);
  });
  const n = cost.length;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < p.orders.length; i++) rowLower[i] = rowUpper[i] = 1;
  for (const [b, row] of bucketRow) {
    rowLower[row] = -h.infinity;
    rowUpper[row] = p.capacities[b]!;
  }
  const choice: (number | null)[] = new Array(p.orders.length).fill(null);
  let fractional = false;
  h.withModel(
    {
      numCols: n,
      numRows,
      colCost: Float64Array.from(cost),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(1),
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows, numCols: n, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
      // LP: the matrix is totally unimodular, so simplex ends on an integral vertex (checked below).

    },
    (model) => {
      model.options.set('output_flag', false);
      model.options.set('solver', 'simplex');
      model.run();
      const x = model.getSolution().colValue;
      for (let j = 0; j < n; j++) {
        if (x[j]! > 1e-6 && x[j]! < 1 - 1e-6) fractional = true;
        if (x[j]! > 0.5) {
          const [i, k] = owner[j]!;
          if (k !== null) choice[i] = k;
        }
      }
    },
  );
  if (fractional) throw new Error('allocation: the LP optimum is not integral (it should be for a transportation problem)');
  return evaluate(p, choice);
}

/** Every combination (tests only: tiny batches). */
export function bruteForce(p: AllocationProblem): Allocation {
  let best: Allocation | undefined;
  const choice: (number | null)[] = new Array(p.orders.length).fill(null);
  const left = [...p.capacities];
  const walk = (i: number) => {
    if (i === p.orders.length) {
      const a = evaluate(p, [...choice]);
      if (!best || a.total < best.total - 1e-9) best = a;
      return;
    }
    choice[i] = null;
    walk(i + 1);
    p.orders[i]!.options.forEach((opt, k) => {
      if (left[opt.bucket]! <= 0) return;
      left[opt.bucket]!--;
      choice[i] = k;
      walk(i + 1);
      left[opt.bucket]!++;
      choice[i] = null;
    });
  };
  walk(0);
  return best!;
}
