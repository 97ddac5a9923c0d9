import { describe, expect, test } from 'vitest';
import { carrierCalendar } from '../calendar/business-days.js';
import { promiseDates } from '../calendar/promise.js';
import { SAMPLES } from '../rating/card-import.js';
import { compileCard } from '../rating/quote.js';
import { decide, type DecideInput } from './decide.js';
import { decideInputFor } from './decide.fixture.js';
import type { NearbyPoint } from './mode.js';
import { routingConfigSchema, type RoutingConfigInput } from './routing-config.schema.js';
import { checkRules } from './rules.js';
import { score, shrunk, stableFraction } from './scoring.js';

const cards = SAMPLES.map(compileCard);
const cfg = (over: RoutingConfigInput = {}) => routingConfigSchema.parse(over);
const input = (over: Partial<DecideInput> = {}, facts: Partial<DecideInput['facts']> = {}) => decideInputFor(over, facts);

const sofa = { weight: { value: 300, unit: 'lb' as const }, dimensions: { length: 84, width: 38, height: 34, unit: 'in' as const }, size: { weightLb: 300, sidesIn: [84, 38, 34] as [number, number, number] } };

describe('mode policy', () => {
  test('a 300 lb sofa goes by truck, with liftgate and appointment for a residence', () => {
    const d = decide(input({ packages: [sofa] }));
    expect(d.mode).toBe('truck');
    expect(d.mode_reasons[0]).toMatch(/300 lb package is over the 150 lb parcel limit/);
    expect(d.accessorials).toEqual(expect.arrayContaining(['liftgate', 'appointment']));
    expect(d.chosen?.card).toBe('sample-ltl-standard');
    // The LTL quote carries the residential surcharge and the liftgate and appointment accessorials.
    expect(d.excluded.filter((e) => e.code === 'MODE')).toHaveLength(cards.length - 1);
  });

  test('a small parcel goes home by parcel; a valuable truck order gets inside delivery', () => {
    expect(decide(input()).mode).toBe('parcel');
    const d = decide(input({ packages: [sofa], value: 200_000 }));
    expect(d.accessorials).toContain('inside_delivery');
  });

  test('B2B orders of 500 lb or more consolidate on a truck', () => {
    const pallet = { weight: { value: 120, unit: 'lb' as const }, dimensions: { length: 24, width: 20, height: 20, unit: 'in' as const }, size: { weightLb: 120, sidesIn: [24, 20, 20] as [number, number, number] } };
    const d = decide(input({ customerType: 'b2b', packages: [pallet, pallet, pallet, pallet, pallet] }));
    expect(d.mode).toBe('truck');
    expect(d.mode_reasons[0]).toMatch(/B2B order of 5 units, 600 lb in 5 packages, consolidated as one freight shipment/);
  });

  const locker: NearbyPoint = {
    id: 'L1', operator: 'amazon_hub', carrier: null, name: 'Hub Locker Clark St', postal_code: '60614', state: 'IL', distance_km: 0.6,
    compartments: [{ size: 'M', lengthIn: 16, widthIn: 12, heightIn: 8, maxWeightLb: 25 }],
  };

  test('pickup point: when the customer chose it, and recommended for small urban orders near one that fits', () => {
    const chosen = decide(input({ preference: { type: 'pickup_point', pickup_point_id: 'L1' }, points: [locker], chosenPoint: locker }));
    expect(chosen).toMatchObject({ mode: 'pickup', pickup_point: { id: 'L1' } });
    const recommended = decide(input({ points: [locker] }));
    expect(recommended.mode).toBe('pickup');
    expect(recommended.mode_reasons[0]).toMatch(/Hub Locker Clark St .* has compartments that fit/);
    // An explicit home choice is honoured: no locker suggested.
    expect(decide(input({ points: [locker], preference: { type: 'home' } })).mode).toBe('parcel');
    // Too big for the compartment, too far, too valuable, or not urban: home delivery.
    const big = { ...input().packages[0]!, size: { weightLb: 2, sidesIn: [20, 8, 6] as [number, number, number] } };
    expect(decide(input({ points: [locker], packages: [big] })).mode).toBe('parcel');
    expect(decide(input({ points: [{ ...locker, distance_km: 3 }] })).mode).toBe('parcel');
    expect(decide(input({ points: [locker], value: 20_000 })).mode).toBe('parcel');
    const suburban = decide(input({ points: [locker], address: { ...input().address, region: 'suburban' } }));
    expect(suburban).toMatchObject({ mode: 'parcel', mode_reasons: ['suburban residential address: home delivery'] });
  });
});

