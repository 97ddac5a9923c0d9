import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiFixture, MUG, type ApiFixture } from './helpers/api-fixture.js';
import { orderInput, warehouseInput } from './helpers/factories.js';

// The order queue's search and filters (GET /v1/orders), as the dashboard's orders page uses
// them: order number, customer name, e-mail or postal code; warehouse; decision mode and carrier.

let f: ApiFixture;
const ids: Record<string, string> = {};
let ewr = '';
const SOFA = { sku: null, name: 'Sofa', quantity: 1, weight: { value: 180, unit: 'lb' as const }, dimensions: { length: 84, width: 38, height: 34, unit: 'in' as const } };

beforeAll(async () => {
  f = await apiFixture({});
  ewr = (await f.t.lm.services.warehouses.create(f.tenantId, warehouseInput({ code: 'EWR1', name: 'Newark', address: { ...warehouseInput().address, city: 'Newark', state: 'NJ', postal_code: '07114' }, timezone: 'America/New_York' }))).id;
  const make = async (key: string, over: Record<string, unknown>) => {
    const r = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ external_id: key, lines: MUG, ...over }) });
    expect(r.statusCode).toBe(201);
    ids[key] = r.json().id;
  };
  await make('SHOP-1001', { warehouse_id: 'ONT1', ship_to: { name: 'Wang Fang', email: 'fang.wang@example.com', line1: '12 Beacon St', city: 'Boston', state: 'MA', postal_code: '02108', country: 'US' } });
  await make('SHOP-1002', { warehouse_id: 'ONT1', ship_to: { name: 'Ana Garcia', email: 'ana@example.org', line1: '1 Market St', city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' } });
  await make('AMZ_77', { warehouse_id: 'EWR1', ship_to: { name: '王芳', company: 'Acme Trading', line1: '350 5th Ave', city: 'New York', state: 'NY', postal_code: '10118', country: 'US' } });
  await make('AMZX77', { warehouse_id: 'ONT1', ship_to: { name: 'Ana Lopez', line1: '9 Elm St', city: 'Boston', state: 'MA', postal_code: '02108', country: 'US' } });
  await make('SOFA-1', { warehouse_id: 'ONT1', lines: [SOFA], ship_to: { name: 'Big Buyer', line1: '100 Main St', city: 'Irvine', state: 'CA', postal_code: '92618', country: 'US' } });
  for (const k of ['SHOP-1001', 'SOFA-1']) expect((await f.app.inject({ method: 'POST', url: `/v1/orders/${ids[k]}/decide`, headers: f.auth() })).statusCode).toBe(200);
});
afterAll(async () => {
  await f?.close();
});

const list = async (query: string) => {
  const r = await f.app.inject({ url: `/v1/orders?${query}`, headers: f.auth() });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().data as { external_id: string }[]).map((o) => o.external_id).sort();
};

describe('the order queue', () => {
  test('searches the order number from its start, words of the name, company and e-mail, the postal code exactly, in any case', async () => {
    expect(await list('q=shop-10')).toEqual(['SHOP-1001', 'SHOP-1002']);
    expect(await list('q=1001')).toEqual([]);
    expect(await list('q=fang')).toEqual(['SHOP-1001']);
    expect(await list('q=FA')).toEqual(['SHOP-1001']);
    expect(await list('q=ana')).toEqual(['AMZX77', 'SHOP-1002']);
    expect(await list(`q=${encodeURIComponent('ana lo')}`)).toEqual(['AMZX77']);
    expect(await list('q=ana@example.org')).toEqual(['SHOP-1002']);
    expect(await list(`q=${encodeURIComponent('王芳')}`)).toEqual(['AMZ_77']);
    expect(await list('q=acme')).toEqual(['AMZ_77']);
    expect(await list('q=94105')).toEqual(['SHOP-1002']);
    expect(await list('q=9410')).toEqual([]);
    // LIKE's wildcards and tsquery's operators are searched for as they are.
    expect(await list(`q=${encodeURIComponent('amz_')}`)).toEqual(['AMZ_77']);
    expect(await list(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await list(`q=${encodeURIComponent("fang' | !x & (")}`)).toEqual([]);
  });

  test('filters by warehouse, decision mode and carrier, combined with the other filters', async () => {
    expect(await list(`warehouse_id=${ewr}`)).toEqual(['AMZ_77']);
    expect(await list('mode=truck')).toEqual(['SOFA-1']);
    expect(await list('mode=parcel')).toEqual(['SHOP-1001']);
    const carrier = (await f.app.inject({ url: `/v1/orders/${ids['SHOP-1001']}`, headers: f.auth() })).json().decision.chosen.carrier as string;
    expect(await list(`carrier=${carrier}`)).toContain('SHOP-1001');
    expect(await list(`carrier=${carrier}&q=shop-1002`)).toEqual([]);
    expect(await list('status=decided&q=shop')).toEqual(['SHOP-1001']);
  });

  test('refuses a filter it does not know the value of, naming it', async () => {
    const r = await f.app.inject({ url: '/v1/orders?mode=boat', headers: f.auth() });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('querystring.mode');
    expect((await f.app.inject({ url: `/v1/orders?q=${'x'.repeat(201)}`, headers: f.auth() })).statusCode).toBe(400);
  });
});
