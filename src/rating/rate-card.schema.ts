import { z } from 'zod';
import { currencySchema } from '../kernel/money.js';
import { LENGTH_UNITS, WEIGHT_UNITS } from '../kernel/units.js';

const isoDate = z.iso.date();
const weight = z.object({ value: z.number().positive().max(1_000_000), unit: z.enum(WEIGHT_UNITS) });
const length = z.object({ value: z.number().positive().max(100_000), unit: z.enum(LENGTH_UNITS) });
/** A volume in cubic inches or cubic centimetres. */
const volume = z.object({ value: z.number().positive().max(1e12), unit: z.enum(['in3', 'cm3']) });
const minor = z.number().int().min(0).max(100_000_000);
/** A period's spend in minor units (a large shipper's year runs to hundreds of millions of dollars). */
const spend = z.number().int().min(0).max(1e14);
/**
 * Amount by zone: `{"2": 1450, "3-4": 1500, "5+": 1700, "default": 1600}` — a zone, a range of
 * zones, an open range, or the default (without a match or a default, the highest applies).
 */
const zoneKey = z.string().regex(/^(default|[0-9A-Za-z]{1,8}|\d{1,3}-\d{1,3}|\d{1,3}\+)$/, 'a zone ("5"), a range ("3-4"), an open range ("7+") or "default"');
const zoneAmount = z.union([minor, z.record(zoneKey, minor)]);
/** Amount by billable-weight band (each band's `up_to` inclusive, the last one open), then by zone. */
const weightBands = z.object({
  by_weight: z.array(z.object({ up_to: weight.optional().describe('inclusive; leave out on the last band'), amount: zoneAmount })).min(1),
});
/** Amount in minor units: flat, by zone, or by billable-weight band (each band flat or by zone). */
const amount = z.union([minor, weightBands, z.record(zoneKey, minor)]);
export type AmountInput = z.output<typeof amount>;

const zoneList = z.array(z.string().trim().min(1).max(8)).min(1);

/** Billable weight steps: the first whose `below` the weight is under applies. */
const weightStep = z.object({ below: weight.optional(), step: weight });

/**
 * What a size or weight rule measures. `weight` is the actual weight, `billable_weight` the
 * rounded max(actual, dim); `second_side`/`third_side` the sides by length; `girth` 2 × (the two
 * shorter sides); `sides_over` the count of sides over `over` (true when at least `count`).
 */
export const MEASURES = ['weight', 'billable_weight', 'length', 'second_side', 'third_side', 'girth', 'length_plus_girth', 'cubic', 'sides_over', 'packaging'] as const;
const threshold = z.union([weight, length, volume]);
const condition = z.object({
  when: z.enum(MEASURES),
  over: threshold.optional().describe('strictly over; not used by packaging'),
  count: z.number().int().min(1).max(3).optional().describe('sides_over: how many sides must be over (default 1)'),
});
export type Condition = z.output<typeof condition>;

export const priceGridSchema = z.object({
  zones: zoneList,
  rows: z
    .array(z.object({ weight: weight, prices: z.array(minor.nullable()) }))
    .min(1)
    .describe('ascending weights; a price is for shipments up to that weight; null = no service'),
});
export type PriceGrid = z.output<typeof priceGridSchema>;

/** LTL pricing: a rate per hundredweight by freight class, with a minimum charge. */
export const ltlPricingSchema = z.object({
  per_cwt_by_class: z.record(z.string(), z.record(z.string(), minor)).describe('class -> zone -> minor units per 100 lb'),
  minimum_charge: minor,
});

/** Fields every surcharge may carry next to its code and args. */
const common = {
  only_with: z
    .array(z.string().min(1).max(40))
    .min(1)
    .optional()
    .describe('applies only when one of these surcharges (codes listed earlier in the card) applied to the package: a demand surcharge on Additional Handling'),
  label: z.string().trim().min(1).max(60).optional().describe('how the line reads on the quote'),
};
const sur = <C extends string, A extends z.ZodType>(code: C, args: A) => z.object({ code: z.literal(code), args, ...common });

const period = z.object({
  from: isoDate,
  to: isoDate,
  amount,
  residential_only: z.boolean().default(false),
  every_year: z.boolean().default(false).describe('the same month and day every year (from Oct 25 to Jan 16 crosses the new year)'),
});

/**
 * A surcharge as data (`{code, args}`), applied in the order the card lists them. The codes and
 * their arguments are documented in docs/rating.md.
 */
