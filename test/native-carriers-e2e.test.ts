import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiFixture, decidedViaApi, shipViaApi, type ApiFixture } from './helpers/api-fixture.js';
import { startUpsMock, type UpsMock } from './helpers/ups-mock.js';
import { startUspsMock, type UspsMock } from './helpers/usps-mock.js';
import { startFedexMock, type FedexMock } from './helpers/fedex-mock.js';

type Json = Record<string, any>;
let f: ApiFixture;
let ups: UpsMock;
let usps: UspsMock;
let fedex: FedexMock;

const problems = () => [...ups.requests, ...usps.requests, ...fedex.requests].flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));

const decided = (postal_code: string, state: string, city: string) => decidedViaApi(f, { postal_code, state, city });

beforeAll(async () => {
  ups = await startUpsMock({ clientId: 'ups-client', clientSecret: 'ups-secret' });
  usps = await startUspsMock({ clientId: 'usps-key', clientSecret: 'usps-secret' });
  fedex = await startFedexMock({ clientId: 'fdx-key', clientSecret: 'fdx-secret' });
  f = await apiFixture({ liveRates: { deadlineMs: 1500, ttlMs: 60_000 } });
  const put = (payload: Json) => f.app.inject({ method: 'PUT', url: '/v1/carrier-accounts', headers: f.auth(), payload });
  expect((await put({ kind: 'ups', base_url: ups.url, client_id: 'ups-client', client_secret: 'ups-secret', account_number: 'A1B2C3', negotiated_rates: true })).statusCode).toBe(200);
  const u = await put({ kind: 'usps', base_url: usps.url, client_id: 'usps-key', client_secret: 'usps-secret', crid: '56982563', mid: '902000001', eps_account: '1000012345' });
  expect(u.statusCode, u.body).toBe(200);
  expect(u.json()).toMatchObject({ kind: 'usps', carrier: 'usps', name: 'USPS (test)', settings: { client_secret: '••••', environment: 'test', price_type: 'COMMERCIAL' } });
  const x = await put({ kind: 'fedex', base_url: fedex.url, client_id: 'fdx-key', client_secret: 'fdx-secret', account_number: '740561073' });
  expect(x.statusCode, x.body).toBe(200);
  expect(x.json()).toMatchObject({ kind: 'fedex', name: 'FedEx (sandbox)', settings: { client_secret: '••••', rate_type: 'account' } });
});
afterAll(async () => {
  await f?.close();
  await ups?.close();
  await usps?.close();
  await fedex?.close();
});

