import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { orderCreateSchema, type OrderCreateInput } from '../src/orders/order.schema.js';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';
import { orderInput, warehouseInput } from './helpers/factories.js';

// Decisions as a seller checks them through the API: lockers chosen and not, explicit home,
// PO box, APO, Alaska, battery, oversize, B2B cartons and white glove, each with its mode,
// service, accessorials, itemized price and the sentence; one price in the rates, the decision
// and the shipment; unknown pickup points refused; truck-plan orders left to the fleet.

let f: ApiFixture;
const LOCKERS = [
  'id,operator,carrier,name,line1,city,state,postal_code,country,lat,lon,opening_hours,compartments',
  'HUB-1,amazon_hub,,Hub Locker Clark St,2300 N Clark St,Chicago,IL,60614,US,41.9235,-87.6405,24/7,S 30x42x8cm 10kg; L 38x64x41cm 25kg',
  'UPS-1,ups_access_point,ups,UPS Access Point Lincoln Ave,2400 N Lincoln Ave,Chicago,IL,60614,US,41.9251,-87.6487,Mo-Sa 8-20,counter 90x60x60cm 30kg',
].join('\n');

beforeAll(async () => {
  f = await apiFixture({});
  const r = await f.app.inject({ method: 'POST', url: '/v1/pickup-points/import', headers: { ...f.auth(), 'content-type': 'text/csv' }, payload: LOCKERS });
  expect(r.json()).toEqual({ imported: 2 });
  // A second warehouse with cartons, so that multi-unit orders are packed.
  await f.t.lm.services.warehouses.create(f.tenantId, warehouseInput({
    code: 'ONT2',
    boxes: [
      { id: 'C12', name: null, type: 'box', outer: null, available: true, inner: { length: 12, width: 10, height: 8, unit: 'in' }, tare_weight: { value: 0.6, unit: 'lb' }, max_weight: { value: 40, unit: 'lb' }, cost: { amount: 90, currency: 'USD' } },
      { id: 'C24', name: null, type: 'box', outer: null, available: true, inner: { length: 24, width: 18, height: 18, unit: 'in' }, tare_weight: { value: 2, unit: 'lb' }, max_weight: { value: 65, unit: 'lb' }, cost: { amount: 260, currency: 'USD' } },
    ],
  }));
});
afterAll(async () => {
  await f?.close();
});

const CHICAGO = { name: 'Li Wei', line1: '2350 N Clark St', city: 'Chicago', state: 'IL', postal_code: '60614', country: 'US' };
const MUG = { sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' as const }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' as const } };
const RUG = { sku: null, name: 'Rolled rug', quantity: 1, weight: { value: 20, unit: 'lb' as const }, dimensions: { length: 60, width: 14, height: 14, unit: 'in' as const } };
const SOFA = { sku: null, name: 'Sofa', quantity: 1, weight: { value: 180, unit: 'lb' as const }, dimensions: { length: 84, width: 38, height: 34, unit: 'in' as const } };

async function decided(over: Partial<OrderCreateInput>) {
  const order = (await f.t.lm.services.orders.create(f.tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: [MUG], ...over })), 'test')).order;
  const r = await f.app.inject({ method: 'POST', url: `/v1/orders/${order.id}/decide`, headers: f.auth() });
  expect(r.statusCode).toBe(200);
  return { ...r.json(), id: order.id } as { id: string; status: string; decision: Record<string, any> };
}
const usd = (amount: number) => ({ amount, currency: 'USD' });
/** The chosen candidate's price, as the decision itemizes it. */
const itemized = (d: Record<string, any>) => d.chosen.price;

