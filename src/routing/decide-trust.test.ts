import { describe, expect, test } from 'vitest';
import { SAMPLES } from '../rating/card-import.js';
import { compileCard, type EligibleQuote } from '../rating/quote.js';
import type { Shipment } from '../rating/shipment.js';
import { decide, type DecideInput } from './decide.js';
import { decideInputFor as input } from './decide.fixture.js';
import { nearbyPoint } from './order-input.js';
import type { NearbyPoint } from './mode.js';
import { decisionSchema } from './decision.schema.js';
import { routingConfigSchema } from './routing-config.schema.js';

// Each test here is one of the defects sellers met (issue 18); each fails on b986d9a.

/** A locker whose largest compartment is 38×64×41 cm (25 kg), as the directory gives it. */
const hubLocker = (over: Partial<NearbyPoint> = {}): NearbyPoint => ({
  ...nearbyPoint({
    id: 'L1', operator: 'amazon_hub', carrier: null, name: 'Hub Locker Clark St', line1: '1 Clark St', city: 'Chicago', state: 'IL', postal_code: '60614', country: 'US',
    lat: 41.92, lon: -87.65, opening_hours: null,
    compartments: [{ size: 'S', length_cm: 38, width_cm: 64, height_cm: 8, max_weight_kg: 25 }, { size: 'L', length_cm: 38, width_cm: 64, height_cm: 41, max_weight_kg: 25 }],
  }, null),
  distance_km: 0.9,
  ...over,
});
const pkg = (l: number, w: number, h: number, lb: number): DecideInput['packages'][number] => ({
  weight: { value: lb, unit: 'lb' }, dimensions: { length: l, width: w, height: h, unit: 'in' }, size: { weightLb: lb, sidesIn: [l, w, h].sort((a, b) => b - a) as [number, number, number] },
});
const rug = pkg(60, 14, 14, 20);

