import { z } from 'zod';
import { currencySchema } from '../kernel/money.js';
import { LENGTH_UNITS, WEIGHT_UNITS } from '../kernel/units.js';

const isoDate = z.iso.date();
const weight = z.object({ value: z.number().positive().max(1_000_000), unit: z.enum(WEIGHT_UNITS) });
const length = z.object({ value: z.number().positive().max(100_000), unit: z.enum(LENGTH_UNITS) });
/** A volume in cubic inches or cubic centimetres. */
const volume = z.object({ value: z.number().positive().max(1e12), unit: z.enum(['in3', 'cm3']) });
const minor = z.number().int().min(0).max(100_000_000);
/** Amount in minor units, flat or by zone ({"2": 1450, "3": 1500, …, "default": 1600}). */
const amount = z.union([minor, z.record(z.string(), minor)]);

const zoneList = z.array(z.string().trim().min(1).max(8)).min(1);

/** Billable weight steps: the first whose `below` the weight is under applies. */
const weightStep = z.object({ below: weight.optional(), step: weight });

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

/**
 * A surcharge as data (`{code, args}`), applied in the order the card lists them. The codes and
 * their arguments are documented in docs/rating.md.
 */
export const surchargeSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('residential'), args: z.object({ amount }) }),
  z.object({
    code: z.literal('delivery_area'),
    args: z.object({
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
  }),
  z.object({
    code: z.literal('additional_handling'),
    args: z.object({
      criteria: z
        .array(
          z.object({
            when: z.enum(['weight', 'length', 'second_side', 'length_plus_girth', 'cubic', 'packaging']),
            over: z.union([weight, length, volume]).optional(),
            amount,
          }),
        )
        .min(1),
    }),
  }),
  z.object({
    code: z.literal('large_package'),
    args: z.object({
      criteria: z.array(z.object({ when: z.enum(['weight', 'length', 'length_plus_girth', 'cubic']), over: z.union([weight, length, volume]) })).min(1),
      amount,
      min_billable_weight: weight.optional(),
    }),
  }),
  z.object({
    code: z.literal('dimension_fee'),
    args: z.object({
      tiers: z.array(z.object({ name: z.string().min(1), when: z.enum(['length', 'cubic']), over: z.union([length, volume]), up_to: z.union([length, volume]).optional(), amount })).min(1),
    }),
  }),
  z.object({ code: z.literal('signature'), args: z.object({ indirect: minor.optional(), direct: minor.optional(), adult: minor.optional() }) }),
  z.object({
    code: z.literal('declared_value'),
    args: z.object({ free_up_to: minor, per: minor.positive(), amount: minor, minimum: minor.default(0) }),
  }),
  z.object({
    code: z.literal('peak'),
    args: z.object({
      periods: z.array(z.object({ from: isoDate, to: isoDate, amount, residential_only: z.boolean().default(false) })).min(1),
    }),
  }),
  z.object({ code: z.literal('cod'), args: z.object({ amount: minor }) }),
  z.object({ code: z.literal('liftgate'), args: z.object({ amount: minor }) }),
  z.object({ code: z.literal('appointment'), args: z.object({ amount: minor }) }),
  z.object({ code: z.literal('inside_delivery'), args: z.object({ amount: minor }) }),
]);
export type Surcharge = z.output<typeof surchargeSchema>;
export type SurchargeCode = Surcharge['code'];

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
    dimension_rounding: z.enum(['nearest', 'up', 'none']).default('nearest'),
    dim: z
      .object({
        divisor: z.number().min(1).max(100_000).describe('e.g. 139 (in³/lb) or 5000 (cm³/kg)'),
        system: z.enum(['imperial', 'metric']).describe('imperial: in³/lb; metric: cm³/kg'),
        min_volume: volume.optional().describe('dim weight applies only above this volume (USPS: 1,728 in³)'),
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
      })
      .default({ residential_only: false, batteries: true, hazmat: false, po_box: false, military: false }),
    zones: z
      .object({
        chart: z.string().min(1).max(64).default('usps').describe('the zone chart family: usps, or the code of a carrier table'),
        mail_service: z.enum(['priority', 'ground_advantage']).optional().describe('which USPS 5-digit exceptions apply'),
      })
      .default({ chart: 'usps' }),
    transit_days: z.record(z.string(), z.number().int().min(0).max(60)).default({}),
    prices: priceGridSchema.optional(),
    ltl: ltlPricingSchema.optional(),
    surcharges: z.array(surchargeSchema).default([]),
    fuel: z
      .object({
        table: z.array(z.object({ from: isoDate, percent: z.number().min(0).max(100) })).min(1),
        applies_to: z.array(z.string()).default(['base']).describe('"base" and surcharge codes'),
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
