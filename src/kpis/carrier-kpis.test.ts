import { describe, expect, test } from 'vitest';
import { carrierKpis, laneStats, mergeTotals, type OutcomeTotals } from './carrier-kpis.js';

const totals = (over: Partial<OutcomeTotals> = {}): OutcomeTotals => ({
  carrier: 'ups', card: 'ups-ground', service_name: 'UPS Ground', currency: 'USD', shipments: 10, packages: 12, delivered: 7, delivered_with_promise: 6,
  on_time: 5, first_attempt: 6, failed_attempts: 2, lost: 1, returned: 1, cost_amount: 12_000, costed_packages: 12, transit_days: 21, ...over,
});

describe('carrier KPIs', () => {
  test('rates over what each one can be measured on', () => {
    const [k] = carrierKpis([totals()], 0.8);
    expect(k).toMatchObject({
      in_flight: 1, on_time_rate: 0.8333, first_attempt_rate: 0.8571, loss_rate: 0.1111, return_rate: 0.1111,
      cost_per_parcel: { amount: 1000, currency: 'USD' }, avg_transit_days: 3, sla: { target: 0.8, met: true },
    });
  });

  test('nothing to measure is null, not zero; no SLA without a target', () => {
    const [k] = carrierKpis([totals({ delivered: 0, delivered_with_promise: 0, on_time: 0, first_attempt: 0, lost: 0, returned: 0, costed_packages: 0, cost_amount: 0, transit_days: 0 })], null);
    expect(k).toMatchObject({ in_flight: 10, on_time_rate: null, first_attempt_rate: null, loss_rate: null, cost_per_parcel: null, avg_transit_days: null, sla: null });
  });

  test('lane statistics are keyed by carrier and card', () => {
    expect(laneStats([{ carrier: 'ups', card: 'ups-ground', ended: 3.5, failed_attempts: 1, lost: 0.5, late: 0 }]).get('ups|ups-ground')).toEqual({ shipments: 3.5, failedFirstAttempt: 1, lost: 0.5, late: 0 });
  });

  test('services summed per group; the cost per parcel in the currency most packages were costed in, never mixed', () => {
    const rows = [
      totals(),
      totals({ card: 'ups-2day', shipments: 2, packages: 2, delivered: 2, delivered_with_promise: 2, on_time: 2, first_attempt: 2, failed_attempts: 0, lost: 0, returned: 0, cost_amount: 4_000, costed_packages: 2, transit_days: 4 }),
      totals({ carrier: 'dhl', card: 'dhl-eu', currency: 'EUR', shipments: 1, packages: 1, delivered: 1, delivered_with_promise: 1, on_time: 0, first_attempt: 1, failed_attempts: 0, lost: 0, returned: 0, cost_amount: 900_000, costed_packages: 1, transit_days: 5 }),
    ];
    const [all] = carrierKpis(mergeTotals(rows, () => 'all'), null);
    expect(all).toMatchObject({ carrier: 'all', shipments: 13, packages: 15, delivered: 10, on_time_rate: 0.7778, cost_per_parcel: { amount: 1143, currency: 'USD' } });
    expect(carrierKpis(mergeTotals(rows, (r) => r.carrier), null).map((k) => [k.carrier, k.shipments, k.cost_per_parcel?.currency])).toEqual([['dhl', 1, 'EUR'], ['ups', 12, 'USD']]);
  });
});
