import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';
import type { TestLastmile } from './helpers/engines.js';
import { orderInput } from './helpers/factories.js';
import { cliWorkspace, ORDERS_CSV_HEADER } from './helpers/processes.js';

let t: TestLastmile;
let app: FastifyInstance;
let key: string;
let tenantId: string;
const auth = () => ({ authorization: `Bearer ${key}` });

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({});
  ({ t, app, key, tenantId } = f);
});
afterAll(async () => {
  await f?.close();
});

const LINES = [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' as const } }];
const create = async (over: Parameters<typeof orderInput>[0]) => (await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: LINES, ...over })), 'test')).order;

describe('decisions', () => {
  test('POST /v1/orders/:id/decide keeps the decision and its explanation on the order', async () => {
    const order = await create({ lines: [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' } }] });
    const r = await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/decide`, headers: auth() });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.status).toBe('decided');
    expect(body.decision).toMatchObject({ mode: 'parcel', chosen: { card: expect.any(String), promise: { expected: expect.any(String), latest: expect.any(String) } } });
    expect(body.decision.candidates.length).toBeGreaterThan(3);
    const stored = (await app.inject({ url: `/v1/orders/${order.id}`, headers: auth() })).json();
    expect(stored).toMatchObject({ status: 'decided', decision: { chosen: { card: body.decision.chosen.card } } });
    const events = (await app.inject({ url: `/v1/orders/${order.id}/events`, headers: auth() })).json().data;
    expect(events).toContainEqual(expect.objectContaining({ type: 'order.decided' }));
    // Editing a decided order sends it back to ready and clears the decision.
    const patched = (await app.inject({ method: 'PATCH', url: `/v1/orders/${order.id}`, headers: auth(), payload: { tags: ['rush'] } })).json();
    expect(patched).toMatchObject({ status: 'ready', decision: null });
  });

  test('a pilot tags the orders it takes', async () => {
    await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: { pilots: [{ name: 'usps-try', service: 'sample-usps-ground-advantage', share: 1 }] } });
    const order = await create({});
    const d = (await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/decide`, headers: auth() })).json();
    expect(d.decision).toMatchObject({ pilot: 'usps-try', chosen: { card: 'sample-usps-ground-advantage' } });
    expect((await app.inject({ url: `/v1/orders/${order.id}`, headers: auth() })).json().tags).toContain('pilot:usps-try');
    await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: {} });
  });

  test('PO boxes and general delivery go to a carrier that delivers there, the others excluded with the reason', async () => {
    for (const line1 of ['PO Box 55', 'General Delivery']) {
      const order = await create({ ship_to: { ...orderInput().ship_to, line1 } });
      expect(order.address_check?.classification).toMatchObject(line1 === 'PO Box 55' ? { po_box: true } : { general_delivery: true });
      const d = (await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/decide`, headers: auth() })).json().decision;
      expect(d.chosen.carrier).toBe('usps');
      expect(d.excluded).toContainEqual(expect.objectContaining({ reason: 'does not deliver to PO boxes' }));
    }
  });

  test('an order in address review is not decided', async () => {
    const order = await create({ ship_to: { ...orderInput().ship_to, postal_code: '99999' } });
    const r = await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/decide`, headers: auth() });
    expect(r.statusCode).toBe(409);
  });

  test('rules: saved with a report of conflicts and unreachable rules; bad rules are 400', async () => {
    const put = await app.inject({
      method: 'PUT', url: '/v1/routing/rules', headers: auth(),
      payload: { rules: [{ id: 'a', priority: 1, when: { states: ['MA'] }, then: { allow_carriers: ['usps'] } }, { id: 'b', priority: 2, when: {}, then: { deny_carriers: ['usps'] } }] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().report.conflicts).toEqual([{ rules: ['a', 'b'], reasons: ['carrier usps allowed and denied'], winner: 'a' }]);
    // The same report without saving (editors show it while the rules are typed).
    const check = await app.inject({ method: 'POST', url: '/v1/routing/rules/check', headers: auth(), payload: { rules: [{ id: 'x', priority: 1, then: { mode: 'truck' } }, { id: 'y', priority: 2, then: { mode: 'parcel' } }, { id: 'y', priority: 3, then: {} }] } });
    expect(check.json()).toEqual({ conflicts: [{ rules: ['x', 'y'], reasons: ['mode truck vs parcel'], winner: 'x' }], unreachable: [], duplicates: ['y'] });
    expect((await app.inject({ url: '/v1/routing/rules', headers: auth() })).json().rules).toHaveLength(2);
    const order = await create({});
    const d = (await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/decide`, headers: auth() })).json().decision;
    expect(d.rules_applied).toEqual(['a', 'b']);
    expect(d.chosen.carrier).toBe('usps');
    expect((await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: { rules: [{ id: 'x', priority: 1, when: { nope: 1 }, then: {} }] } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: { rules: [{ id: 'x', priority: 1, then: {} }, { id: 'x', priority: 2, then: {} }] } })).statusCode).toBe(400);
    await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: {} });
  });

  test('pickup points import from CSV with row and column errors', async () => {
    const good = 'id,operator,carrier,name,line1,city,state,postal_code,country,lat,lon,opening_hours,compartments\nL1,amazon_hub,,Hub Locker,1 Main St,Boston,MA,02108,US,42.357,-71.064,24/7,S 38x64x8cm 25kg; M 38x64x19cm 25kg\n';
    const r = await app.inject({ method: 'POST', url: '/v1/pickup-points/import', headers: { ...auth(), 'content-type': 'text/csv' }, payload: good });
    expect(r.json()).toEqual({ imported: 1 });
    const bad = await app.inject({ method: 'POST', url: '/v1/pickup-points/import', headers: { ...auth(), 'content-type': 'text/csv' }, payload: good.replace('S 38x64x8cm 25kg', 'small').replace('42.357', 'north') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['row 2, column compartments', 'row 2, column lat']);
    expect((await app.inject({ url: '/v1/pickup-points', headers: auth() })).json().data).toHaveLength(1);
  });

  test('POST /v1/routing/plan decides a batch as a job, under quotas', async () => {
    const a = await create({});
    const b = await create({});
    await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: { quotas: [{ service: 'sample-usps-ground-advantage', daily_capacity: 1 }] } });
    const r = await app.inject({ method: 'POST', url: '/v1/routing/plan', headers: auth(), payload: { order_ids: [a.id, b.id], apply: true } });
    expect(r.statusCode).toBe(202);
    let job;
    for (let i = 0; i < 100; i++) {
      job = (await app.inject({ url: `/v1/jobs/${r.json().job_id}`, headers: auth() })).json();
      if (job.state === 'succeeded' || job.state === 'failed') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ orders: 2, decided: 2, applied: true });
    expect(job.result.assignments.filter((x: { card: string }) => x.card === 'sample-usps-ground-advantage').length).toBeLessThanOrEqual(1);
    expect(job.result.total_cost.amount).toBeLessThanOrEqual(job.result.greedy_cost.amount);
    expect(job.result.total_cost.currency).toBe('USD');
    // Each placed order comes with the sentence for the service it was given.
    for (const a of job.result.assignments) expect(a.explanation.en).toMatch(/^.+, \$\d+\.\d\d: /);
    await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: {} });
  });
});

describe('./bin/lastmile route', () => {
  test('decides the ready orders of the local database; a usage error without orders', () => {
    const { run } = cliWorkspace('lastmile-route-', `${ORDERS_CSV_HEADER}\nR-1,Ana,12 Beacon St,Boston,MA,02108,US,,1,2,lb,10.00,USD\n`);
    const r = run(['route', '--status', 'pending', '--lang', 'zh']);
    expect(r.status).toBe(0);
    // One line per order: its id and the sentence that explains the choice (here in Chinese).
    expect(r.stdout).toMatch(/^ord_\w+ {2}.+，\$\d+\.\d\d：.+预计\d+月\d+日（周.）送达/);
    expect(r.stderr).toContain('1 of 1 orders placed');
    expect(r.stderr).toContain('decisions saved');
    expect(run(['route']).status).toBe(2);
    // Three CLI processes, each opening the embedded database and loading the address data.
  }, 120_000);
});
