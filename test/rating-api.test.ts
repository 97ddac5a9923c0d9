import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp } from '../src/api/app.js';
import { startLastmile, type TestLastmile } from './helpers/engines.js';
import { orderInput, warehouseInput } from './helpers/factories.js';

let t: TestLastmile;
let app: FastifyInstance;
let admin: string;
let reader: string;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const GRID = readFileSync(new URL('./fixtures/rate-grid.csv', import.meta.url), 'utf8');
const CHART = new URL('../../shared/data/zones/usps_2024_raw/945.json', import.meta.url).pathname;

const card = {
  code: 'acme-ground', carrier: 'acme', service: 'ground', name: 'Acme Ground (contract)', currency: 'USD', effective_from: '2026-01-01',
  weight_unit: 'lb', weight_steps: [{ step: { value: 1, unit: 'lb' } }], dim: { divisor: 139, system: 'imperial' },
  surcharges: [{ code: 'residential', args: { amount: 500 } }],
  fuel: { table: [{ from: '2026-01-01', percent: 10 }], applies_to: ['base'] },
};

beforeAll(async () => {
  t = await startLastmile('pglite', { config: { rateLimit: { perSecond: 1000, burst: 1000 } } });
  const { tenants } = t.lm.services;
  const acme = (await tenants.ensureTenant('acme')).tenant;
  admin = (await tenants.createApiKey(acme.id, { name: 'admin', scopes: ['admin'], mode: 'test' })).secret;
  reader = (await tenants.createApiKey(acme.id, { name: 'reader', scopes: ['rates:read'], mode: 'test' })).secret;
  app = await buildHttpApp(t.lm, { logLevel: 'silent' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const post = (url: string, payload: unknown, key = admin) => app.inject({ method: 'POST', url, headers: auth(key), payload: payload as object });

describe('rate cards', () => {
  test('import with a CSV grid, list with the samples, read back', async () => {
    const r = await post('/v1/rate-cards', { card, prices_csv: GRID });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ source: 'tenant', card: { code: 'acme-ground', sample: false, prices: { zones: ['2', '3', '4', '5', '6', '7', '8'] } } });
    const list = (await app.inject({ url: '/v1/rate-cards', headers: auth(reader) })).json().data;
    expect(list.filter((c: { source: string }) => c.source === 'sample')).toHaveLength(11);
    expect(list.find((c: { code: string }) => c.code === 'acme-ground')).toMatchObject({ effective_from: '2026-01-01', sample: false });
    expect((await app.inject({ url: '/v1/rate-cards/sample-ups-ground', headers: auth(reader) })).json()).toMatchObject({ source: 'sample', card: { sample: true } });
    expect((await app.inject({ url: '/v1/rate-cards/rc_nope', headers: auth(reader) })).statusCode).toBe(404);
  });

  test('bad cards and grids: 400 with every field, row and column', async () => {
    const bad = await post('/v1/rate-cards', { card: { ...card, code: 'Bad Code', weight_steps: [] }, prices_csv: GRID });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['card.code', 'card.weight_steps']));
    const grid = await post('/v1/rate-cards', { card, prices_csv: 'Weight,Zone 2\n1,$1.00\n2,oops\n' });
    expect(grid.statusCode).toBe(400);
    expect(grid.json().errors).toEqual([{ path: 'prices_csv row 3, column 2', message: '"oops" is not a price in USD' }]);
    expect((await post('/v1/rate-cards', { card, prices_csv: GRID }, reader)).statusCode).toBe(403);
    expect((await post('/v1/rate-cards', { card: { ...card, code: 'sample-ups-ground' }, prices_csv: GRID })).statusCode).toBe(409);
  });
});

