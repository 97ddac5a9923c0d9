import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lastmile } from '../../main.js';
import { inviteSchema, userPatchSchema, userSchema } from '../../users/user.schema.js';
import { principal } from '../app.js';
import { errorResponses, idParams } from './common.js';

export const userRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { users } = lm.services;
  const tags = ['accounts'];

  app.get(
    '/v1/users',
    { config: { scope: 'admin' }, schema: { tags, summary: "The tenant's users and their roles", response: { 200: z.object({ data: z.array(userSchema) }), ...errorResponses } } },
    async (req) => ({ data: await users.list(principal(req).tenantId) }),
  );

  app.post(
    '/v1/users/invitations',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'Invite someone: an invited user and a one-time link, valid 7 days',
        description: 'The link is returned once, to give to the person; it is also e-mailed when the tenant has SMTP configured (`emailed`). Only owners invite owners.',
        body: inviteSchema,
        response: { 201: z.object({ user: userSchema, invite_url: z.string(), emailed: z.boolean() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await users.invite(principal(req), req.body)),
  );

  app.patch(
    '/v1/users/:id',
    {
      schema: {
        tags,
        summary: "Change a user's role, status (active/disabled), name or language",
        description: 'Owners and admins change others (only owners make or change owners; the last active owner stays one); everyone may change their own name and language. Disabling a user ends their sessions.',
        params: idParams,
        body: userPatchSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (req) => users.update(principal(req), req.params.id, req.body),
  );
};
