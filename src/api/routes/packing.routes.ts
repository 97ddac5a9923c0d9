import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lastmile } from '../../main.js';
import { packRequestSchema, packResponseSchema } from '../../packing/pack.schema.js';
import { principal } from '../app.js';
import { errorResponses, idParams } from './common.js';

export const packingRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { packing } = lm.services;
  const tags = ['packing'];

  app.post(
    '/v1/packing/plan',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: 'Pack ad-hoc items into the boxes given',
        description: 'Lowest total cost: the rated price of each package with `service` (a rate card code), else the least billable weight then the cheapest boxes. Every unit placed has its corner and its size as placed; what no box can hold is in `unpacked` with the reason.',
        body: packRequestSchema,
        response: { 200: packResponseSchema, ...errorResponses },
      },
    },
    async (req) => packing.plan(principal(req).tenantId, req.body),
  );

  app.post(
    '/v1/orders/:id/pack',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: "Pack an order into its warehouse's boxes",
        params: idParams,
        body: z
          .object({
            service: z.string().optional().describe('rate card code to price packages with (zone from the warehouse to the order)'),
            separate: z.array(z.tuple([z.string(), z.string()])).optional(),
          })
          .default({}),
        response: { 200: packResponseSchema, ...errorResponses },
      },
    },
    async (req) => packing.packOrder(principal(req).tenantId, req.params.id, { ...(req.body.service ? { service: req.body.service } : {}), ...(req.body.separate ? { separate: req.body.separate } : {}) }),
  );
};
