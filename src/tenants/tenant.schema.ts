import { z } from 'zod';
import { currencySchema } from '../kernel/money.js';
import { isTimeZone } from '../kernel/zoned-time.js';
import { SCOPES } from './api-key.js';

export const tenantNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, ".", "_" and "-"');

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(['live', 'test']),
  display_prefix: z.string(),
  scopes: z.array(z.string()),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyCreateSchema = z.object({
  name: z.string().min(1).max(100).default('api key'),
  scopes: z.array(z.enum(SCOPES)).min(1),
  mode: z.enum(['live', 'test']).default('live'),
});
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

export interface Tenant {
  id: string;
  name: string;
  /** The currency money is entered in by default (rate cards and orders keep their own). */
  currency: string;
  /** The time zone days are counted in (the overview's "today", dates shown); null: each user's own. */
  time_zone: string | null;
  created_at: string;
}

export const tenantSchema = z.object({
  id: z.string(), name: z.string(),
  currency: z.string().describe('ISO 4217: the currency money is entered in by default'),
  time_zone: z.string().nullable().describe("IANA: the zone days are counted and dates shown in; null: each user's browser's"),
  created_at: z.string(),
});

export const tenantSettingsSchema = z.object({
  currency: currencySchema.optional(),
  time_zone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles or Asia/Shanghai').nullable().optional(),
}).strict();
export type TenantSettings = z.output<typeof tenantSettingsSchema>;

/** Who is calling: resolved from the API key (or a signed-in user's session) on every request. */
export interface Principal {
  tenantId: string;
  /** The API key's id, or the user's id for a session (rate limits and audit trails). */
  keyId: string;
  scopes: string[];
  /** Set for a signed-in user (session cookie). */
  user?: { id: string; role: string; sessionId: string };
}
