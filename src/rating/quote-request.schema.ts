import { z } from 'zod';
import { currencySchema, moneySchema } from '../kernel/money.js';
import { dimensionsSchema, weightSchema } from '../kernel/units.js';

const zip = z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'a US ZIP Code');
const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as US').default('US');
/** A place by postal code and country: a US ZIP Code in the US, the country's own postal code elsewhere. */
const usZipWhenUs = (p: { country: string; postal_code: string }, ctx: z.RefinementCtx) => {
  if (p.country === 'US' && !zip.safeParse(p.postal_code).success) ctx.addIssue({ code: 'custom', path: ['postal_code'], message: 'a US ZIP Code' });
};
const postal = z.string().trim().min(1).max(12);

export const quoteOptionsSchema = z
  .object({
    residential: z.boolean().optional().describe('default: from the order address check, else true'),
    signature: z.enum(['indirect', 'direct', 'adult']).optional(),
    declared_value: moneySchema.optional(),
    cod: z.boolean().optional(),
    accessorials: z.array(z.enum(['liftgate', 'appointment', 'inside_delivery'])).optional(),
    battery: z.boolean().optional(),
    hazmat: z.boolean().optional(),
    non_carton: z.boolean().optional().describe('packaging that is not a corrugated carton (additional handling)'),
    freight_class: z.string().regex(/^\d{2,3}(\.5)?$/).optional(),
  })
  .default({});

export const quoteRequestSchema = z
  .object({
    order_id: z.string().min(1).max(100).optional().describe('rate an order: origin from its warehouse, destination and packages from the order'),
    from: z.object({ country, postal_code: postal }).superRefine(usZipWhenUs).optional(),
    to: z.object({ country, postal_code: postal, state: z.string().length(2).toUpperCase().optional() }).superRefine(usZipWhenUs).optional(),
    packages: z.array(z.object({ weight: weightSchema, dimensions: dimensionsSchema.nullish().transform((v) => v ?? null) })).min(1).max(50).optional(),
    options: quoteOptionsSchema,
    ship_date: z.iso.date().optional().describe('selects the card version, fuel rate and peak surcharges; default today'),
    zone: z.string().regex(/^\d{1,2}$/).optional().describe('what-if: use this zone instead of looking it up'),
    currency: currencySchema.optional().describe('also show totals converted into this currency (the order currency by default)'),
    services: z.array(z.string()).optional().describe('card codes to quote; all by default'),
    period_spend: moneySchema.optional().describe("what-if: the period's undiscounted spend that picks contract cards' earned-discount tier (cards in its currency; default: each card's period_spend)"),
  })
  .refine((r) => r.order_id !== undefined || (r.from && r.to && r.packages), {
    message: 'give order_id, or from, to and packages',
    path: ['order_id'],
  });
export type QuoteRequest = z.output<typeof quoteRequestSchema>;

const money = z.object({ amount: z.number().int(), currency: z.string() });
const applied = z.object({ code: z.string(), label: z.string(), amount: money });

/** Which service, and the zone it priced: the head of a quote and of a decision's candidate. */
export const pricedServiceSchema = z.object({
  card: z.string(),
  carrier: z.string(),
  service: z.string(),
  name: z.string(),
  sample: z.boolean(),
  zone: z.string(),
  zone_source: z.enum(['chart', 'estimated', 'given']),
});

export const serviceQuoteSchema = z.union([
  pricedServiceSchema.extend({
    eligible: z.literal(true),
    transit_days: z.number().nullable(),
    packages: z.array(
      z.object({
        billable_weight: z.object({ value: z.number(), unit: z.string() }),
        dim_weight: z.object({ value: z.number(), unit: z.string() }).nullable(),
        freight_class: z.string().optional().describe('freight: the class (classes, heaviest first) of the handling units'),
        handling_units: z.number().int().optional().describe('freight: the pallets or pieces priced together as one shipment (minimum charge, accessorials and fuel once)'),
        base: money,
        surcharges: z.array(applied),
        discounts: z.array(applied).optional().describe('contract discounts, subtracted from the total'),
        fuel: z.object({ percent: z.number(), amount: money }),
        total: money,
      }),
    ),
    total: money,
    converted: z.object({ total: money, rate: z.string(), rate_date: z.string() }).nullable(),
    notes: z.array(z.string()),
  }),
  z.object({ eligible: z.literal(false), card: z.string(), carrier: z.string(), service: z.string(), name: z.string(), sample: z.boolean(), code: z.string(), reason: z.string() }),
]);

export const quoteResponseSchema = z.object({
  ship_date: z.string(),
  from: z.string(),
  to: z.string(),
  services: z.array(serviceQuoteSchema).describe('eligible services cheapest first, then the ineligible ones with their reasons'),
  warnings: z.array(z.string()),
});
export type QuoteResponse = z.output<typeof quoteResponseSchema>;
