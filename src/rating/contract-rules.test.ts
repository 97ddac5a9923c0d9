/**
 * The card rules real contracts need (issue 21), each with a total computed by hand in the
 * comment next to it. Thresholds, minimum weights and demand amounts are the carriers' published
 * ones (sources in the comments); the grid below is a fixture in the shape of a published
 * Home Delivery list (weights up to, zones 2–8), not a carrier's price list.
 */
import { describe, expect, test } from 'vitest';
import { billableWeight } from './billable.js';
import { readRateCard } from './card-import.js';
import { compileCard, type EligibleQuote, type ServiceQuote } from './quote.js';
import type { Shipment } from './shipment.js';

const Z = ['2', '3', '4', '5', '6', '7', '8'];
// weight (lb, "up to") -> prices in cents for zones 2..8
const ROWS: [number, number[]][] = [
  [1, [1018, 1054, 1099, 1129, 1163, 1199, 1276]],
  [2, [1102, 1146, 1220, 1272, 1339, 1403, 1498]],
  [5, [1283, 1363, 1486, 1589, 1720, 1860, 2051]],
  [10, [1636, 1798, 2013, 2184, 2430, 2673, 3008]],
  [20, [2361, 2688, 3112, 3489, 3999, 4484, 5124]],
  [30, [3029, 3528, 4145, 4757, 5504, 6293, 7262]],
  [40, [3689, 4354, 5189, 6012, 7021, 8102, 9395]],
  [50, [4389, 5226, 6236, 7250, 8490, 9800, 11390]],
  [70, [5400, 6485, 7790, 9080, 10620, 12290, 14250]],
  [90, [6611, 7988, 9618, 11241, 13190, 15287, 17767]],
  [110, [7821, 9471, 11432, 13380, 15720, 18250, 21220]],
  [150, [9902, 12012, 14545, 17040, 19976, 23243, 27048]],
];
const lb = (value: number) => ({ value, unit: 'lb' as const });
const inch = (value: number) => ({ value, unit: 'in' as const });
const grid = { zones: Z, rows: ROWS.map(([w, prices]) => ({ weight: lb(w), prices })) };

const card = (over: Record<string, unknown> = {}) =>
  compileCard(
    readRateCard({
      code: 'hd', carrier: 'fedex', service: 'home_delivery', name: 'FedEx Home Delivery', currency: 'USD', effective_from: '2026-01-05',
      weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'nearest', dim: { divisor: 139, system: 'imperial' },
      limits: { max_weight: lb(150), max_length: inch(108), max_length_plus_girth: inch(165) }, prices: grid, ...over,
    }),
  );

const ship = (over: Partial<Shipment> = {}): Shipment => ({
  originZip: '90001', destZip: '10001', destState: 'NY', residential: true, weight: lb(1), dimensions: null,
  signature: null, declaredValue: null, cod: false, nonCartonPackaging: false, battery: false, hazmat: false, accessorials: new Set(), freightClass: null,
  ...over,
});
const box = (length: number, width: number, height: number) => ({ length, width, height, unit: 'in' as const });
const zone = (z: string) => ({ zone: z, source: 'given' as const });
const ok = (q: ServiceQuote): EligibleQuote => {
  if (!q.eligible) throw new Error(`expected a price, got ${q.code}: ${q.reason}`);
  return q;
};

// FedEx/UPS Additional Handling by zone group (ranges and open ranges as the service guides print them).
const AH_DIMS = { '2': 2975, '3-4': 3300, '5-6': 3675, '7+': 3975 };
const AH_WEIGHT = { '2': 4400, '3-4': 4800, '5-6': 5350, '7+': 5600 };
const AH = {
  code: 'additional_handling',
  args: {
    criteria: [
      { when: 'weight', over: lb(50), amount: AH_WEIGHT },
      // FedEx Service Guide: a package with Additional Handling for its size is billed at least 40 lb.
      { when: 'length', over: inch(48), amount: AH_DIMS, min_billable_weight: lb(40) },
      { when: 'second_side', over: inch(30), amount: AH_DIMS, min_billable_weight: lb(40) },
    ],
  },
};
// FedEx Oversize / UPS Large Package: length over 96 in or L+G over 130 in, billed at least 90 lb
// (fedex.com "Other changes", effective 2018-01-22).
const LPS = { code: 'large_package', args: { criteria: [{ when: 'length', over: inch(96) }, { when: 'length_plus_girth', over: inch(130) }], amount: { '2': 21000, '3-4': 23500, '5-6': 25500, '7+': 27500 }, min_billable_weight: lb(90) } };