describe('conformance: a set of orders decided through the API', () => {
  test('a locker the customer chose, and the parcel fits', async () => {
    const { decision: d } = await decided({ ship_to: CHICAGO, delivery_preference: { type: 'pickup_point', pickup_point_id: 'HUB-1' } });
    expect(d).toMatchObject({ mode: 'pickup', pickup_point: { id: 'HUB-1' }, accessorials: [], facts: { address_type: 'commercial', preference: 'pickup_point' } });
    expect(itemized(d).surcharges.some((s: { code: string }) => s.code === 'residential')).toBe(false);
    expect(d.explanation.en).toMatch(/^.+, \$\d+\.\d\d: .+ The customer chose pickup point Hub Locker Clark St \(0\.\d km away\) and every package fits its compartments\.$/);
    expect(d.explanation.zh).toContain('客户选择了自提点 Hub Locker Clark St');
  });

  test('a locker the customer chose, and the rug fits none of its compartments: home, with the reason', async () => {
    const { decision: d } = await decided({ ship_to: CHICAGO, lines: [RUG], delivery_preference: { type: 'pickup_point', pickup_point_id: 'HUB-1' } });
    expect(d).toMatchObject({ mode: 'parcel', pickup_point: null });
    expect(d.explanation.en).toContain('The 60×14×14 in, 20 lb package fits none of the compartments of Hub Locker Clark St (largest 38×64×41 cm, 25 kg), so it goes by parcel home delivery');
  });

  test('explicit home near a locker stays home; said nothing, the locker is suggested', async () => {
    const home = (await decided({ ship_to: CHICAGO, delivery_preference: { type: 'home' } })).decision;
    expect(home).toMatchObject({ mode: 'parcel', pickup_point: null, facts: { address_type: 'residential', preference: 'home' } });
    expect(home.reasons[0]).toEqual({ code: 'CUSTOMER_CHOSE_HOME', args: { point: expect.stringMatching(/Hub Locker Clark St|UPS Access Point Lincoln Ave/) } });
    expect(home.explanation.en).toMatch(/The customer asked for home delivery, so .+ nearby is not suggested\./);
    const quiet = (await decided({ ship_to: CHICAGO })).decision;
    // The nearest of the two lockers to the ZIP Code's centroid (the address has no coordinates).
    expect(quiet).toMatchObject({ mode: 'pickup', pickup_point: { id: expect.stringMatching(/^(HUB|UPS)-1$/) }, facts: { preference: 'not_stated' } });
  });

  test('a PO box: USPS, and the sentence says why', async () => {
    const { decision: d } = await decided({ ship_to: { ...orderInput().ship_to, line1: 'PO Box 55' } });
    expect(d.chosen).toMatchObject({ carrier: 'usps', card: 'sample-usps-ground-advantage' });
    expect(itemized(d)).toEqual({ base: d.chosen.total, surcharges: [], fuel: { percent: 0, amount: usd(0) }, total: d.chosen.total });
    expect(d.explanation.en).toMatch(/^USPS Ground Advantage, \$\d+\.\d\d: \$\d+\.\d\d cheaper than UPS Ground Saver; arrives \w{3} \d{1,2} \w{3} \(promise \w{3} \d{1,2} \w{3}\)\. A PO box: only UPS Ground Saver, USPS Ground Advantage and USPS Priority Mail Express deliver there\.$/);
  });

  test('an APO address: USPS only, said so', async () => {
    const { decision: d } = await decided({ ship_to: { name: 'Sgt Ana Cruz', line1: 'PSC 1234 Box 5678', city: 'APO', state: 'AE', postal_code: '09012', country: 'US' } });
    expect(d.chosen.carrier).toBe('usps');
    expect(d.candidates.map((c: { carrier: string }) => c.carrier).every((c: string) => c === 'usps')).toBe(true);
    expect(d.explanation.en).toContain('An APO/FPO/DPO address: only USPS Ground Advantage and USPS Priority Mail Express deliver there.');
  });

  test('Alaska: the others add the Alaska delivery-area surcharge, and the sentence says how much', async () => {
    const { decision: d } = await decided({ ship_to: { name: 'Sam Lee', line1: '420 L St', city: 'Anchorage', state: 'AK', postal_code: '99501', country: 'US' } });
    expect(d.chosen.card).toBe('sample-usps-ground-advantage');
    const runner = d.candidates.find((c: { card: string }) => c.card === d.runner_up.card);
    expect(runner.price.surcharges).toContainEqual({ code: 'delivery_area', label: 'delivery area (alaska)', amount: usd(4050) });
    const diff = ((runner.total.amount - d.chosen.total.amount) / 100).toFixed(2);
    expect(d.explanation.en).toContain(`$${diff} cheaper than ${runner.name.replace(' (sample)', '')}, which adds a $40.50 Alaska delivery-area surcharge`);
  });

  test('a battery on the line itself keeps it off services that refuse batteries', async () => {
    const { decision: d } = await decided({ ship_to: { ...orderInput().ship_to, line1: '100 Tremont St' }, lines: [{ ...MUG, flags: ['battery'] }] });
    expect(d.facts.flags).toContain('battery');
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: 'sample-metro-light-parcel', code: 'BATTERY' }));
    expect(d.candidates.map((c: { card: string }) => c.card)).not.toContain('sample-metro-light-parcel');
  });

  test('an oversize parcel goes by truck with liftgate and appointment, itemized', async () => {
    const { decision: d } = await decided({ lines: [{ ...SOFA, weight: { value: 200, unit: 'lb' } }] });
    expect(d).toMatchObject({ mode: 'truck', accessorials: ['liftgate', 'appointment'], chosen: { card: 'sample-ltl-standard' } });
    const p = itemized(d);
    expect(p.surcharges.map((s: { code: string }) => s.code)).toEqual(['residential', 'liftgate', 'appointment']);
    expect(p.surcharges.find((s: { code: string }) => s.code === 'liftgate').amount).toEqual(usd(9500));
    expect(p.base.amount + p.surcharges.reduce((t: number, s: { amount: { amount: number } }) => t + s.amount.amount, 0) + p.fuel.amount.amount).toBe(d.chosen.total.amount);
    expect(d.explanation.en).toContain('A 200 lb package is over the 150 lb parcel limit, so it goes by truck; truck accessorials: liftgate and appointment (a residence).');
  });

  test('white glove: a valuable truck order gets inside delivery on top of what the customer asked for', async () => {
    const { decision: d } = await decided({ lines: [SOFA], order_value: usd(250_000), delivery_preference: { type: 'truck_appointment', accessorials: ['white_glove'] } });
    expect(d).toMatchObject({ mode: 'truck', accessorials: ['white_glove', 'liftgate', 'appointment', 'inside_delivery'] });
    expect(itemized(d).surcharges.map((s: { code: string }) => s.code)).toEqual(['residential', 'liftgate', 'appointment', 'inside_delivery']);
    expect(d.explanation.en).toContain('A 180 lb package is over the 150 lb parcel limit, so it goes by truck; truck accessorials: white glove, liftgate, appointment and inside delivery (a residence).');
    expect(d.explanation.zh).toContain('卡车附加服务：白手套服务、尾板、预约、室内送货（住宅地址）');
  });

  test('B2B cartons: packed, consolidated as one freight shipment, priced once', async () => {
    const { id, decision: d } = await decided({
      warehouse_id: 'ONT2', customer_type: 'b2b',
      ship_to: { name: 'Receiving', company: 'Acme Stores', line1: '2350 N Clark St', city: 'Chicago', state: 'IL', postal_code: '60614', country: 'US', residential: false },
      lines: [{ sku: null, name: 'Case of mugs', quantity: 120, weight: { value: 18, unit: 'lb' }, dimensions: { length: 11, width: 9, height: 7, unit: 'in' } }],
      order_value: usd(360_000),
    });
    expect(d).toMatchObject({ mode: 'truck', chosen: { card: 'sample-ltl-standard' }, facts: { units: 120, address_type: 'commercial', address_type_source: 'order' } });
    // Packed three cases to a 24×18×18 in carton.
    expect(d.packages).toHaveLength(40);
    expect(d.reasons[0]).toMatchObject({ code: 'B2B_CONSOLIDATED', args: { units: 120, packages: 40, threshold_lb: 500 } });
    // One shipment: the minimum charge is not paid 120 times.
    expect(d.chosen.total.amount).toBeLessThan(300_000);
    expect(d.explanation.en).toMatch(/A B2B order of 120 units, 2,2\d\d lb in 40 packages, consolidated as one freight shipment \(from 500 lb\)/);
    // One price everywhere: the rates for the order and the shipment's quote are the decision's.
    const rates = (await f.app.inject({ method: 'POST', url: '/v1/rates', headers: f.auth(), payload: { order_id: id } })).json();
    const ltl = rates.services.find((s: { card: string }) => s.card === 'sample-ltl-standard');
    expect(ltl.total).toEqual(d.chosen.total);
    expect(ltl.packages).toHaveLength(1);
    expect(ltl.packages[0].handling_units).toBe(40);
  });
});

