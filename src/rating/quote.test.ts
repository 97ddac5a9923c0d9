import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { billableWeight } from './billable.js';
import { readRateCard } from './card-import.js';
import { convert } from './exchange.js';
import { freightClassFor } from './freight-class.js';
import { compileCard, type EligibleQuote, type ServiceQuote } from './quote.js';
import type { RateCardInput } from './rate-card.schema.js';
import type { Shipment } from './shipment.js';

const GRID = readFileSync(new URL('../../test/fixtures/rate-grid.csv', import.meta.url), 'utf8');

const baseCard = (over: Partial<RateCardInput> = {}): Record<string, unknown> => ({
  code: 'test-ground', carrier: 'test', service: 'ground', name: 'Test Ground', currency: 'USD', effective_from: '2026-01-01',
  weight_unit: 'lb', weight_steps: [{ step: { value: 1, unit: 'lb' } }], dimension_rounding: 'nearest',
  dim: { divisor: 139, system: 'imperial' }, ...over,
});

const ship = (over: Partial<Shipment> = {}): Shipment => ({
  originZip: '90001', destZip: '10001', destState: 'NY', residential: false, weight: { value: 1, unit: 'lb' }, dimensions: null,
  signature: null, declaredValue: null, cod: false, nonCartonPackaging: false, battery: false, hazmat: false, accessorials: new Set(), freightClass: null,
  ...over,
});

const given = (zone: string) => ({ zone, source: 'given' as const });
const ok = (q: ServiceQuote): EligibleQuote => {
  if (!q.eligible) throw new Error(`expected a price, got ${q.code}: ${q.reason}`);
  return q;
};

describe('price grid imported from CSV', () => {
  const card = compileCard(readRateCard(baseCard(), GRID));
  const rows = GRID.trim().split('\n').slice(1).map((l) => l.split(','));

  test('quoting every weight × zone reproduces the published grid to the cent', () => {
    let cells = 0;
    for (const r of rows) {
      r.slice(1).forEach((cell, i) => {
        const q = ok(card.quote(ship({ weight: { value: Number(r[0]), unit: 'lb' } }), given(String(i + 2)), '2026-06-01'));
        expect(q.base, `${r[0]} lb zone ${i + 2}`).toBe(Math.round(Number(cell.replace('$', '')) * 100));
        expect(q.total).toBe(q.base);
        cells++;
      });
    }
    expect(cells).toBe(70);
  });

  test('a fraction of a pound is billed as the next pound; over the grid is ineligible', () => {
    expect(ok(card.quote(ship({ weight: { value: 4.01, unit: 'lb' } }), given('5'), '2026-06-01')).base).toBe(1433);
    expect(ok(card.quote(ship({ weight: { value: 64, unit: 'oz' } }), given('5'), '2026-06-01')).base).toBe(1385);
    expect(card.quote(ship({ weight: { value: 10.5, unit: 'lb' } }), given('5'), '2026-06-01')).toMatchObject({ eligible: false, code: 'OVER_MAX_WEIGHT' });
    expect(card.quote(ship(), given('9'), '2026-06-01')).toMatchObject({ eligible: false, code: 'NO_PRICE' });
    // No zone 1 on the card: a local delivery is priced at its lowest zone, and the quote says so.
    const local = ok(card.quote(ship(), given('1'), '2026-06-01'));
    expect(local).toMatchObject({ zone: '1', base: 1018 });
    expect(local.notes).toContain("zone 1 priced as zone 2, the card's lowest");
  });

  test('bad grids are rejected with the row and column of every bad cell', () => {
    const bad = 'Weight,Zone 2,Zone X\n1,1.00,2.00\n1,abc,3\nfoo,1,2\n';
    try {
      readRateCard(baseCard(), bad);
      expect.unreachable();
    } catch (e) {
      const errors = (e as { errors: { path: string; message: string }[] }).errors;
      expect(errors.map((x) => x.path)).toEqual(['prices_csv row 1, column 3', 'prices_csv row 3, column 1', 'prices_csv row 3, column 2', 'prices_csv row 4, column 1']);
    }
  });

  test('USPS-style combined zone columns ("Zones 1&2") price both zones', () => {
    const c = readRateCard(baseCard(), 'Weight Not Over (lbs.),Zones 1&2,Zone 3,Zone 4\n1,$7.70,$7.85,$8.05\n2,$8.60,$8.95,$9.40\n');
    expect(c.prices!.zones).toEqual(['1', '2', '3', '4']);
    const q = (zone: string, lb: number) => ok(compileCard(c).quote(ship({ weight: { value: lb, unit: 'lb' } }), given(zone), '2026-06-01')).base;
    expect([q('1', 1), q('2', 1), q('3', 2), q('4', 2)]).toEqual([770, 770, 895, 940]);
  });

  test('weights with their own unit ("8 oz") and zone headers without "Zone"', () => {
    const c = readRateCard(baseCard({ weight_steps: [{ step: { value: 0.01, unit: 'oz' } }] }), 'oz,1,2\n4 oz,5.00,5.10\n8 oz,5.50,5.60\n1 lb,6.00,6.10\n');
    expect(c.prices!.zones).toEqual(['1', '2']);
    expect(c.prices!.rows.map((r) => r.weight.value)).toEqual([0.25, 0.5, 1]);
    const q = compileCard(c).quote(ship({ weight: { value: 7.5, unit: 'oz' } }), given('2'), '2026-06-01');
    expect(ok(q).base).toBe(560);
  });
});

