import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../../src/api/app.js';
import type { Config } from '../../src/config.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { startLastmile, type TestLastmile } from './engines.js';
import { orderCreateSchema } from '../../src/orders/order.schema.js';
import type { StoredShipment } from '../../src/shipments/ports.js';
import { orderInput, warehouseInput } from './factories.js';

/** The instant every API fixture starts at: tests never depend on today's date. */
export const FIXTURE_NOW = '2026-11-26T12:00:00Z';

export interface ApiFixture {
  t: TestLastmile;
  /** The service's clock: stands at FIXTURE_NOW until a test moves it. */
  clock: ManualClock;
  app: FastifyInstance;
  key: string;
  tenantId: string;
  auth: () => { authorization: string };
  close(): Promise<void>;
}

/**
 * An HTTP app on a fresh PGlite: tenant acme with an admin key and warehouse ONT1, workers
 * running, a generous rate limit and fast outbox retries, and a clock of its own.
 */
export async function apiFixture(config: Partial<Config> = {}, opts: { clock?: ManualClock } = {}): Promise<ApiFixture> {
  const clock = opts.clock ?? new ManualClock(FIXTURE_NOW);
  const t = await startLastmile('pglite', {
    clock,
    config: { rateLimit: { perSecond: 1000, burst: 1000 }, outbox: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 200, leaseMs: 2000, sweepMs: 200, concurrency: 4 }, ...config },
  });
  const tenantId = (await t.lm.services.tenants.ensureTenant('acme')).tenant.id;
  const key = (await t.lm.services.tenants.createApiKey(tenantId, { name: 'k', scopes: ['admin'], mode: 'test' })).secret;
  await t.lm.services.warehouses.create(tenantId, warehouseInput({ code: 'ONT1' }));
  await t.lm.startWorkers();
  const app = await buildHttpApp(t.lm, { logLevel: 'silent' });
  return {
    t, clock, app, key, tenantId,
    auth: () => ({ authorization: `Bearer ${key}` }),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

export const MUG = [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' as const }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' as const } }];

/** A new order, decided, with its shipment labeled (waits for the outbox). */
export async function labeledShipment(f: Pick<ApiFixture, 't' | 'tenantId'>, over: Parameters<typeof orderInput>[0] = {}): Promise<StoredShipment> {
  const { t, tenantId } = f;
  const order = (await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: MUG, ...over })), 'test')).order;
  await t.lm.services.routing.decideOrder(tenantId, order.id, 'test');
  const s0 = await t.lm.services.shipments.createForOrder(tenantId, order.id, { actor: 'test' });
  for (let i = 0; i < 200; i++) {
    const s = await t.lm.services.shipments.get(tenantId, s0.id);
    if (s.status === 'labeled') return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`shipment ${s0.id} was not labeled`);
}

/** An order to this city (a mug from ONT1) created and decided through the API: the decision's answer and the order's id. */
export async function decidedViaApi(f: Pick<ApiFixture, 'app' | 'auth'>, to: { city: string; state: string; postal_code: string }): Promise<Record<string, any>> {
  const o = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ warehouse_id: 'ONT1', lines: MUG, ship_to: { name: 'Ana Garcia', line1: '12 Beacon St', country: 'US', ...to } } as never) });
  if (o.statusCode !== 201) throw new Error(`order not created: ${o.body}`);
  const d = await f.app.inject({ method: 'POST', url: `/v1/orders/${o.json().id}/decide`, headers: f.auth() });
  if (d.statusCode !== 200) throw new Error(`order not decided: ${d.body}`);
  return { ...d.json(), order_id: o.json().id };
}

/** A shipment for a decided order through the API, once the outbox has bought its label (or given up). */
export async function shipViaApi(f: Pick<ApiFixture, 'app' | 'auth'>, orderId: string): Promise<Record<string, any>> {
  const created = await f.app.inject({ method: 'POST', url: '/v1/shipments', headers: f.auth(), payload: { order_id: orderId } });
  if (created.statusCode !== 201) throw new Error(`shipment not created: ${created.body}`);
  let s = created.json();
  for (let i = 0; i < 200 && s.status === 'label_pending'; i++) {
    await new Promise((r) => setTimeout(r, 25));
    s = (await f.app.inject({ url: `/v1/shipments/${s.id}`, headers: f.auth() })).json();
  }
  return s;
}
