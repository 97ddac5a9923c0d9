import { z } from 'zod';
import { moneySchema } from '../kernel/money.js';
import { dimensionsSchema, weightSchema } from '../kernel/units.js';

export const SKU_FLAGS = ['battery', 'liquid', 'fragile', 'hazmat', 'ships_alone', 'requires_signature'] as const;
export type SkuFlag = (typeof SKU_FLAGS)[number];

export const skuCodeSchema = z.string().trim().min(1).max(100);

export const skuCreateSchema = z.object({
  sku: skuCodeSchema,
  name: z.string().trim().min(1).max(300),
  weight: weightSchema,
  dimensions: dimensionsSchema.nullish().transform((v) => v ?? null),
  declared_value: moneySchema.nullish().transform((v) => v ?? null),
  hs_code: z
    .string()
    .trim()
    .transform((s) => s.replace(/[.\s]/g, ''))
    .pipe(z.string().regex(/^\d{6,10}$/, 'must be 6 to 10 digits (dots allowed)'))
    .nullish()
    .transform((v) => v ?? null),
  country_of_origin: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'))
    .nullish()
    .transform((v) => v ?? null),
  flags: z.array(z.enum(SKU_FLAGS)).default([]).transform((f) => [...new Set(f)].sort()),
});
export type SkuCreate = z.output<typeof skuCreateSchema>;
export const skuUpdateSchema = skuCreateSchema.omit({ sku: true }).partial();
export type SkuUpdate = z.output<typeof skuUpdateSchema>;

export const skuSchema = skuCreateSchema.extend({ id: z.string(), created_at: z.string(), updated_at: z.string() });
export type Sku = z.output<typeof skuSchema>;
