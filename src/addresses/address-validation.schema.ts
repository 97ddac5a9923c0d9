import { z } from 'zod';
import { VERDICTS } from './issues.js';

const text = (max: number) => z.string().max(max).nullish();

/** An address as fields; the country may be a name, ISO alpha-2 or alpha-3 (US when absent). */
export const structuredAddressInputSchema = z.object({
  name: text(200),
  company: text(200),
  line1: z.string().trim().min(1).max(200),
  line2: text(200),
  line3: text(200),
  city: text(100),
  state: text(100),
  postal_code: text(20),
  country: text(100),
  phone: text(40),
  tax_id: text(40),
});

export const addressValidationInputSchema = z.union([
  z.string().trim().min(1).max(500).describe('one line of free text, e.g. "1600 Pennsylvania Ave NW, Washington, DC 20500"'),
  structuredAddressInputSchema,
]);

export const MAX_BATCH = 1000;

export const validateRequestSchema = z.union([
  z.object({ address: addressValidationInputSchema }).strict(),
  z
    .object({
      addresses: z
        .array(z.object({ id: z.string().max(200).optional(), address: addressValidationInputSchema }).strict())
        .min(1, 'at least one address')
        .max(MAX_BATCH, `at most ${MAX_BATCH.toLocaleString('en-US')} addresses in one batch; split larger lists`),
    })
    .strict(),
]);

export const addressIssueSchema = z.object({
  code: z.string().describe('stable code, e.g. ZIP_STATE_MISMATCH'),
  field: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  suggestion: z.string().optional(),
});

const nullableString = z.string().nullable();

export const usComponentsSchema = z.object({
  recipient: nullableString,
  number: nullableString,
  predirectional: nullableString,
  street_name: nullableString,
  suffix: nullableString,
  postdirectional: nullableString,
  unit_type: nullableString,
  unit_number: nullableString,
  extra_units: z.array(z.string()),
  building: nullableString,
  po_box: nullableString,
  rural_route: nullableString,
  box: nullableString,
  military: nullableString,
  general_delivery: z.boolean().default(false).describe('GENERAL DELIVERY: held at the post office for collection (absent in checks stored before it existed: false)'),
  cross_street: nullableString,
  city: nullableString,
  state: nullableString,
  zip5: nullableString,
  zip4: nullableString,
});

export const standardizedAddressSchema = z.object({
  line1: z.string(),
  line2: nullableString,
  city: nullableString,
  state: nullableString,
  postal_code: nullableString,
  country: z.string(),
});

export const classificationSchema = z.object({
  residential: z.object({
    value: z.enum(['residential', 'commercial']),
    confidence: z.enum(['high', 'low']),
    reasons: z.array(z.string()),
  }),
  region: z.enum(['urban', 'suburban', 'rural']).nullable(),
  density_per_km2: z.number().nullable(),
  zip3: nullableString,
  geocode: z.object({ lat: z.number(), lon: z.number(), precision: z.literal('zip_centroid') }).nullable(),
  po_box: z.boolean(),
  general_delivery: z.boolean().default(false).describe('held at the post office: only USPS delivers, as to a PO box'),
  military: z.boolean(),
  territory: z.boolean(),
});

export const addressValidationSchema = z.object({
  verdict: z.enum(VERDICTS),
  components: usComponentsSchema.nullable().describe('Publication 28 components (US addresses only)'),
  standardized: standardizedAddressSchema,
  classification: classificationSchema,
  issues: z.array(addressIssueSchema),
  phone: z.object({ e164: z.string(), country: nullableString }).nullable(),
  tax_id: z.object({ kind: z.string(), value: z.string() }).nullable(),
  original: z.unknown().optional().describe('the input as given, when a correction was applied'),
});

export const validateResponseSchema = z.union([
  addressValidationSchema,
  z.object({ results: z.array(addressValidationSchema.extend({ id: z.string().nullable() })) }),
]);

export const addressCheckSchema = z.object({
  verdict: z.enum(VERDICTS),
  issues: z.array(addressIssueSchema),
  standardized: standardizedAddressSchema,
  components: usComponentsSchema.nullable(),
  classification: classificationSchema,
  checked_at: z.string(),
  accepted: z.object({ reason: z.string(), actor: z.string(), at: z.string() }).nullable(),
  carrier: z.object({
    carrier: z.enum(['ups', 'usps', 'fedex']).describe('whose address validation answered'),
    verdict: z.enum(['valid', 'ambiguous', 'not_found', 'unavailable']),
    classification: z.enum(['residential', 'commercial']).nullable(),
    standardized: z.object({ line1: z.string().nullable(), line2: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(), postal_code: z.string().nullable() }).nullable(),
    messages: z.array(z.object({ code: z.string(), message: z.string() })),
    checked_at: z.string(),
  }).nullable().optional().describe("a carrier's own check after ours (POST /v1/orders/:id/address/carrier-check)"),
});