describe('pickup points', () => {
  test('a locker the customer chose is not used when the parcel fits none of its compartments: the reason names the package and the largest compartment', () => {
    const locker = hubLocker();
    const d = decide(input({ preference: { type: 'pickup_point', pickup_point_id: 'L1' }, points: [locker], chosenPoint: locker, packages: [rug] }));
    expect(d.mode).toBe('parcel');
    expect(d.pickup_point).toBeNull();
    expect(d.reasons[0]).toEqual({ code: 'PICKUP_DOES_NOT_FIT', args: { package: '60×14×14 in, 20 lb', point: 'Hub Locker Clark St', largest: '38×64×41 cm, 25 kg', fallback: 'parcel' } });
    expect(d.explanation.en).toContain('The 60×14×14 in, 20 lb package fits none of the compartments of Hub Locker Clark St (largest 38×64×41 cm, 25 kg), so it goes by parcel home delivery');
    expect(d.explanation.zh).toContain('60×14×14 in, 20 lb 的包裹放不进 Hub Locker Clark St 的任何格口（最大格口 38×64×41 cm, 25 kg）');
  });

  test('fit is checked in any orientation and by weight', () => {
    const locker = hubLocker();
    const chose = (p: DecideInput['packages'][number]) => decide(input({ preference: { type: 'pickup_point', pickup_point_id: 'L1' }, points: [locker], chosenPoint: locker, packages: [p] }));
    // 14.9×25×16 in fits the 38×64×41 cm compartment turned on its side; 15.7 in (39.9 cm) does not.
    expect(chose(pkg(14.9, 25, 16, 10)).mode).toBe('pickup');
    expect(chose(pkg(15.7, 25, 16, 10)).reasons[0]).toMatchObject({ code: 'PICKUP_DOES_NOT_FIT' });
    expect(chose(pkg(14.9, 25, 16, 60)).reasons[0]).toMatchObject({ code: 'PICKUP_DOES_NOT_FIT' });
  });

  test('a point the customer chose that is not in the directory, or whose only carrier cannot take the order, is an explained fallback', () => {
    const unknown = decide(input({ preference: { type: 'pickup_point', pickup_point_id: 'NOPE' }, chosenPoint: null }));
    expect(unknown).toMatchObject({ mode: 'parcel', pickup_point: null });
    expect(unknown.reasons[0]).toEqual({ code: 'PICKUP_NOT_IN_DIRECTORY', args: { pickup_point_id: 'NOPE' } });
    // No card of the tenant is DHL's: a locker only DHL delivers to cannot receive the parcel.
    const ontrac = hubLocker({ carrier: 'dhl' });
    const d = decide(input({ preference: { type: 'pickup_point', pickup_point_id: 'L1' }, points: [ontrac], chosenPoint: ontrac }));
    expect(d.mode).toBe('parcel');
    expect(d.reasons[0]).toEqual({ code: 'PICKUP_CARRIER_UNAVAILABLE', args: { point: 'Hub Locker Clark St', carrier: 'dhl' } });
    expect(d.chosen).not.toBeNull();
  });

  test('a rule that forces pickup never ends in pickup mode without a point', () => {
    const config = routingConfigSchema.parse({ rules: [{ id: 'lockers-only', priority: 1, when: {}, then: { mode: 'pickup' } }] });
    const none = decide(input({ config }));
    expect(none).toMatchObject({ mode: 'parcel', pickup_point: null });
    expect(none.reasons).toContainEqual({ code: 'RULE_MODE_NOT_APPLIED', args: { rule: 'lockers-only', mode: 'pickup', because: 'no_point' } });
    const far = hubLocker({ distance_km: 8 });
    expect(decide(input({ config, points: [far] }))).toMatchObject({ mode: 'pickup', pickup_point: { id: 'L1' } });
    expect(decide(input({ config, points: [far], packages: [rug] }))).toMatchObject({ mode: 'parcel', pickup_point: null });
  });

  test('"no pickup point nearby fits" is said only when one is near and too small: no directory, none near and no size are said as such', () => {
    const reason = (over: Partial<DecideInput>) => decide(input(over)).reasons[0];
    expect(reason({ directory: false })).toEqual({ code: 'NO_PICKUP_DIRECTORY', args: {} });
    expect(reason({ directory: true, points: [hubLocker({ distance_km: 4 })] })).toEqual({ code: 'NO_PICKUP_NEARBY', args: { radius_km: 1.5 } });
    const noSize = { ...rug, dimensions: null, size: { weightLb: 3, sidesIn: null } };
    expect(reason({ points: [hubLocker()], packages: [noSize] })).toEqual({ code: 'PICKUP_SIZE_UNKNOWN', args: { point: 'Hub Locker Clark St' } });
    expect(reason({ points: [hubLocker()], packages: [rug] })).toMatchObject({ code: 'NO_PICKUP_FITS', args: { package: '60×14×14 in, 20 lb', largest: '38×64×41 cm, 25 kg' } });
  });
});

describe('preferences', () => {
  test('an explicit home choice is honoured over the locker recommendation; not stated, the locker is suggested', () => {
    const locker = hubLocker();
    const home = decide(input({ preference: { type: 'home' }, points: [locker] }));
    expect(home).toMatchObject({ mode: 'parcel', pickup_point: null, facts: { preference: 'home' } });
    expect(home.reasons[0]).toEqual({ code: 'CUSTOMER_CHOSE_HOME', args: { point: 'Hub Locker Clark St' } });
    expect(home.explanation.en).toMatch(/The customer asked for home delivery, so .+ nearby is not suggested\./);
    expect(decide(input({ preference: null, points: [locker] }))).toMatchObject({ mode: 'pickup', facts: { preference: 'not_stated' } });
  });

  test('an explicit choice wins over a rule; a hard constraint wins over the choice, and says which', () => {
    const config = routingConfigSchema.parse({ rules: [{ id: 'lockers-only', priority: 1, when: {}, then: { mode: 'pickup' } }] });
    const d = decide(input({ config, preference: { type: 'home' }, points: [hubLocker()] }));
    expect(d.mode).toBe('parcel');
    expect(d.reasons).toContainEqual({ code: 'RULE_MODE_NOT_APPLIED', args: { rule: 'lockers-only', mode: 'pickup', because: 'customer_choice' } });
    const sofa = pkg(84, 38, 34, 300);
    const locker = hubLocker();
    const forced = decide(input({ preference: { type: 'pickup_point', pickup_point_id: 'L1' }, chosenPoint: locker, points: [locker], packages: [sofa] }));
    expect(forced.mode).toBe('truck');
    expect(forced.reasons[0]).toEqual({ code: 'OVER_PARCEL_WEIGHT', args: { weight_lb: 300, limit_lb: 150 } });
    expect(decide(input({ preference: { type: 'truck_appointment', window: null, accessorials: [] } })).mode).toBe('truck');
  });
});

