import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SandboxCarrier } from '../src/adapters/carriers/sandbox-carrier.js';
import { seededRandom } from '../src/kernel/random.js';
import type { Lastmile } from '../src/main.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { SAMPLE_CARDS } from '../src/rating/samples.js';
import type { StoredShipment } from '../src/shipments/ports.js';
import { createPostgresDatabase, postgresAvailable, startLastmile, type TestLastmile } from './helpers/engines.js';
import { orderInput, warehouseInput } from './helpers/factories.js';
import { serve } from './helpers/processes.js';

const CARRIERS = [...new Set(SAMPLE_CARDS.map((c) => c.carrier))];
const LINES = [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' as const }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' as const } }];


async function setUpTenant(lm: Lastmile, sandboxUrl: string, timeoutMs: number, orders: number) {
  const tenantId = (await lm.services.tenants.ensureTenant('acme')).tenant.id;
  await lm.services.warehouses.create(tenantId, warehouseInput({ code: 'ONT1' }));
  for (const carrier of CARRIERS) {
    await lm.services.shipments.saveAccount(tenantId, { kind: 'http', carrier, base_url: sandboxUrl, auth: { type: 'api_key', header: 'authorization', key: 'sandbox-key' }, timeout_ms: timeoutMs });
  }
  const ids: string[] = [];
  for (let i = 0; i < orders; i++) {
    ids.push((await lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: LINES })), 'test')).order.id);
  }
  const plan = await lm.services.routing.plan(tenantId, ids, { apply: true, actor: 'test' });
  expect(plan.unplaced).toEqual([]);
  return { tenantId, ids };
}

/** Exactly one carrier label per shipment, none without a shipment, and the numbers agree. */
function expectOneLabelPerShipment(sandbox: SandboxCarrier, shipments: StoredShipment[]) {
  const ledger = [...sandbox.labels.values()];
  expect(ledger).toHaveLength(shipments.length);
  const byKey = new Map(ledger.map((l) => [l.idempotency_key, l]));
  expect(byKey.size).toBe(ledger.length);
  for (const s of shipments) {
    expect(s.status).toBe('labeled');
    const l = byKey.get(s.purchase.idempotency_key!);
    expect(l, `label of ${s.id}`).toBeDefined();
    expect(l!.label_id).toBe(s.carrier_label_id);
    expect(l!.tracking_numbers).toEqual(s.tracking_numbers);
  }
}

