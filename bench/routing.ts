/**
 * Decision engine benchmark.
 *   npm run bench:routing [-- --orders 100000 --workers 2]
 * 1. End to end in memory: each generated order's address is validated and classified, its
 *    items are packed into the warehouse's boxes, every sample service is rated, and the
 *    decision engine scores the candidates and picks one — split over worker threads (one per
 *    core). Prints orders/s.
 * 2. Batch allocation: 10,000 orders × 12 services under tight daily quotas, solved with
 *    HiGHS; prints the time and the saving over greedy.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { validateAddress } from '../src/addresses/validate.js';
import { SAMPLES } from '../src/rating/card-import.js';
import { compileCard } from '../src/rating/quote.js';
import type { Shipment } from '../src/rating/shipment.js';
import { resolveZone, ZoneBook } from '../src/rating/zone-resolver.js';
import { decide, type DecideInput } from '../src/routing/decide.js';
import { routingConfigSchema } from '../src/routing/routing-config.schema.js';
import { allocate, greedy, type AllocationProblem } from '../src/solvers/assignment/allocate.js';
import { planPacking } from '../src/solvers/packing/plan.js';
import type { PackBox } from '../src/solvers/packing/types.js';

const ZIPS = ['10001', '60614', '60540', '30303', '94103', '98101', '02108', '33130', '75201', '80202', '59715', '84532', '20500', '60622', '90012', '77002', '85004', '19103', '97205', '55401'];
const PRODUCTS: [string, number, number, number, number][] = [
  ['case', 7, 4, 1, 0.12], ['cable', 6, 4, 1, 0.2], ['powerbank', 7, 4, 2, 0.95], ['speaker', 6, 6, 4, 1.1], ['tee', 10, 8, 1, 0.4],
  ['hoodie', 14, 12, 3, 1.4], ['shoes', 13, 9, 5, 2.3], ['lamp', 18, 8, 6, 2.5], ['kettle', 10, 9, 9, 3.1], ['book', 9, 6, 1.5, 1.2],
];
const BOXES: PackBox[] = [[8, 6, 4], [10, 8, 6], [12, 10, 8], [14, 12, 10], [18, 14, 8], [20, 16, 12], [24, 18, 18]].map(([l, w, h], i) => ({
  id: `B${i}`, length: l!, width: w!, height: h!, outer: { length: l! + 0.5, width: w! + 0.5, height: h! + 0.5 }, maxWeight: 65, tareWeight: 0.3, cost: 40 + i * 15, soft: false,
}));

export async function work(start: number, count: number): Promise<{ decided: number; ms: number }> {
  const dir = await loadUsZipDirectory();
  const cards = SAMPLES.map(compileCard);
  const config = routingConfigSchema.parse({});
  // No zone charts loaded: zones come from the distance between ZIP3 centroids, as for a tenant
  // that has not imported any.
  const book = new ZoneBook([]);
  let seed = 7 + start;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const orders = Array.from({ length: count }, (_, k) => {
    const zip = ZIPS[Math.floor(rnd() * ZIPS.length)]!;
    const info = dir.lookup(zip)!;
    const n = 1 + Math.floor(rnd() * rnd() * 4);
    const items = Array.from({ length: n }, (_, j) => {
      const [id, l, w, h, wt] = PRODUCTS[Math.floor(rnd() * PRODUCTS.length)]!;
      return { id: `${id}-${j}`, length: l, width: w, height: h, weight: wt, quantity: 1, upright: false, flags: [] as string[] };
    });
    return { id: `ord_${start + k}`, address: { line1: `${1 + Math.floor(rnd() * 9000)} Main St`, city: info.places[0]!, state: info.state, postal_code: zip, country: 'US' }, items, value: 2000 + Math.floor(rnd() * 20000) };
  });
  const t0 = performance.now();
  let decided = 0;
  for (const o of orders) {
    const check = validateAddress(o.address, dir);
    const std = check.standardized;
    const pricer = ({ grossWeight, dimensions }: { grossWeight: number; dimensions: { length: number; width: number; height: number } }) =>
      Math.ceil(Math.max(grossWeight, (dimensions.length * dimensions.width * dimensions.height) / 139)) * 100;
    const packed = planPacking(o.items, BOXES, pricer);
    const packages = packed.packages.map((p) => ({
      weight: { value: p.grossWeight, unit: 'lb' as const },
      dimensions: { ...p.dimensions, unit: 'in' as const },
      size: { weightLb: p.grossWeight, sidesIn: [p.dimensions.length, p.dimensions.width, p.dimensions.height].sort((a, b) => b - a) as [number, number, number] },
    }));
    const input: DecideInput = {
      orderId: o.id,
      facts: { country: 'US', state: std.state, zip: std.postal_code, weightLb: packages.reduce((t, p) => t + p.size.weightLb, 0), longestIn: null, value: o.value, flags: [], channel: 'shopify', tags: [], customerType: 'b2c', residential: true, remote: check.classification.region === 'rural', poBox: check.classification.po_box, military: check.classification.military },
      preference: null, customerType: 'b2c', serviceLevel: 'standard', value: o.value, currency: 'USD', cod: false, battery: false, hazmat: false, signatureFromCatalog: false,
      readyAt: '2026-06-02T15:00:00Z',
      address: { zip: (std.postal_code ?? '').slice(0, 5), state: std.state, residential: check.classification.residential.value === 'residential', region: check.classification.region, poBox: check.classification.po_box, military: check.classification.military },
      packages, originZip: '91761',
      warehouse: { timezone: 'America/Los_Angeles', operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'], pickup_cutoffs: [], has_dock: true },
      cards,
      zoneFor: (card, destZip, destState) => resolveZone(card.card, { originZip: '91761', destZip, destState, weight: packages[0]!.weight } as Shipment, '2026-06-02', book, dir),
      points: [], config,
    };
    if (decide(input).chosen) decided++;
  }
  return { decided, ms: performance.now() - t0 };
}

if (process.env['ROUTING_BENCH_INLINE']) {
  const r = await work(0, Number(process.env['ROUTING_BENCH_INLINE']));
  console.log(`inline: ${r.decided} in ${r.ms.toFixed(0)} ms`);
} else if (!isMainThread) {
  const { start, count } = workerData as { start: number; count: number };
  parentPort!.postMessage(await work(start, count));
} else {
  const { values } = parseArgs({ options: { orders: { type: 'string', default: '100000' }, workers: { type: 'string', default: String(Math.min(2, cpus().length)) } } });
  const N = Number(values.orders);
  const W = Number(values.workers);
  const per = Math.ceil(N / W);
  const results = await Promise.all(
    Array.from({ length: W }, (_, w) =>
      new Promise<{ decided: number; ms: number }>((resolve, reject) => {
        const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { module: import.meta.url, start: w * per, count: Math.min(per, N - w * per) } });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    ),
  );
  // Workers run at the same time: the wall time is the slowest one's.
  const seconds = Math.max(...results.map((r) => r.ms)) / 1000;
  const decided = results.reduce((t, r) => t + r.decided, 0);
  console.log(`end to end (validate, pack, rate ${SAMPLES.length} services, score, decide): ${N} orders on ${W} worker thread(s), ${decided} with a service`);
  console.log(`${seconds.toFixed(2)} s, ${Math.round(N / seconds).toLocaleString('en-US')} orders/s`);

  let seed = 5;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const S = 12;
  const problem: AllocationProblem = {
    orders: Array.from({ length: 10_000 }, (_, i) => ({ id: String(i), options: Array.from({ length: S }, (_, s) => ({ bucket: s, cost: Math.round(700 + s * 60 + rnd() * 400) })) })),
    capacities: Array.from({ length: S }, (_, s) => (s < 3 ? 1500 : 900)),
    unassignedCost: 100_000,
  };
  const t1 = performance.now();
  const best = await allocate(problem);
  const allocSeconds = (performance.now() - t1) / 1000;
  const base = greedy(problem);
  console.log(`batch allocation: 10,000 orders × ${S} services under quotas in ${allocSeconds.toFixed(2)} s; cost ${best.total} vs greedy ${base.total} (saving ${(100 * (base.total - best.total) / base.total).toFixed(1)} %), unplaced ${best.unplaced}`);
}