describe('freight as freight', () => {
  const ltl = compileCard(SAMPLES.find((c) => c.code === 'sample-ltl-standard')!);
  const ship = (lb: number, side: number): Shipment => ({
    originZip: '91761', destZip: '60614', destState: 'IL', residential: false, weight: { value: lb, unit: 'lb' }, dimensions: { length: side, width: side, height: side, unit: 'in' },
    signature: null, declaredValue: null, cod: false, nonCartonPackaging: false, battery: false, hazmat: false, accessorials: new Set(), freightClass: null,
  });
  const zone = { zone: '7', source: 'given' as const };

  test('ten cartons are one LTL shipment: the minimum charge and fuel once', () => {
    const cartons = ltl.quoteAll(Array.from({ length: 10 }, () => ship(19, 12)), zone, '2026-06-02') as EligibleQuote[];
    const onePiece = ltl.quoteAll([ship(190, 12 * Math.cbrt(10))], zone, '2026-06-02') as EligibleQuote[];
    expect(cartons).toHaveLength(1);
    expect(cartons[0]!.handling_units).toBe(10);
    expect(cartons[0]!.total).toBe(onePiece[0]!.total);
    expect(cartons[0]!.total).toBe(19_050); // $150 minimum + 27 % fuel, once
  });

  test('a B2B order of 120 cases is one consolidated truck shipment, explained in cases and pounds', () => {
    const cases = Array.from({ length: 120 }, () => pkg(16, 12, 10, 18));
    const d = decide(input({ customerType: 'b2b', units: 120, packages: cases, address: { ...input().address, residential: false } }));
    expect(d.mode).toBe('truck');
    expect(d.chosen).toMatchObject({ card: 'sample-ltl-standard' });
    const quotes = ltl.quoteAll(cases.map((c) => ({ ...ship(18, 12), dimensions: c.dimensions })), zone, '2026-06-02') as EligibleQuote[];
    expect(d.chosen!.total.amount).toBe(quotes[0]!.total);
    expect(d.chosen!.total.amount).toBeLessThan(250_000); // per carton it was 120 minimum charges, over $22,000
    expect(d.reasons[0]).toEqual({ code: 'B2B_CONSOLIDATED', args: { units: 120, weight_lb: 2160, packages: 120, threshold_lb: 500 } });
    expect(d.explanation.en).toContain('A B2B order of 120 units, 2,160 lb in 120 packages, consolidated as one freight shipment (from 500 lb)');
  });
});

