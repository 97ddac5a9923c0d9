import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobSchema } from '../../jobs/job.schema.js';
import { JOB_ROUTING_PLAN, type Lastmile } from '../../main.js';
import { AppError } from '../../kernel/errors.js';
import { decisionSchema } from '../../routing/decision.schema.js';
import { pickupPointSchema } from '../../routing/pickup-point.schema.js';
import { routingConfigSchema } from '../../routing/routing-config.schema.js';
import { actor, principal } from '../app.js';
import { requireUpload } from '../upload.js';
import { errorResponses, idParams } from './common.js';

const ruleReportSchema = z.object({
  conflicts: z.array(z.object({ rules: z.array(z.string()), reasons: z.array(z.string()), winner: z.string() })),
  unreachable: z.array(z.object({ rule: z.string(), because: z.string() })),
  duplicates: z.array(z.string()),
});

export const routingRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { routing, orders, jobs } = lm.services;
  const tags = ['routing'];

  app.post(
    '/v1/orders/:id/decide',
    {
      config: { scope: 'orders:write' },
      schema: {
        tags,
        summary: 'Decide how and by whom an order ships, and keep the decision with its explanation',
        description: 'The mode (parcel, truck, pickup point) with its reasons, the rules applied, every candidate service with its quote, promise dates and expected-cost components, every excluded one with its reason, and the chosen one. The order becomes `decided` when a service was found.',
        params: idParams,
        response: { 200: z.object({ order_id: z.string(), status: z.string(), decision: decisionSchema }), ...errorResponses },
      },
    },
    async (req) => {
      const { order, decision } = await routing.decideOrder(principal(req).tenantId, req.params.id, actor(req));
      return { order_id: order.id, status: order.status, decision };
    },
  );

  app.post(
    '/v1/routing/plan',
    {
      config: { scope: 'orders:write' },
      schema: {
        tags,
        summary: 'Decide a batch of orders under daily quotas, as a job',
        description: 'Give order ids (up to 100,000) or a status (default `ready`). The result lists each assignment, the orders that could not be placed and why, the cost and the saving over deciding greedily. With `apply` the decisions are saved on the orders.',
        body: z.object({ order_ids: z.array(z.string()).min(1).max(100_000).optional(), status: z.enum(['ready', 'decided']).optional(), apply: z.boolean().default(false) }),
        response: { 202: z.object({ job_id: z.string(), job: jobSchema }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const tenantId = principal(req).tenantId;
      const ids = req.body.order_ids ?? (await orders.idsInStatus(tenantId, req.body.status ?? 'ready', 100_000));
      const job = await jobs.enqueue(tenantId, JOB_ROUTING_PLAN, { order_ids: ids, apply: req.body.apply, actor: actor(req) }, ids.length);
      return reply.status(202).send({ job_id: job.id, job });
    },
  );

  app.get(
    '/v1/routing/rules',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'The routing rules and policy (defaults when never saved)', response: { 200: routingConfigSchema, ...errorResponses } } },
    async (req) => routing.getConfig(principal(req).tenantId),
  );

  app.put(
    '/v1/routing/rules',
    {
      config: { scope: 'routing:write' },
      schema: {
        tags,
        summary: 'Replace the routing rules and policy; reports conflicting and unreachable rules',
        body: routingConfigSchema,
        response: { 200: z.object({ config: routingConfigSchema, report: ruleReportSchema }), ...errorResponses },
      },
    },
    async (req) => routing.putConfig(principal(req).tenantId, req.body),
  );

  app.post(
    '/v1/routing/rules/check',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: 'Check a rule set without saving it: conflicts, unreachable rules and duplicate ids (for editors showing the report live)',
        body: routingConfigSchema,
        response: { 200: ruleReportSchema, ...errorResponses },
      },
    },
    async (req) => routing.checkConfig(req.body),
  );

  app.post(
    '/v1/pickup-points/import',
    {
      config: { scope: 'routing:write', upload: true },
      schema: { tags, summary: 'Import pickup points and lockers from a CSV file (Content-Type: text/csv)', response: { 200: z.object({ imported: z.number() }), ...errorResponses } },
    },
    async (req) => {
      const upload = requireUpload(req.body);
      return routing.importPickupPoints(principal(req).tenantId, await readFile(upload.path, 'utf8'));
    },
  );

  app.post(
    '/v1/pickup-points/import-carrier',
    {
      config: { scope: 'routing:write' },
      schema: {
        tags,
        summary: "Import a carrier's pickup locations near a ZIP Code into the directory (USPS post offices that hold parcels for pickup, through the tenant's USPS account)",
        body: z.object({
          carrier: z.enum(['usps', 'ups', 'fedex']),
          postal_code: z.string().trim().regex(/^\d{5}$/, 'a 5-digit US ZIP Code'),
          radius: z.object({ value: z.number().positive().max(100), unit: z.enum(['km', 'mi']) }).default({ value: 10, unit: 'km' }),
        }),
        response: { 200: z.object({ imported: z.number(), carrier: z.string() }), ...errorResponses },
      },
    },
    async (req) => {
      const r = req.body.radius;
      return routing.importCarrierPoints(principal(req).tenantId, req.body.carrier, req.body.postal_code, r.unit === 'mi' ? r.value * 1.609344 : r.value);
    },
  );

  app.get(
    '/v1/pickup-points',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: 'The pickup point and locker directory, or the points near a place by distance, with whether an order fits',
        description: 'Without `near`: every point. With `near` ("lat,lng", a US ZIP Code or a US address): the points within `radius_km` (default 5), nearest first, each with its `distance`. With `fits_order`: whether every package of that order (as its decision packs it) fits one of the point\'s compartments, and if not which package and the largest compartment — so a checkout can offer only points that take the parcel.',
        querystring: z.object({
          near: z.string().trim().min(1).max(300).optional(),
          radius_km: z.coerce.number().positive().max(500).default(5),
          fits_order: z.string().min(1).max(100).optional(),
        }),
        response: {
          200: z.object({
            near: z.object({ lat: z.number(), lon: z.number() }).nullable(),
            radius: z.object({ value: z.number(), unit: z.literal('km') }).nullable(),
            data: z.array(pickupPointSchema.extend({
              distance: z.object({ value: z.number(), unit: z.literal('km') }).optional(),
              fits: z.object({ order_id: z.string(), fits: z.boolean(), code: z.string().optional(), package: z.string().optional(), largest_compartment: z.string().optional() }).nullable().optional(),
            })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const tenantId = principal(req).tenantId;
      const q = req.query;
      if (!q.near) {
        if (q.fits_order) throw new AppError('VALIDATION_FAILED', 'fits_order needs near', { errors: [{ path: 'near', message: 'say where the customer is: "lat,lng", a ZIP Code or an address' }] });
        return { near: null, radius: null, data: await routing.listPickupPoints(tenantId) };
      }
      return routing.searchPickupPoints(tenantId, { near: q.near, radiusKm: q.radius_km, fitsOrder: q.fits_order });
    },
  );
};
