import { z } from 'zod';
import { moneySchema } from '../kernel/money.js';
import { dimensionsSchema, weightSchema } from '../kernel/units.js';

export const SKU_FLAGS = ['battery', 'liquid', 'fragile', 'hazmat', 'ships_alone', 'own_container', 'this_side_up', 'requires_signature'] as const;
export type SkuFlag = (typeof SKU_FLAGS)[number];

export const skuCodeSchema = z.string().trim().min(1).max(100);

const hsCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[.\s]/g, ''))
  .pipe(z.string().regex(/^\d{6,10}$/, 'must be 6 to 10 digits (dots allowed)'));
const countrySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'));
const flagsSchema = z.array(z.enum(SKU_FLAGS)).transform((f) => [...new Set(f)].sort());

const skuFields = {
  name: z.string().trim().min(1).max(300),
  weight: weightSchema,
  dimensions: dimensionsSchema.nullable(),
  declared_value: moneySchema.nullable(),
  hs_code: hsCodeSchema.nullable(),
  country_of_origin: countrySchema.nullable(),
  flags: flagsSchema,
};

const orNull = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);

export const skuCreateSchema = z.object({
  sku: skuCodeSchema,
  name: skuFields.name,
  weight: skuFields.weight,
  dimensions: orNull(dimensionsSchema),
  declared_value: orNull(moneySchema),
  hs_code: orNull(hsCodeSchema),
  country_of_origin: orNull(countrySchema),
  flags: flagsSchema.default([]),
});
export type SkuCreate = z.output<typeof skuCreateSchema>;
// Without defaults or null-filling: fields not sent stay as they are.
export const skuUpdateSchema = z.object(skuFields).partial();
export type SkuUpdate = z.output<typeof skuUpdateSchema>;

export const skuSchema = skuCreateSchema.extend({ id: z.string(), created_at: z.string(), updated_at: z.string() });
export type Sku = z.output<typeof skuSchema>;
