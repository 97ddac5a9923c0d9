import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { channelImportSummarySchema } from './channels.routes.js';
import { z } from 'zod';
import { jobSchema } from '../../jobs/job.schema.js';
import { pageQuerySchema } from '../../kernel/list.js';
import { unitsQuerySchema } from '../../kernel/units.js';
import { JOB_ORDERS_IMPORT, type Lastmile } from '../../main.js';
import { CSV_FORMATS } from '../../orders/import/order-import.service.js';
import { CHANNEL_FORMAT_NAMES, type ChannelFormat } from '../../adapters/channels/index.js';
import { orderInUnits } from '../../orders/order-units.js';
import { acceptAddressSchema, cancelSchema, orderCreateSchema, orderListQuerySchema, orderPatchSchema, orderSchema } from '../../orders/order.schema.js';
import { actor, keepUpload, principal } from '../app.js';
import { requireUpload } from '../upload.js';
import { errorResponses, idParams, pageOf } from './common.js';

const eventSchema = z.object({ id: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()), actor: z.string().nullable(), created_at: z.string() });

export const orderRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { orders, jobs } = lm.services;
  const tags = ['orders'];

  app.post(
    '/v1/orders',
    {
      config: { scope: 'orders:write' },
      schema: {
        tags,
        summary: 'Create an order',
        description:
          'Deduplicated on (channel, external_id): sending a known order again returns it with 200 instead of 201. ' +
          'With an Idempotency-Key header the first response is replayed for 24 h; the same key with another body is 409.',
        body: orderCreateSchema,
        response: { 200: orderSchema, 201: orderSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { order, created } = await orders.create(principal(req).tenantId, req.body, actor(req));
      return reply.status(created ? 201 : 200).send(order);
    },
  );

  app.get(
    '/v1/orders',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: 'List orders, newest first',
        querystring: pageQuerySchema.extend(orderListQuerySchema.shape).extend(unitsQuerySchema.shape),
        response: { 200: pageOf(orderSchema), ...errorResponses },
      },
    },
    async (req) => {
      const { limit, cursor, units, ...filters } = req.query;
      const page = await orders.list(principal(req).tenantId, filters, { limit, cursor });
      return { ...page, data: page.data.map((o) => orderInUnits(o, units)) };
    },
  );

  app.get(
    '/v1/orders/:id',
    {
      config: { scope: 'orders:read' },
      schema: { tags, summary: 'Get an order', params: idParams, querystring: unitsQuerySchema, response: { 200: orderSchema, ...errorResponses } },
    },
    async (req) => orderInUnits(await orders.get(principal(req).tenantId, req.params.id), req.query.units),
  );

  app.patch(
    '/v1/orders/:id',
    {
      config: { scope: 'orders:write' },
      schema: {
        tags,
        summary: 'Change an order before fulfilment',
        description: 'Allowed in new, address_review, ready and decided; a decided order goes back to ready.',
        params: idParams,
        body: orderPatchSchema,
        response: { 200: orderSchema, ...errorResponses },
      },
    },
    async (req) => orders.update(principal(req).tenantId, req.params.id, req.body, actor(req)),
  );

  app.post(
    '/v1/orders/:id/cancel',
    {
      config: { scope: 'orders:write' },
      schema: { tags, summary: 'Cancel an order', params: idParams, body: cancelSchema.optional(), response: { 200: orderSchema, ...errorResponses } },
    },
    async (req) => orders.cancel(principal(req).tenantId, req.params.id, req.body?.reason ?? 'cancelled by request', actor(req)),
  );

  app.post(
    '/v1/orders/:id/address/accept',
    {
      config: { scope: 'orders:write' },
      schema: {
        tags,
        summary: 'Accept an order\'s address as it is',
        description: 'For an order in address_review whose address the validator rejected but a person knows to be right. The order becomes ready; the reason is kept in the audit trail.',
        params: idParams,
        body: acceptAddressSchema,
        response: { 200: orderSchema, ...errorResponses },
      },
    },
    async (req) => orders.acceptAddress(principal(req).tenantId, req.params.id, req.body.reason, actor(req)),
  );

  app.post(
    '/v1/orders/:id/address/carrier-check',
    {
      config: { scope: 'orders:write' },
      schema: {
        tags,
        summary: "Ask a carrier to validate the order's address after lastmile's own check",
        description: "The tenant's USPS, UPS or FedEx account (the first connected, or the one named) validates the ship-to address online; its answer (verdict, residential or commercial, the standardized address) is recorded on `address_check.carrier`. An order in address_review whose address the carrier knows becomes ready. Decisions take the carrier's residential/commercial classification when the order does not state one.",
        params: idParams,
        body: z.object({ carrier: z.enum(['ups', 'usps', 'fedex']).optional() }).optional(),
        response: { 200: orderSchema, ...errorResponses },
      },
    },
    async (req) => orders.checkAddressWithCarrier(principal(req).tenantId, req.params.id, req.body?.carrier, actor(req)),
  );

  app.get(
    '/v1/orders/:id/events',
    { config: { scope: 'orders:read' }, schema: { tags, summary: "An order's audit trail", params: idParams, response: { 200: z.object({ data: z.array(eventSchema) }), ...errorResponses } } },
    async (req) => ({ data: await orders.events(principal(req).tenantId, req.params.id) }),
  );

  app.post(
    '/v1/orders/import/channel',
    {
      config: { scope: 'orders:write' },
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary: "Import orders from a channel's own JSON (Shopify, Amazon SP-API, TikTok Shop, WooCommerce)",
        description: 'The body is what the channel\'s API returns (one order, a list, or the list response). Each order is mapped, validated and deduplicated on (channel, external id); cancelled and fulfilled ones are skipped. The summary lists rejected orders with the field and reason, and everything that could not be mapped.',
        querystring: z.object({ format: z.enum(CHANNEL_FORMAT_NAMES as [ChannelFormat, ...ChannelFormat[]]) }),
        body: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).describe("the channel's JSON: one order, a list of orders, or its API's list response"),
        response: { 200: channelImportSummarySchema, ...errorResponses },
      },
    },
    async (req) => lm.services.channelImport.importPayload(principal(req).tenantId, req.query.format, req.body, actor(req)),
  );

  app.post(
    '/v1/orders/import',
    {
      config: { scope: 'orders:write', upload: true },
      schema: {
        tags,
        summary: 'Import orders from a CSV file (our template or a Shopify order export), as a job',
        description: 'Send the file as the body with Content-Type: text/csv. Returns 202 with the job; GET /v1/jobs/{id} shows progress and, when done, the summary with every rejected row.',
        querystring: z.object({ format: z.enum(CSV_FORMATS).optional() }),
        response: { 202: z.object({ job_id: z.string(), job: jobSchema }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const upload = requireUpload(req.body);
      const job = await jobs.enqueue(
        principal(req).tenantId,
        JOB_ORDERS_IMPORT,
        { file: upload.path, ...(req.query.format ? { format: req.query.format } : {}) },
        Math.max(0, upload.lines - 1),
      );
      keepUpload(req);
      return reply.status(202).send({ job_id: job.id, job });
    },
  );
};
