import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requestHash } from '../src/api/idempotency.js';
import type { Lastmile } from '../src/main.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { skuCreateSchema } from '../src/catalog/sku.schema.js';
import type { Engine, TestLastmile } from './helpers/engines.js';
import { startLastmile } from './helpers/engines.js';
import { orderInput, warehouseInput } from './helpers/factories.js';

/**
 * One behaviour suite for the storage layer, run once on PGlite and once on PostgreSQL
 * (repositories.pglite.test.ts, repositories.postgres.test.ts).
 */
export function repositorySuite(engine: Engine) {
  let t: TestLastmile;
  let lm: Lastmile;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    t = await startLastmile(engine);
    lm = t.lm;
    tenantA = (await lm.services.tenants.ensureTenant('alpha')).tenant.id;
    tenantB = (await lm.services.tenants.ensureTenant('beta')).tenant.id;
  });
  afterAll(async () => t?.close());

  describe(`migrations (${engine})`, () => {
    test('applying them again changes nothing', async () => {
      const { migrate } = await import('../src/adapters/db/database.js');
      await migrate(lm.database);
      expect((await lm.services.tenants.listTenants()).map((x) => x.name)).toEqual(['alpha', 'beta']);
    });
  });

  describe(`tenants and keys (${engine})`, () => {
    test('ensureTenant is idempotent', async () => {
      const again = await lm.services.tenants.ensureTenant('alpha');
      expect(again).toEqual({ tenant: expect.objectContaining({ id: tenantA }), created: false });
    });

    test('a key authenticates as its tenant until revoked, and only its hash is stored', async () => {
      const { key, secret } = await lm.services.tenants.createApiKey(tenantA, { name: 'k', scopes: ['orders:read'], mode: 'live' });
      expect(secret).toMatch(/^lm_live_[0-9A-Za-z]{32}$/);
      expect(await lm.services.tenants.authenticate(secret)).toEqual({ tenantId: tenantA, keyId: key.id, scopes: ['orders:read'] });
      const stored = await lm.database.executeSql('select key_hash from api_keys where id = $1', [key.id]);
      expect(JSON.stringify(stored.rows)).not.toContain(secret);
      await expect(lm.services.tenants.revokeApiKey(tenantB, key.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await lm.services.tenants.revokeApiKey(tenantA, key.id);
      expect(await lm.services.tenants.authenticate(secret)).toBeUndefined();
    });

    test('bootstrap does nothing once tenants exist', async () => {
      expect(await lm.services.tenants.bootstrap('x'.repeat(40))).toEqual({ created: false });
    });
  });

  describe(`warehouses (${engine})`, () => {
    test('codes are unique per tenant, not across tenants', async () => {
      const w = await lm.services.warehouses.create(tenantA, warehouseInput());
      await expect(lm.services.warehouses.create(tenantA, warehouseInput())).rejects.toMatchObject({ code: 'DUPLICATE' });
      const other = await lm.services.warehouses.create(tenantB, warehouseInput());
      expect(other.id).not.toBe(w.id);
      expect(await lm.services.warehouses.resolve(tenantA, 'ONT1')).toMatchObject({ id: w.id });
      await expect(lm.services.warehouses.get(tenantB, w.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const updated = await lm.services.warehouses.update(tenantA, w.id, { has_liftgate: true, pickup_cutoffs: [{ carrier: 'ups', cutoff: '17:00' }] });
      expect(updated).toMatchObject({ has_liftgate: true, pickup_cutoffs: [{ carrier: 'ups', cutoff: '17:00' }], timezone: 'America/Los_Angeles' });
    });
  });

  describe(`catalog (${engine})`, () => {
    test('weights and sizes are stored normalized and returned in the unit given', async () => {
      const s = await lm.services.catalog.create(
        tenantA,
        skuCreateSchema.parse({ sku: 'MUG-1', name: 'Mug', weight: { value: 5, unit: 'lb' }, dimensions: { length: 12, width: 10, height: 8, unit: 'in' }, flags: ['fragile'] }),
      );
      expect(s.weight).toEqual({ value: 5, unit: 'lb' });
      expect(s.dimensions).toEqual({ length: 12, width: 10, height: 8, unit: 'in' });
      const raw = await lm.database.executeSql('select weight_g, length_mm from skus where id = $1', [s.id]);
      const row = raw.rows[0] as { weight_g: number; length_mm: number };
      expect(row.weight_g).toBeCloseTo(2267.96185, 4);
      expect(row.length_mm).toBeCloseTo(304.8, 6);
    });

    test('CSV import upserts by SKU and reports bad rows with row and column', async () => {
      const csv = [
        'sku,name,weight,weight_unit,length,width,height,dimension_unit,declared_value,currency,hs_code,country_of_origin,flags,battery',
        'MUG-1,Mug v2,2.5,kg,30,20,15,cm,12.50,USD,6912.00,cn,fragile,no',
        'PB-1,Power bank,450g,,,,,,39.99,USD,850760,CN,,yes',
        'BAD-1,Bad,heavy,,,,,,,,,,,',
        'BAD-2,Bad flag,1,lb,,,,,,,,,explosive,',
      ].join('\n');
      const r = await lm.services.catalog.importCsv(tenantA, Readable.from([csv]));
      expect(r).toMatchObject({ rows: 4, created: 1, updated: 1, rejected: 2 });
      expect(r.errors).toEqual([
        { row: 4, column: 'weight', reason: expect.stringContaining('needs a unit') },
        { row: 5, column: 'flags', reason: expect.stringContaining('unknown flag "explosive"') },
      ]);
      const mug = await lm.services.catalog.get(tenantA, 'MUG-1');
      expect(mug).toMatchObject({ name: 'Mug v2', weight: { value: 2.5, unit: 'kg' }, hs_code: '691200', country_of_origin: 'CN', declared_value: { amount: 1250, currency: 'USD' } });
      expect((await lm.services.catalog.get(tenantA, 'PB-1')).flags).toEqual(['battery']);
      await expect(lm.services.catalog.get(tenantB, 'MUG-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe(`orders (${engine})`, () => {
    test('create deduplicates on (channel, external_id) per tenant', async () => {
      const input = orderCreateSchema.parse(orderInput({ external_id: 'X-1' }));
      const first = await lm.services.orders.create(tenantA, input, 'test');
      const again = await lm.services.orders.create(tenantA, input, 'test');
      expect(first.created).toBe(true);
      expect(again).toEqual({ order: first.order, created: false });
      const otherChannel = await lm.services.orders.create(tenantA, { ...input, channel: 'shopify' }, 'test');
      expect(otherChannel.created).toBe(true);
      const otherTenant = await lm.services.orders.create(tenantB, input, 'test');
      expect(otherTenant.created).toBe(true);
      expect(first.order.warehouse_id).toBe((await lm.services.warehouses.resolve(tenantA, 'ONT1'))!.id);
    });

    test('list pages newest first with filters, without gaps or repeats', async () => {
      const { tenant } = await lm.services.tenants.ensureTenant('pager');
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) {
        const o = orderInput({ external_id: `P-${i}`, channel: i % 2 ? 'shopify' : 'api', tags: i % 3 === 0 ? ['vip'] : [] });
        ids.push((await lm.services.orders.create(tenant.id, orderCreateSchema.parse(o), 'test')).order.id);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await lm.services.orders.list(tenant.id, {}, { limit: 5, cursor });
        seen.push(...page.data.map((o) => o.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      const shopify = await lm.services.orders.list(tenant.id, { channel: 'shopify' }, { limit: 100 });
      expect(shopify.data).toHaveLength(11);
      const vip = await lm.services.orders.list(tenant.id, { tag: 'vip', channel: 'api' }, { limit: 100 });
      expect(vip.data.map((o) => o.external_id).sort()).toEqual(['P-0', 'P-12', 'P-18', 'P-6']);
      const future = await lm.services.orders.list(tenant.id, { created_from: '2999-01-01T00:00:00Z' }, { limit: 100 });
      expect(future.data).toEqual([]);
      await expect(lm.services.orders.list(tenant.id, {}, { limit: 5, cursor: 'garbage' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    test('patch, cancel and the audit trail follow the lifecycle', async () => {
      const { order } = await lm.services.orders.create(tenantA, orderCreateSchema.parse(orderInput()), 'test');
      const patched = await lm.services.orders.update(tenantA, order.id, { ship_to: { ...order.ship_to, line2: 'Apt 9' }, tags: ['fixed'] }, 'api:key_x');
      expect(patched).toMatchObject({ status: 'ready', tags: ['fixed'], ship_to: { line2: 'Apt 9' }, address_check: { standardized: { line1: '12 BEACON ST APT 9' } } });
      await expect(lm.services.orders.update(tenantB, order.id, { tags: [] }, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const cancelled = await lm.services.orders.cancel(tenantA, order.id, 'customer asked', 'api:key_x');
      expect(cancelled).toMatchObject({ status: 'cancelled', cancel_reason: 'customer asked' });
      expect(cancelled.cancelled_at).not.toBeNull();
      await expect(lm.services.orders.update(tenantA, order.id, { tags: [] }, 'x')).rejects.toMatchObject({ code: 'INVALID_STATE' });
      const events = await lm.services.orders.events(tenantA, order.id);
      expect(events.map((e) => e.type)).toEqual(['order.updated', 'order.cancelled']);
      expect(events[1]).toMatchObject({ actor: 'api:key_x', data: { from: 'ready', reason: 'customer asked' } });
    });

    test('an invalid ship-to waits in address_review until fixed or accepted, with the issues on the order', async () => {
      const bad = orderInput({ external_id: 'ADDR-1', ship_to: { ...orderInput().ship_to, postal_code: '60614' } });
      const { order } = await lm.services.orders.create(tenantA, orderCreateSchema.parse(bad), 'test');
      expect(order.status).toBe('address_review');
      expect(order.address_check?.verdict).toBe('invalid');
      expect(order.address_check?.issues).toContainEqual(expect.objectContaining({ code: 'ZIP_STATE_MISMATCH', field: 'postal_code', severity: 'error' }));
      expect((await lm.services.orders.get(tenantA, order.id)).address_check).toEqual(order.address_check);

      const fixed = await lm.services.orders.update(tenantA, order.id, { ship_to: { ...order.ship_to, postal_code: '02108' } }, 'api:key_x');
      expect(fixed).toMatchObject({ status: 'ready', address_check: { verdict: 'valid', standardized: { line1: '12 BEACON ST', state: 'MA', postal_code: '02108' } } });
      const broken = await lm.services.orders.update(tenantA, order.id, { ship_to: { ...order.ship_to, postal_code: '00000' } }, 'api:key_x');
      expect(broken.status).toBe('address_review');

      await expect(lm.services.orders.acceptAddress(tenantB, order.id, 'new build', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const accepted = await lm.services.orders.acceptAddress(tenantA, order.id, 'new development, ZIP not in the data yet', 'api:key_ops');
      expect(accepted).toMatchObject({ status: 'ready', address_check: { verdict: 'invalid', accepted: { reason: 'new development, ZIP not in the data yet', actor: 'api:key_ops' } } });
      await expect(lm.services.orders.acceptAddress(tenantA, order.id, 'again', 'x')).rejects.toMatchObject({ code: 'INVALID_STATE' });
      const events = await lm.services.orders.events(tenantA, order.id);
      expect(events.map((e) => e.type)).toEqual(['order.updated', 'order.updated', 'order.address_accepted']);
      expect(events[1]).toMatchObject({ data: { status: { from: 'ready', to: 'address_review' }, address_verdict: 'invalid', address_issues: ['ZIP_UNKNOWN'] } });
      expect(events[2]).toMatchObject({ actor: 'api:key_ops', data: { reason: 'new development, ZIP not in the data yet', issues: ['ZIP_UNKNOWN'] } });
    });

    test('CSV import reports every bad row, saves the good ones, and skips them on re-import', async () => {
      const { tenant } = await lm.services.tenants.ensureTenant('importer');
      const file = readFileSync(new URL('./fixtures/orders-template.csv', import.meta.url));
      const first = await lm.services.orderImport.importCsv(tenant.id, Readable.from([file]), { sourceRef: 'import:one' });
      // Row 8 chooses pickup point LOCKER-17, which the tenant's (empty) directory does not have.
      expect(first).toMatchObject({ format: 'csv', rows: 12, orders_created: 2, duplicates_skipped: 0, orders_rejected: 9, rows_rejected: 9 });
      expect(first.errors.map((e) => [e.row, e.column])).toEqual([
        [5, 'quantity'], [6, 'ship_to_email'], [7, 'order_value'], [8, 'pickup_point_id'], [9, 'external_id'], [10, 'warehouse'], [11, 'sku'], [12, 'weight_unit'], [13, 'external_id'],
      ]);
      expect(first.errors[3]!.reason).toBe('Unknown pickup point LOCKER-17');
      expect(first.errors[8]!.reason).toContain('appears earlier in this file');
      const second = await lm.services.orderImport.importCsv(tenant.id, Readable.from([file]), { sourceRef: 'import:two' });
      expect(second).toMatchObject({ orders_created: 0, duplicates_skipped: 3, orders_rejected: 8 });
      // With LOCKER-17 in the directory, its order imports.
      await lm.services.routing.addPickupPoints(tenant.id, [{ id: 'LOCKER-17', operator: 'amazon_hub', name: 'Hub Locker', line1: '1 Elm St', city: 'Denver', state: 'CO', postal_code: '80202', country: 'US', lat: 39.75, lon: -104.99, compartments: [{ size: 'M', length_cm: 30, width_cm: 42, height_cm: 19, max_weight_kg: 10 }] }]);
      const third = await lm.services.orderImport.importCsv(tenant.id, Readable.from([file]), { sourceRef: 'import:three' });
      expect(third).toMatchObject({ orders_created: 1, orders_rejected: 7 });
      const all = await lm.services.orders.list(tenant.id, {}, { limit: 100 });
      expect(all.data).toHaveLength(3);
    });
  });

  describe(`idempotency store (${engine})`, () => {
    test('claim returns the first record to later claimers; stored responses are sealed, not in clear', async () => {
      const h = requestHash('POST', '/v1/orders', { a: 1 });
      const now = new Date('2026-11-26T12:00:00Z');
      expect(await lm.idempotency.claim(tenantA, 'k1', { requestHash: h, method: 'POST', path: '/v1/orders' }, now)).toBeUndefined();
      const pending = await lm.idempotency.claim(tenantA, 'k1', { requestHash: h, method: 'POST', path: '/v1/orders' }, now);
      expect(pending).toMatchObject({ requestHash: h, response: null });
      expect(pending?.createdAt.toISOString()).toBe(now.toISOString());
      await lm.idempotency.complete(tenantA, 'k1', { statusCode: 201, body: { id: 'ord_1', secret: 'lm_live_shown_once' } });
      const done = await lm.idempotency.claim(tenantA, 'k1', { requestHash: h, method: 'POST', path: '/v1/orders' }, now);
      expect(done?.response).toEqual({ statusCode: 201, body: { id: 'ord_1', secret: 'lm_live_shown_once' } });
      const raw = await lm.database.executeSql(`select response_body::text as b from idempotency_keys where tenant_id = $1 and key = 'k1'`, [tenantA]);
      expect(JSON.stringify(raw)).not.toContain('lm_live_shown_once');
      expect(JSON.stringify(raw)).not.toContain('ord_1');
      expect(await lm.idempotency.claim(tenantB, 'k1', { requestHash: h, method: 'POST', path: '/v1/orders' }, now)).toBeUndefined();
      // A response an earlier version stored in clear is sealed on start, and still replays.
      await lm.database.executeSql(`update idempotency_keys set status_code = 201, response_body = '{"secret":"lm_live_legacy"}'::jsonb where tenant_id = $1 and key = 'k1'`, [tenantB]);
      expect(await lm.idempotency.sealStored()).toBe(1);
      expect(JSON.stringify(await lm.database.executeSql(`select response_body::text from idempotency_keys`, []))).not.toContain('lm_live_legacy');
      expect((await lm.idempotency.peek(tenantB, 'k1'))?.response).toEqual({ statusCode: 201, body: { secret: 'lm_live_legacy' } });
    });
  });

  describe(`jobs (${engine})`, () => {
    test('a job runs through the queue and reports progress and result', async () => {
      const seen: number[] = [];
      lm.services.jobs.register('test.count', async ({ job, progress }) => {
        const n = (job.params as { n: number }).n;
        for (let i = 1; i <= n; i++) {
          progress(i, n);
          seen.push(i);
        }
        return { counted: n };
      });
      await lm.services.jobs.startWorkers();
      const job = await lm.services.jobs.enqueue(tenantA, 'test.count', { n: 3 }, 3);
      expect(job).toMatchObject({ state: 'queued', progress: { done: 0, total: 3 } });
      let current = job;
      for (let i = 0; i < 100 && current.state !== 'succeeded' && current.state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        current = await lm.services.jobs.get(tenantA, job.id);
      }
      expect(current).toMatchObject({ state: 'succeeded', progress: { done: 3, total: 3 }, result: { counted: 3 } });
      expect(seen).toEqual([1, 2, 3]);
      await expect(lm.services.jobs.get(tenantB, job.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