describe('billable weight', () => {
  const ups = readRateCard(baseCard(), GRID);

  test('UPS-style: sides rounded to the nearest inch, dim = L×W×H / 139 rounded up, billable = max', () => {
    // 12.4 × 10.5 × 8.49 in -> 12 × 11 × 8 = 1,056 in³ / 139 = 7.597 -> 8 lb; actual 3.2 -> 4 lb.
    const b = billableWeight(ups, { value: 3.2, unit: 'lb' }, { length: 12.4, width: 10.5, height: 8.49, unit: 'in' });
    expect(b).toMatchObject({ actual: 3.2, dim: 8, billable: 8, sides: [12, 11, 8] });
    // Heavier than its size: actual wins, rounded up.
    expect(billableWeight(ups, { value: 9.1, unit: 'lb' }, { length: 6, width: 6, height: 6, unit: 'in' }).billable).toBe(10);
    // Centimetres converted: 30.48 cm = 12 in.
    expect(billableWeight(ups, { value: 1, unit: 'kg' }, { length: 30.48, width: 30.48, height: 30.48, unit: 'cm' })).toMatchObject({ dim: 13, billable: 13 });
  });

  test('USPS-style: dim weight only above 1,728 in³ with divisor 166; ounces under a pound', () => {
    const usps = readRateCard(baseCard({ dim: { divisor: 166, system: 'imperial', min_volume: { value: 1728, unit: 'in3' } }, weight_steps: [{ below: { value: 1, unit: 'lb' }, step: { value: 1, unit: 'oz' } }, { step: { value: 1, unit: 'lb' } }] }), GRID);
    expect(billableWeight(usps, { value: 2, unit: 'lb' }, { length: 12, width: 12, height: 12, unit: 'in' })).toMatchObject({ dim: null, billable: 2 });
    // 13 × 12 × 12 = 1,872 in³ / 166 = 11.28 -> 12 lb.
    expect(billableWeight(usps, { value: 2, unit: 'lb' }, { length: 13, width: 12, height: 12, unit: 'in' })).toMatchObject({ dim: 12, billable: 12 });
    // 9.2 oz -> 10 oz.
    expect(billableWeight(usps, { value: 9.2, unit: 'oz' }, null).billable).toBeCloseTo(10 / 16, 10);
  });

  test('metric cards: cm and kg, divisor 5000, half-kilo steps', () => {
    const metric = readRateCard(baseCard({ weight_unit: 'kg', weight_steps: [{ step: { value: 0.5, unit: 'kg' } }], dim: { divisor: 5000, system: 'metric' } }), 'kg,Zone 1\n0.5,3.00\n1,4.00\n5,9.00\n');
    // 40 × 30 × 20 cm = 24,000 cm³ / 5,000 = 4.8 kg -> 5.0 kg.
    expect(billableWeight(metric, { value: 2.2, unit: 'kg' }, { length: 40, width: 30, height: 20, unit: 'cm' })).toMatchObject({ dim: 5, billable: 5 });
    expect(billableWeight(metric, { value: 0.3, unit: 'kg' }, null).billable).toBe(0.5);
  });
});