describe('hard constraints', () => {
  test('a PO box never goes to a carrier that cannot deliver there', () => {
    const d = decide(input({ address: { ...input().address, poBox: true } }));
    expect(d.candidates.map((c) => c.carrier)).toEqual(expect.arrayContaining(['usps']));
    for (const c of d.candidates) expect(['sample-usps-ground-advantage', 'sample-usps-priority-mail-express', 'sample-ups-ground-saver']).toContain(c.card);
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: 'sample-ups-ground', reason: 'does not deliver to PO boxes' }));
  });

  test('APO/FPO goes to USPS only', () => {
    const d = decide(input({ address: { ...input().address, military: true } }));
    expect(d.candidates.map((c) => c.card).sort()).toEqual(['sample-usps-ground-advantage', 'sample-usps-priority-mail-express']);
  });

  test('a battery never goes to a service that refuses it', () => {
    const d = decide(input({ battery: true }));
    expect(d.candidates.map((c) => c.card)).not.toContain('sample-metro-light-parcel');
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: 'sample-metro-light-parcel', reason: expect.stringContaining('lithium batteries') }));
  });

  test('size and weight limits come from the cards', () => {
    const heavy = { weight: { value: 60, unit: 'lb' as const }, dimensions: { length: 20, width: 20, height: 20, unit: 'in' as const }, size: { weightLb: 60, sidesIn: [20, 20, 20] as [number, number, number] } };
    const d = decide(input({ packages: [heavy] }));
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: 'sample-ontrac-ground', reason: expect.stringContaining('50 lb maximum') }));
    expect(d.candidates.every((c) => c.card !== 'sample-ontrac-ground')).toBe(true);
  });
});

describe('rules', () => {
  test('force a mode, deny a carrier, prefer a service, require a signature', () => {
    const config = cfg({
      rules: [
        { id: 'no-ontrac-il', priority: 1, when: { states: ['IL'] }, then: { deny_carriers: ['ontrac'] } },
        { id: 'prefer-ups', priority: 2, when: {}, then: { prefer: [{ carrier: 'ups', bonus: 5000 }] } },
        { id: 'vip-signature', priority: 3, when: { tags: ['vip'] }, then: { require_signature: 'adult' } },
      ],
    });
    const d = decide(input({ config }, { tags: ['vip'] }));
    expect(d.rules_applied).toEqual(['no-ontrac-il', 'prefer-ups', 'vip-signature']);
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: 'sample-ontrac-ground', reason: 'carrier denied by rule no-ontrac-il' }));
    expect(d.chosen?.carrier).toBe('ups');
    expect(d.chosen?.score.preference_bonus).toEqual({ amount: 5000, currency: 'USD' });
    expect(d.signature).toBe('adult');
    const forced = decide(input({ config: cfg({ rules: [{ id: 'truck-all', priority: 1, when: {}, then: { mode: 'truck' } }] }) }));
    expect(forced.mode).toBe('truck');
    expect(forced.mode_reasons).toContainEqual(expect.stringMatching(/rule truck-all asks for truck delivery/));
  });

  test('saving reports conflicting and unreachable rules', () => {
    const rules = cfg({
      rules: [
        { id: 'ca-ups', priority: 1, when: { states: ['CA'] }, then: { allow_carriers: ['ups'] } },
        { id: 'heavy-no-ups', priority: 2, when: { weight_lb: { min: 20 } }, then: { deny_carriers: ['ups'] } },
        { id: 'ny-stop', priority: 3, stop: true, when: { states: ['NY'] }, then: { mode: 'parcel' } },
        { id: 'ny-brooklyn', priority: 4, when: { states: ['NY'], zip_prefixes: ['112'] }, then: { mode: 'pickup' } },
        { id: 'tx', priority: 5, when: { states: ['TX'] }, then: { mode: 'truck' } },
      ],
    }).rules;
    const r = checkRules(rules);
    expect(r.conflicts).toEqual([{ rules: ['ca-ups', 'heavy-no-ups'], reasons: ['carrier ups allowed and denied'], winner: 'ca-ups' }]);
    expect(r.unreachable).toEqual([{ rule: 'ny-brooklyn', because: 'rule ny-stop (priority 3) stops every order ny-brooklyn would match' }]);
  });
});

