import { z } from 'zod';
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
  created_at: string;
}

/** Who is calling: resolved from the API key (or a signed-in user's session) on every request. */
export interface Principal {
  tenantId: string;
  /** The API key's id, or the user's id for a session (rate limits and audit trails). */
  keyId: string;
  scopes: string[];
  /** Set for a signed-in user (session cookie). */
  user?: { id: string; role: string; sessionId: string };
}
