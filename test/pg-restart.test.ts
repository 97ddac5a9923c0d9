import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { JOB_ORDERS_IMPORT, buildLastmile, type Lastmile } from '../src/main.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { testConfig } from './helpers/engines.js';
import { orderInput, warehouseInput } from './helpers/factories.js';
import { MUG } from './helpers/api-fixture.js';

/**
 * PostgreSQL restarts while the service works: an order import job, label purchases through the
 * outbox and tracking ingestion are running. The service must recover by itself, with nothing
 * lost or done twice. The test runs its own PostgreSQL cluster (initdb in a temporary
 * directory) so that restarting it does not disturb the other suites that share the server.
 */
const PG_BIN = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(join(d, 'initdb'))) : undefined;
const isRoot = process.getuid?.() === 0;
const canRun = !!PG_BIN && (isRoot || process.env['USER'] === 'postgres');

const asPostgres = (cmd: string, args: string[]) => (isRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN!, cmd), ...args], { stdio: 'pipe' }) : execFileSync(join(PG_BIN!, cmd), args, { stdio: 'pipe' }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries an operation the way a client does when the service answers with an error. */
async function retrying<T>(fn: () => Promise<T>, what: string): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= 200) throw new Error(`${what} kept failing: ${(e as Error).message}`);
      await sleep(100);
    }
  }
}

