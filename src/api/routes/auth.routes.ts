import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import type { Lastmile } from '../../main.js';
import { acceptInviteSchema, changePasswordSchema, loginSchema, resetConfirmSchema, resetRequestSchema, sessionSchema } from '../../users/user.schema.js';
import { principal } from '../app.js';
import { RateLimiter } from '../rate-limit.js';
import { errorResponses } from './common.js';

export const SESSION_COOKIE = 'lm_session';

/**
 * Signing in and out of the dashboard. Sessions live in the database; the cookie is httpOnly,
 * SameSite=Lax, Secure behind https, and every POST, PUT, PATCH or DELETE made with it must
 * carry the session's CSRF token in `X-CSRF-Token` (checked in app.ts).
 */
export const authRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { users } = lm.services;
  const tags = ['accounts'];
  // Sign-in attempts per client address (each process on its own, like the API keys' limits);
  // the account lockout after repeated failures is in the database and shared.
  const attempts = new RateLimiter(lm.config.authFailures.perMinute / 60, lm.config.authFailures.burst);
  const secure = lm.config.publicUrl.startsWith('https:');

  const startSession = async (reply: FastifyReply, s: { token: string; expiresAt: string; tenantId: string; user: { id: string } }) => {
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(s.expiresAt) });
    return { ...(await users.sessionView(s.tenantId, s.user.id, s.token)), expires_at: s.expiresAt };
  };
  const endSession = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  /** Runs a sign-in step; its failures count against the client address, which then waits. */
  const guarded = async <T>(req: FastifyRequest, step: () => Promise<T>): Promise<T> => {
    const wait = attempts.waitFor(req.ip);
    if (wait > 0) throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts from this address', { details: { retry_after: wait } });
    try {
      return await step();
    } catch (e) {
      if (e instanceof AppError && (e.code === 'UNAUTHENTICATED' || e.code === 'VALIDATION_FAILED')) attempts.take(req.ip);
      throw e;
    }
  };

  app.post(
    '/v1/auth/login',
    {
      config: { public: true },
      schema: { tags, security: [], summary: 'Sign in with e-mail and password: sets the session cookie and returns the CSRF token', body: loginSchema, response: { 200: sessionSchema, ...errorResponses } },
    },
    async (req, reply) => {
      return startSession(reply, await guarded(req, () => users.login(req.body.email, req.body.password)));
    },
  );

  app.get(
    '/v1/auth/session',
    { schema: { tags, summary: 'The signed-in user, tenant, what the role may do, and the CSRF token', response: { 200: sessionSchema.omit({ expires_at: true }), ...errorResponses } } },
    async (req) => {
      const u = users.sessionUser(principal(req));
      return users.sessionView(principal(req).tenantId, u.id, req.cookies[SESSION_COOKIE] ?? '');
    },
  );

  app.post(
    '/v1/auth/logout',
    { schema: { tags, summary: 'Sign out (this session)', response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await users.logout(principal(req));
      endSession(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/auth/logout-everywhere',
    { schema: { tags, summary: 'Sign out on every device', response: { 200: z.object({ sessions_ended: z.number().int() }), ...errorResponses } } },
    async (req, reply) => {
      const r = await users.logoutEverywhere(principal(req));
      endSession(reply);
      return r;
    },
  );

  app.post(
    '/v1/auth/password',
    { schema: { tags, summary: 'Change your password; your other sessions end', body: changePasswordSchema, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await users.changePassword(principal(req), req.body.current_password, req.body.new_password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/auth/password-reset',
    {
      config: { public: true },
      schema: {
        tags, security: [],
        summary: 'Ask for a password reset link by e-mail',
        description: 'Always 202, whether or not the e-mail is known. The link is e-mailed when the tenant has SMTP configured (notification settings); otherwise an admin runs `./bin/lastmile users reset-password --email …`.',
        body: resetRequestSchema,
        response: { 202: z.object({ message: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      await guarded(req, () => users.requestPasswordReset(req.body.email));
      return reply.status(202).send({ message: 'If the e-mail belongs to an account and e-mail is set up, a reset link is on its way.' });
    },
  );

  app.post(
    '/v1/auth/password-reset/confirm',
    { config: { public: true }, schema: { tags, security: [], summary: 'Set a new password with a reset link\'s token; signs in', body: resetConfirmSchema, response: { 200: sessionSchema, ...errorResponses } } },
    async (req, reply) => {
      return startSession(reply, await guarded(req, () => users.confirmPasswordReset(req.body.token, req.body.new_password)));
    },
  );

  app.post(
    '/v1/auth/invitations/accept',
    { config: { public: true }, schema: { tags, security: [], summary: 'Accept an invitation: choose a password; signs in', body: acceptInviteSchema, response: { 200: sessionSchema, ...errorResponses } } },
    async (req, reply) => {
      return startSession(reply, await guarded(req, () => users.acceptInvite(req.body.token, req.body.password, req.body.name)));
    },
  );
};
