import { z } from 'zod';
import { pricedServiceSchema } from '../rating/quote-request.schema.js';

/**
 * The decision as the API returns it (POST /v1/orders/:id/decide): the OpenAPI contract a
 * client (the dashboard's generated one) types against. Mirrors `Decision` in decide.ts.
 */
const money = z.object({ amount: z.number().int(), currency: z.string() }).describe('minor units of the currency');
const risk = z.object({ probability: z.number().min(0).max(1), label: z.string().describe('late: on_time_likely, may_be_late, likely_late; otherwise low, moderate, high') });
const weight = z.object({ value: z.number(), unit: z.string() });
const dims = z.object({ length: z.number(), width: z.number(), height: z.number(), unit: z.string() });

export const reasonSchema = z.object({
  code: z.string().describe('stable: OVER_PARCEL_WEIGHT, PICKUP_DOES_NOT_FIT, CONSTRAINT, CHEAPEST, ARRIVES, SERVICE_LEVEL_UNMET… (docs/routing.md)'),
  args: z.record(z.string(), z.unknown()),
});

export const candidateSchema = pricedServiceSchema.extend({
  total: money,
  price: z.object({
    base: money,
    surcharges: z.array(z.object({ code: z.string(), label: z.string(), amount: money })),
    discounts: z.array(z.object({ code: z.string(), label: z.string(), amount: money })).optional().describe('contract discounts, subtracted from the total'),
    fuel: z.object({ percent: z.number(), amount: money }),
    total: money,
  }),
  price_source: z.enum(['live', 'card']).optional().describe("live: the carrier's own rate for this shipment; card: the tenant's rate card (decisions made before live rates have none)"),
  transit_days: z.object({ p50: z.number(), p90: z.number() }),
  promise: z.object({ ship_date: z.string(), expected: z.string(), latest: z.string(), promise_by: z.string(), reason: z.string() }),
  meets_service_level: z.boolean(),
  preferred_by: z.array(z.string()),
  score: z.object({
    quote: money, redelivery: money, loss: money, lateness: money, preference_bonus: money, expected_total: money,
    risks: z.object({ fail_first_attempt: risk, loss: risk, late: risk }),
  }),
});

export const decisionSchema = z.object({
  mode: z.enum(['parcel', 'truck', 'pickup']),
  mode_reasons: z.array(z.string()),
  reasons: z.array(reasonSchema),
  explanation: z.object({ en: z.string(), zh: z.string() }),
  facts: z.object({
    address_type: z.enum(['residential', 'commercial']),
    address_type_source: z.enum(['order', 'carrier_check', 'address_check', 'customer_type']).describe("where residential or commercial came from: the order, a carrier's address validation, lastmile's check, the customer type"),
    residential_surcharge: money.nullable(),
    region: z.enum(['urban', 'suburban', 'rural']).nullable(),
    po_box: z.boolean(),
    military: z.boolean(),
    flags: z.array(z.string()),
    preference: z.string().describe('home, pickup_point, truck_appointment or not_stated'),
    service_level: z.string(),
    units: z.number().int(),
    weight,
  }),
  accessorials: z.array(z.string()),
  pickup_point: z.object({ id: z.string(), name: z.string(), operator: z.string(), postal_code: z.string(), distance_km: z.number() }).nullable(),
  rules_applied: z.array(z.string()),
  chosen: candidateSchema.nullable(),
  runner_up: z.object({ card: z.string(), name: z.string(), total: money, difference: money }).nullable(),
  candidates: z.array(candidateSchema),
  excluded: z.array(z.object({ card: z.string(), carrier: z.string(), service: z.string(), code: z.string(), reason: z.string() })),
  waiting: z.object({ code: z.string(), reason: z.string() }).nullable(),
  pilot: z.string().nullable(),
  tags: z.array(z.string()),
  signature: z.enum(['indirect', 'direct', 'adult']).nullable(),
  insured: z.boolean(),
  packages: z.array(z.object({ weight, dimensions: dims.nullable() })),
  notes: z.array(z.string()),
});
