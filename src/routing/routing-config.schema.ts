import { z } from 'zod';
import { CUSTOMER_TYPES, SERVICE_LEVELS } from '../orders/order.schema.js';

const range = z.object({ min: z.number().optional(), max: z.number().optional() }).refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');
export const MODES = ['parcel', 'truck', 'pickup'] as const;
export type Mode = (typeof MODES)[number];

/** What a rule looks at. Every listed condition must hold (and); an empty `when` matches all. */
export const ruleConditionSchema = z
  .object({
    countries: z.array(z.string().length(2).toUpperCase()).optional(),
    states: z.array(z.string().length(2).toUpperCase()).optional(),
    zip_prefixes: z.array(z.string().regex(/^\d{1,5}$/)).optional(),
    weight_lb: range.optional(),
    longest_side_in: range.optional(),
    value: range.optional().describe('order value in minor units of its currency'),
    flags: z.array(z.string()).optional().describe('any line has one of these SKU flags'),
    channels: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional().describe('the order has one of these tags'),
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
    allow_carriers: z.array(z.string()).optional().describe('only these carriers'),
    deny_carriers: z.array(z.string()).optional(),
    allow_services: z.array(z.string()).optional().describe('only these rate cards (codes)'),
    deny_services: z.array(z.string()).optional(),
    prefer: z.array(z.object({ carrier: z.string().optional(), service: z.string().optional(), bonus: z.number().int().min(0) })).optional().describe('subtract `bonus` (minor units) from the score of matching candidates'),
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
 * Money in minor units of the order currency; weights in lb and lengths in in.
 */
export const routingConfigSchema = z.object({
  rules: z.array(routingRuleSchema).max(1000).default([]),
  mode_policy: z
    .object({
      parcel_max_weight_lb: z.number().positive().default(150),
      parcel_max_length_in: z.number().positive().default(108),
      parcel_max_length_plus_girth_in: z.number().positive().default(165),
      b2b_truck_weight_lb: z.number().positive().default(500).describe('B2B orders at least this heavy consolidate on a truck'),
      white_glove_value: z.number().int().min(0).default(150_000).describe('truck orders worth this much get inside delivery'),
      pickup_max_value: z.number().int().min(0).default(10_000).describe('pickup points are recommended under this order value'),
      pickup_max_distance_km: z.number().positive().default(1.5),
      recommend_pickup: z.boolean().default(true),
    })
    .default({ parcel_max_weight_lb: 150, parcel_max_length_in: 108, parcel_max_length_plus_girth_in: 165, b2b_truck_weight_lb: 500, white_glove_value: 150_000, pickup_max_value: 10_000, pickup_max_distance_km: 1.5, recommend_pickup: true }),
  costs: z
    .object({
      redelivery: z.number().int().min(0).default(1750).describe('cost of a failed first attempt'),
      lateness_penalty: z.number().int().min(0).default(500),
      reshipment: z.number().int().min(0).default(800).describe('handling to resend a lost parcel, on top of its value'),
    })
    .default({ redelivery: 1750, lateness_penalty: 500, reshipment: 800 }),
  priors: z
    .object({ default: rates, carriers: z.record(z.string(), rates).default({}), strength: z.number().positive().default(50), half_life_days: z.number().positive().default(90) })
    .default({ default: { fail_first_attempt: 0.06, loss: 0.004, late: 0.08 }, carriers: {}, strength: 50, half_life_days: 90 }),
  pilots: z.array(z.object({ name: z.string().min(1).max(64), service: z.string(), share: z.number().min(0).max(1) })).default([]),
  down: z.array(z.string()).default([]).describe('rate card codes out of service: orders fall back to the next best'),
  quotas: z
    .array(z.object({ service: z.string(), warehouse_id: z.string().nullish().transform((v) => v ?? null), daily_capacity: z.number().int().min(0) }))
    .default([]),
  calendar_overrides: z
    .record(z.string(), z.object({ holidays: z.array(z.iso.date()).default([]), workdays: z.array(z.iso.date()).default([]) }))
    .default({})
    .describe('per country (or carrier) code: dates to add as holidays, and weekend dates that are working days'),
});
export type RoutingConfig = z.output<typeof routingConfigSchema>;
export type RoutingConfigInput = z.input<typeof routingConfigSchema>;
