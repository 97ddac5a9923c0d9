import { z } from 'zod';
import { moneySchema } from '../kernel/money.js';
import { dimensionsSchema, weightSchema } from '../kernel/units.js';

/** A packaging option a warehouse stocks: a carton, a poly mailer or an envelope. */
export const boxSchema = z.object({
  id: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ".", "_" and "-"'),
  name: z.string().trim().max(120).nullish().transform((v) => v ?? null),
  type: z.enum(['box', 'poly_mailer', 'envelope']).default('box').describe('poly mailers and envelopes are soft packaging: carriers may charge for non-carton packaging'),
  inner: dimensionsSchema,
  outer: dimensionsSchema.nullish().transform((v) => v ?? null).describe('for dim weight; inner + 0.25 in (6 mm) per side when absent'),
  tare_weight: weightSchema,
  max_weight: weightSchema.describe('most the contents may weigh'),
  cost: moneySchema.describe('what the box itself costs'),
  available: z.boolean().default(true),
});
export type Box = z.output<typeof boxSchema>;