export const surchargeSchema = z.discriminatedUnion('code', [
  sur('residential', z.object({ amount, every_package: z.boolean().default(false).describe('charged on every package whatever the address (FedEx Home Delivery contracts)') })),
  sur(
    'delivery_area',
    z.object({
      tiers: z
        .array(
          z.object({
            name: z.string().min(1).max(40),
            zips: z.array(z.string().regex(/^\d{3,5}(-\d{3,5})?$/, 'a ZIP, ZIP3 or range like 99500-99999')).default([]),
            states: z.array(z.string().length(2)).default([]),
            residential: amount,
            commercial: amount,
          }),
        )
        .min(1),
    }),
  ),
  sur(
    'additional_handling',
    z.object({
      criteria: z
        .array(
          condition.extend({
            amount,
            min_billable_weight: weight.optional().describe('the package is billed at least this weight when this criterion applies (FedEx/UPS: 40 lb for size)'),
          }),
        )
        .min(1),
    }),
  ),
  sur(
    'large_package',
    z.object({
      criteria: z.array(condition).min(1),
      amount,
      min_billable_weight: weight.optional(),
    }),
  ),
  sur(
    'dimension_fee',
    z.object({
      tiers: z.array(condition.extend({ name: z.string().min(1), up_to: threshold.optional(), amount })).min(1),
    }),
  ),
  sur('signature', z.object({ indirect: minor.optional(), direct: minor.optional(), adult: minor.optional() })),
  sur('declared_value', z.object({ free_up_to: minor, per: minor.positive(), amount: minor, minimum: minor.default(0) })),
  sur('peak', z.object({ periods: z.array(period).min(1) })),
  sur('cod', z.object({ amount: minor })),
  sur('liftgate', z.object({ amount: minor })),
  sur('appointment', z.object({ amount: minor })),
  sur('inside_delivery', z.object({ amount: minor })),
]);
export type Surcharge = z.output<typeof surchargeSchema>;
export type SurchargeCode = Surcharge['code'];

/**
 * A base-price rule: when its conditions hold (any, or all), the package is priced at a fixed
 * price for its zone (USPS oversized), at the grid price of a minimum weight (balloon), or from a
 * cubic grid (USPS cubic tiers) instead of the weight grid.
 */
export const baseRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    when: z.array(condition).default([]).describe('empty: every package (with unless)'),
    match: z.enum(['any', 'all']).default('any'),
    unless: z.array(condition).default([]).describe('the rule does not apply when any of these holds (cubic: weight over 20 lb)'),
    price: amount.optional().describe('the base becomes this amount'),
    bill_at_least: weight.optional().describe('the base is the grid price of at least this weight'),
    cubic: z
      .object({
        zones: zoneList,
        rows: z.array(z.object({ up_to: volume.describe('the tier: 0.1 ft³ is 172.8 in³'), prices: z.array(minor.nullable()) })).min(1),
        side_rounding: z.enum(['down_quarter', 'none']).default('down_quarter'),
      })
      .optional()
      .describe('price by cubic tier (sides rounded down to the quarter inch); over the last tier the rule does not apply'),
  })
  .refine((r) => [r.price, r.bill_at_least, r.cubic].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of price, bill_at_least, cubic', path: ['price'] })
  .refine((r) => !r.cubic || r.cubic.rows.every((x) => x.prices.length === r.cubic!.zones.length), { message: 'every cubic row needs one price per zone', path: ['cubic', 'rows'] });
export type BaseRule = z.output<typeof baseRuleSchema>;

const appliesTo = z.array(z.string().min(1).max(40)).min(1).describe('"base" and surcharge codes');

/** Contract terms: discounts off the published prices, earned tiers, a minimum net charge. */
export const contractSchema = z.object({
  discounts: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(60),
        percent: z.number().min(0).max(100),
        applies_to: appliesTo,
        zones: z.array(z.string()).min(1).optional().describe('only to these zones'),
        weight: z.object({ over: weight.optional(), up_to: weight.optional() }).optional().describe('only to billable weights in this band (over is exclusive, up_to inclusive)'),
      }),
    )
    .default([]),
  earned: z
    .object({
      name: z.string().trim().min(1).max(60).default('earned discount'),
      applies_to: appliesTo,
      tiers: z.array(z.object({ from_spend: spend, percent: z.number().min(0).max(100) })).min(1).describe('the period\'s undiscounted spend from which each percent applies'),
      period_spend: spend.describe('the spend quotes assume (the tier you are in); the savings analysis computes it'),
    })
    .nullish()
    .transform((v) => v ?? null),
  minimum_net: z
    .object({ amount: zoneAmount.describe('per package, by zone') })
    .nullish()
    .transform((v) => v ?? null)
    .describe('the base after discounts never goes under this: the discount is reduced'),
});
export type Contract = z.output<typeof contractSchema>;

