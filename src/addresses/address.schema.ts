import { z } from 'zod';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

/**
 * A postal address as orders and warehouses carry it. Validation and standardization
 * (Publication 28, per-country rules) is the addresses context's job; this is only its shape.
 */
export const addressSchema = z.object({
  name: optionalText(200),
  company: optionalText(200),
  line1: trimmed(200),
  line2: optionalText(200),
  line3: optionalText(200),
  city: trimmed(100),
  state: optionalText(100),
  postal_code: optionalText(20),
  country: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US')),
  phone: optionalText(40),
  tax_id: optionalText(40).describe("the recipient's customs id where the destination asks for one (Brazil CPF/CNPJ, Indonesia NIK/NPWP, Korea PCCC…)"),
  email: z.string().trim().max(254).email().nullish().transform((v) => v ?? null),
  residential: z.boolean().nullish().transform((v) => v ?? null),
  latitude: z.number().min(-90).max(90).nullish().transform((v) => v ?? null),
  longitude: z.number().min(-180).max(180).nullish().transform((v) => v ?? null),
});
export type Address = z.output<typeof addressSchema>;
export type AddressInput = z.input<typeof addressSchema>;