describe('checking a card before it is used', () => {
  test('lint names what the card cannot express; import refuses the same card; the schema is served', async () => {
    const doc = {
      ...card, code: 'acme-lint', prices: { zones: ['2', '3'], rows: [{ weight: { value: 1, unit: 'lb' }, prices: [900, 950] }] },
      dim_factor: 166,
      surcharges: [
        { code: 'peak', only_with: ['additional_handling'], args: { periods: [{ from: '2026-10-01', to: '2027-01-15', amount: { '2': 100, '9': 200 } }] } },
        { code: 'additional_handling', args: { criteria: [{ when: 'length', over: { value: 48, unit: 'lb' }, amount: 2000 }] } },
      ],
    };
    const r = await post('/v1/rate-cards/lint', { card: doc }, reader);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.valid).toBe(false);
    expect(body.errors).toEqual(expect.arrayContaining([
      { path: 'card.dim_factor', message: expect.stringContaining('not part of the card format') },
      { path: 'card.surcharges.0.only_with.0', message: expect.stringContaining('comes later in the list') },
      { path: 'card.surcharges.1.args.criteria.0.over.unit', message: expect.stringContaining('length is measured as a length') },
    ]));
    expect(body.warnings).toEqual(expect.arrayContaining([{ path: 'card.surcharges.0.args.periods.0.amount.9', message: "zone 9 is not priced by the card's grid" }]));
    const refused = await post('/v1/rate-cards', { card: doc });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(body.errors.map((e: { path: string }) => e.path));
    const good = await post('/v1/rate-cards/lint', { card, prices_csv: GRID }, reader);
    expect(good.json()).toEqual({ valid: true, errors: [], warnings: [] });
    const schema = (await app.inject({ url: '/v1/rate-cards/schema', headers: auth(reader) })).json();
    expect(schema).toMatchObject({ title: 'lastmile rate card', type: 'object', additionalProperties: false });
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['base_rules', 'contract', 'surcharges']));
  });
});

