/**
 * The time lastmile adds to a decision when it asks carriers for live rates.
 *   npm run bench:live-rates [-- --orders 150]
 * The local UPS, USPS and FedEx mocks answer at once (their request validation off, so they cost
 * next to nothing); the same orders (a distinct destination each, the rate cache off) are
 * decided once with the three accounts' live rates and once with live rates off. The difference
 * is lastmile's overhead on top of the carriers' own latency: its mappers, HTTP client, the
 * parallel calls (USPS prices each mail class and package separately: 3 calls per package
 * here), JSON, and the second pass of the decision. Loopback HTTP and the mocks' own work are
 * counted in it, so it is an upper bound. Target: p95 ≤ 20 ms added per order.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { buildLastmile } from '../src/main.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { orderInput, warehouseInput } from '../test/helpers/factories.js';
import { startFedexMock } from '../test/helpers/fedex-mock.js';
import { startUpsMock } from '../test/helpers/ups-mock.js';
import { startUspsMock } from '../test/helpers/usps-mock.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '150' } } });
const N = Number(values.orders);

const ups = await startUpsMock({ clientId: 'u', clientSecret: 's', validate: false });
const usps = await startUspsMock({ clientId: 'u', clientSecret: 's', validate: false });
const fedex = await startFedexMock({ clientId: 'u', clientSecret: 's', validate: false });
const config = { ...loadConfig({ LASTMILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'lm-bench-live-')) }), logLevel: 'silent', allowPrivateTargets: true, liveRates: { deadlineMs: 5000, ttlMs: 0 } };
const lm = await buildLastmile(config);
const s = lm.services;
const tenantId = (await s.tenants.ensureTenant('bench')).tenant.id;
await s.warehouses.create(tenantId, warehouseInput({ code: 'ONT1' }));
const MUG = [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' as const }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' as const } }];
const dir = await (await import('../src/adapters/geo/us-zip-directory.js')).loadUsZipDirectory();
// Real ZIP Codes spread over the country, one per order (so the cache, were it on, would not help).
const zips: { zip: string; state: string; city: string }[] = [];
for (let z = 1001; zips.length < 2 * N && z < 99950; z += 97) {
  const info = dir.lookup(String(z).padStart(5, '0'));
  if (info?.state && info.places[0]) zips.push({ zip: String(z).padStart(5, '0'), state: info.state, city: info.places[0] });
}

async function accounts(live: boolean) {
  await s.shipments.saveAccount(tenantId, { kind: 'ups', base_url: ups.url, client_id: 'u', client_secret: 's', account_number: 'A1B2C3', negotiated_rates: true, live_rates: live } as never);
  await s.shipments.saveAccount(tenantId, { kind: 'usps', base_url: usps.url, client_id: 'u', client_secret: 's', crid: '56982563', mid: '902000001', eps_account: '1000012345', live_rates: live } as never);
  await s.shipments.saveAccount(tenantId, { kind: 'fedex', base_url: fedex.url, client_id: 'u', client_secret: 's', account_number: '740561073', live_rates: live } as never);
}

async function run(offset: number): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < N; k++) {
    const z = zips[offset + k]!;
    const order = (await s.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: MUG, ship_to: { name: 'Ana', line1: '12 Main St', city: z.city, state: z.state, postal_code: z.zip, country: 'US' } } as never)), 'bench')).order;
    const t0 = performance.now();
    await s.routing.decideOrder(tenantId, order.id, 'bench');
    times.push(performance.now() - t0);
  }
  return times;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
await accounts(false);
await run(0); // warm-up: the ZIP directory, the rate cards, the JIT
const cards = await run(0);
await accounts(true);
await run(N); // warm-up of the live path: tokens, connections
const live = await run(N);
const f = (x: number) => x.toFixed(1);
console.log(`orders: ${N} each way; carriers: UPS, USPS, FedEx (mocks answering at once)`);
console.log(`decision, cards only:   p50 ${f(pct(cards, 50))} ms, p95 ${f(pct(cards, 95))} ms`);
console.log(`decision, live rates:   p50 ${f(pct(live, 50))} ms, p95 ${f(pct(live, 95))} ms`);
console.log(`added by live rates:    p50 ${f(pct(live, 50) - pct(cards, 50))} ms, p95 ${f(pct(live, 95) - pct(cards, 95))} ms (target p95 ≤ 20 ms)`);
console.log(`carrier requests: UPS ${ups.requests.length}, USPS ${usps.requests.length}, FedEx ${fedex.requests.length}`);
await lm.close();
await Promise.all([ups.close(), usps.close(), fedex.close()]);