describe('surcharges, fuel and eligibility (hand-computed totals)', () => {
  const card = (surcharges: unknown[], extra: Partial<RateCardInput> = {}) => compileCard(readRateCard(baseCard({ surcharges: surcharges as never, ...extra }), GRID));
  const d = '2026-06-01';

  test('residential, then fuel on the base and the listed surcharges only', () => {
    const c = card([{ code: 'residential', args: { amount: 595 } }, { code: 'signature', args: { direct: 715 } }], {
      fuel: { table: [{ from: '2026-01-01', percent: 20 }, { from: '2026-05-01', percent: 20.5 }], applies_to: ['base', 'residential'] },
    });
    const q = ok(c.quote(ship({ residential: true, signature: 'direct', weight: { value: 2, unit: 'lb' } }), given('4'), d));
    // base 11.86 + residential 5.95 + signature 7.15; fuel 20.5 % of (11.86 + 5.95) = 3.651 -> 3.65.
    expect(q.surcharges.map((s) => [s.code, s.amount])).toEqual([['residential', 595], ['signature', 715]]);
    expect(q.fuel).toEqual({ percent: 20.5, amount: 365 });
    expect(q.total).toBe(1186 + 595 + 715 + 365);
    // The fuel table is dated: 20 % before May.
    expect(ok(c.quote(ship({ residential: true, weight: { value: 2, unit: 'lb' } }), given('4'), '2026-04-30')).fuel).toEqual({ percent: 20, amount: 356 });
    expect(ok(c.quote(ship({ residential: false, weight: { value: 2, unit: 'lb' } }), given('4'), d)).surcharges).toEqual([]);
  });

  test('delivery area: the first tier that matches, by state or ZIP range, residential or commercial amount', () => {
    const c = card([{ code: 'delivery_area', args: { tiers: [
      { name: 'alaska', states: ['AK'], residential: 4050, commercial: 4050 },
      { name: 'extended', zips: ['596-599'], residential: 810, commercial: 575 },
      { name: 'das', zips: ['59001', '59600-59699'], residential: 565, commercial: 465 },
    ] } }]);
    expect(ok(c.quote(ship({ destZip: '99501', destState: 'AK' }), given('8'), d)).surcharges).toEqual([{ code: 'delivery_area', label: 'delivery area (alaska)', amount: 4050 }]);
    expect(ok(c.quote(ship({ destZip: '59715', destState: 'MT', residential: true }), given('6'), d)).surcharges[0]!.amount).toBe(810);
    expect(ok(c.quote(ship({ destZip: '59001', destState: 'MT' }), given('6'), d)).surcharges[0]).toMatchObject({ label: 'delivery area (das)', amount: 465 });
    expect(ok(c.quote(ship({ destZip: '10001' }), given('8'), d)).surcharges).toEqual([]);
  });

  test('additional handling: only the highest applies, by zone; none when the large-package rule applies', () => {
    const ah = { code: 'additional_handling', args: { criteria: [
      { when: 'weight', over: { value: 50, unit: 'lb' }, amount: { '2': 4650, '5': 5625, default: 5875 } },
      { when: 'length', over: { value: 48, unit: 'in' }, amount: { '2': 3000, '5': 3850, default: 4050 } },
      { when: 'packaging', amount: 2675 },
    ] } };
    const lps = { code: 'large_package', args: { criteria: [{ when: 'length', over: { value: 96, unit: 'in' } }], amount: 24000, min_billable_weight: { value: 9, unit: 'lb' } } };
    const c = card([ah, lps]);
    const q = c.quote(ship({ weight: { value: 3, unit: 'lb' }, dimensions: { length: 50, width: 4, height: 4, unit: 'in' }, nonCartonPackaging: true }), given('5'), d);
    // 50 × 4 × 4 = 800 / 139 = 5.76 -> 6 lb; length and packaging both apply: the higher (38.50) is charged.
    expect(ok(q).surcharges).toEqual([{ code: 'additional_handling', label: 'additional handling (length)', amount: 3850 }]);
    expect(ok(q).total).toBe(1485 + 3850);
    // Over 96 in: large package, its 9 lb minimum billable weight, and no additional handling.
    const big = ok(c.quote(ship({ weight: { value: 2, unit: 'lb' }, dimensions: { length: 97, width: 2, height: 2, unit: 'in' } }), given('2'), d));
    expect(big.billable_weight).toEqual({ value: 9, unit: 'lb' });
    expect(big.surcharges).toEqual([{ code: 'large_package', label: 'large package', amount: 24000 }]);
    expect(big.total).toBe(1351 + 24000);
  });

  test('over the maximum weight or size: ineligible with the reason', () => {
    const c = card([], { limits: { max_weight: { value: 8, unit: 'lb' }, max_length: { value: 30, unit: 'in' }, max_length_plus_girth: { value: 60, unit: 'in' } } });
    expect(c.quote(ship({ weight: { value: 8.5, unit: 'lb' } }), given('2'), d)).toMatchObject({ eligible: false, code: 'OVER_MAX_WEIGHT', reason: 'over the 8 lb maximum of Test Ground' });
    expect(c.quote(ship({ dimensions: { length: 31, width: 1, height: 1, unit: 'in' } }), given('2'), d)).toMatchObject({ eligible: false, code: 'OVER_MAX_SIZE' });
    // 20 + 2 × (10 + 11) = 62 in length plus girth.
    expect(c.quote(ship({ dimensions: { length: 20, width: 10, height: 11, unit: 'in' } }), given('2'), d)).toMatchObject({ eligible: false, code: 'OVER_MAX_SIZE' });
  });

  test('declared value: first $100 free, then per $100 started, with a minimum', () => {
    const c = card([{ code: 'declared_value', args: { free_up_to: 10000, per: 10000, amount: 145, minimum: 450 } }]);
    expect(ok(c.quote(ship({ declaredValue: 10000 }), given('2'), d)).surcharges).toEqual([]);
    expect(ok(c.quote(ship({ declaredValue: 25000 }), given('2'), d)).surcharges[0]!.amount).toBe(450);
    // $750: 6.5 -> 7 units of $100 above the free $100 = 10.15.
    expect(ok(c.quote(ship({ declaredValue: 75000 }), given('2'), d)).surcharges[0]!.amount).toBe(1015);
  });

  test('peak surcharges by date range, COD, and battery/hazmat eligibility', () => {
    const c = card([
      { code: 'peak', args: { periods: [{ from: '2026-11-22', to: '2026-12-26', amount: 65, residential_only: true }] } },
      { code: 'cod', args: { amount: 1500 } },
    ], { limits: { batteries: false } });
    expect(ok(c.quote(ship({ residential: true }), given('2'), '2026-11-21')).surcharges).toEqual([]);
    expect(ok(c.quote(ship({ residential: true }), given('2'), '2026-11-22')).surcharges).toEqual([{ code: 'peak', label: 'peak 2026-11-22…2026-12-26', amount: 65 }]);
    expect(ok(c.quote(ship({ residential: false }), given('2'), '2026-12-01')).surcharges).toEqual([]);
    expect(ok(c.quote(ship({ cod: true }), given('2'), d)).total).toBe(1018 + 1500);
    expect(c.quote(ship({ battery: true }), given('2'), d)).toMatchObject({ eligible: false, code: 'BATTERY' });
    expect(c.quote(ship({ hazmat: true }), given('2'), d)).toMatchObject({ eligible: false, code: 'HAZMAT' });
  });

  test('residential-only services and served areas', () => {
    const c = card([], { limits: { residential_only: true, states: ['CA', 'NY'] } });
    expect(c.quote(ship({ residential: false }), given('2'), d)).toMatchObject({ eligible: false, code: 'RESIDENTIAL_ONLY' });
    expect(c.quote(ship({ residential: true, destZip: '60601', destState: 'IL' }), given('2'), d)).toMatchObject({ eligible: false, code: 'NOT_SERVED' });
    expect(c.quote(ship({ residential: true }), given('2'), d).eligible).toBe(true);
  });
});

