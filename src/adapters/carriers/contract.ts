import { z } from 'zod';
import { moneySchema } from '../../kernel/money.js';

/**
 * The generic HTTP carrier contract (docs/carriers.md): what lastmile sends to and expects from
 * a regional carrier or 3PL API. The sandbox carrier serves exactly this.
 */
export const contractLabelSchema = z.object({
  label_id: z.string().min(1),
  tracking_numbers: z.array(z.string().min(1)).min(1),
  cost: moneySchema.nullable().optional().transform((v) => v ?? null),
  status: z.enum(['active', 'voided', 'manifested']).optional(),
  /** The carrier's own label, base64, a page (or ZPL label) per package; lastmile draws one when there is none. */
  documents: z.array(z.object({ format: z.enum(['pdf', 'zpl', 'png']), data: z.base64() })).optional().default([]),
});
export type ContractLabel = z.output<typeof contractLabelSchema>;

export const contractRatesSchema = z.object({ rates: z.array(z.object({ service: z.string(), total: moneySchema })) });
export const contractManifestSchema = z.object({ manifest_id: z.string().min(1) });
export const contractTrackingSchema = z.object({
  tracking_number: z.string(),
  events: z.array(z.object({ code: z.string(), description: z.string().default(''), occurred_at: z.string(), location: z.string().nullable().default(null) })),
});
export const contractErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