describe('1. minimum billable weight when a surcharge applies', () => {
  const c = card({ surcharges: [AH, LPS] });

  test('Additional Handling for size bills at least 40 lb: the base rises, not only the surcharge', () => {
    // 49×10×8 in, 12 lb: dim 3,920/139 = 28.2 → 29 lb; length over 48 in → AH, billed 40 lb.
    // Zone 5: base (40 lb row) 60.12 + AH (zone 5–6) 36.75 = 96.87. Without the rule: 47.57 + 36.75.
    const q = ok(c.quote(ship({ weight: lb(12), dimensions: box(49, 10, 8) }), zone('5'), '2026-03-02'));
    expect(q.billable_weight).toEqual(lb(40));
    expect(q.base).toBe(6012);
    expect(q.surcharges).toEqual([{ code: 'additional_handling', label: 'additional handling (length)', amount: 3675 }]);
    expect(q.total).toBe(9687);
    expect(q.notes).toContain('billed at least 40 lb: additional handling for length over 48 in');
  });

  test('Additional Handling for weight keeps the weight as billed', () => {
    // 55 lb, 20×20×10 in (dim 28.8 → 29 lb): billed 55 lb → 70 lb row, zone 5: 90.80 + 53.50 = 144.30.
    const q = ok(c.quote(ship({ weight: lb(55), dimensions: box(20, 20, 10) }), zone('5'), '2026-03-02'));
    expect([q.billable_weight.value, q.base, q.surcharges[0]!.amount, q.total]).toEqual([55, 9080, 5350, 14430]);
  });

  test('Oversize bills at least 90 lb and Additional Handling is not charged with it', () => {
    // 97×6×6 in, 30 lb: dim 3,492/139 = 25.1 → 26 lb; length over 96 in → oversize, billed 90 lb.
    // Zone 7: base 152.87 + oversize (7+) 275.00 = 427.87; no AH although the length is over 48 in.
    const q = ok(c.quote(ship({ weight: lb(30), dimensions: box(97, 6, 6) }), zone('7'), '2026-03-02'));
    expect([q.billable_weight.value, q.base, q.total]).toEqual([90, 15287, 42787]);
    expect(q.surcharges.map((s) => s.code)).toEqual(['large_package']);
  });
});

describe('2. conditional (demand) surcharges', () => {
  // UPS demand surcharges 2025–26 (Pitney Bowes carrier rates, DOMAIN.md): on Additional Handling
  // $8.25 / $10.80 / $8.25, on Large Package $90.50 / $107.00 / $90.50.
  const periods = (a: number, b: number) => [
    { from: '2025-09-28', to: '2025-11-22', amount: a },
    { from: '2025-11-23', to: '2025-12-27', amount: b },
    { from: '2025-12-28', to: '2026-01-17', amount: a },
  ];
  const c = card({
    surcharges: [
      AH, LPS,
      { code: 'peak', only_with: ['additional_handling'], label: 'demand: additional handling', args: { periods: periods(825, 1080) } },
      { code: 'peak', only_with: ['large_package'], label: 'demand: large package', args: { periods: periods(9050, 10700) } },
    ],
  });

  test('the demand surcharge applies only with the surcharge it rides on, at the amount of its period', () => {
    // 49×10×8 in, 12 lb on 2025-12-01, zone 5: 60.12 + 36.75 + 10.80 = 107.67.
    const ah = ok(c.quote(ship({ weight: lb(12), dimensions: box(49, 10, 8) }), zone('5'), '2025-12-01'));
    expect(ah.surcharges).toEqual([
      { code: 'additional_handling', label: 'additional handling (length)', amount: 3675 },
      { code: 'peak', label: 'demand: additional handling', amount: 1080 },
    ]);
    expect(ah.total).toBe(10767);
    // The same package on 2026-01-10: $8.25; after 2026-01-17: none.
    expect(ok(c.quote(ship({ weight: lb(12), dimensions: box(49, 10, 8) }), zone('5'), '2026-01-10')).total).toBe(6012 + 3675 + 825);
    expect(ok(c.quote(ship({ weight: lb(12), dimensions: box(49, 10, 8) }), zone('5'), '2026-01-18')).total).toBe(6012 + 3675);
    // An ordinary package in the peak: nothing.
    expect(ok(c.quote(ship({ weight: lb(3), dimensions: box(12, 10, 6) }), zone('5'), '2025-12-01')).surcharges).toEqual([]);
    // Oversize on 2025-12-01, zone 7: 152.87 + 275.00 + 107.00 = 534.87.
    const big = ok(c.quote(ship({ weight: lb(30), dimensions: box(97, 6, 6) }), zone('7'), '2025-12-01'));
    expect(big.surcharges.map((s) => [s.label, s.amount])).toEqual([['large package', 27500], ['demand: large package', 10700]]);
    expect(big.total).toBe(53487);
  });

  test('recurring periods: every year from the same month and day, across the new year', () => {
    const r = card({ surcharges: [{ code: 'peak', args: { periods: [{ from: '2025-10-26', to: '2026-01-17', amount: 65, every_year: true }] } }] });
    const on = (d: string) => ok(r.quote(ship(), zone('2'), d)).total - 1018;
    expect([on('2027-10-25'), on('2027-10-26'), on('2027-12-31'), on('2028-01-17'), on('2028-01-18'), on('2030-11-30')]).toEqual([0, 65, 65, 65, 0, 65]);
  });
});

