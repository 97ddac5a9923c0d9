import { describe, expect, test } from 'vitest';
import { carrierKpis, laneStats, type OutcomeTotals } from './carrier-kpis.js';

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
});
