import type { RateCardInput } from './rate-card.schema.js';

/**
 * Illustrative rate cards shipped with lastmile so that quotes work out of the box. They are
 * NOT contracts: structures, limits and surcharge rules follow the public facts in
 * ../shared/docs/DOMAIN.md (sources named there), the price grids are made up with a formula
 * that has the right shape (rising with weight and zone). Every card says `sample: true`;
 * replace them with your own contract (docs/rating.md) — a tenant card with the same carrier
 * and service hides the sample.
 */

const lbRows = (max: number) => Array.from({ length: max }, (_, i) => i + 1);

/** A grid from a price formula in dollars, rounded to the cent. */
function grid(zones: string[], rows: { value: number; unit: 'lb' | 'oz' | 'kg' }[], price: (w: number, zone: number, unit: string) => number | null) {
  return {
    zones,
    rows: rows.map((w) => ({ weight: w, prices: zones.map((z) => { const p = price(w.value, Number(z), w.unit); return p === null ? null : Math.round(p * 100); }) })),
  };
}

const Z2_8 = ['2', '3', '4', '5', '6', '7', '8'];
const Z1_9 = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const lb = (value: number) => ({ value, unit: 'lb' as const });
const inch = (value: number) => ({ value, unit: 'in' as const });
const in3 = (value: number) => ({ value, unit: 'in3' as const });
const byZone = (z2: number, z34: number, z56: number, z7: number) => ({ '2': z2, '3': z34, '4': z34, '5': z56, '6': z56, '7': z7, '8': z7, default: z7 });

const FUEL_GROUND = { table: [{ from: '2025-01-01', percent: 18.5 }, { from: '2025-05-26', percent: 20.5 }], applies_to: ['base', 'residential', 'delivery_area', 'additional_handling', 'large_package', 'peak'] };
const GROUND_TRANSIT = { '1': 1, '2': 1, '3': 2, '4': 3, '5': 3, '6': 4, '7': 4, '8': 5, '9': 7 };
const AREA_TIERS = [
  { name: 'alaska', states: ['AK'], zips: [], residential: 4050, commercial: 4050 },
  { name: 'hawaii', states: ['HI'], zips: [], residential: 1300, commercial: 1300 },
  // Illustrative ZIP3 ranges; carriers publish 5-digit lists that change (UPS: 2025-06-01).
  { name: 'extended', states: [], zips: ['596-599', '693', '823-831'], residential: 810, commercial: 575 },
  { name: 'das', states: [], zips: ['556-567', '576-588', '590-595', '820-822'], residential: 565, commercial: 465 },
];
const BIG_CARRIER_LIMITS = { max_weight: lb(150), max_length: inch(108), max_length_plus_girth: inch(165) };
const AH = {
  code: 'additional_handling' as const,
  args: {
    criteria: [
      { when: 'weight' as const, over: lb(50), amount: byZone(4650, 5075, 5625, 5875) },
      { when: 'length' as const, over: inch(48), amount: byZone(3000, 3325, 3850, 4050) },
      { when: 'second_side' as const, over: inch(30), amount: byZone(3000, 3325, 3850, 4050) },
      { when: 'cubic' as const, over: in3(8640), amount: byZone(3000, 3325, 3850, 4050) },
      { when: 'packaging' as const, amount: byZone(2675, 3100, 3325, 3375) },
    ],
  },
};
const LPS = {
  code: 'large_package' as const,
  args: {
    criteria: [
      { when: 'length' as const, over: inch(96) },
      { when: 'length_plus_girth' as const, over: inch(130) },
      { when: 'cubic' as const, over: in3(17280) },
      { when: 'weight' as const, over: lb(110) },
    ],
    amount: byZone(24000, 26500, 28500, 31000),
    min_billable_weight: lb(90),
  },
};
const SIGNATURE = { code: 'signature' as const, args: { indirect: 715, direct: 715, adult: 865 } };
const DECLARED = { code: 'declared_value' as const, args: { free_up_to: 10000, per: 10000, amount: 145, minimum: 450 } };
const PEAK_RESI = {
  code: 'peak' as const,
  args: {
    periods: [
      { from: '2025-10-26', to: '2025-11-22', amount: 40, residential_only: true },
      { from: '2025-11-23', to: '2025-12-27', amount: 60, residential_only: true },
      { from: '2025-12-28', to: '2026-01-17', amount: 40, residential_only: true },
      { from: '2026-10-25', to: '2026-11-21', amount: 45, residential_only: true },
      { from: '2026-11-22', to: '2026-12-26', amount: 65, residential_only: true },
      { from: '2026-12-27', to: '2027-01-16', amount: 45, residential_only: true },
    ],
  },
};
const bigGround = (w: number, z: number, start: number, perLb: number) => start + (z - 2) * 0.95 + (w - 1) * (perLb + 0.11 * (z - 2));