describe('3. thresholds on any side', () => {
  test('Ground Economy: no two sides over 17 in', () => {
    const ge = card({ code: 'ge', name: 'FedEx Ground Economy', limits: { max_weight: lb(70), max_length_plus_girth: inch(130), refuse_when: [{ when: 'sides_over', over: inch(17), count: 2 }] } });
    expect(ge.quote(ship({ dimensions: box(18, 18, 6) }), zone('5'), '2026-03-02')).toMatchObject({
      eligible: false, code: 'OVER_MAX_SIZE', reason: 'FedEx Ground Economy does not take packages with 2 sides over 17 in',
    });
    // One side over 17 in is fine; 17.4 in rounds to 17 (nearest inch), so 17.4×17.4 is fine too.
    expect(ok(ge.quote(ship({ dimensions: box(30, 17, 10) }), zone('5'), '2026-03-02')).eligible).toBe(true);
    expect(ok(ge.quote(ship({ dimensions: { length: 17.4, width: 17.4, height: 4, unit: 'in' } }), zone('5'), '2026-03-02')).eligible).toBe(true);
  });

  test('second side, third side, girth, cubic size and billable weight as surcharge triggers', () => {
    const c = card({
      dim: null,
      surcharges: [
        {
          code: 'dimension_fee',
          args: {
            tiers: [
              { name: 'second side', when: 'second_side', over: inch(30), amount: 100 },
              { name: 'third side', when: 'third_side', over: inch(20), amount: 200 },
              { name: 'girth', when: 'girth', over: inch(100), amount: 400 },
              { name: 'cubic', when: 'cubic', over: { value: 30000, unit: 'in3' }, amount: 800 },
              { name: 'billable', when: 'billable_weight', over: lb(100), amount: 1600 },
            ],
          },
        },
      ],
    });
    const fee = (l: number, w: number, h: number, weight = 1) => {
      const q = ok(c.quote(ship({ weight: lb(weight), dimensions: box(l, w, h) }), zone('2'), '2026-03-02'));
      return q.surcharges[0]?.amount ?? 0;
    };
    expect(fee(40, 31, 10)).toBe(100); // second side 31
    expect(fee(40, 30, 21)).toBe(200 + 400); // third side 21; girth 2×51 = 102
    expect(fee(40, 30, 20)).toBe(0); // girth exactly 100 is not over
    // 45×31×25, 101 lb: second 31, third 25, girth 112, 34,875 in³ > 30,000, billed 101 lb > 100.
    expect(fee(45, 31, 25, 101)).toBe(100 + 200 + 400 + 800 + 1600);
    expect(fee(45, 31, 25, 100)).toBe(100 + 200 + 400 + 800);
  });
});