describe('conformance: B2B pallets', () => {
  test('three pallets go as one LTL shipment of three handling units, with the liftgate a residence needs and one minimum', async () => {
    const pallet = { sku: null, name: 'Pallet of mugs', quantity: 3, weight: { value: 620, unit: 'lb' as const }, dimensions: { length: 48, width: 40, height: 50, unit: 'in' as const } };
    const { id, decision: d } = await decided({ customer_type: 'b2b', lines: [pallet], order_value: usd(450_000) });
    expect(d).toMatchObject({ mode: 'truck', chosen: { card: 'sample-ltl-standard' }, accessorials: ['liftgate', 'appointment', 'inside_delivery'] });
    // Each pallet is a handling unit of its own (no boxes in this warehouse), not "a 1,860 lb package".
    expect(d.packages).toHaveLength(3);
    expect(d.reasons[0]).toMatchObject({ code: 'OVER_PARCEL_WEIGHT', args: { weight_lb: 620, limit_lb: 150 } });
    const rates = (await f.app.inject({ method: 'POST', url: '/v1/rates', headers: f.auth(), payload: { order_id: id } })).json();
    const ltl = rates.services.find((x: { card: string }) => x.card === 'sample-ltl-standard');
    expect(ltl.total).toEqual(d.chosen.total);
    expect(ltl.packages).toEqual([expect.objectContaining({ handling_units: 3 })]);
    // Each accessorial once on the shipment, itemized.
    expect(itemized(d).surcharges.map((x: { code: string }) => x.code)).toEqual(['residential', 'liftgate', 'appointment', 'inside_delivery']);
    expect(d.explanation.en).toContain('truck accessorials: liftgate, appointment and inside delivery (a residence)');
  });
});