export const rateCardSchema = z
  .object({
    code: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower case letters, digits, . _ -'),
    carrier: z.string().trim().toLowerCase().min(1).max(40),
    service: z.string().trim().toLowerCase().min(1).max(60),
    name: z.string().trim().min(1).max(120),
    sample: z.boolean().default(false).describe('an illustrative card shipped with lastmile, not a contract'),
    source: z.string().max(500).nullish().transform((v) => v ?? null),
    currency: currencySchema,
    effective_from: isoDate,
    mode: z.enum(['parcel', 'ltl']).default('parcel'),
    weight_unit: z.enum(WEIGHT_UNITS).describe('unit of the grid weights'),
    weight_steps: z.array(weightStep).min(1).describe('how the billable weight is rounded up'),
    dimension_rounding: z
      .enum(['nearest', 'up', 'none', 'nearest_tenth', 'up_tenth', 'down_quarter'])
      .default('nearest')
      .describe('each side: to the nearest inch (UPS, FedEx, USPS), up to the inch, to a tenth, down to a quarter inch (USPS cubic), or as measured'),
    dim: z
      .object({
        divisor: z.number().min(1).max(100_000).describe('e.g. 139 (in³/lb) or 5000 (cm³/kg)'),
        system: z.enum(['imperial', 'metric']).describe('imperial: in³/lb; metric: cm³/kg'),
        min_volume: volume.optional().describe('dim weight applies only above this volume (USPS: 1,728 in³)'),
        volume_rounding: z.enum(['none', 'nearest', 'up']).default('none').describe('the cubic size (in³ or cm³) before it is divided'),
      })
      .nullish()
      .transform((v) => v ?? null),
    limits: z
      .object({
        max_weight: weight.optional(),
        max_length: length.optional(),
        max_length_plus_girth: length.optional(),
        max_volume: volume.optional(),
        residential_only: z.boolean().default(false),
        batteries: z.boolean().default(true).describe('lithium batteries packed with or in equipment accepted'),
        hazmat: z.boolean().default(false),
        po_box: z.boolean().default(false).describe('delivers to PO boxes'),
        military: z.boolean().default(false).describe('delivers to APO/FPO/DPO addresses'),
        states: z.array(z.string().length(2)).optional().describe('destinations served; all when absent'),
        zip3s: z.array(z.string().regex(/^\d{3}(-\d{3})?$/)).optional().describe('destination ZIP3s (or ranges) served; all when absent'),
        refuse_when: z
          .array(condition.extend({ reason: z.string().trim().min(1).max(200).optional() }))
          .default([])
          .describe('any size or weight rule that makes the service refuse the package: Ground Economy\'s "no two sides over 17 in"'),
      })
      .default({ residential_only: false, batteries: true, hazmat: false, po_box: false, military: false, refuse_when: [] }),
    zones: z
      .object({
        chart: z.string().min(1).max(64).default('usps').describe('the zone chart family: usps, or the code of a carrier table'),
        mail_service: z.enum(['priority', 'ground_advantage']).optional().describe('which USPS 5-digit exceptions apply'),
      })
      .default({ chart: 'usps' }),
    transit_days: z.record(z.string(), z.number().int().min(0).max(60)).default({}),
    prices: priceGridSchema.optional(),
    ltl: ltlPricingSchema.optional(),
    base_rules: z
      .array(baseRuleSchema)
      .default([])
      .describe('rules that replace the grid price: the first whose conditions hold applies'),
    surcharges: z.array(surchargeSchema).default([]),
    contract: contractSchema.nullish().transform((v) => v ?? null),
    fuel: z
      .object({
        table: z.array(z.object({ from: isoDate, percent: z.number().min(0).max(100) })).min(1).describe('the percentage from each date (a weekly table is one row a week)'),
        applies_to: z.array(z.string()).default(['base']).describe('"base" and surcharge codes'),
        on: z.enum(['net', 'list']).default('net').describe('fuel on the charges after contract discounts (UPS, FedEx) or before'),
      })
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((c) => (c.mode === 'ltl' ? !!c.ltl : !!c.prices), { message: 'a parcel card needs prices (or prices_csv); an LTL card needs ltl', path: ['prices'] })
  .refine((c) => !c.prices || c.prices.rows.every((r) => r.prices.length === c.prices!.zones.length), {
    message: 'every row needs one price per zone',
    path: ['prices', 'rows'],
  });
export type RateCard = z.output<typeof rateCardSchema>;
export type RateCardInput = z.input<typeof rateCardSchema>;

/** What the API and CLI accept: a card, with its grid inline or as the carrier's CSV. */
export const rateCardImportSchema = z.object({
  card: z.record(z.string(), z.unknown()).describe('the card document (JSON, or YAML parsed by the CLI)'),
  prices_csv: z.string().max(5_000_000).optional().describe('the price grid as carriers publish it: weight, then one column per zone'),
});

export const storedRateCardSchema = z.object({
  id: z.string(),
  tenant_id: z.string().nullable().describe('null for the samples shipped with lastmile'),
  card: z.unknown(),
  created_at: z.string(),
});

/**
 * The card format as JSON Schema (what a card document may say, as written: defaults optional),
 * generated from the zod schema so the two cannot drift; docs/rate-card.schema.json holds it.
 */
export function rateCardJsonSchema(): Record<string, unknown> {
  const closed = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(closed);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    // Objects with named fields are closed: a field the format does not have is an error (lint).
    if (o['type'] === 'object' && o['properties'] && o['additionalProperties'] === undefined) o['additionalProperties'] = false;
    Object.values(o).forEach(closed);
  };
  const schema = z.toJSONSchema(rateCardSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  closed(schema);
  return {
    ...schema,
    $id: 'rate-card.schema.json',
    title: 'lastmile rate card',
    description: 'A carrier service\'s prices and rules as data. Money in minor units of `currency`; see docs/rating.md.',
  };
}
