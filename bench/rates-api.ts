/**
 * What one order quote costs through the API as a tenant's cards grow.
 *   npm run bench:rates-api [-- --quotes 400 --engine pglite|postgres]
 * A tenant gets 3, then 50 contract-sized cards (a 150 lb × 8 zone grid, a delivery-area list of
 * ~19,000 five-digit ZIPs, Additional Handling and Oversize by zone group, demand surcharges,
 * base rules, contract discounts, an earned tier, a minimum net charge, weekly fuel: ~180 KB of
 * JSON each, like the real cards of the issue). Each run quotes `--quotes` packages to varied
 * destinations with `POST /v1/rates` over HTTP on loopback (Fastify, validation, every card
 * priced, the response serialized) and prints p50/p95/p99 per quote; then the cost of the first
 * quote after a card changes (the cache reloads and recompiles every card of the tenant).
 * Target: p95 ≤ 5 ms per order quote with 50 cards.
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { buildHttpApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { buildLastmile } from '../src/main.js';
import { createPostgresDatabase } from '../test/helpers/engines.js';

const { values } = parseArgs({ options: { quotes: { type: 'string', default: '400' }, engine: { type: 'string', default: 'pglite' } } });
const N = Number(values.quotes);

const pg = values.engine === 'postgres' ? await createPostgresDatabase() : null;
const config = {
  ...loadConfig({ LASTMILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'lm-bench-rates-')), ...(pg ? { DATABASE_URL: pg.url } : {}) }),
  logLevel: 'silent',
  rateLimit: { perSecond: 100_000, burst: 100_000 },
};
const lm = await buildLastmile(config);
const app = await buildHttpApp(lm, { logLevel: 'silent' });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const { tenants } = lm.services;
const tenant = (await tenants.ensureTenant('bench')).tenant;
const key = (await tenants.createApiKey(tenant.id, { name: 'bench', scopes: ['admin'], mode: 'live' })).secret;
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const Z = ['2', '3', '4', '5', '6', '7', '8'];
const lb = (value: number) => ({ value, unit: 'lb' as const });
const inch = (value: number) => ({ value, unit: 'in' as const });
const byGroup = (a: number) => ({ '2': a, '3-4': a + 325, '5-6': a + 700, '7+': a + 1000 });
// ~19,000 ZIPs in a delivery-area list, as carriers publish them (every third ZIP from 01000).
const DAS = Array.from({ length: 19_000 }, (_, i) => String(1000 + i * 3 + (i % 2)).padStart(5, '0'));

function contractCard(k: number) {
  const f = 1 + k / 100;
  return {
    code: `contract-${k}`, carrier: `carrier${k % 5}`, service: `svc${k}`, name: `Contract service ${k}`, currency: 'USD', effective_from: '2026-01-05',
    weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'nearest', dim: { divisor: 139, system: 'imperial' },
    limits: { max_weight: lb(150), max_length: inch(108), max_length_plus_girth: inch(165), refuse_when: k % 7 === 0 ? [{ when: 'sides_over', over: inch(17), count: 2 }] : [] },
    transit_days: { '2': 1, '3': 2, '4': 3, '5': 3, '6': 4, '7': 4, '8': 5 },
    prices: { zones: Z, rows: Array.from({ length: 150 }, (_, w) => ({ weight: lb(w + 1), prices: Z.map((z) => Math.round((900 + w * (90 + 12 * Number(z)) + Number(z) * 60) * f)) })) },
    base_rules: [{ name: 'oversized', when: [{ when: 'length_plus_girth', over: inch(130) }], price: byGroup(20000) }],
    surcharges: [
      { code: 'residential', args: { amount: 605, every_package: k % 4 === 0 } },
      { code: 'delivery_area', args: { tiers: [{ name: 'alaska', states: ['AK'], residential: 4050, commercial: 4050 }, { name: 'das', zips: DAS, residential: 565, commercial: 465 }] } },
      { code: 'additional_handling', args: { criteria: [{ when: 'weight', over: lb(50), amount: byGroup(4400) }, { when: 'length', over: inch(48), amount: byGroup(2975), min_billable_weight: lb(40) }, { when: 'second_side', over: inch(30), amount: byGroup(2975), min_billable_weight: lb(40) }] } },
      { code: 'large_package', args: { criteria: [{ when: 'length', over: inch(96) }, { when: 'length_plus_girth', over: inch(130) }], amount: byGroup(21000), min_billable_weight: lb(90) } },
      { code: 'peak', only_with: ['additional_handling'], args: { periods: [{ from: '2026-09-28', to: '2027-01-17', amount: 825, every_year: true }] } },
      { code: 'peak', args: { periods: [{ from: '2026-10-26', to: '2027-01-17', residential_only: true, amount: { by_weight: [{ up_to: lb(3), amount: 40 }, { amount: 60 }] }, every_year: true }] } },
    ],
    contract: {
      discounts: [{ name: 'base', percent: 18 + (k % 10), applies_to: ['base'] }, { name: 'resi', percent: 50, applies_to: ['residential'] }],
      earned: { applies_to: ['base'], tiers: [{ from_spend: 0, percent: 0 }, { from_spend: 100_000_000, percent: 4 }], period_spend: 150_000_000 },
      minimum_net: { amount: byGroup(850) },
    },
    fuel: { table: Array.from({ length: 52 }, (_, w) => ({ from: new Date(Date.UTC(2026, 0, 5 + 7 * w)).toISOString().slice(0, 10), percent: 18 + (w % 8) * 0.25 })), applies_to: ['base', 'residential', 'delivery_area', 'additional_handling', 'large_package'] },
  };
}

// node:http with a keep-alive agent: fetch (undici) costs the client ~2 ms a call on this loop.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const call = (method: string, path: string, body?: unknown) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url + path, { method, agent, headers: { ...headers, ...(data ? { 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(data);
  });
const post = async (path: string, body: unknown) => {
  const r = await call('POST', path, body);
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return JSON.parse(r.text) as Record<string, unknown>;
};

const DESTS = ['10001', '60614', '30303', '94103', '98101', '02108', '33130', '75201', '80202', '59715', '84532', '99501', '20500', '90012', '77002', '85004', '19103', '97205', '55401', '04609'];
const request = () => {
  const heavy = rnd() < 0.1;
  return {
    from: { postal_code: '91761' }, to: { postal_code: DESTS[Math.floor(rnd() * DESTS.length)]! },
    packages: [{ weight: lb(Math.round((heavy ? 20 + rnd() * 60 : 0.3 + rnd() * 10) * 10) / 10), dimensions: { length: 6 + Math.floor(rnd() * (heavy ? 50 : 16)), width: 4 + Math.floor(rnd() * 12), height: 2 + Math.floor(rnd() * 10), unit: 'in' } }],
    ship_date: '2026-12-01',
  };
};

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
/**
 * The client runs in a worker thread (its own event loop, the second core), so the figures are
 * the server's: Fastify, the key, validation, pricing, serialization, loopback HTTP.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const call = (method, path, body) => new Promise((resolve, reject) => {
  const data = body === undefined || body === null ? undefined : JSON.stringify(body);
  const req = http.request(workerData.url + path, { method, agent, headers: { ...workerData.headers, ...(data ? { 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
  });
  req.on('error', reject);
  req.end(data);
});
(async () => {
  const times = [];
  let last = null;
  for (let i = 0; i < workerData.bodies.length; i++) {
    const t0 = performance.now();
    const r = await call(workerData.method, workerData.path, workerData.bodies[i]);
    const ms = performance.now() - t0;
    if (r.status >= 300) throw new Error(workerData.path + ': ' + r.status + ' ' + r.text.slice(0, 300));
    if (i >= workerData.warmup) times.push(ms);
    last = r.text;
  }
  parentPort.postMessage({ times, last });
})();
`;
function client(method: string, path: string, bodies: unknown[], warmup: number): Promise<{ times: number[]; last: string }> {
  const h = method === 'GET' ? { authorization: headers.authorization } : headers;
  return new Promise((resolve, reject) => {
    const w = new Worker(CLIENT, { eval: true, workerData: { url, headers: h, method, path, bodies, warmup } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

async function measure(label: string) {
  const { times, last } = await client('POST', '/v1/rates', Array.from({ length: N + 50 }, request), 50);
  const services = (JSON.parse(last) as { services: unknown[] }).services.length;
  console.log(`${label}: ${services} services per quote; per quote p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms (${N} quotes)`);
}

// The floor any authenticated call pays (HTTP, the key looked up, one small query, JSON).
{
  const { times } = await client('GET', '/v1/exchange-rates', Array.from({ length: N + 50 }, () => null), 50);
  console.log(`floor (GET /v1/exchange-rates, authenticated, one small query): p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms`);
}

const cards = Array.from({ length: 50 }, (_, k) => contractCard(k));
const size = Math.round(JSON.stringify(cards[1]).length / 1024);
console.log(`engine ${lm.database.engine}; card size ~${size} KB of JSON; the 11 samples are hidden by nothing and quoted too`);
for (const c of cards.slice(0, 3)) await post('/v1/rate-cards', { card: c });
await measure('3 contract cards');
for (const c of cards.slice(3)) await post('/v1/rate-cards', { card: c });
await measure('50 contract cards');
// The first quote after a change reloads and compiles the changed tenant's cards.
const misses: number[] = [];
for (let i = 0; i < 5; i++) {
  await post('/v1/rate-cards', { card: { ...cards[0], name: `Contract service 0 (v${i})` } });
  const t0 = performance.now();
  await post('/v1/rates', request());
  misses.push(performance.now() - t0);
}
console.log(`first quote after a card changes (50 cards reloaded, one recompiled): median ${pct(misses, 50).toFixed(1)} ms`);
await app.close();
await lm.close();
await pg?.drop();