describe('LTL', () => {
  test('class from density, rate per hundredweight, minimum charge, accessorials, fuel on linehaul', () => {
    const c = compileCard(readRateCard({
      ...baseCard({ code: 'ltl', mode: 'ltl', dim: null }),
      ltl: { minimum_charge: 15000, per_cwt_by_class: { '100': { '5': 6000 }, '70': { '5': 4200 } } },
      surcharges: [{ code: 'liftgate', args: { amount: 9500 } }, { code: 'residential', args: { amount: 12500 } }],
      fuel: { table: [{ from: '2026-01-01', percent: 27 }], applies_to: ['base'] },
    }));
    // 400 lb on a 48 × 40 × 48 in pallet: 400 / 53.33 ft³ = 7.5 lb/ft³ -> class 125 (no rate) …
    expect(freightClassFor({ value: 400, unit: 'lb' }, { length: 48, width: 40, height: 48, unit: 'in' })).toBe('125');
    // … 900 lb: 16.9 lb/ft³ -> class 70: 9 cwt × 42.00 = 378.00, + liftgate 95 + residential 125, fuel 27 % of 378 = 102.06.
    const q = ok(c.quote(ship({ weight: { value: 900, unit: 'lb' }, dimensions: { length: 48, width: 40, height: 48, unit: 'in' }, residential: true, accessorials: new Set(['liftgate']) }), given('5'), '2026-06-01'));
    expect(q).toMatchObject({ freight_class: '70', base: 37800, fuel: { percent: 27, amount: 10206 } });
    expect(q.total).toBe(37800 + 9500 + 12500 + 10206);
    // A light shipment pays the minimum.
    expect(ok(c.quote(ship({ weight: { value: 100, unit: 'lb' }, freightClass: '100' }), given('5'), '2026-06-01')).base).toBe(15000);
  });
});

describe('exchange rates', () => {
  const rates = [
    { base: 'USD', quote: 'EUR', date: '2026-01-01', rate: '0.90' },
    { base: 'USD', quote: 'EUR', date: '2026-06-01', rate: '0.92' },
  ];
  test('the rate in force on the date, directly or inverted', () => {
    expect(convert(10000, 'USD', 'EUR', '2026-05-31', rates)).toEqual({ amount: 9000, rate: '0.90', date: '2026-01-01' });
    expect(convert(10000, 'USD', 'EUR', '2026-06-01', rates)).toEqual({ amount: 9200, rate: '0.92', date: '2026-06-01' });
    expect(convert(9200, 'EUR', 'USD', '2026-07-01', rates)).toEqual({ amount: 10000, rate: '1/0.92', date: '2026-06-01' });
    expect(convert(100, 'USD', 'JPY', '2026-07-01', rates)).toBeUndefined();
    expect(convert(100, 'USD', 'EUR', '2025-12-31', rates)).toBeUndefined();
  });
});