describe.runIf(canRun)('PostgreSQL restarts under load', () => {
  let dir: string;
  let port: number;
  let lm: Lastmile;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lastmile-pg-'));
    if (isRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    chmodSync(dir, 0o700);
    port = await freePort();
    asPostgres('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start']);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('create database lm');
    await admin.end();
    lm = await buildLastmile(
      testConfig({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/lm`, trackingScanMs: 0, channelSyncMs: 0, outbox: { maxAttempts: 50, baseDelayMs: 50, maxDelayMs: 500, leaseMs: 3000, sweepMs: 200, concurrency: 4 } }),
      { clock: new ManualClock('2026-11-26T12:00:00Z') },
    );
  }, 120_000);

  afterAll(async () => {
    // Bounded: a slow shutdown must not hold the suite (the assertions are made by then).
    await Promise.race([lm?.close().catch(() => undefined), sleep(20_000)]);
    if (dir) {
      spawnSync(isRoot ? 'runuser' : join(PG_BIN!, 'pg_ctl'), isRoot ? ['-u', 'postgres', '--', join(PG_BIN!, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', '-W', 'stop'] : ['-D', join(dir, 'data'), '-m', 'immediate', '-W', 'stop'], { timeout: 20_000 });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an import, label purchases and tracking ingestion all finish, exactly once each', async () => {
    const { tenants, warehouses, orders, routing, shipments, jobs, tracking } = lm.services;
    const tenantId = (await tenants.ensureTenant('acme')).tenant.id;
    await warehouses.create(tenantId, warehouseInput({ code: 'ONT1' }));
    await lm.startWorkers();

    const ORDERS_TO_LABEL = 30;
    const decided: string[] = [];
    for (let i = 0; i < ORDERS_TO_LABEL; i++) {
      const o = (await orders.create(tenantId, orderCreateSchema.parse(orderInput({ external_id: `L-${i}`, warehouse_id: 'ONT1', lines: MUG })), 'test')).order;
      await routing.decideOrder(tenantId, o.id, 'test');
      decided.push(o.id);
    }

    // An import of 1,500 orders, as an uploaded file handed to the job queue.
    const IMPORTED = 1500;
    const header = 'external_id,warehouse,ship_to_name,ship_to_line1,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,line_name,quantity,weight,weight_unit,order_value,currency';
    const rows = Array.from({ length: IMPORTED }, (_, i) => `IMP-${i},ONT1,Ana ${i},${100 + i} Main St,Springfield,IL,62704,US,Mug,1,2,lb,20.00,USD`);
    const file = join(lm.config.uploadDir, 'restart-test.upload');
    writeFileSync(file, [header, ...rows].join('\n'));
    const job = await jobs.enqueue(tenantId, JOB_ORDERS_IMPORT, { file }, IMPORTED);

    // Label purchases and tracking ingestion run while the database goes away and comes back.
    const purchases = (async () => {
      // A client that lost the answer asks again; "it already has a shipment" means it was done.
      const buy = (id: string) => shipments.createForOrder(tenantId, id, { actor: 'test' }).catch((e: unknown) => {
        if ((e as { details?: { order_status?: string } }).details?.order_status === 'fulfilling') return null;
        throw e;
      });
      for (const id of decided) await retrying(() => buy(id), `label for ${id}`);
    })();
    const EVENTS_PER_PARCEL = 3;
    const ingest = (async () => {
      const done = new Set<string>();
      for (let round = 0; done.size < ORDERS_TO_LABEL && round < 600; round++) {
        const list = await retrying(() => shipments.list(tenantId, {}, { limit: 100 }), 'list shipments');
        for (const s of list.data.filter((x) => x.status === 'labeled' && !done.has(x.id))) {
          const tn = s.tracking_numbers[0]!;
          const events = Array.from({ length: EVENTS_PER_PARCEL }, (_, k) => ({ tracking_number: tn, carrier: s.carrier, code: 'IN_TRANSIT', description: `scan ${k}`, occurred_at: `2026-11-25T0${k}:00:00.000Z`, location: 'Chicago, IL', status: 'in_transit' as const, sub_status: null, known: true, proof: null, source: 'api' }));
          // A carrier whose webhook failed sends it again: the same events twice must count once.
          await retrying(() => tracking.ingest(tenantId, events), `ingest ${tn}`);
          done.add(s.id);
        }
        await sleep(100);
      }
      return done.size;
    })();

    await sleep(400);
    const restart = Date.now();
    asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'restart', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log')]);
    const restartedInMs = Date.now() - restart;
    const atRestart = await retrying(() => jobs.get(tenantId, job.id), 'job');

    await purchases;
    expect(await ingest).toBe(ORDERS_TO_LABEL);
    // Everything settles by itself: the outbox buys what is pending, the job queue retries the import.
    let state = '';
    for (let i = 0; i < 600 && state !== 'succeeded'; i++) {
      state = (await retrying(() => jobs.get(tenantId, job.id), 'job')).state;
      if (state === 'failed') {
        const j = await jobs.get(tenantId, job.id);
        if (!/will be retried/.test(j.error?.message ?? '')) break;
      }
      await sleep(200);
    }
    expect(state).toBe('succeeded');
    let labeled = 0;
    for (let i = 0; i < 600 && labeled < ORDERS_TO_LABEL; i++) {
      labeled = (await shipments.list(tenantId, {}, { limit: 100 })).data.filter((s) => s.status !== 'label_pending').length;
      if (labeled < ORDERS_TO_LABEL) await sleep(100);
    }

    const q = async (sql: string) => (await lm.database.executeSql(sql, [])).rows as Record<string, unknown>[];
    // The outbox's follow-ups (tracking write-back per label) drain too.
    for (let i = 0; i < 300 && (await q(`select count(*)::int as n from outbox where state = 'pending'`))[0]!['n'] !== 0; i++) await sleep(100);
    const imported = await q(`select count(*)::int as n, count(distinct external_id)::int as d from orders where external_id like 'IMP-%'`);
    expect(imported[0]).toEqual({ n: IMPORTED, d: IMPORTED });
    const perOrder = await q(`select order_id, count(*)::int as n from shipments group by order_id having count(*) <> 1`);
    expect(perOrder).toEqual([]);
    const states = await q(`select status, count(*)::int as n from shipments group by status`);
    expect(states).toEqual([{ status: 'in_transit', n: ORDERS_TO_LABEL }]);
    const parcels = await q(`select count(*)::int as n, count(distinct tracking_number)::int as d from parcels`);
    expect(parcels[0]).toEqual({ n: ORDERS_TO_LABEL, d: ORDERS_TO_LABEL });
    const events = await q(`select count(*)::int as n from tracking_events`);
    expect(events[0]).toEqual({ n: ORDERS_TO_LABEL * EVENTS_PER_PARCEL });
    const pendingOutbox = await q(`select count(*)::int as n from outbox where state = 'pending'`);
    expect(pendingOutbox[0]).toEqual({ n: 0 });
    console.log(`PostgreSQL restart: down ${restartedInMs} ms (the import job was ${atRestart.state}, ${atRestart.progress.done} rows in); import ${IMPORTED} orders, ${ORDERS_TO_LABEL} labels, ${ORDERS_TO_LABEL * EVENTS_PER_PARCEL} events: all stored once`);
  }, 240_000);
});
