/**
 * Order CSV import benchmark (issue: foundation). Generates CSVs in our template (one order per
 * row, 5 % of orders with a second line), imports them into PGlite (on disk, as `serve` runs it)
 * and into PostgreSQL (TEST_DATABASE_URL, a fresh database), and prints orders/s and peak
 * memory. Memory is sampled for two file sizes to show it stays flat in file size.
 *
 *   npm run bench:import [-- --rows 100000]
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { buildLastmile } from '../src/main.js';
import { createPostgresDatabase, postgresAvailable } from '../test/helpers/engines.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 100_000);

const CITIES = [['Boston', 'MA', '02108'], ['Austin', 'TX', '78701'], ['Denver', 'CO', '80202'], ['Seattle', 'WA', '98101'], ['Miami', 'FL', '33130']];
async function writeCsv(path: string, rows: number) {
  const out = createWriteStream(path);
  out.write('external_id,ship_to_name,ship_to_line1,ship_to_line2,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,ship_to_phone,ship_to_email,sku,quantity,unit_price,order_value,currency,service_level,tags\n');
  let written = 0;
  for (let i = 0; written < rows; i++) {
    const [city, state, zip] = CITIES[i % CITIES.length]!;
    const lines = i % 20 === 0 && written + 2 <= rows ? 2 : 1;
    for (let l = 0; l < lines; l++) {
      const row = `B-${i},Customer ${i},${100 + (i % 9000)} Main St,${i % 4 === 0 ? `Apt ${i % 50}` : ''},${city},${state},${zip},US,+161755501${String(100 + (i % 100)).slice(1)},c${i}@example.com,SKU-${(i + l) % 500},${1 + (i % 3)},12.50,${(12.5 * (1 + (i % 3)) * lines).toFixed(2)},USD,standard,bench\n`;
      if (!out.write(row)) await once(out, 'drain');
      written++;
    }
  }
  out.end();
  await once(out, 'finish');
}

interface Result { engine: string; rows: number; orders: number; seconds: number; ordersPerSecond: number; peakRssMb: number; peakHeapMb: number; retainedHeapMb: number }

async function runOnce(engine: 'pglite' | 'postgres', file: string, rows: number): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'lastmile-bench-'));
  const pgdb = engine === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = { ...loadConfig({ LASTMILE_DATA_DIR: dir }), logLevel: 'silent', databaseUrl: pgdb?.url };
  const lm = await buildLastmile(config);
  try {
    const { tenant } = await lm.services.tenants.ensureTenant('bench');
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t0 = performance.now();
    const s = await lm.services.orderImport.importCsv(tenant.id, createReadStream(file), { sourceRef: 'import:bench' });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    // What the import keeps (as opposed to garbage not yet collected when the peak was sampled).
    global.gc?.();
    const retainedHeapMb = (process.memoryUsage().heapUsed - base.heapUsed) / 2 ** 20;
    if (s.rows_rejected > 0) throw new Error(`bench rows rejected: ${JSON.stringify(s.errors.slice(0, 3))}`);
    return {
      engine, rows, orders: s.orders_created, seconds,
      ordersPerSecond: s.orders_created / seconds,
      peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, retainedHeapMb,
    };
  } finally {
    await lm.close();
    await pgdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const work = mkdtempSync(join(tmpdir(), 'lastmile-bench-csv-'));
const small = join(work, 'small.csv');
const big = join(work, 'big.csv');
await writeCsv(small, Math.round(ROWS / 10));
await writeCsv(big, ROWS);
const engines: ('pglite' | 'postgres')[] = ['pglite'];
if (await postgresAvailable()) engines.push('postgres');
else console.log('PostgreSQL not reachable at TEST_DATABASE_URL: skipping it');

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
const results: Result[] = [];
for (const engine of engines) {
  for (const [file, rows] of [[small, Math.round(ROWS / 10)], [big, ROWS]] as const) {
    const r = await runOnce(engine, file, rows);
    results.push(r);
    console.log(
      `${engine.padEnd(8)} ${String(r.rows).padStart(7)} rows  ${String(r.orders).padStart(7)} orders  ${r.seconds.toFixed(2).padStart(6)} s  ` +
        `${Math.round(r.ordersPerSecond).toLocaleString('en-US').padStart(7)} orders/s  peak RSS ${r.peakRssMb.toFixed(0)} MB  peak heap ${r.peakHeapMb.toFixed(0)} MB  retained ${r.retainedHeapMb.toFixed(0)} MB`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
const bigOf = (e: string) => results.find((r) => r.engine === e && r.rows === ROWS);
console.log(
  `summary: ${engines.map((e) => `${e} ${Math.round(bigOf(e)!.ordersPerSecond)} orders/s (peak RSS ${bigOf(e)!.peakRssMb.toFixed(0)} MB)`).join(', ')} for ${ROWS} rows`,
);