describe('quotes', () => {
  test('ad hoc: every service, cheapest first, itemized, ineligible ones with a reason', async () => {
    const r = await post('/v1/rates', {
      from: { postal_code: '94501' }, to: { postal_code: '10001' },
      packages: [{ weight: { value: 5, unit: 'lb' }, dimensions: { length: 12, width: 10, height: 8, unit: 'in' } }],
      ship_date: '2026-06-01',
    }, reader);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const eligible = body.services.filter((s: { eligible: boolean }) => s.eligible);
    const totals = eligible.map((s: { total: { amount: number } }) => s.total.amount);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    const acme = body.services.find((s: { card: string }) => s.card === 'acme-ground');
    // 12 × 10 × 8 / 139 = 6.9 -> 7 lb; zone 8 estimated (no chart yet): $20.79 + residential 5.00 + fuel 10 % of base 2.08.
    expect(acme).toMatchObject({ zone: '8', zone_source: 'estimated', packages: [{ billable_weight: { value: 7, unit: 'lb' }, base: { amount: 2079 }, fuel: { percent: 10, amount: { amount: 208 } } }] });
    expect(acme.total).toEqual({ amount: 2079 + 500 + 208, currency: 'USD' });
    expect(acme.notes[0]).toMatch(/zone estimated from \d+ miles/);
    // The UPS sample is hidden by nothing (another carrier); the LTL sample is there too.
    expect(body.services.some((s: { card: string }) => s.card === 'sample-ups-ground')).toBe(true);
  });

  test.runIf(existsSync(CHART))('with the USPS chart imported the zone comes from it; a what-if zone overrides it', async () => {
    const imported = await post('/v1/zone-charts', { format: 'usps', chart: JSON.parse(readFileSync(CHART, 'utf8')) });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ code: 'usps', origin: '945', effective_from: '2024-04-01' });
    const q = (extra: object) => post('/v1/rates', { from: { postal_code: '94501' }, to: { postal_code: '84101' }, packages: [{ weight: { value: 1, unit: 'lb' } }], ship_date: '2026-06-01', services: ['acme-ground'], ...extra });
    const raw = JSON.parse(readFileSync(CHART, 'utf8')) as { zip3s: { ZipCodes: string; Zone: string }[] };
    const row = raw.zip3s.find((r) => { const [a, b = a] = r.ZipCodes.split(/-+/).map(Number); return 841 >= a! && 841 <= b!; })!;
    const fromChart = (await q({})).json().services[0];
    expect(fromChart).toMatchObject({ zone_source: 'chart', zone: String(Number(row.Zone.replace(/\D/g, ''))) });
    const whatIf = (await q({ zone: '5' })).json().services[0];
    expect(whatIf).toMatchObject({ zone: '5', zone_source: 'given', packages: [{ base: { amount: 1128 } }] });
  });

  test('an order: origin from its warehouse, packages and options from the order, converted into another currency', async () => {
    const tenantId = (await t.lm.services.tenants.ensureTenant('acme')).tenant.id;
    await t.lm.services.warehouses.create(tenantId, warehouseInput({ code: 'OAK' , address: { ...warehouseInput().address, city: 'Alameda', postal_code: '94501' } }));
    const { order } = await t.lm.services.orders.create(tenantId, (await import('../src/orders/order.schema.js')).orderCreateSchema.parse(orderInput({
      warehouse_id: 'OAK', lines: [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' } }],
      order_value: { amount: 5000, currency: 'EUR' },
    })), 'test');
    await post('/v1/exchange-rates', { rates: [{ base: 'USD', quote: 'EUR', date: '2026-01-01', rate: '0.9' }] });
    const r = await post('/v1/rates', { order_id: order.id, ship_date: '2026-06-01', services: ['acme-ground'] });
    expect(r.statusCode).toBe(200);
    const s = r.json().services[0];
    // 8 × 6 × 6 = 288 in³ / 139 = 2.07 -> 3 lb dim weight beats the 2 lb actual.
    expect(s.packages[0]).toMatchObject({ billable_weight: { value: 3, unit: 'lb' }, dim_weight: { value: 3, unit: 'lb' } });
    expect(s.converted.total.currency).toBe('EUR');
    expect(s.converted.total.amount).toBe(Math.floor(s.total.amount * 0.9 + 0.5));
  });

  test('a changed card prices the next quote, also when another process changed it', async () => {
    const q = async () => (await post('/v1/rates', { from: { postal_code: '94501' }, to: { postal_code: '10001' }, packages: [{ weight: { value: 1, unit: 'lb' } }], ship_date: '2026-06-01', zone: '2', services: ['acme-cache'] }, reader)).json().services[0];
    const grid = (p: number) => ({ zones: ['2'], rows: [{ weight: { value: 10, unit: 'lb' }, prices: [p] }] });
    const base = { ...card, code: 'acme-cache', service: 'cache', surcharges: [], fuel: null };
    expect((await post('/v1/rate-cards', { card: { ...base, prices: grid(1000) } })).statusCode).toBe(201);
    expect((await q()).total.amount).toBe(1000);
    // The same version replaced through the service…
    await post('/v1/rate-cards', { card: { ...base, prices: grid(1100) } });
    expect((await q()).total.amount).toBe(1100);
    // …and by another process (two API processes on PostgreSQL: two services over one database,
    // each checking the tenant's version counter): the next quote of the first prices it.
    const tenantId = (await t.lm.services.tenants.ensureTenant('acme')).tenant.id;
    const { DrizzleRatingRepo } = await import('../src/adapters/db/repositories/rating.repo.js');
    const { RatingService } = await import('../src/rating/rating.service.js');
    const { loadUsZipDirectory } = await import('../src/adapters/geo/us-zip-directory.js');
    const s = t.lm.services;
    const processOf = () => new RatingService({ repo: new DrizzleRatingRepo(t.lm.database.db), orders: s.orders, warehouses: s.warehouses, catalog: s.catalog, loadDirectory: loadUsZipDirectory, clock: t.lm.clock, sharedDatabase: true });
    const [a, b] = [processOf(), processOf()];
    const quoteIn = async (p: InstanceType<typeof RatingService>) =>
      (await p.quote(tenantId, { from: { postal_code: '94501', country: 'US' }, to: { postal_code: '10001', country: 'US' }, packages: [{ weight: { value: 1, unit: 'lb' }, dimensions: null }], ship_date: '2026-06-01', zone: '2', services: ['acme-cache'], options: {} } as never)).services[0] as { total: { amount: number } };
    expect((await quoteIn(a)).total.amount).toBe(1100);
    await b.importCard(tenantId, { ...base, prices: grid(1250) });
    expect((await quoteIn(a)).total.amount).toBe(1250);
  });

  test('a contract card: its discounts itemized; the earned tier follows a what-if period spend', async () => {
    const contract = {
      ...card, code: 'acme-contract', service: 'contract', surcharges: [], fuel: null,
      prices: { zones: ['2'], rows: [{ weight: { value: 10, unit: 'lb' }, prices: [2000] }] },
      contract: { discounts: [{ name: 'base', percent: 10, applies_to: ['base'] }], earned: { applies_to: ['base'], tiers: [{ from_spend: 0, percent: 0 }, { from_spend: 500_000_00, percent: 5 }], period_spend: 0 } },
    };
    expect((await post('/v1/rate-cards', { card: contract })).statusCode).toBe(201);
    const q = async (extra: object = {}) => (await post('/v1/rates', { from: { postal_code: '94501' }, to: { postal_code: '10001' }, packages: [{ weight: { value: 1, unit: 'lb' } }], ship_date: '2026-06-01', zone: '2', services: ['acme-contract'], ...extra }, reader)).json().services[0];
    // $20.00 less 10 % = $18.00; with $500,000 spent in the period the 5 % tier too: $17.00.
    const plain = await q();
    expect(plain.packages[0].discounts).toEqual([{ code: 'discount', label: 'base 10% off base', amount: { amount: 200, currency: 'USD' } }]);
    expect(plain.total.amount).toBe(1800);
    const tier = await q({ period_spend: { amount: 500_000_00, currency: 'USD' } });
    expect(tier.total.amount).toBe(1700);
    expect(tier.packages[0].discounts[1]).toEqual({ code: 'discount', label: 'earned discount 5% off base', amount: { amount: 100, currency: 'USD' } });
    const euros = await q({ period_spend: { amount: 500_000_00, currency: 'EUR' } });
    expect(euros.total.amount).toBe(1800);
    expect(euros.notes).toContain("period spend in EUR not applied: the card's earned tiers are in USD");
  });

  test('a ZIP the reference data lacks is no warning when the tenant\'s zone chart lists it', async () => {
    // A tenant of its own: no chart yet.
    const zip = (await t.lm.services.tenants.ensureTenant('zipco')).tenant;
    const key = (await t.lm.services.tenants.createApiKey(zip.id, { name: 'admin', scopes: ['admin'], mode: 'test' })).secret;
    await post('/v1/rate-cards', { card: { ...card, zones: { chart: 'acme' } }, prices_csv: GRID }, key);
    const q = async () => (await post('/v1/rates', { from: { postal_code: '30301' }, to: { postal_code: '59999', state: 'MT' }, packages: [{ weight: { value: 1, unit: 'lb' } }], ship_date: '2026-06-01', services: ['acme-ground'] }, key)).json();
    const before = await q();
    expect(before.warnings).toEqual(['ZIP Code 59999 is in neither the reference data nor your zone charts']);
    expect((await post('/v1/zone-charts', { format: 'csv', code: 'acme', effective_from: '2026-01-01', csv: 'origin,destination,zone\n303,590-599,7\n' }, key)).statusCode).toBe(201);
    const after = await q();
    expect(after.warnings).toEqual([]);
    expect(after.services[0]).toMatchObject({ zone: '7', zone_source: 'chart' });
  });

  test('bad requests', async () => {
    expect((await post('/v1/rates', {})).statusCode).toBe(400);
    expect((await post('/v1/rates', { from: { postal_code: '9450' }, to: { postal_code: '10001' }, packages: [{ weight: { value: 1, unit: 'lb' } }] })).statusCode).toBe(400);
    // Another country: a postal code of its own is taken, and every card says it prices within the US only.
    const abroad = await post('/v1/rates', { from: { postal_code: '94501' }, to: { country: 'gb', postal_code: 'SW1A 1AA' }, packages: [{ weight: { value: 1, unit: 'lb' } }] });
    expect(abroad.statusCode).toBe(200);
    expect(abroad.json().to).toBe('GB SW1A 1AA');
    expect(abroad.json().services.length).toBeGreaterThan(0);
    for (const s of abroad.json().services) expect(s).toMatchObject({ eligible: false, code: 'DOMESTIC_ONLY', reason: expect.stringContaining('within the US only') });
    const badCountry = await post('/v1/rates', { from: { postal_code: '94501' }, to: { country: 'Britain', postal_code: 'SW1A 1AA' }, packages: [{ weight: { value: 1, unit: 'lb' } }] });
    expect(badCountry.statusCode).toBe(400);
    expect(badCountry.json().errors[0].path).toBe('to.country');
    const unknown = await post('/v1/rates', { from: { postal_code: '94501' }, to: { postal_code: '10001' }, packages: [{ weight: { value: 1, unit: 'lb' } }], services: ['nope'] });
    expect(unknown.statusCode).toBe(400);
    expect((await post('/v1/zone-charts', { format: 'usps', chart: { zip3s: [] } })).json().errors.length).toBeGreaterThan(0);
  });
});