describe('one price everywhere', () => {
  test('the rates of an order, its decision and its shipment agree for every candidate', async () => {
    const { id, decision: d } = await decided({ warehouse_id: 'ONT2', lines: [{ ...MUG, quantity: 3 }, { ...RUG, dimensions: { length: 20, width: 14, height: 6, unit: 'in' } }] });
    const rates = (await f.app.inject({ method: 'POST', url: '/v1/rates', headers: f.auth(), payload: { order_id: id } })).json();
    for (const c of d.candidates) expect(rates.services.find((s: { card: string }) => s.card === c.card)?.total).toEqual(c.total);
    const s = (await f.app.inject({ method: 'POST', url: '/v1/shipments', headers: f.auth(), payload: { order_id: id, purchase: false } })).json();
    expect(s.packages).toHaveLength(d.packages.length);
    const stored = await f.t.lm.services.shipments.get(f.tenantId, s.id);
    expect(stored.quoted).toEqual(d.chosen.total);
  });
});

describe('pickup points', () => {
  test('an unknown pickup point is a 400 at creation and on PATCH, naming the field', async () => {
    const bad = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ ship_to: CHICAGO, lines: [MUG], delivery_preference: { type: 'pickup_point', pickup_point_id: 'NOPE' } }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'delivery_preference.pickup_point_id', message: expect.stringContaining('no such pickup point') }]);
    const ok = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ ship_to: CHICAGO, lines: [MUG] }) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().delivery_preference).toBeNull();
    const patch = await f.app.inject({ method: 'PATCH', url: `/v1/orders/${ok.json().id}`, headers: f.auth(), payload: { delivery_preference: { type: 'pickup_point', pickup_point_id: 'NOPE' } } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors[0].path).toBe('delivery_preference.pickup_point_id');
  });

  test('GET /v1/pickup-points near a place lists points by distance, with whether an order fits', async () => {
    const shortRug = { ...RUG, dimensions: { length: 35, width: 14, height: 14, unit: 'in' as const } };
    const rug = (await f.t.lm.services.orders.create(f.tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', ship_to: CHICAGO, lines: [shortRug] })), 'test')).order;
    const r = await f.app.inject({ url: `/v1/pickup-points?near=41.9236,-87.6406&radius_km=3&fits_order=${rug.id}`, headers: f.auth() });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.data.map((p: { id: string }) => p.id)).toEqual(['HUB-1', 'UPS-1']);
    expect(body.data[0].distance.value).toBeLessThan(body.data[1].distance.value);
    expect(body.data[0].fits).toEqual({ order_id: rug.id, fits: false, code: 'PICKUP_DOES_NOT_FIT', package: '35×14×14 in, 20 lb', largest_compartment: '38×64×41 cm, 25 kg' });
    expect(body.data[1].fits).toEqual({ order_id: rug.id, fits: true });
    const near = (await f.app.inject({ url: '/v1/pickup-points?near=41.9235,-87.6405&radius_km=0.2', headers: f.auth() })).json();
    expect(near.data.map((p: { id: string }) => p.id)).toEqual(['HUB-1']);
    // An address is placed at its ZIP Code's centroid.
    const byAddress = await f.app.inject({ url: `/v1/pickup-points?near=${encodeURIComponent('2350 N Clark St, Chicago, IL 60614')}&radius_km=5`, headers: f.auth() });
    expect(byAddress.json().data).toHaveLength(2);
    const nowhere = await f.app.inject({ url: '/v1/pickup-points?near=somewhere', headers: f.auth() });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors[0].path).toBe('near');
  });
});

describe('service levels and truck plans', () => {
  test('an overnight order goes to an overnight service; the plan says why the others were left', async () => {
    const { decision: d } = await decided({ service_level: 'overnight' });
    // On Thanksgiving (the fixture's day) nothing ships: a 2-day USPS service shipped Friday
    // arrives Saturday, before the promise (the next business day, Monday).
    expect(d.chosen.promise.expected <= d.chosen.promise.promise_by).toBe(true);
    expect(d.candidates.every((c: { meets_service_level: boolean }) => c.meets_service_level)).toBe(true);
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: 'sample-usps-ground-advantage', code: 'SERVICE_LEVEL' }));
    expect(d.explanation.en).toMatch(/The overnight service level rules out \d+ slower services\./);
  });
});