// USPS Ground Advantage-style card: dim weight only above 1,728 in³ at 166; oversized price from
// 108 to 130 in L+G regardless of weight; balloon price (under 20 lb, over 84 in L+G: the 20 lb
// price) — DMM as summarised in USPS's Quick Service Guide 150; cubic tiers of 0.1 ft³ with each
// side rounded down to the quarter inch (DMM 253.1.5).
const USPS_ZONES = ['1', '2', '3', '4', '5', '6', '7', '8'];
const usps = () =>
  card({
    code: 'ga', carrier: 'usps', service: 'ground_advantage', name: 'USPS Ground Advantage',
    weight_steps: [{ below: lb(1), step: { value: 1, unit: 'oz' } }, { step: lb(1) }],
    dim: { divisor: 166, system: 'imperial', min_volume: { value: 1728, unit: 'in3' } },
    limits: { max_weight: lb(70), max_length_plus_girth: inch(130) },
    prices: { zones: USPS_ZONES, rows: ROWS.filter(([w]) => w <= 70).map(([w, p]) => ({ weight: lb(w), prices: [p[0]! - 50, ...p] })) },
    base_rules: [
      { name: 'oversized', when: [{ when: 'length_plus_girth', over: inch(108) }], price: { '1-2': 13500, '3': 14200, '4': 15600, '5': 17800, '6': 19900, '7': 22500, '8': 25400 } },
      { name: 'balloon', when: [{ when: 'length_plus_girth', over: inch(84) }], unless: [{ when: 'weight', over: lb(20) }], bill_at_least: lb(20) },
      {
        name: 'cubic', unless: [{ when: 'weight', over: lb(20) }],
        cubic: {
          zones: USPS_ZONES,
          rows: [0.1, 0.2, 0.3, 0.4, 0.5].map((ft3, i) => ({ up_to: { value: Math.round(ft3 * 1728 * 10) / 10, unit: 'in3' }, prices: USPS_ZONES.map((_, z) => 700 + i * 60 + z * 45) })),
        },
      },
    ],
  });

describe('4. price replacement', () => {
  test('over 108 in length plus girth: the oversized price of the zone, whatever the weight', () => {
    // 50×20×10 in (L+G 110), 8 lb, dim 10,000/166 = 60.2 → 61 lb: zone 5 oversized $178.00.
    const q = ok(usps().quote(ship({ weight: lb(8), dimensions: box(50, 20, 10) }), zone('5'), '2026-03-02'));
    expect([q.base, q.total]).toEqual([17800, 17800]);
    expect(q.notes).toContain('priced at the oversized price');
    expect(ok(usps().quote(ship({ weight: lb(8), dimensions: box(50, 20, 10) }), zone('2'), '2026-03-02')).base).toBe(13500);
  });

  test('balloon: under 20 lb and over 84 in L+G is priced as 20 lb', () => {
    // 70×5×5 in (L+G 90), 5 lb: 1,750 in³ → dim 10.5 → 11 lb; balloon → the 20 lb row, zone 4: $31.12.
    const q = ok(usps().quote(ship({ weight: lb(5), dimensions: box(70, 5, 5) }), zone('4'), '2026-03-02'));
    expect([q.billable_weight.value, q.base]).toEqual([20, 3112]);
    expect(q.notes).toContain('balloon: priced as 20 lb');
  });

  test('cubic: sides rounded down to the quarter inch, priced by 0.1 ft³ tier', () => {
    // 10.3×8.1×3.9 in → 10.25×8×3.75 = 307.5 in³ = 0.178 ft³ → tier 0.2; zone 5 (index 4): 700 + 60 + 4×45 = $9.40.
    const q = ok(usps().quote(ship({ weight: lb(4), dimensions: { length: 10.3, width: 8.1, height: 3.9, unit: 'in' } }), zone('5'), '2026-03-02'));
    expect(q.base).toBe(940);
    expect(q.notes[0]).toMatch(/^cubic: tier up to 345.6 in3 \(307.5 in3\)/);
    // Over 0.5 ft³ (864 in³): the weight grid; over 20 lb: the weight grid.
    expect(ok(usps().quote(ship({ weight: lb(4), dimensions: box(12, 10, 8) }), zone('5'), '2026-03-02')).base).toBe(1589);
    expect(ok(usps().quote(ship({ weight: lb(21), dimensions: box(6, 6, 6) }), zone('5'), '2026-03-02')).base).toBe(4757);
  });
});

