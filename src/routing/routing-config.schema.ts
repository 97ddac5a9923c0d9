import { z } from 'zod';
import { currencySchema, type Money } from '../kernel/money.js';
import { CUSTOMER_TYPES, SERVICE_LEVELS } from '../orders/order.schema.js';

/** Bounds every value a tenant configures: a rule that names a 1 MB carrier matches nothing and costs every decision. */
const name = z.string().trim().min(1).max(64);
const names = z.array(name).max(500);
const bound = z.number().min(-1e12).max(1e12);
const amount = z.number().int().min(0).max(1e12);
const range = z.object({ min: bound.optional(), max: bound.optional() }).refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');
/**
 * Money in a rule or the policy: `{"amount": minor units, "currency": "USD"}`. A bare number (the
 * form configurations were saved in before) is read as minor units of USD.
 */
export const configMoneySchema = z
  .union([z.object({ amount: amount, currency: currencySchema }), amount])
  .transform((v): Money => (typeof v === 'number' ? { amount: v, currency: 'USD' } : v))
  .describe('{"amount": minor units, "currency": "USD"} (a bare number is read as USD minor units)');
const usd = (minor: number): Money => ({ amount: minor, currency: 'USD' });
const moneyRange = z
  .object({ min: configMoneySchema.optional(), max: configMoneySchema.optional() })
  .refine((r) => !r.min || !r.max || r.min.currency === r.max.currency, { message: 'min and max in one currency', path: ['max'] })
  .refine((r) => !r.min || !r.max || r.min.amount <= r.max.amount, 'min must not exceed max');
export const MODES = ['parcel', 'truck', 'pickup'] as const;
export type Mode = (typeof MODES)[number];

/** What a rule looks at. Every listed condition must hold (and); an empty `when` matches all. */
export const ruleConditionSchema = z
  .object({
    countries: z.array(z.string().length(2).toUpperCase()).max(300).optional(),
    states: z.array(z.string().length(2).toUpperCase()).max(300).optional(),
    zip_prefixes: z.array(z.string().regex(/^\d{1,5}$/)).max(10_000).optional(),
    weight_lb: range.optional(),
    longest_side_in: range.optional(),
    value: moneyRange.optional().describe('order value range (money); orders in another currency do not match'),
    flags: names.optional().describe('any line has one of these SKU flags'),
    channels: names.optional(),
    tags: names.optional().describe('the order has one of these tags'),
    customer_types: z.array(z.enum(CUSTOMER_TYPES)).optional(),
    residential: z.boolean().optional(),
    remote: z.boolean().optional().describe('rural region or Alaska/Hawaii/territory'),
    po_box: z.boolean().optional(),
    military: z.boolean().optional(),
  })
  .strict();
export type RuleCondition = z.output<typeof ruleConditionSchema>;

export const ruleActionSchema = z
  .object({
    mode: z.enum(MODES).optional(),
    allow_carriers: names.optional().describe('only these carriers'),
    deny_carriers: names.optional(),
    allow_services: names.optional().describe('only these rate cards (codes)'),
    deny_services: names.optional(),
    prefer: z.array(z.object({ carrier: name.optional(), service: name.optional(), bonus: configMoneySchema })).max(100).optional().describe('subtract `bonus` (money) from the expected cost of matching candidates'),
    require_signature: z.enum(['indirect', 'direct', 'adult']).optional(),
    require_insurance: z.boolean().optional().describe('declare the order value'),
    service_level: z.enum(SERVICE_LEVELS).optional(),
  })
  .strict();
export type RuleAction = z.output<typeof ruleActionSchema>;

export const routingRuleSchema = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().max(200).nullish().transform((v) => v ?? null),
  priority: z.number().int().min(0).max(1_000_000).describe('lower runs first; on a conflict the lower priority number wins'),
  stop: z.boolean().default(false).describe('no later rule applies to an order this rule matched'),
  when: ruleConditionSchema.default({}),
  then: ruleActionSchema,
});
export type RoutingRule = z.output<typeof routingRuleSchema>;

