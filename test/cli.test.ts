import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp } from '../src/api/app.js';
import { startLastmile, type TestLastmile } from './helpers/engines.js';
import { runCliAsync } from './helpers/processes.js';

const BIN = new URL('../bin/lastmile', import.meta.url).pathname;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(BIN, args, {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const runAsync = runCliAsync;

const GOOD_CSV = [
  'external_id,ship_to_name,ship_to_line1,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,sku,quantity,order_value,currency',
  'G-1,Ana,12 Beacon St,Boston,MA,02108,US,MUG-1,1,10.00,USD',
  'G-2,Bo,1 Main St,Austin,TX,78701,US,MUG-1,2,20.00,USD',
].join('\n');

describe('local mode (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lastmile-cli-'));
  const env = { LASTMILE_DATA_DIR: dataDir };
  const goodCsv = join(dataDir, 'good.csv');
  writeFileSync(goodCsv, GOOD_CSV);

  test('keys create prints only the key on stdout', () => {
    const r = run(['keys', 'create', '--tenant', 'acme', '--scopes', 'orders:read,orders:write'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lm_live_[0-9A-Za-z]{32}\n$/);
    expect(r.stderr).toContain('Created tenant acme');
  });

  test('users create prints a generated password once; reset-password gives a new one; a bad e-mail is a usage error', () => {
    const c = run(['users', 'create', '--tenant', 'acme', '--email', 'Ops@Acme.example', '--role', 'operator'], env);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^\w{20}\n$/);
    expect(c.stderr).toContain('Created operator ops@acme.example in tenant acme');
    const r = run(['users', 'reset-password', '--email', 'ops@acme.example'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\w{20}\n$/);
    expect(r.stdout).not.toBe(c.stdout);
    expect(r.stderr).toContain('their sessions have ended');
    expect(run(['users', 'reset-password', '--email', 'not an email'], env).code).toBe(2);
    expect(run(['users', 'reset-password', '--email', 'nobody@acme.example'], env).code).not.toBe(0);
  });

  test('usage errors exit 2', () => {
    expect(run(['keys', 'create', '--tenant', 'acme', '--scopes', 'orders:fly'], env).code).toBe(2);
    expect(run(['keys', 'create', '--scopes', 'admin'], env).code).toBe(2);
    expect(run(['frobnicate'], env).code).toBe(2);
    const missing = run(['orders', 'import', join(dataDir, 'nope.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
  });

  test('import exits 0 when every row is imported, and 0 again when all are duplicates', () => {
    const a = run(['orders', 'import', goodCsv, '--json'], env);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ orders_created: 2, duplicates_skipped: 0, rows_rejected: 0 });
    const b = run(['orders', 'import', goodCsv], env);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe('');
    expect(b.stderr).toContain('0 orders imported, 2 duplicates skipped');
  });

  test('import exits 1 when rows are rejected and lists them on stderr', () => {
    const r = run(['orders', 'import', fixture('orders-template.csv')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 5, quantity:');
    expect(r.stderr).toContain('row 10, warehouse: Unknown warehouse NOPE');
    // No pickup directory here: the order that chose locker LOCKER-17 is refused.
    expect(r.stderr).toContain('row 8, pickup_point_id: Unknown pickup point LOCKER-17');
    expect(r.stderr).toContain('2 orders imported');
  });

  test('orders list reads what was imported', () => {
    const r = run(['orders', 'list', '--json', '--limit', '100'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.map((o: { external_id: string }) => o.external_id)).toEqual(expect.arrayContaining(['G-1', 'G-2', 'A-1', 'A-2']));
  });

  test('when a server holds the database the CLI says so in one line and exits 3', () => {
    const holder: ChildProcess = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dataDir, 'lastmile.lock'), JSON.stringify({ pid: holder.pid, role: 'server', url: 'http://127.0.0.1:3999', started_at: new Date().toISOString() }));
      const r = run(['orders', 'list'], env);
      expect(r.code).toBe(3);
      expect(r.stderr.trim()).toBe(
        `error: The embedded database in ${dataDir} is held by a running lastmile server (pid ${holder.pid}, http://127.0.0.1:3999): stop it, or set LASTMILE_URL and LASTMILE_API_KEY to work through its API.`,
      );
    } finally {
      holder.kill();
    }
  });

  test('a stale lock from a dead process is taken over', async () => {
    const dead = spawnSync('true');
    writeFileSync(join(dataDir, 'lastmile.lock'), JSON.stringify({ pid: dead.pid, role: 'server', started_at: new Date().toISOString() }));
    expect(run(['orders', 'list'], env).code).toBe(0);
  });

  test('truck-plans create plans the truck orders of a warehouse with a fleet', () => {
    const wh = join(dataDir, 'wh.json');
    writeFileSync(wh, JSON.stringify({
      code: 'NJ1', name: 'Edison', timezone: 'America/New_York',
      address: { line1: '300 Raritan Center Pkwy', city: 'Edison', state: 'NJ', postal_code: '08837', country: 'US', latitude: 40.51, longitude: -74.36 },
      fleet: { vehicle_types: [{ code: 'BOX', count: 1, capacity: { weight: { value: 1000, unit: 'kg' } }, shift: { start: '07:00', end: '19:00' }, skills: ['liftgate'] }] },
    }));
    expect(run(['warehouses', 'create', wh], env).code).toBe(0);
    const csv = join(dataDir, 'truck.csv');
    writeFileSync(csv, [
      'external_id,warehouse,ship_to_name,ship_to_line1,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,line_name,quantity,weight,order_value,currency,accessorials',
      'T-1,NJ1,Ana,1 Main St,New Brunswick,NJ,08901,US,Sofa,1,140kg,999.00,USD,liftgate',
      'T-2,NJ1,Bo,2 Main St,Princeton,NJ,08540,US,Desk,1,60kg,499.00,USD,curbside',
      'T-3,NJ1,Cy,3 Main St,Trenton,NJ,08608,US,Piano,1,2000kg,4999.00,USD,curbside',
    ].join('\n'));
    expect(run(['orders', 'import', csv], env).code).toBe(0);
    const r = run(['truck-plans', 'create', '--warehouse', 'NJ1', '--date', '2026-11-24', '--time-limit', '300', '--max-iterations', '200', '--json'], env);
    // T-3 is heavier than the truck: planned are T-1 and T-2, exit 1 for the one left out.
    expect(r.code).toBe(1);
    const plan = JSON.parse(r.stdout);
    expect(plan.routes.flatMap((x: { stops: { external_id: string }[] }) => x.stops.map((s) => s.external_id)).sort()).toEqual(['T-1', 'T-2']);
    expect(plan.unassigned).toEqual([{ order_id: expect.stringMatching(/^ord_/), reason: 'its load is more than any vehicle can carry' }]);
    expect(plan.warnings.join(' ')).toContain('ZIP');
    // The plan is saved with an id, listed, and its orders know their truck and stop.
    expect(plan.id).toMatch(/^tpl_/);
    const list = run(['truck-plans', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: plan.id, date: '2026-11-24', state: 'succeeded', totals: expect.objectContaining({ planned: 2 }) })]);
    const orders = JSON.parse(run(['orders', 'list', '--json', '--limit', '100'], env).stdout).data;
    expect(orders.find((o: { external_id: string }) => o.external_id === 'T-1').truck_plan).toMatchObject({ plan_id: plan.id, stop: expect.any(Number) });
    expect(run(['truck-plans', 'create', '--warehouse', 'NJ1', '--date', 'tomorrow'], env).code).toBe(2);
  });

  test('bad configuration exits 3', () => {
    const r = run(['orders', 'list'], { ...env, DATABASE_URL: 'mysql://x' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('DATABASE_URL must be a postgres:// URL');
  });
});

describe('remote mode (LASTMILE_URL + LASTMILE_API_KEY)', () => {
  let t: TestLastmile;
  let app: FastifyInstance;
  let url: string;
  let key: string;

  beforeAll(async () => {
    t = await startLastmile('pglite');
    const acme = (await t.lm.services.tenants.ensureTenant('acme')).tenant;
    key = (await t.lm.services.tenants.createApiKey(acme.id, { name: 'cli', scopes: ['admin'], mode: 'test' })).secret;
    await t.lm.startWorkers();
    app = await buildHttpApp(t.lm, { logLevel: 'silent' });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  test('orders import uploads the file, follows the job and exits by its result', async () => {
    const env = { LASTMILE_URL: url, LASTMILE_API_KEY: key, LASTMILE_DATA_DIR: '/nonexistent' };
    const r = await runAsync(['orders', 'import', fixture('shopify-orders-export.csv'), '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'shopify-csv', orders_created: 3, rows_rejected: 3 });
    const list = await runAsync(['orders', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).data).toHaveLength(3);
    // --tenant would be ignored with LASTMILE_URL (the key decides): refused, nothing created.
    const refused = await runAsync(['keys', 'create', '--tenant', 'other', '--scopes', 'orders:read'], env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--tenant other cannot be used with LASTMILE_URL');
    expect((await t.lm.database.executeSql(`select id from tenants where name = 'other'`, [])).rows).toHaveLength(0);
    const k = await runAsync(['keys', 'create', '--scopes', 'orders:read'], env);
    expect(k.code).toBe(0);
    expect(k.stdout).toMatch(/^lm_live_/);
  });

  test('a wrong key or an unreachable server exits 3', async () => {
    expect((await runAsync(['orders', 'list'], { LASTMILE_URL: url, LASTMILE_API_KEY: 'lm_live_wrong' })).code).toBe(3);
    const down = await runAsync(['orders', 'list'], { LASTMILE_URL: 'http://127.0.0.1:1', LASTMILE_API_KEY: key });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('Cannot reach the lastmile server');
  });
});
