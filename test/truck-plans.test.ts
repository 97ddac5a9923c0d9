import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp } from '../src/api/app.js';
import { startLastmile, type TestLastmile } from './helpers/engines.js';
import { warehouseInput } from './helpers/factories.js';

let t: TestLastmile;
let app: FastifyInstance;
let key: string;
let warehouseId: string;
const auth = () => ({ authorization: `Bearer ${key}` });

const fleet = {
  vehicle_types: [
    { code: 'BOX', count: 2, capacity: { weight: { value: 2000, unit: 'kg' }, volume_m3: 30, pallets: 10 }, shift: { start: '07:00', end: '19:00' }, skills: ['liftgate', 'two_person'] },
    { code: 'VAN', count: 2, capacity: { weight: { value: 800, unit: 'kg' }, volume_m3: 10 }, shift: { start: '08:00', end: '17:00' }, max_duration_hours: 8 },
  ],
};

// Irvine/Orange County points around a warehouse in Ontario, CA.
const SPOTS: [number, number, string][] = [
  [33.6846, -117.8265, 'Irvine'], [33.8366, -117.9143, 'Anaheim'], [33.7455, -117.8677, 'Santa Ana'], [34.0522, -118.2437, 'Los Angeles'],
  [34.1478, -118.1445, 'Pasadena'], [33.9425, -117.2297, 'Moreno Valley'], [34.1083, -117.2898, 'San Bernardino'], [33.8753, -117.5664, 'Corona'],
  [34.0633, -117.6509, 'Ontario'], [33.9533, -117.3962, 'Riverside'], [34.0686, -117.9390, 'West Covina'], [33.7701, -118.1937, 'Long Beach'],
];

function truckOrder(i: number, extra: Record<string, unknown> = {}) {
  const [lat, lon, city] = SPOTS[i % SPOTS.length]!;
  return {
    channel: 'api',
    external_id: `TRUCK-${i}`,
    ship_to: { name: `Customer ${i}`, phone: '+19495550100', line1: `${100 + i} Main St`, city, state: 'CA', postal_code: '92618', country: 'US', latitude: lat, longitude: lon },
    lines: [{ sku: 'SOFA', quantity: 1 }],
    order_value: { amount: 129900, currency: 'USD' },
    delivery_preference: {
      type: 'truck_appointment',
      window: i % 3 === 0 ? { start: '2026-11-24T09:00:00-08:00', end: '2026-11-24T12:00:00-08:00' } : { start: '2026-11-24T12:00:00-08:00', end: '2026-11-24T17:00:00-08:00' },
      accessorials: i % 4 === 0 ? ['white_glove'] : ['curbside'],
    },
    ...extra,
  };
}