describe('UPS, USPS and FedEx connected to their mocks', () => {
  test("a decision uses the three carriers' live rates and says so; the others stay on their cards", async () => {
    const d = await decided('02108', 'MA', 'Boston');
    const by = (carrier: string) => d.decision.candidates.filter((c: Json) => c.carrier === carrier);
    for (const c of [...by('ups'), ...by('usps'), ...by('fedex')]) expect(c.price_source, c.card).toBe('live');
    for (const c of d.decision.candidates.filter((x: Json) => !['ups', 'usps', 'fedex'].includes(x.carrier))) expect(c.price_source).toBe('card');
    const ga = by('usps').find((c: Json) => c.service === 'ground_advantage');
    expect(ga.name).toBe('USPS Ground Advantage');
    expect(ga.price.fuel.amount.amount).toBe(0);
    expect(by('fedex').find((c: Json) => c.service === 'home_delivery').transit_days.p50).toBe(4);
    const live = d.decision.reasons.find((r: Json) => r.code === 'LIVE_PRICES');
    expect([...live.args.carriers].sort()).toEqual(['FedEx', 'UPS', 'USPS']);
    expect(d.decision.explanation.en).toMatch(/prices are the carriers' own live rates/);
    const test = await f.app.inject({ method: 'POST', url: `/v1/carrier-accounts/${(await f.t.lm.services.shipments.listAccounts(f.tenantId)).find((a) => a.kind === 'usps')!.id}/test?service=ground_advantage`, headers: f.auth() });
    expect(test.json()).toMatchObject({ ok: true, kind: 'usps' });
    // In USPS's test environment a label is bought and cancelled, with a mail class USPS offered (it has no "ground").
    const uspsAccount = (await f.t.lm.services.shipments.listAccounts(f.tenantId)).find((a) => a.kind === 'usps')!;
    const withLabel = (await f.app.inject({ method: 'POST', url: `/v1/carrier-accounts/${uspsAccount.id}/test?labels=true`, headers: f.auth() })).json();
    expect(withLabel).toMatchObject({ ok: true, error: null });
    expect(withLabel.checks[2]).toMatchObject({ name: 'labels', ok: true });
    expect(problems()).toEqual([]);
  });

  test('a USPS label bought through the outbox, served as the PDF USPS drew; the day closed on a SCAN form', async () => {
    const rules = [{ id: 'usps-only', priority: 1, when: { channels: ['api'] }, then: { allow_carriers: ['usps'] } }];
    expect((await f.app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: f.auth(), payload: { rules } })).statusCode).toBe(200);
    const d = await decided('98101', 'WA', 'Seattle');
    expect(d.decision.chosen.carrier).toBe('usps');
    const s = await shipViaApi(f, d.order_id);
    expect(s.status, JSON.stringify(s.error)).toBe('labeled');
    expect(s.tracking_numbers[0]).toMatch(/^9205590109769900/);
    const pdf = await f.app.inject({ url: `/v1/shipments/${s.id}/label`, headers: f.auth() });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const m = await f.app.inject({ method: 'POST', url: '/v1/manifests', headers: f.auth(), payload: { carrier: 'usps', warehouse_id: 'ONT1' } });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().carrier_manifest_id).toMatch(/^9275090\d{12}$/);
    const scan = usps.requests.find((r) => r.path === '/scan-forms/v3/scan-form')!.body as Json;
    expect(scan.shipment.trackingNumbers).toEqual(s.tracking_numbers);
    expect(problems()).toEqual([]);
  });

  test("a carrier's address check after ours: recorded with its source; an address in review the carrier knows becomes ready; decisions take its classification", async () => {
    const create = (ship_to: Json) => f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: { channel: 'api', external_id: `AC-${Math.random().toString(36).slice(2, 8)}`, warehouse_id: 'ONT1', ship_to: { name: 'Ana Garcia', line1: '12 Beacon St', city: 'Boston', state: 'MA', postal_code: '02108', country: 'US', ...ship_to }, lines: [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' } }], order_value: { amount: 2500, currency: 'USD' } } });
    const review = (await create({ postal_code: '99999' })).json();
    expect(review.status).toBe('address_review');
    const checked = await f.app.inject({ method: 'POST', url: `/v1/orders/${review.id}/address/carrier-check`, headers: f.auth(), payload: {} });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ status: 'ready', address_check: { verdict: 'invalid', carrier: { carrier: 'usps', verdict: 'valid', classification: 'residential' }, accepted: { reason: 'USPS validated the address' } } });

    const office = (await create({ line2: 'Ste 400' })).json();
    const byFedex = await f.app.inject({ method: 'POST', url: `/v1/orders/${office.id}/address/carrier-check`, headers: f.auth(), payload: { carrier: 'fedex' } });
    expect(byFedex.json().address_check.carrier).toMatchObject({ carrier: 'fedex', classification: 'commercial' });
    const d = (await f.app.inject({ method: 'POST', url: `/v1/orders/${office.id}/decide`, headers: f.auth() })).json();
    expect(d.decision.facts).toMatchObject({ address_type: 'commercial', address_type_source: 'carrier_check' });

    const nowhere = (await create({ line1: '1 Nowhere Rd' })).json();
    const byUps = await f.app.inject({ method: 'POST', url: `/v1/orders/${nowhere.id}/address/carrier-check`, headers: f.auth(), payload: { carrier: 'ups' } });
    expect(byUps.json().address_check.carrier).toMatchObject({ carrier: 'ups', verdict: 'not_found' });
    expect(problems()).toEqual([]);
  });

  test("USPS post offices that hold parcels, imported into the pickup directory from USPS's locator; an order nearby is offered one", async () => {
    const none = await f.app.inject({ method: 'POST', url: '/v1/pickup-points/import-carrier', headers: f.auth(), payload: { carrier: 'ups', postal_code: '10463' } });
    expect(none.statusCode).toBe(409);
    const r = await f.app.inject({ method: 'POST', url: '/v1/pickup-points/import-carrier', headers: f.auth(), payload: { carrier: 'usps', postal_code: '10463', radius: { value: 2, unit: 'mi' } } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ imported: 3, carrier: 'usps' });
    expect(usps.requests.find((x) => x.path === '/locations/v3/post-office-locations')).toBeDefined();
    const points = (await f.app.inject({ url: '/v1/pickup-points', headers: f.auth() })).json().data;
    const kb = points.find((p: Json) => p.id === 'usps-1369089');
    expect(kb).toMatchObject({ operator: 'usps_post_office', carrier: 'usps', name: 'USPS KINGSBRIDGE', line1: '5517 BROADWAY', postal_code: '10463', lat: 40.877367, opening_hours: expect.stringMatching(/^Mon 08:00-19:00;/) });
    const near = await f.app.inject({ url: '/v1/pickup-points?near=10463&radius_km=5', headers: f.auth() });
    expect(near.statusCode, near.body).toBe(200);
    expect(near.json().data.map((p: Json) => p.id).sort()).toEqual(['usps-1363362', 'usps-1369089', 'usps-1382647']);
    expect(problems()).toEqual([]);
  });
});
