import { describe, expect, test } from 'vitest';
import type { Sku } from '../catalog/sku.schema.js';
import { orderCreateSchema, type Order } from '../orders/order.schema.js';
import { customerWindow, orderToStop, type StopContext } from './truck-stops.js';

function order(over: Record<string, unknown> = {}): Order {
  const input = orderCreateSchema.parse({
    external_id: 'T-1',
    ship_to: { name: 'Ana', line1: '1 Main St', city: 'Irvine', state: 'CA', postal_code: '92618', country: 'US' },
    lines: [{ sku: 'SOFA', quantity: 1 }],
    order_value: { amount: 100000, currency: 'USD' },
    delivery_preference: { type: 'truck_appointment', window: { start: '2026-11-24T14:00:00-08:00', end: '2026-11-24T17:00:00-08:00' }, accessorials: ['room_of_choice', 'liftgate'] },
    ...over,
  });
  return { ...input, id: 'ord_1', external_id: 'T-1', status: 'new', address_check: null, decision: null, truck_plan: null, warehouse_id: 'wh_1', created_at: '', updated_at: '', cancelled_at: null, cancel_reason: null };
}

const sofa: Sku = {
  id: 'sku_1', sku: 'SOFA', name: 'Sofa', weight: { value: 300, unit: 'lb' }, dimensions: { length: 84, width: 38, height: 34, unit: 'in' },
  declared_value: null, hs_code: null, country_of_origin: null, flags: [], created_at: '', updated_at: '',
};
const ctx: StopContext = {
  date: '2026-11-24',
  timezone: 'America/Los_Angeles',
  defaultWindow: { start: '08:00', end: '18:00' },
  skus: new Map([['SOFA', sofa]]),
  zipCentroid: (c, z) => (c === 'US' && z === '92618' ? { lat: 33.66, lon: -117.73 } : undefined),
};

describe('orderToStop', () => {
  test('demand from the catalog, window from the appointment, skills and time from the accessorials', () => {
    const r = orderToStop(order(), ctx);
    if (!('stop' in r)) throw new Error(r.reason);
    expect(r.stop.weightKg).toBeCloseTo(136.078, 3);
    expect(r.stop.volumeM3).toBeCloseTo((84 * 38 * 34 * 25.4 ** 3) / 1e9, 6);
    // 84×38×34 in = 1.78 m³, more than one 1.68 m³ pallet.
    expect(r.stop.pallets).toBe(2);
    expect(r.stop.window).toEqual([14 * 3600, 17 * 3600]);
    expect(r.stop.serviceSeconds).toBe(25 * 60);
    expect(r.stop.skills.sort()).toEqual(['liftgate', 'two_person']);
    expect(r.stop.precision).toBe('zip_centroid');
    expect(r.warning).toContain('ZIP 92618 centroid');
  });

  test('exact coordinates are used when the address has them', () => {
    const r = orderToStop(order({ ship_to: { line1: '1 Main St', city: 'Irvine', country: 'US', latitude: 33.7, longitude: -117.8 } }), ctx);
    expect('stop' in r && r.stop.location).toEqual({ lat: 33.7, lon: -117.8 });
    expect('stop' in r && r.stop.precision).toBe('address');
  });

  test('reasons when an order cannot become a stop', () => {
    expect(orderToStop(order({ lines: [{ sku: 'UNKNOWN', quantity: 1 }] }), ctx)).toEqual({ reason: 'line 1 (UNKNOWN) has no weight: no inline weight and no catalog SKU' });
    expect(orderToStop(order({ ship_to: { line1: '1 Main St', city: 'X', postal_code: '00000', country: 'US' } }), ctx)).toEqual({
      reason: 'no coordinates on the address and no known postal code to locate it',
    });
    const other = orderToStop(order({ delivery_preference: { type: 'truck_appointment', window: { start: '2026-11-25T09:00:00-08:00', end: '2026-11-25T12:00:00-08:00' } } }), ctx);
    expect(other).toEqual({ reason: 'its appointment (2026-11-25T09:00:00-08:00 to 2026-11-25T12:00:00-08:00) is not on 2026-11-24' });
  });

  test('orders without an appointment get the default window and curbside service', () => {
    const r = orderToStop(order({ delivery_preference: { type: 'home' } }), ctx);
    if (!('stop' in r)) throw new Error(r.reason);
    expect(r.stop.window).toEqual([8 * 3600, 18 * 3600]);
    expect(r.stop.accessorials).toEqual(['curbside']);
    expect(r.stop.skills).toEqual([]);
  });
});

test('the customer window contains the ETA and stays inside the order window', () => {
  const w: [number, number] = [8 * 3600, 18 * 3600];
  expect(customerWindow(10 * 3600 + 7 * 60, w, 120)).toEqual([9.5 * 3600, 11.5 * 3600]);
  expect(customerWindow(8 * 3600 + 60, w, 120)).toEqual([8 * 3600, 10 * 3600]);
  expect(customerWindow(17.9 * 3600, w, 120)).toEqual([16 * 3600, 18 * 3600]);
  const narrow: [number, number] = [14 * 3600, 15 * 3600];
  expect(customerWindow(14.5 * 3600, narrow, 120)).toEqual([14 * 3600, 15 * 3600]);
});
