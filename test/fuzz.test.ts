import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp } from '../src/api/app.js';
import { ManualClock } from '../src/kernel/clock.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { postgresAvailable, startLastmile, type Engine, type TestLastmile } from './helpers/engines.js';
import { orderInput, warehouseInput } from './helpers/factories.js';
import { fuzzApi } from './helpers/fuzz.js';

/**
 * ≥ 2,000 generated and mutated requests across every operation of the OpenAPI document, on
 * each database engine: no 5xx, and every error is problem+json. Seeded: the same requests on
 * every run (FUZZ_SEED picks another set; FUZZ_PER_OPERATION sends more).
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261204);
const PER_OPERATION = Number(process.env['FUZZ_PER_OPERATION'] ?? 30);

for (const engine of ['pglite', 'postgres'] as Engine[]) {
  describe.runIf(engine === 'pglite' || (await postgresAvailable()))(`fuzzing the API (${engine})`, () => {
    let t: TestLastmile;
    let app: FastifyInstance;
    let key: string;
    const ids: string[] = [];

    beforeAll(async () => {
      t = await startLastmile(engine, {
        clock: new ManualClock('2026-11-26T12:00:00Z'),
        config: { rateLimit: { perSecond: 1_000_000, burst: 1_000_000 }, authFailures: { perMinute: 1_000_000, burst: 1_000_000 }, trackingScanMs: 0, channelSyncMs: 0, idempotencyWaitMs: 200, allowPrivateTargets: false },
      });
      const tenantId = (await t.lm.services.tenants.ensureTenant('acme')).tenant.id;
      key = (await t.lm.services.tenants.createApiKey(tenantId, { name: 'fuzz', scopes: ['admin'], mode: 'test' })).secret;
      const wh = await t.lm.services.warehouses.create(tenantId, warehouseInput({ code: 'ONT1' }));
      const order = (await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1' })), 'test')).order;
      ids.push(order.id, wh.id, 'ONT1', tenantId);
      app = await buildHttpApp(t.lm, { logLevel: 'silent' });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    test('no 5xx and problem+json errors, across every operation', async () => {
      const report = await fuzzApi(app, { auth: `Bearer ${key}`, ids, perOperation: PER_OPERATION, seed: SEED });
      // The figures for bench/RESULTS.md.
      console.log(`fuzz ${engine}: ${report.requests} requests over ${report.operations} operations; statuses ${JSON.stringify(report.statuses)}; ${report.failures.length} failures`);
      expect(report.operations).toBeGreaterThan(60);
      expect(report.requests).toBeGreaterThanOrEqual(2000);
      expect(report.failures.slice(0, 20)).toEqual([]);
    }, 600_000);
  });
}