describe('explanations', () => {
  test('a PO box says why: only the services that deliver there', () => {
    const d = decide(input({ address: { ...input().address, poBox: true } }));
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'CONSTRAINT', args: expect.objectContaining({ constraint: 'PO_BOX' }) }));
    expect(d.explanation.en).toMatch(/A PO box: only UPS Ground Saver, USPS Ground Advantage and USPS Priority Mail Express deliver there\./);
    expect(d.explanation.zh).toMatch(/邮政信箱地址：只有 UPS Ground Saver、USPS Ground Advantage、USPS Priority Mail Express 可以投递/);
    // The customer chose a PO box: no locker is suggested instead.
    expect(decide(input({ address: { ...input().address, poBox: true }, points: [hubLocker()] })).mode).toBe('parcel');
  });

  test('Alaska: the sentence names the delivery-area surcharge that makes the others dearer, with the amounts', () => {
    const d = decide(input({ address: { zip: '99501', state: 'AK', residential: true, region: 'urban', poBox: false, military: false }, zoneFor: () => ({ zone: '8', source: 'given' }) }));
    const r = d.reasons.find((x) => x.code === 'CHEAPEST')!;
    const runner = d.candidates.find((c) => c.card === d.runner_up!.card)!;
    const area = runner.price.surcharges.find((s) => s.code === 'delivery_area')!;
    expect(area).toMatchObject({ label: 'delivery area (alaska)', amount: { amount: 4050, currency: 'USD' } });
    expect(r.args).toMatchObject({ surcharge_code: 'delivery_area', surcharge: { amount: 4050, currency: 'USD' }, difference: { amount: runner.total.amount - d.chosen!.total.amount, currency: 'USD' } });
    expect(d.explanation.en).toContain(`cheaper than ${runner.name.replace(' (sample)', '')}, which adds a $40.50 Alaska delivery-area surcharge`);
    expect(d.explanation.zh).toContain('后者加收 $40.50 阿拉斯加偏远地区附加费');
  });

  test('every candidate has an itemized price in money that adds up, scores in money and risks with labels', () => {
    const d = decide(input({ packages: [pkg(10, 8, 6, 2), pkg(20, 10, 10, 12)] }));
    for (const c of d.candidates) {
      const p = c.price;
      expect(p.base.amount + p.surcharges.reduce((t, s) => t + s.amount.amount, 0) + p.fuel.amount.amount).toBe(p.total.amount);
      expect(c.total).toEqual(p.total);
      for (const k of ['quote', 'redelivery', 'loss', 'lateness', 'preference_bonus', 'expected_total'] as const) expect(c.score[k]).toEqual({ amount: expect.any(Number), currency: 'USD' });
      for (const r of Object.values(c.score.risks)) expect(r).toEqual({ probability: expect.any(Number), label: expect.any(String) });
    }
    // Residential is a fact of the decision, shown with its surcharge.
    const ups = decide(input({ config: routingConfigSchema.parse({ rules: [{ id: 'ups', priority: 1, when: {}, then: { allow_services: ['sample-ups-ground'] } }] }) }));
    expect(ups.facts).toMatchObject({ address_type: 'residential', residential_surcharge: { amount: 610, currency: 'USD' } });
  });

  test('a slow service for the promise is labelled likely late in the sentence', () => {
    const config = routingConfigSchema.parse({ service_levels: { enforce: [] } });
    const d = decide(input({ serviceLevel: 'expedited', config, zoneFor: () => ({ zone: '8', source: 'given' }) }));
    expect(d.chosen!.score.risks.late).toEqual({ probability: 0.9, label: 'likely_late' });
    expect(d.explanation.en).toMatch(/, likely late \(promise /);
  });
});

describe('service levels', () => {
  test('an overnight order goes only to a service that arrives overnight', () => {
    const d = decide(input({ serviceLevel: 'overnight' }));
    expect(d.chosen!.transit_days.p50).toBe(1);
    expect(d.candidates.every((c) => c.meets_service_level)).toBe(true);
    expect(d.excluded).toContainEqual(expect.objectContaining({ card: 'sample-usps-ground-advantage', code: 'SERVICE_LEVEL' }));
    expect(d.explanation.en).toContain('the only service that meets the overnight service level');
  });

  test('when none can meet it the order waits with the reason, or ships the fastest as a stated exception', () => {
    const noAir = { rules: [{ id: 'no-air', priority: 1, when: {}, then: { deny_services: ['sample-ups-next-day-air', 'sample-usps-priority-mail-express'] } }] };
    const waits = decide(input({ serviceLevel: 'overnight', config: routingConfigSchema.parse(noAir) }));
    expect(waits.chosen).toBeNull();
    expect(waits.candidates).toEqual([]);
    expect(waits.waiting).toMatchObject({ code: 'SERVICE_LEVEL_UNMET', reason: expect.stringContaining('no service can meet the overnight service level (1 business day): the fastest, FedEx 2Day') });
    const ships = decide(input({ serviceLevel: 'overnight', config: routingConfigSchema.parse({ ...noAir, service_levels: { when_unmet: 'ship_fastest' } }) }));
    expect(ships.chosen).toMatchObject({ card: 'sample-fedex-2day' });
    expect(ships.reasons).toContainEqual(expect.objectContaining({ code: 'SERVICE_LEVEL_EXCEPTION' }));
    expect(ships.explanation.en).toContain('Exception: no service meets the overnight service level, so the fastest ships (tenant policy)');
  });
});