async function waitForPlan(id: string) {
  for (let i = 0; i < 200; i++) {
    const p = (await app.inject({ url: `/v1/truck-plans/${id}`, headers: auth() })).json();
    if (p.state === 'succeeded' || p.state === 'failed') return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('plan did not finish');
}

beforeAll(async () => {
  t = await startLastmile('pglite');
  const acme = (await t.lm.services.tenants.ensureTenant('acme')).tenant;
  key = (await t.lm.services.tenants.createApiKey(acme.id, { name: 'k', scopes: ['admin'], mode: 'test' })).secret;
  await t.lm.startWorkers();
  app = await buildHttpApp(t.lm, { logLevel: 'silent' });
  const w = await app.inject({
    method: 'POST', url: '/v1/warehouses', headers: auth(),
    payload: { ...warehouseInput({ code: 'ONT' }), address: { line1: '4100 E Mission Blvd', city: 'Ontario', state: 'CA', postal_code: '91761', country: 'US', latitude: 34.03, longitude: -117.55 }, timezone: 'America/Los_Angeles', fleet },
  });
  expect(w.statusCode).toBe(201);
  warehouseId = w.json().id;
  await app.inject({ method: 'POST', url: '/v1/skus', headers: auth(), payload: { sku: 'SOFA', name: 'Sofa', weight: { value: 140, unit: 'kg' }, dimensions: { length: 210, width: 95, height: 85, unit: 'cm' } } });
  for (let i = 0; i < 12; i++) expect((await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(), payload: truckOrder(i) })).statusCode).toBe(201);
  // ZIP only: located at the centroid, with a warning.
  const zipOnly = truckOrder(12, { external_id: 'ZIP-ONLY' });
  delete (zipOnly.ship_to as Record<string, unknown>)['latitude'];
  delete (zipOnly.ship_to as Record<string, unknown>)['longitude'];
  await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(), payload: zipOnly });
  // Heavier than any truck: reported unassigned.
  await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(), payload: truckOrder(13, { external_id: 'TOO-HEAVY', lines: [{ name: 'Safe', quantity: 1, weight: { value: 3000, unit: 'kg' } }] }) });
  // Another day, and a parcel order: not in the default selection or unassigned with a reason.
  await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(), payload: truckOrder(14, { external_id: 'OTHER-DAY', delivery_preference: { type: 'truck_appointment', window: { start: '2026-11-25T09:00:00-08:00', end: '2026-11-25T12:00:00-08:00' } } }) });
  await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(), payload: truckOrder(15, { external_id: 'PARCEL', delivery_preference: { type: 'home' } }) });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('truck plans', () => {
  test('plans every truck order of the day inside its window, on trucks that can serve it', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/truck-plans', headers: auth(), payload: { warehouse_id: 'ONT', date: '2026-11-24', time_limit_seconds: 300, max_iterations: 200 } });
    expect(r.statusCode).toBe(202);
    const plan = await waitForPlan(r.json().id);
    expect(plan.state).toBe('succeeded');
    const res = plan.result;
    const planned = res.routes.flatMap((x: { stops: { external_id: string }[] }) => x.stops.map((s) => s.external_id));
    const unassigned = new Map(res.unassigned.map((u: { order_id: string; reason: string }) => [u.order_id, u.reason]));
    // 12 + ZIP-ONLY planned; TOO-HEAVY and OTHER-DAY unassigned with reasons; PARCEL not selected.
    expect(planned.sort()).toEqual([...Array.from({ length: 12 }, (_, i) => `TRUCK-${i}`), 'ZIP-ONLY'].sort());
    expect(planned).not.toContain('PARCEL');
    expect([...unassigned.values()].sort()).toEqual([
      'its appointment (2026-11-25T09:00:00-08:00 to 2026-11-25T12:00:00-08:00) is not on 2026-11-24',
      'its load is more than any vehicle can carry',
    ]);
    expect(res.warnings.join(' ')).toContain('ZIP code');
    expect(res.totals).toMatchObject({ orders: 15, planned: 13 });
    for (const route of res.routes) {
      expect(route.load.weight_kg).toBeLessThanOrEqual(route.vehicle_type === 'BOX' ? 2000 : 800);
      for (const s of route.stops) {
        // ETAs inside the order window, customer windows around the ETA and inside it.
        expect(Date.parse(s.eta)).toBeGreaterThanOrEqual(Date.parse(s.order_window.start));
        expect(Date.parse(s.eta)).toBeLessThanOrEqual(Date.parse(s.order_window.end));
        expect(Date.parse(s.customer_window.start)).toBeLessThanOrEqual(Date.parse(s.eta));
        expect(Date.parse(s.customer_window.end)).toBeGreaterThanOrEqual(Date.parse(s.eta));
        expect(Date.parse(s.customer_window.start)).toBeGreaterThanOrEqual(Date.parse(s.order_window.start));
        expect(s.eta).toMatch(/^2026-11-24T\d\d:\d\d:\d\d-08:00$/);
        // White glove needs a two-person crew: only BOX trucks have one.
        if (s.accessorials.includes('white_glove')) expect(route.vehicle_type).toBe('BOX');
      }
      // Stops in time order.
      const etas = route.stops.map((s: { eta: string }) => Date.parse(s.eta));
      expect([...etas].sort((a, b) => a - b)).toEqual(etas);
    }
    const zip = res.routes.flatMap((x: { stops: { external_id: string; location_precision: string }[] }) => x.stops).find((s: { external_id: string }) => s.external_id === 'ZIP-ONLY');
    expect(zip.location_precision).toBe('zip_centroid');
    // Where each stop and the depot are, for the map: the address's own point, or the centroid.
    expect(res.depot).toEqual({ lat: 34.03, lon: -117.55 });
    expect(zip.location.lat).toBeCloseTo(34, 0);
    const exact = res.routes.flatMap((x: { stops: { external_id: string }[] }) => x.stops).find((s: { external_id: string }) => s.external_id === 'TRUCK-0');
    expect(exact.location).toEqual({ lat: truckOrder(0).ship_to.latitude, lon: truckOrder(0).ship_to.longitude });

    // Planned orders carry their plan, truck and stop; the fleet delivers them, so no LTL label
    // is bought for them, even once decided (the decision engine would pick LTL freight).
    const first = res.routes[0].stops[0];
    const order = (await app.inject({ url: `/v1/orders/${first.order_id}`, headers: auth() })).json();
    expect(order.truck_plan).toEqual({ plan_id: plan.id, vehicle_id: res.routes[0].vehicle_id, stop: 1 });
    const decided = (await app.inject({ method: 'POST', url: `/v1/orders/${first.order_id}/decide`, headers: auth() })).json();
    expect(decided).toMatchObject({ status: 'decided', decision: { mode: 'truck', chosen: { card: 'sample-ltl-standard' } } });
    const ship = await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: first.order_id } });
    expect(ship.statusCode).toBe(409);
    expect(ship.json().detail).toContain(`is on truck plan ${plan.id} (truck ${res.routes[0].vehicle_id}, stop 1): the fleet delivers it`);
    // Plans are listed, newest first, with their totals.
    const listed = (await app.inject({ url: '/v1/truck-plans?warehouse_id=ONT&date=2026-11-24', headers: auth() })).json();
    expect(listed.data[0]).toMatchObject({ id: plan.id, state: 'succeeded', totals: { planned: 13 } });
    expect((await app.inject({ url: '/v1/truck-plans?warehouse_id=NOPE', headers: auth() })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/truck-plans?date=2026-11-25', headers: auth() })).json().data).toEqual([]);
    const batch = await app.inject({ method: 'POST', url: '/v1/label-batches', headers: auth(), payload: { status: 'decided' } });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().detail).toBe('No decided orders to ship');

    const sheet = await app.inject({ url: `/v1/truck-plans/${plan.id}/sheets/${res.routes[0].vehicle_id}`, headers: auth() });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toContain('text/html');
    expect(sheet.body).toContain(res.routes[0].stops[0].external_id);
    expect(sheet.body).toContain('Signature');
    expect((await app.inject({ url: `/v1/truck-plans/${plan.id}/sheets/NOPE-1`, headers: auth() })).statusCode).toBe(404);
  });

  test('explicit order ids: unknown and parcel-only orders are explained', async () => {
    const list = (await app.inject({ url: '/v1/orders?limit=100', headers: auth() })).json().data;
    const parcel = list.find((o: { external_id: string }) => o.external_id === 'PARCEL');
    const one = list.find((o: { external_id: string }) => o.external_id === 'TRUCK-1');
    const r = await app.inject({ method: 'POST', url: '/v1/truck-plans', headers: auth(), payload: { warehouse_id: warehouseId, date: '2026-11-24', order_ids: [one.id, parcel.id, 'ord_nope'], time_limit_seconds: 300, max_iterations: 200 } });
    const plan = await waitForPlan(r.json().id);
    expect(plan.result.routes.flatMap((x: { stops: { order_id: string }[] }) => x.stops.map((s) => s.order_id)).sort()).toEqual([one.id, parcel.id].sort());
    expect(plan.result.unassigned).toEqual([{ order_id: 'ord_nope', reason: 'no such order' }]);
  });

  test('orders the decision engine sent by truck are planned with the accessorials it found', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth(), payload: truckOrder(0, { external_id: 'DECIDED-TRUCK', delivery_preference: { type: 'home' } }) });
    expect(created.statusCode).toBe(201);
    const decided = await app.inject({ method: 'POST', url: `/v1/orders/${created.json().id}/decide`, headers: auth() });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().decision).toMatchObject({ mode: 'truck' });
    expect(decided.json().decision.accessorials).toContain('liftgate');
    const r = await app.inject({ method: 'POST', url: '/v1/truck-plans', headers: auth(), payload: { warehouse_id: 'ONT', date: '2026-11-24', time_limit_seconds: 300, max_iterations: 200 } });
    const plan = await waitForPlan(r.json().id);
    const stops = plan.result.routes.flatMap((x: { stops: { external_id: string; accessorials: string[] }[] }) => x.stops);
    const stop = stops.find((x: { external_id: string }) => x.external_id === 'DECIDED-TRUCK');
    expect(stop.accessorials).toEqual(decided.json().decision.accessorials);
    expect(stops.map((x: { external_id: string }) => x.external_id)).not.toContain('PARCEL');
  });

  test('a warehouse without trucks or an unknown one is a 400 with the field', async () => {
    const w = await app.inject({ method: 'POST', url: '/v1/warehouses', headers: auth(), payload: warehouseInput({ code: 'NOFLEET' }) });
    const r = await app.inject({ method: 'POST', url: '/v1/truck-plans', headers: auth(), payload: { warehouse_id: w.json().id, date: '2026-11-24' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain('has no trucks');
    const u = await app.inject({ method: 'POST', url: '/v1/truck-plans', headers: auth(), payload: { warehouse_id: 'NOPE', date: '2026-11-24' } });
    expect(u.json().errors).toEqual([{ path: 'warehouse_id', message: 'no such warehouse' }]);
    const d = await app.inject({ method: 'POST', url: '/v1/truck-plans', headers: auth(), payload: { warehouse_id: 'ONT', date: '24/11/2026' } });
    expect(d.json().errors[0].path).toBe('date');
  });
});