/** A UPS or FedEx air service: a fixed number of business days (one more to zone 9), big-carrier rules, no peak surcharge. */
function air(a: { code: string; carrier: string; service: string; name: string; days: number; residential: number; price: (w: number, z: number) => number }): RateCardInput {
  return {
    code: a.code, carrier: a.carrier, service: a.service, name: `${a.name} (sample)`, sample: true,
    source: `Sample: ${a.name}, ${a.days === 1 ? 'next' : 'second'} business day, dim 139 and size limits (DOMAIN.md); prices made up`, currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'nearest',
    dim: { divisor: 139, system: 'imperial' }, limits: BIG_CARRIER_LIMITS,
    transit_days: Object.fromEntries(Z1_9.map((z) => [z, z === '9' ? a.days + 1 : a.days])),
    prices: grid(Z2_8, lbRows(150).map(lb), a.price),
    surcharges: [{ code: 'residential', args: { amount: a.residential } }, { code: 'delivery_area', args: { tiers: AREA_TIERS } }, AH, LPS, SIGNATURE, DECLARED],
    fuel: { table: [{ from: '2025-01-01', percent: 21 }], applies_to: ['base', 'residential', 'delivery_area', 'additional_handling', 'large_package'] },
  };
}

const CARDS: RateCardInput[] = [
  {
    code: 'sample-ups-ground', carrier: 'ups', service: 'ground', name: 'UPS Ground (sample)', sample: true,
    source: 'Sample: rules from DOMAIN.md (UPS dim 139, AH/LPS 2026 list, signature, peak 2025); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'nearest',
    dim: { divisor: 139, system: 'imperial' }, limits: BIG_CARRIER_LIMITS, transit_days: GROUND_TRANSIT,
    prices: grid(Z2_8, lbRows(150).map(lb), (w, z) => bigGround(w, z, 10.6, 0.62)),
    surcharges: [{ code: 'residential', args: { amount: 610 } }, { code: 'delivery_area', args: { tiers: AREA_TIERS } }, AH, LPS, SIGNATURE, DECLARED, PEAK_RESI],
    fuel: FUEL_GROUND,
  },
  {
    code: 'sample-ups-ground-saver', carrier: 'ups', service: 'ground_saver', name: 'UPS Ground Saver (sample)', sample: true,
    source: 'Sample: residential only, no residential surcharge, 2-7 days (DOMAIN.md, UPS Ground Saver); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ below: lb(1), step: { value: 1, unit: 'oz' } }, { step: lb(1) }],
    dimension_rounding: 'nearest', dim: { divisor: 139, system: 'imperial' },
    limits: { max_weight: lb(70), max_length: inch(108), max_length_plus_girth: inch(130), residential_only: true, po_box: true },
    transit_days: { '1': 2, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 7, '9': 8 },
    prices: grid(Z2_8, [...[4, 8, 12, 15].map((v) => ({ value: v, unit: 'oz' as const })), ...lbRows(70).map(lb)], (w, z, unit) =>
      unit === 'oz' ? 6.1 + (z - 2) * 0.22 + w * 0.05 : bigGround(w, z, 8.4, 0.5)),
    surcharges: [{ code: 'delivery_area', args: { tiers: AREA_TIERS } }, AH, PEAK_RESI],
    fuel: FUEL_GROUND,
  },
  {
    code: 'sample-fedex-ground', carrier: 'fedex', service: 'ground', name: 'FedEx Ground (sample)', sample: true,
    source: 'Sample: FedEx dim 139, AH over 48/30 in or 50 lb, oversize 96/130 in min 90 lb (DOMAIN.md); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'nearest',
    dim: { divisor: 139, system: 'imperial' }, limits: BIG_CARRIER_LIMITS, transit_days: GROUND_TRANSIT,
    prices: grid(Z2_8, lbRows(150).map(lb), (w, z) => bigGround(w, z, 10.45, 0.6)),
    surcharges: [{ code: 'residential', args: { amount: 600 } }, { code: 'delivery_area', args: { tiers: AREA_TIERS } }, AH, LPS, SIGNATURE, DECLARED, PEAK_RESI],
    fuel: FUEL_GROUND,
  },
  {
    code: 'sample-fedex-home-delivery', carrier: 'fedex', service: 'home_delivery', name: 'FedEx Home Delivery (sample)', sample: true,
    source: 'Sample: FedEx Ground to residences (DOMAIN.md); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'nearest',
    dim: { divisor: 139, system: 'imperial' }, limits: { max_weight: lb(70), max_length: inch(108), max_length_plus_girth: inch(130), residential_only: true },
    transit_days: GROUND_TRANSIT,
    prices: grid(Z2_8, lbRows(70).map(lb), (w, z) => bigGround(w, z, 10.3, 0.58)),
    surcharges: [{ code: 'residential', args: { amount: 580 } }, { code: 'delivery_area', args: { tiers: AREA_TIERS } }, AH, SIGNATURE, DECLARED, PEAK_RESI],
    fuel: FUEL_GROUND,
  },
  {
    code: 'sample-usps-ground-advantage', carrier: 'usps', service: 'ground_advantage', name: 'USPS Ground Advantage (sample)', sample: true,
    source: 'Sample: USPS dim 166 above 1,728 in³, 70 lb, 130 in L+G, nonstandard fees 2024 (DOMAIN.md); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ below: lb(1), step: { value: 0.01, unit: 'oz' } }, { step: lb(1) }],
    dimension_rounding: 'nearest', dim: { divisor: 166, system: 'imperial', min_volume: in3(1728) },
    limits: { max_weight: lb(70), max_length_plus_girth: inch(130), po_box: true, military: true }, zones: { chart: 'usps', mail_service: 'ground_advantage' },
    transit_days: { '1': 2, '2': 2, '3': 3, '4': 3, '5': 4, '6': 4, '7': 5, '8': 5, '9': 7 },
    prices: grid(Z1_9, [...[4, 8, 12, 15.99].map((v) => ({ value: v, unit: 'oz' as const })), ...lbRows(70).map(lb)], (w, z, unit) => {
      const zz = Math.max(z, 2);
      return unit === 'oz' ? 4.75 + (zz - 2) * 0.2 + w * 0.08 : 7.6 + (zz - 2) * 0.85 + (w - 1) * (0.7 + 0.14 * (zz - 2));
    }),
    surcharges: [
      {
        code: 'dimension_fee',
        args: {
          tiers: [
            { name: 'length over 22 in', when: 'length', over: inch(22), up_to: inch(30), amount: 400 },
            { name: 'length over 30 in', when: 'length', over: inch(30), amount: 840 },
            { name: 'over 2 cubic feet', when: 'cubic', over: in3(3456), amount: 1800 },
          ],
        },
      },
      SIGNATURE,
    ],
  },
  {
    code: 'sample-ontrac-ground', carrier: 'ontrac', service: 'ground', name: 'OnTrac Ground (sample)', sample: true,
    source: 'Sample: OnTrac dim 139, over 42 in, 10,000 in³ or 50 lb not accepted, ~35 states + DC (DOMAIN.md); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'nearest',
    dim: { divisor: 139, system: 'imperial' },
    limits: {
      max_weight: lb(50), max_length: inch(42), max_volume: in3(10000),
      states: ['AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'ID', 'IL', 'IN', 'KY', 'MA', 'MD', 'ME', 'MI', 'NC', 'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OR', 'PA', 'RI', 'SC', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA', 'WI', 'WV'],
    },
    transit_days: { '1': 1, '2': 1, '3': 2, '4': 2, '5': 3, '6': 3, '7': 4, '8': 4 },
    prices: grid(Z2_8, lbRows(50).map(lb), (w, z) => 7.9 + (z - 2) * 0.7 + (w - 1) * (0.45 + 0.09 * (z - 2))),
    surcharges: [{ code: 'delivery_area', args: { tiers: AREA_TIERS.slice(2) } }, SIGNATURE],
    fuel: { table: [{ from: '2025-01-01', percent: 17 }], applies_to: ['base'] },
  },
  {
    code: 'sample-metro-light-parcel', carrier: 'metro', service: 'light_parcel', name: 'Metro light parcel (sample, GOFO/UniUni style)', sample: true,
    source: 'Sample: a regional light-parcel carrier, up to 3 kg, dense metros only, cm/kg dim 6000 (DOMAIN.md); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'kg', weight_steps: [{ step: { value: 0.1, unit: 'kg' } }], dimension_rounding: 'up',
    dim: { divisor: 6000, system: 'metric' },
    limits: {
      max_weight: { value: 3, unit: 'kg' }, max_length: { value: 60, unit: 'cm' }, residential_only: false, batteries: false,
      zip3s: ['100-104', '110-119', '900-918', '606-608', '770-775', '750-753', '940-941', '943-945', '980-981', '303', '331-332', '850', '190-191', '021-022', '200-205', '070-076', '920-921', '926-928'],
    },
    transit_days: { '1': 2, '2': 2, '3': 3, '4': 3, '5': 4, '6': 4, '7': 5, '8': 5 },
    prices: grid(['1', '2', '3', '4', '5', '6', '7', '8'], Array.from({ length: 30 }, (_, i) => ({ value: Math.round((i + 1) * 0.1 * 10) / 10, unit: 'kg' as const })), (w, z) => 3.05 + (z - 1) * 0.18 + w * 0.9),
    surcharges: [],
  },
  // Express services, so that orders asking for overnight or expedited delivery have services
  // that keep the promise (the level restricts the candidates; docs/routing.md).
  air({ code: 'sample-ups-next-day-air', carrier: 'ups', service: 'next_day_air', name: 'UPS Next Day Air', days: 1, residential: 610, price: (w, z) => 31.5 + (z - 2) * 6.4 + (w - 1) * (2.9 + 0.55 * (z - 2)) }),
  air({ code: 'sample-fedex-2day', carrier: 'fedex', service: '2day', name: 'FedEx 2Day', days: 2, residential: 600, price: (w, z) => 19.8 + (z - 2) * 3.1 + (w - 1) * (1.7 + 0.35 * (z - 2)) }),
  {
    code: 'sample-usps-priority-mail-express', carrier: 'usps', service: 'priority_mail_express', name: 'USPS Priority Mail Express (sample)', sample: true,
    source: 'Sample: USPS 1-2 day guaranteed service, 70 lb, 108 in L+G, PO boxes and APO/FPO (DOMAIN.md); prices made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ below: lb(0.5), step: lb(0.5) }, { step: lb(1) }],
    dimension_rounding: 'nearest', dim: { divisor: 166, system: 'imperial', min_volume: in3(1728) },
    limits: { max_weight: lb(70), max_length_plus_girth: inch(108), po_box: true, military: true }, zones: { chart: 'usps', mail_service: 'priority' },
    transit_days: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 2, '7': 2, '8': 2, '9': 2 },
    prices: grid(Z1_9, [{ value: 0.5, unit: 'lb' as const }, ...lbRows(70).map(lb)], (w, z) => {
      const zz = Math.max(z, 2);
      return 30.45 + (zz - 2) * 2.9 + (w - 0.5) * (1.9 + 0.5 * (zz - 2));
    }),
    surcharges: [SIGNATURE],
  },
  {
    code: 'sample-ltl-standard', carrier: 'ltl', service: 'standard', name: 'LTL freight (sample)', sample: true, mode: 'ltl',
    source: 'Sample: class-rated LTL with fuel on linehaul and liftgate/residential/appointment/inside accessorials (DOMAIN.md, freightmaths); rates made up', currency: 'USD',
    effective_from: '2025-01-01', weight_unit: 'lb', weight_steps: [{ step: lb(1) }], dimension_rounding: 'up', dim: null,
    limits: { max_weight: lb(10000), batteries: true, hazmat: true },
    transit_days: { '1': 2, '2': 2, '3': 3, '4': 3, '5': 4, '6': 5, '7': 6, '8': 6 },
    ltl: {
      minimum_charge: 15000,
      per_cwt_by_class: Object.fromEntries(
        ['50', '55', '60', '65', '70', '77.5', '85', '92.5', '100', '110', '125', '150', '175', '200', '250', '300', '400', '500'].map((cls) => [
          cls,
          Object.fromEntries(['1', '2', '3', '4', '5', '6', '7', '8'].map((z) => [z, Math.round((28 + Number(z) * 6.5) * (Number(cls) / 100) * 100)])),
        ]),
      ),
    },
    surcharges: [
      { code: 'residential', args: { amount: 12500 } },
      { code: 'liftgate', args: { amount: 9500 } },
      { code: 'appointment', args: { amount: 5000 } },
      { code: 'inside_delivery', args: { amount: 8500 } },
    ],
    fuel: { table: [{ from: '2025-01-01', percent: 27 }], applies_to: ['base'] },
  },
];

/** The samples, fuel applied only to surcharges each card has (they share one fuel rule). */
export const SAMPLE_CARDS: RateCardInput[] = CARDS.map((c) =>
  c.fuel ? { ...c, fuel: { ...c.fuel, applies_to: (c.fuel.applies_to ?? ['base']).filter((x) => x === 'base' || (c.surcharges ?? []).some((s) => s.code === x)) } } : c,
);