describe('the API contract', () => {
  test('decisions of every kind match the OpenAPI schema field for field', () => {
    const locker = hubLocker();
    const kinds = [
      decide(input()),
      decide(input({ preference: { type: 'pickup_point', pickup_point_id: 'L1' }, points: [locker], chosenPoint: locker })),
      decide(input({ packages: [pkg(84, 38, 34, 300)], value: 200_000 })),
      decide(input({ serviceLevel: 'overnight', config: routingConfigSchema.parse({ rules: [{ id: 'ground', priority: 1, when: {}, then: { allow_carriers: ['ontrac'] } }] }) })),
      decide(input({ address: { ...input().address, poBox: true }, config: routingConfigSchema.parse({ pilots: [{ name: 'p', service: 'sample-usps-ground-advantage', share: 1 }] }) })),
    ];
    for (const d of kinds) {
      const json = JSON.parse(JSON.stringify(d));
      // Parsing strips what the schema does not know: equal means nothing is left undocumented.
      expect(decisionSchema.parse(json)).toEqual(json);
    }
  });
});

describe('money in the routing configuration', () => {
  test('amounts are money objects; a bare number saved by an earlier version reads as USD; a configuration saved before service levels gets their defaults', () => {
    const legacy = routingConfigSchema.parse({
      rules: [{ id: 'big', priority: 1, when: { value: { min: 10_000 } }, then: { prefer: [{ carrier: 'ups', bonus: 500 }] } }],
      mode_policy: { parcel_max_weight_lb: 150, parcel_max_length_in: 108, parcel_max_length_plus_girth_in: 165, b2b_truck_weight_lb: 500, white_glove_value: 150_000, pickup_max_value: 10_000, pickup_max_distance_km: 1.5, recommend_pickup: true },
      costs: { redelivery: 1750, lateness_penalty: 500, reshipment: 800 },
    });
    expect(legacy.costs.redelivery).toEqual({ amount: 1750, currency: 'USD' });
    expect(legacy.mode_policy.pickup_max_value).toEqual({ amount: 10_000, currency: 'USD' });
    expect(legacy.rules[0]!.when.value).toEqual({ min: { amount: 10_000, currency: 'USD' } });
    expect(legacy.rules[0]!.then.prefer![0]!.bonus).toEqual({ amount: 500, currency: 'USD' });
    expect(legacy.service_levels).toEqual({ enforce: ['overnight', 'expedited'], when_unmet: 'wait' });
    expect(routingConfigSchema.safeParse({ rules: [{ id: 'x', priority: 1, when: { value: { min: { amount: 5, currency: 'USD' }, max: { amount: 9, currency: 'EUR' } } }, then: {} }] }).success).toBe(false);
  });

  test('a money condition or threshold applies to orders in its currency only', () => {
    const config = routingConfigSchema.parse({ rules: [{ id: 'eur-big', priority: 1, when: { value: { min: { amount: 1000, currency: 'EUR' } } }, then: { mode: 'truck' } }] });
    expect(decide(input({ config })).rules_applied).toEqual([]);
    expect(decide(input({ config, currency: 'EUR' }, { currency: 'EUR' })).rules_applied).toEqual(['eur-big']);
    // The pickup value limit is in USD: a EUR order is not "under" it, so no locker is suggested.
    const locker = hubLocker();
    expect(decide(input({ points: [locker] })).mode).toBe('pickup');
    expect(decide(input({ points: [locker], currency: 'EUR' })).mode).toBe('parcel');
  });
});
