import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeSheetHtml } from '../../fleet/route-sheet.js';
import { truckPlanCreateSchema, truckPlanListQuerySchema, truckPlanSchema, truckPlanSummarySchema } from '../../fleet/truck-plan.schema.js';
import { AppError } from '../../kernel/errors.js';
import type { Lastmile } from '../../main.js';
import { principal } from '../app.js';
import { errorResponses, idParams, pageOf } from './common.js';

export const truckPlanRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { truckPlans } = lm.services;
  const tags = ['truck plans'];

  app.post(
    '/v1/truck-plans',
    {
      config: { scope: 'routing:write' },
      schema: {
        tags,
        summary: 'Plan truck routes for a warehouse and day (a job)',
        description: 'Returns 202 with the plan and its job; GET /v1/truck-plans/{id} has the routes once the job succeeded.',
        body: truckPlanCreateSchema,
        response: { 202: z.object({ id: z.string(), job_id: z.string(), plan: truckPlanSchema }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const plan = await truckPlans.create(principal(req).tenantId, req.body);
      return reply.status(202).send({ id: plan.id, job_id: plan.job_id!, plan });
    },
  );

  app.get(
    '/v1/truck-plans/map-style',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: 'The map truck plans are drawn on: a MapLibre style URL when the server has one (LASTMILE_MAP_STYLE_URL), else null for the offline outlines',
        response: { 200: z.object({ style_url: z.string().nullable() }), ...errorResponses },
      },
    },
    async () => ({ style_url: lm.config.mapStyleUrl }),
  );

  app.get(
    '/v1/truck-plans',
    {
      config: { scope: 'orders:read' },
      schema: { tags, summary: 'Truck plans, newest first, with their totals; filter by warehouse and day', querystring: truckPlanListQuerySchema, response: { 200: pageOf(truckPlanSummarySchema), ...errorResponses } },
    },
    async (req) => {
      const { limit, cursor, ...f } = req.query;
      return truckPlans.list(principal(req).tenantId, f, { limit, cursor });
    },
  );

  app.get(
    '/v1/truck-plans/:id',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'A truck plan with routes, ETAs and customer windows', params: idParams, response: { 200: truckPlanSchema, ...errorResponses } } },
    async (req) => truckPlans.get(principal(req).tenantId, req.params.id),
  );

  app.get(
    '/v1/truck-plans/:id/sheets/:vehicle_id',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: "A printable route sheet (HTML) for one vehicle's route",
        params: z.object({ id: z.string().min(1).max(100), vehicle_id: z.string().min(1).max(100) }),
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const plan = await truckPlans.get(principal(req).tenantId, req.params.id);
      if (!plan.result) throw new AppError('INVALID_STATE', `The plan is ${plan.state}; route sheets exist once it succeeded`);
      const html = routeSheetHtml(plan, req.params.vehicle_id);
      if (!html) throw new AppError('NOT_FOUND', `No route for vehicle ${req.params.vehicle_id} in this plan`);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
