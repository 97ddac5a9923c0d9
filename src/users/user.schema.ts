import { z } from 'zod';
import { ROLES } from './roles.js';

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('an e-mail address'));
export const LOCALES = ['en', 'zh-CN'] as const;

/**
 * A password people can remember and machines cannot guess quickly: 10 to 200 characters. Length
 * beats composition rules (NIST SP 800-63B); argon2id does the rest.
 */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200, 'at most 200 characters');

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  status: z.enum(['invited', 'active', 'disabled']),
  locale: z.enum(LOCALES),
  created_at: z.string(),
  last_login_at: z.string().nullable(),
});
export type User = z.output<typeof userSchema>;

export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export const inviteSchema = z.object({ email: emailSchema, role: z.enum(ROLES), name: z.string().trim().min(1).max(120).nullish().transform((v) => v ?? null) });
export const acceptInviteSchema = z.object({ token: z.string().min(20).max(200), password: passwordSchema, name: z.string().trim().min(1).max(120).optional() });
export const changePasswordSchema = z.object({ current_password: z.string().min(1).max(200), new_password: passwordSchema });
export const resetRequestSchema = z.object({ email: emailSchema });
export const resetConfirmSchema = z.object({ token: z.string().min(20).max(200), new_password: passwordSchema });
export const userPatchSchema = z
  .object({ role: z.enum(ROLES), status: z.enum(['active', 'disabled']), name: z.string().trim().min(1).max(120).nullable(), locale: z.enum(LOCALES) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type UserPatch = z.output<typeof userPatchSchema>;

export const sessionSchema = z.object({
  user: userSchema,
  tenant: z.object({ id: z.string(), name: z.string(), currency: z.string(), time_zone: z.string().nullable() }).describe("the tenant and its settings: the default currency and the zone its days are counted in (null: the user's own)"),
  scopes: z.array(z.string()),
  csrf_token: z.string().describe('send it back as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie'),
  expires_at: z.string(),
});
