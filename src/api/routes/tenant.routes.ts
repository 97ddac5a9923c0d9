import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Lastmile } from '../../main.js';
import { tenantSchema, tenantSettingsSchema } from '../../tenants/tenant.schema.js';
import { principal } from '../app.js';
import { errorResponses } from './common.js';

/** The caller's own tenant and its settings (default currency, the time zone its days are counted in). */
export const tenantRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { tenants } = lm.services;
  const tags = ['tenant'];

  app.get(
    '/v1/tenant',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'Your tenant and its settings', response: { 200: tenantSchema, ...errorResponses } } },
    async (req) => tenants.getTenant(principal(req).tenantId),
  );

  app.patch(
    '/v1/tenant',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: "Change your tenant's settings: the default currency (ISO 4217) and the time zone its days are counted in (IANA; null: each user's own)",
        body: tenantSettingsSchema,
        response: { 200: tenantSchema, ...errorResponses },
      },
    },
    async (req) => tenants.updateSettings(principal(req).tenantId, req.body),
  );
};
