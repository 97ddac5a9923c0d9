import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lastmile } from '../../main.js';
import { apiKeyCreateSchema, apiKeySchema } from '../../tenants/tenant.schema.js';
import { principal } from '../app.js';
import { errorResponses, idParams, pageOf } from './common.js';

export const apiKeyRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { tenants } = lm.services;
  const tags = ['api keys'];

  app.post(
    '/v1/api-keys',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'Create an API key (the secret is returned once)',
        body: apiKeyCreateSchema,
        response: { 201: apiKeySchema.extend({ secret: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { key, secret } = await tenants.createApiKey(principal(req).tenantId, req.body);
      return reply.status(201).send({ ...key, secret });
    },
  );

  app.get(
    '/v1/api-keys',
    { config: { scope: 'admin' }, schema: { tags, summary: 'List API keys', response: { 200: pageOf(apiKeySchema), ...errorResponses } } },
    async (req) => ({ data: await tenants.listApiKeys(principal(req).tenantId), next_cursor: null }),
  );

  app.delete(
    '/v1/api-keys/:id',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Revoke an API key', params: idParams, response: { 200: apiKeySchema, ...errorResponses } } },
    async (req) => tenants.revokeApiKey(principal(req).tenantId, req.params.id),
  );
};