async function allShipments(lm: Lastmile, tenantId: string): Promise<StoredShipment[]> {
  const out: StoredShipment[] = [];
  let cursor: string | undefined;
  do {
    const page = await lm.services.shipments.list(tenantId, {}, { limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

const engine = (await postgresAvailable()) ? 'postgres' : 'pglite';

describe('label purchases under carrier faults', () => {
  let t: TestLastmile;
  let sandbox: SandboxCarrier;
  beforeAll(async () => {
    // 30 % errors, 10 % carried out but never answered, 10 % delivered twice.
    sandbox = new SandboxCarrier({ errorRate: 0.3, timeoutRate: 0.1, duplicateRate: 0.1, hangMs: 1500, apiKey: 'sandbox-key', random: seededRandom(42) });
    const url = await sandbox.listen();
    t = await startLastmile(engine, { config: { outbox: { maxAttempts: 60, baseDelayMs: 10, maxDelayMs: 250, leaseMs: 10_000, sweepMs: 250, concurrency: 16 } } });
    (globalThis as { sandboxUrl?: string }).sandboxUrl = url;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  test('1,000 orders end with exactly one label each and no orphan purchase', async () => {
    const lm = t.lm;
    const { tenantId, ids } = await setUpTenant(lm, (globalThis as { sandboxUrl?: string }).sandboxUrl!, 200, 1000);
    await lm.startWorkers();
    const r = await lm.services.shipments.buyBatch(tenantId, ids, { batchId: 'job_faults', actor: 'test', pollMs: 200 });
    expect(r.counts).toMatchObject({ orders: 1000, skipped: 0, labeled: 1000 });
    const shipments = await allShipments(lm, tenantId);
    expectOneLabelPerShipment(sandbox, shipments);
    // The faults really happened, and were recovered from.
    expect(sandbox.stats.injected_errors).toBeGreaterThan(200);
    expect(sandbox.stats.injected_timeouts).toBeGreaterThan(50);
    expect(sandbox.stats.duplicates).toBeGreaterThan(20);
    expect(shipments.filter((s) => s.purchase.attempts > 1).length).toBeGreaterThan(100);
    expect(await lm.services.outbox['repo'].pending(tenantId)).toBe(0);
  }, 240_000);

  test('a purchase the carrier refuses ends in exception with its message, and can be retried', async () => {
    const lm = t.lm;
    const tenantId = (await lm.services.tenants.ensureTenant('acme')).tenant.id;
    const order = (await lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: LINES })), 'test')).order;
    await lm.services.routing.decideOrder(tenantId, order.id, 'test');
    // The sandbox refuses labels without a postal code: strip it on the stored shipment's way out.
    const s0 = await lm.services.shipments.createForOrder(tenantId, order.id, { purchase: false, actor: 'test' });
    await lm.database.executeSql(`update shipments set ship_to = ship_to - 'postal_code' where id = $1`, [s0.id]);
    await lm.services.shipments.purchase(tenantId, s0.id, 'test');
    let s = s0;
    for (let i = 0; i < 200 && (s = await lm.services.shipments.get(tenantId, s0.id)).status === 'label_pending'; i++) await new Promise((res) => setTimeout(res, 50));
    expect(s.status).toBe('exception');
    expect(s.error).toMatchObject({ code: 'CARRIER_REJECTED', carrier_message: expect.stringContaining('postal_code') });
    await lm.database.executeSql(`update shipments set ship_to = jsonb_set(ship_to, '{postal_code}', '"02108"') where id = $1`, [s0.id]);
    await lm.services.shipments.purchase(tenantId, s0.id, 'test');
    for (let i = 0; i < 400 && (s = await lm.services.shipments.get(tenantId, s0.id)).status === 'label_pending'; i++) await new Promise((res) => setTimeout(res, 50));
    expect(s.status).toBe('labeled');
    expect(s.purchase.idempotency_key).toBe(`${s0.id}:2`);
  }, 60_000);
});

describe.skipIf(engine !== 'postgres')('a worker killed mid-purchase', () => {
  test('the restarted worker looks the bought labels up instead of buying again', async () => {
    const db = await createPostgresDatabase();
    // Slow answers, so that purchases are in flight when the worker dies.
    const sandbox = new SandboxCarrier({ latencyMs: 400, apiKey: 'sandbox-key' });
    const url = await sandbox.listen();
    const dataDir = mkdtempSync(join(tmpdir(), 'lastmile-kill-'));
    const env = {
      PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'warn', DATABASE_URL: db.url, LASTMILE_DATA_DIR: dataDir,
      LASTMILE_OUTBOX_LEASE_MS: '1500', LASTMILE_OUTBOX_SWEEP_MS: '200', LASTMILE_OUTBOX_CONCURRENCY: '8', LASTMILE_OUTBOX_BASE_DELAY_MS: '10',
      LASTMILE_SECRET_KEY: 'kill-test-secret', LASTMILE_ALLOW_PRIVATE_TARGETS: 'true',
    };
    let child: ChildProcess | undefined;
    const start = async () => (await serve([], env)).child;
    const { buildLastmile } = await import('../src/main.js');
    const { testConfig } = await import('./helpers/engines.js');
    // Set up (and queue the purchases) from this process, without workers.
    const lm = await buildLastmile(testConfig({ databaseUrl: db.url, dataDir, secretKey: 'kill-test-secret' }));
    try {
      const { tenantId, ids } = await setUpTenant(lm, url, 5000, 60);
      for (const id of ids) await lm.services.shipments.createForOrder(tenantId, id, { actor: 'test' });
      child = await start();
      // Kill it while purchases are being answered.
      const deadline = Date.now() + 60_000;
      while (sandbox.stats.labels_created < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      // Requests in flight at the kill are carried out by the carrier after their latency.
      await new Promise((r) => setTimeout(r, 600));
      const boughtBeforeRestart = sandbox.stats.labels_created;
      const savedBeforeRestart = (await allShipments(lm, tenantId)).filter((s) => s.status === 'labeled').length;
      expect(boughtBeforeRestart).toBeGreaterThan(savedBeforeRestart);
      child = await start();
      let list: StoredShipment[] = [];
      for (let i = 0; i < 600; i++) {
        list = await allShipments(lm, tenantId);
        if (list.every((s) => s.status === 'labeled')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expectOneLabelPerShipment(sandbox, list);
      // Those bought but not saved before the kill were found again, not bought twice.
      expect(sandbox.stats.replays + list.filter((s) => s.purchase.attempts > 1).length).toBeGreaterThan(0);
    } finally {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child!.once('exit', r));
      }
      await lm.close();
      await sandbox.close();
      await db.drop();
    }
  }, 240_000);
});