describe('scoring, pilots and backups', () => {
  test('expected cost adds redelivery, loss and lateness risks to the quote', () => {
    const d = decide(input());
    const c = d.chosen!;
    // Priors (no history yet): 6 % failed first attempts, 0.4 % loss; lateness 8 %, or 30 % when
    // the slow (p90) transit is beyond the 5 days a standard order promises.
    const late = c.transit_days.p90 > 5 ? 0.3 : 0.08;
    expect(c.score.risks).toEqual({ fail_first_attempt: { probability: 0.06, label: 'moderate' }, loss: { probability: 0.004, label: 'moderate' }, late: { probability: late, label: late >= 0.2 ? 'may_be_late' : 'on_time_likely' } });
    expect(c.score.expected_total).toEqual({ amount: Math.round(c.total.amount + 0.06 * 1750 + 0.004 * (5000 + 800) + late * 500), currency: 'USD' });
    expect(c.score.redelivery).toEqual({ amount: 105, currency: 'USD' });
    const totals = d.candidates.map((x) => x.score.expected_total.amount);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  test('history is shrunk toward the prior when thin, and a slow service is likely late for an expedited order', () => {
    expect(shrunk(0, 0, 0.05, 50)).toBe(0.05);
    expect(shrunk(10, 50, 0.05, 50)).toBeCloseTo(0.125, 9);
    expect(shrunk(200, 1000, 0.05, 50)).toBeCloseTo((200 + 2.5) / 1050, 9);
    const slow = score({ carrier: 'x', quoteTotal: 1000, currency: 'USD', orderValue: 0, transitP50: 5, transitP90: 6, serviceLevel: 'expedited', stats: null, bonus: 0 }, cfg());
    expect(slow.risks.late).toEqual({ probability: 0.9, label: 'likely_late' });
  });

  test('a service marked down is excluded and orders fall back to the next best', () => {
    const best = decide(input()).chosen!.card;
    const d = decide(input({ config: cfg({ down: [best] }) }));
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: best, reason: 'marked down: orders fall back to the next best' }));
    expect(d.chosen!.card).not.toBe(best);
  });

  test('pilots take their share of eligible orders, the same ones every time', () => {
    const config = cfg({ pilots: [{ name: 'ontrac-test', service: 'sample-ontrac-ground', share: 0.3 }] });
    let piloted = 0;
    for (let k = 0; k < 400; k++) {
      const d = decide(input({ orderId: `ord_${k}`, config }));
      if (d.pilot) {
        piloted++;
        expect(d).toMatchObject({ chosen: { card: 'sample-ontrac-ground' }, tags: ['pilot:ontrac-test'] });
      }
      expect(!!d.pilot).toBe(stableFraction(`ord_${k}:ontrac-test`) < 0.3);
    }
    expect(piloted).toBeGreaterThan(90);
    expect(piloted).toBeLessThan(150);
  });
});

describe('promise dates', () => {
  const wh = { timezone: 'America/Los_Angeles', operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'], pickup_cutoffs: [{ carrier: 'ups', cutoff: '16:00' }] };
  test('cut-off, weekends and carrier holidays move the dates', () => {
    // Tuesday 24 Nov 2026 at 10:00 in Los Angeles, 3 days: Thanksgiving (26th) is skipped.
    const p = promiseDates({ readyAt: '2026-11-24T18:00:00Z', warehouse: wh, carrier: 'ups', transitP50: 3, transitP90: 4, carrierCalendar: carrierCalendar('ups') });
    expect(p).toMatchObject({ ship_date: '2026-11-24', expected: '2026-11-30', latest: '2026-12-01' });
    // After the 16:00 cut-off on a Friday: ships Monday.
    const late = promiseDates({ readyAt: '2026-11-28T01:30:00Z', warehouse: wh, carrier: 'ups', transitP50: 1, transitP90: 2, carrierCalendar: carrierCalendar('ups') });
    expect(late.ship_date).toBe('2026-11-30');
    // USPS delivers on Saturdays and observes Veterans Day; UPS does neither.
    expect(carrierCalendar('usps').isWorkday('2026-11-14')).toBe(true);
    expect(carrierCalendar('ups').isWorkday('2026-11-14')).toBe(false);
    expect(carrierCalendar('usps').isWorkday('2026-11-11')).toBe(false);
    expect(carrierCalendar('ups').isWorkday('2026-11-11')).toBe(true);
    // Overrides: a working Saturday and an extra holiday (e.g. for CN/VN calendars).
    const cn = carrierCalendar('sf', { holidays: ['2026-06-03'], workdays: ['2026-06-06'] });
    expect([cn.isWorkday('2026-06-03'), cn.isWorkday('2026-06-06')]).toEqual([false, true]);
  });

  test('every candidate gets an expected and a latest delivery date', () => {
    for (const c of decide(input()).candidates) {
      expect(c.promise.expected <= c.promise.latest).toBe(true);
      expect(c.promise.ship_date >= '2026-06-02').toBe(true);
    }
  });
});