describe('5. tiers inside surcharges', () => {
  test('a surcharge by billable-weight band, each band by zone group', () => {
    const c = card({
      surcharges: [{
        code: 'peak',
        args: { periods: [{ from: '2026-10-05', to: '2027-01-18', amount: { by_weight: [{ up_to: lb(3), amount: { '1-4': 30, '5+': 35 } }, { up_to: lb(10), amount: { '1-4': 45, '5+': 75 } }, { up_to: lb(25), amount: { '1-4': 100, '5+': 160 } }, { amount: { '1-4': 250, '5+': 460 } }] } }] },
      }],
    });
    const peak = (w: number, z: string) => ok(c.quote(ship({ weight: lb(w) }), zone(z), '2026-12-01')).surcharges[0]!.amount;
    // 3 lb is the first band's top (inclusive); 3.2 lb bills as 4 lb → the second band.
    expect([peak(3, '2'), peak(3, '5'), peak(3.2, '4'), peak(3.2, '8'), peak(25, '6'), peak(26, '3'), peak(70, '7')]).toEqual([30, 35, 45, 75, 160, 250, 460]);
  });
});

describe('6. rounding exactly as billed', () => {
  test('dimension rounding: nearest inch, up, nearest tenth, up to a tenth, down to a quarter', () => {
    const d = { length: 12.45, width: 10.51, height: 3.14, unit: 'in' as const };
    const sides = (rounding: string) => billableWeight({ weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: rounding as 'nearest', dim: null }, lb(1), d).sides;
    expect(sides('nearest')).toEqual([12, 11, 3]);
    expect(sides('up')).toEqual([13, 11, 4]);
    expect(sides('nearest_tenth')).toEqual([12.5, 10.5, 3.1]);
    expect(sides('up_tenth')).toEqual([12.5, 10.6, 3.2]);
    expect(sides('down_quarter')).toEqual([12.25, 10.5, 3]);
  });

  test('cubic volume rounding before the divisor', () => {
    // 10.3 × 10 × 12.15 = 1,251.45 in³: /139 = 9.0032 → 10 lb as measured or rounded up (1,252);
    // rounded to the nearest in³ (1,251 = 9 × 139) → 9 lb.
    const w = (volume_rounding: 'none' | 'nearest' | 'up') =>
      billableWeight({ weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'none', dim: { divisor: 139, system: 'imperial', volume_rounding } }, lb(1), { length: 10.3, width: 10, height: 12.15, unit: 'in' }).dim;
    expect([w('none'), w('nearest'), w('up')]).toEqual([10, 9, 10]);
  });

  test('each discount line is rounded half up on its own, then added', () => {
    // Base 10.18 and residential 6.05, 2.5 % off each: 0.2545 → 0.25 and 0.15125 → 0.15, 0.40 off
    // in all; rounding the sum instead (0.40575 → 0.41) would charge a cent less.
    const c = card({ surcharges: [{ code: 'residential', args: { amount: 605 } }], contract: { discounts: [{ name: 'tier', percent: 2.5, applies_to: ['base', 'residential'] }] } });
    const q = ok(c.quote(ship(), zone('2'), '2026-03-02'));
    expect(q.discounts).toEqual([
      { code: 'discount', label: 'tier 2.5% off base', amount: 25 },
      { code: 'discount', label: 'tier 2.5% off residential', amount: 15 },
    ]);
    expect(q.total).toBe(1018 + 605 - 40);
  });
});