const rates = z.object({
  fail_first_attempt: z.number().min(0).max(1),
  loss: z.number().min(0).max(1),
  late: z.number().min(0).max(1),
});

/**
 * A tenant's routing configuration: its rules plus the policy defaults a seller may override.
 * Money as money objects; weights in lb and lengths in in.
 */
export const routingConfigSchema = z.object({
  rules: z.array(routingRuleSchema).max(1000).default([]),
  mode_policy: z
    .object({
      parcel_max_weight_lb: z.number().min(0.01).max(100_000).default(150),
      parcel_max_length_in: z.number().min(0.01).max(10_000).default(108),
      parcel_max_length_plus_girth_in: z.number().min(0.01).max(10_000).default(165),
      b2b_truck_weight_lb: z.number().min(0.01).max(1_000_000).default(500).describe('B2B orders at least this heavy consolidate on a truck'),
      white_glove_value: configMoneySchema.default(usd(150_000)).describe('truck orders worth this much get inside delivery (orders in this currency)'),
      pickup_max_value: configMoneySchema.default(usd(10_000)).describe('pickup points are recommended under this order value (orders in this currency)'),
      pickup_max_distance_km: z.number().min(0.01).max(1000).default(1.5),
      recommend_pickup: z.boolean().default(true),
    })
    .default({ parcel_max_weight_lb: 150, parcel_max_length_in: 108, parcel_max_length_plus_girth_in: 165, b2b_truck_weight_lb: 500, white_glove_value: usd(150_000), pickup_max_value: usd(10_000), pickup_max_distance_km: 1.5, recommend_pickup: true }),
  costs: z
    .object({
      redelivery: configMoneySchema.default(usd(1750)).describe('cost of a failed first attempt'),
      lateness_penalty: configMoneySchema.default(usd(500)),
      reshipment: configMoneySchema.default(usd(800)).describe('handling to resend a lost parcel, on top of its value'),
    })
    .default({ redelivery: usd(1750), lateness_penalty: usd(500), reshipment: usd(800) }),
  priors: z
    .object({ default: rates, carriers: z.record(name, rates).default({}), strength: z.number().min(0.01).max(1e6).default(50), half_life_days: z.number().min(1).max(3650).default(90) })
    .default({ default: { fail_first_attempt: 0.06, loss: 0.004, late: 0.08 }, carriers: {}, strength: 50, half_life_days: 90 }),
  service_levels: z
    .object({
      enforce: z.array(z.enum(SERVICE_LEVELS)).max(4).default(['overnight', 'expedited']).describe('levels whose orders only go to services whose typical transit meets them'),
      when_unmet: z.enum(['wait', 'ship_fastest']).default('wait').describe('when no service meets an enforced level: the order waits (stays ready with the reason), or ships with the fastest service as a stated exception'),
    })
    .default({ enforce: ['overnight', 'expedited'], when_unmet: 'wait' }),
  pilots: z.array(z.object({ name: z.string().min(1).max(64), service: name, share: z.number().min(0).max(1) })).max(100).default([]),
  down: names.default([]).describe('rate card codes out of service: orders fall back to the next best'),
  quotas: z
    .array(z.object({ service: name, warehouse_id: z.string().max(100).nullish().transform((v) => v ?? null), daily_capacity: z.number().int().min(0).max(100_000_000) })).max(1000)
    .default([]),
  calendar_overrides: z
    .record(name, z.object({ holidays: z.array(z.iso.date()).max(1000).default([]), workdays: z.array(z.iso.date()).max(1000).default([]) }))
    .default({})
    .describe('per country (or carrier) code: dates to add as holidays, and weekend dates that are working days'),
});
export type RoutingConfig = z.output<typeof routingConfigSchema>;
export type RoutingConfigInput = z.input<typeof routingConfigSchema>;