describe('7. contract terms', () => {
  const FUEL = { table: [{ from: '2026-01-05', percent: 20.5 }, { from: '2026-03-02', percent: 21.25 }], applies_to: ['base', 'residential', 'additional_handling'] };
  const contract = {
    discounts: [
      { name: 'HD', percent: 20, applies_to: ['base'], weight: { up_to: lb(5) } },
      { name: 'HD', percent: 12, applies_to: ['base'], weight: { over: lb(5) }, zones: ['5', '6', '7', '8'] },
      { name: 'resi', percent: 50, applies_to: ['residential'] },
      { name: 'AHS', percent: 25, applies_to: ['additional_handling'] },
    ],
    earned: { name: 'earned', applies_to: ['base'], tiers: [{ from_spend: 0, percent: 0 }, { from_spend: 100_000_000, percent: 4 }, { from_spend: 510_000_000, percent: 16 }], period_spend: 120_000_000 },
  };
  const c = card({ surcharges: [{ code: 'residential', args: { amount: 605 } }, AH], contract, fuel: FUEL });

  test('discounts by weight band and zone, on the base and on named surcharges; earned tier; fuel on the net', () => {
    // 3 lb, zone 5, 2026-03-02 (fuel 21.25 %): base 15.89, residential 6.05.
    // HD 20 % (≤ 5 lb) 3.178 → 3.18; resi 50 % 3.025 → 3.03; earned tier ($1.2 M ≥ $1 M: 4 %) 0.6356 → 0.64.
    // Net: 15.89 − 3.18 − 0.64 + 6.05 − 3.03 = 15.09; fuel 21.25 % = 3.206625 → 3.21; total 18.30.
    const q = ok(c.quote(ship({ weight: lb(3) }), zone('5'), '2026-03-02'));
    expect(q.discounts.map((d) => [d.label, d.amount])).toEqual([['HD 20% off base', 318], ['resi 50% off residential', 303], ['earned 4% off base', 64]]);
    expect(q.fuel).toEqual({ percent: 21.25, amount: 321 });
    expect(q.total).toBe(1830);
    // 12 lb to zone 3: the 12 % discount is for zones 5–8 only → only resi and earned.
    // Base (20 lb row) 26.88; earned 1.0752 → 1.08; resi 3.03; net 26.88 − 1.08 + 6.05 − 3.03 = 28.82; fuel 6.12425 → 6.12.
    const z3 = ok(c.quote(ship({ weight: lb(12) }), zone('3'), '2026-03-02'));
    expect(z3.discounts.map((d) => d.amount)).toEqual([303, 108]);
    expect(z3.total).toBe(2882 + 612);
  });

  test('the earned tier follows the period spend a quote is given', () => {
    // $5.1 M → 16 %: 3 lb zone 5 base 15.89 × 16 % = 2.5424 → 2.54.
    const q = ok(c.quote(ship({ weight: lb(3) }), zone('5'), '2026-03-02', { periodSpend: 510_000_000 }));
    expect(q.discounts.find((d) => d.label.startsWith('earned'))!.amount).toBe(254);
    const none = ok(c.quote(ship({ weight: lb(3) }), zone('5'), '2026-03-02', { periodSpend: 0 }));
    expect(none.discounts.some((d) => d.label.startsWith('earned'))).toBe(false);
  });

  test('fuel on list prices when the contract says so', () => {
    const list = card({ surcharges: [{ code: 'residential', args: { amount: 605 } }, AH], contract, fuel: { ...FUEL, on: 'list' } });
    // Fuel 21.25 % of 15.89 + 6.05 = 21.94 → 4.66225 → 4.66.
    expect(ok(list.quote(ship({ weight: lb(3) }), zone('5'), '2026-03-02')).fuel.amount).toBe(466);
  });

  test('a minimum net charge reduces the discount, never adds to the list price', () => {
    // 1 lb zone 2: base 10.18 at 70 % off = 7.126 → 7.13, net 3.05; minimum net $8.50 → the
    // discount becomes 1.68, net base 8.50. Zone 8 (base 12.76, 70 % = 8.93, net 3.83; minimum 9.00):
    // discount 3.76. A list price under the minimum stays the list price (discount 0).
    const m = card({ contract: { discounts: [{ name: 'deep', percent: 70, applies_to: ['base'] }], minimum_net: { amount: { '2-4': 850, '5+': 900 } } } });
    const q2 = ok(m.quote(ship(), zone('2'), '2026-03-02'));
    expect([q2.discounts[0]!.amount, q2.total]).toEqual([168, 850]);
    expect(q2.notes).toContain('minimum net charge 8.50 USD: the discount on the base is reduced by 5.45 USD');
    expect(ok(m.quote(ship(), zone('8'), '2026-03-02')).total).toBe(900);
    const high = card({ contract: { discounts: [{ name: 'deep', percent: 70, applies_to: ['base'] }], minimum_net: { amount: 2000 } } });
    const q = ok(high.quote(ship(), zone('2'), '2026-03-02'));
    expect([q.discounts, q.total]).toEqual([[], 1018]);
  });
});

describe('8. residential by service', () => {
  test('a service that charges its residential fee on every package', () => {
    const c = card({ surcharges: [{ code: 'residential', args: { amount: 605, every_package: true } }] });
    expect(ok(c.quote(ship({ residential: false }), zone('2'), '2026-03-02')).surcharges).toEqual([{ code: 'residential', label: 'residential (every package)', amount: 605 }]);
    const byAddress = card({ surcharges: [{ code: 'residential', args: { amount: 605 } }] });
    expect(ok(byAddress.quote(ship({ residential: false }), zone('2'), '2026-03-02')).surcharges).toEqual([]);
  });
});
