import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobSchema } from '../../jobs/job.schema.js';
import { AppError } from '../../kernel/errors.js';
import { pageQuerySchema } from '../../kernel/list.js';
import { moneySchema } from '../../kernel/money.js';
import { JOB_LABEL_BATCH, type Lastmile } from '../../main.js';
import { carrierAccountInputSchema, carrierAccountSchema } from '../../shipments/carrier-account.schema.js';
import { SHIPMENT_STATUSES } from '../../shipments/lifecycle.js';
import { shipmentEventSchema, shipmentSchema } from '../../shipments/shipment.schema.js';
import { actor, principal } from '../app.js';
import { errorResponses, idParams, pageOf } from './common.js';

const manifestSchema = z.object({
  id: z.string(), carrier: z.string(), warehouse_id: z.string(), ship_date: z.string(), carrier_manifest_id: z.string(), shipment_ids: z.array(z.string()),
  summary: z.object({ shipments: z.number(), packages: z.number(), weight_lb: z.number(), cost: z.object({ amount: z.number(), currency: z.string() }).nullable() }),
  created_at: z.string(),
});

const binary = z.any().describe('the document (PDF, ZPL, PNG or CSV)');

/** Sends a rendered document inline with a file name. */
function sendDocument(reply: FastifyReply, doc: { body: Buffer | string; contentType: string }, filename: string) {
  return reply.type(doc.contentType).header('content-disposition', `inline; filename="${filename}"`).send(doc.body);
}

export const shipmentRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { shipments, jobs, orders } = lm.services;
  const tags = ['shipments'];

  app.post(
    '/v1/shipments',
    {
      config: { scope: 'shipments:write' },
      schema: {
        tags,
        summary: 'Create the shipment of a decided order and buy its label',
        description: 'The carrier and service come from the order\'s decision, the packages from its packing. The label is bought in the background (exactly once, retried with backoff): the shipment is `label_pending` until it is `labeled`, or `exception` with the carrier\'s message. With `purchase: false` it stays a `draft`.',
        body: z.object({ order_id: z.string().min(1).max(100), purchase: z.boolean().default(true) }),
        response: { 201: shipmentSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const s = await shipments.createForOrder(principal(req).tenantId, req.body.order_id, { purchase: req.body.purchase, actor: actor(req) });
      return reply.status(201).send(shipments.view(s));
    },
  );

  app.get(
    '/v1/shipments',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: 'List shipments, newest first',
        querystring: pageQuerySchema.extend({
          status: z.enum(SHIPMENT_STATUSES).optional(), order_id: z.string().optional(), batch_id: z.string().optional(), carrier: z.string().optional(), warehouse_id: z.string().optional(),
        }),
        response: { 200: pageOf(shipmentSchema), ...errorResponses },
      },
    },
    async (req) => {
      const { limit, cursor, ...f } = req.query;
      const page = await shipments.list(principal(req).tenantId, f, { limit, cursor });
      return { data: page.data.map((s) => shipments.view(s)), next_cursor: page.next_cursor };
    },
  );

  app.get(
    '/v1/shipments/:id',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'One shipment', params: idParams, response: { 200: shipmentSchema, ...errorResponses } } },
    async (req) => shipments.view(await shipments.get(principal(req).tenantId, req.params.id)),
  );

  app.get(
    '/v1/shipments/:id/events',
    { config: { scope: 'orders:read' }, schema: { tags, summary: "A shipment's audit trail", params: idParams, response: { 200: z.object({ data: z.array(shipmentEventSchema) }), ...errorResponses } } },
    async (req) => ({ data: await shipments.events(principal(req).tenantId, req.params.id) }),
  );

  app.post(
    '/v1/shipments/:id/purchase',
    {
      config: { scope: 'shipments:write' },
      schema: { tags, summary: 'Buy the label of a draft, or try again after a failed purchase', params: idParams, response: { 202: shipmentSchema, ...errorResponses } },
    },
    async (req, reply) => reply.status(202).send(shipments.view(await shipments.purchase(principal(req).tenantId, req.params.id, actor(req)))),
  );

  app.post(
    '/v1/shipments/:id/cancel',
    {
      config: { scope: 'shipments:write' },
      schema: {
        tags,
        summary: 'Cancel a shipment; a bought label is voided with the carrier first, and the order goes back to decided',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(500).default('cancelled') }).default({ reason: 'cancelled' }),
        response: { 200: shipmentSchema, ...errorResponses },
      },
    },
    async (req) => shipments.view(await shipments.cancel(principal(req).tenantId, req.params.id, req.body.reason, actor(req))),
  );

  app.get(
    '/v1/shipments/:id/label',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: 'The label: 4x6 PDF (default), ZPL II for thermal printers, or a PNG preview',
        description: 'One page (or ZPL label) per package; `package` picks one. PNG needs poppler-utils on the server. When the carrier drew the label itself, its document is returned as sent; a format it did not send is a 409 naming the ones it did.',
        params: idParams,
        querystring: z.object({ format: z.enum(['pdf', 'zpl', 'png']).default('pdf'), package: z.coerce.number().int().min(1).optional() }),
        response: { 200: binary, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await shipments.label(principal(req).tenantId, req.params.id, req.query.format, req.query.package);
      return sendDocument(reply, r, `${req.params.id}.${req.query.format}`);
    },
  );

  app.post(
    '/v1/label-batches',
    {
      config: { scope: 'shipments:write' },
      schema: {
        tags,
        summary: 'Buy labels for many orders at once, as a job',
        description: 'Give order ids (up to 10,000) or a status (default `decided`; orders on a truck plan are left out: the fleet delivers them). The job reports progress and, per order, the shipment, its status and tracking numbers or why it could not ship. `GET /v1/label-batches/:id/labels` prints them all in one PDF (or ZPL).',
        body: z.object({ order_ids: z.array(z.string()).min(1).max(10_000).optional(), status: z.literal('decided').optional() }),
        response: { 202: z.object({ job_id: z.string(), batch_id: z.string(), job: jobSchema }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const tenantId = principal(req).tenantId;
      const ids = req.body.order_ids ?? (await orders.idsInStatus(tenantId, 'decided', 10_000, { withoutTruckPlan: true }));
      if (ids.length === 0) throw new AppError('VALIDATION_FAILED', 'No decided orders to ship', { errors: [{ path: 'status', message: 'no orders in this status' }] });
      const job = await jobs.enqueue(tenantId, JOB_LABEL_BATCH, { order_ids: ids, actor: actor(req) }, ids.length);
      return reply.status(202).send({ job_id: job.id, batch_id: job.id, job });
    },
  );

  app.get(
    '/v1/label-batches/:id',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'A label batch: its job, progress and per-order results', params: idParams, response: { 200: jobSchema, ...errorResponses } } },
    async (req) => {
      const job = await jobs.get(principal(req).tenantId, req.params.id);
      if (job.type !== JOB_LABEL_BATCH) throw new AppError('NOT_FOUND', `label batch ${req.params.id} not found`);
      return job;
    },
  );

  app.get(
    '/v1/label-batches/:id/labels',
    {
      config: { scope: 'orders:read' },
      schema: { tags, summary: 'Every label of a batch in one PDF (or ZPL) to print', params: idParams, querystring: z.object({ format: z.enum(['pdf', 'zpl']).default('pdf') }), response: { 200: binary, ...errorResponses } },
    },
    async (req, reply) => {
      const r = await shipments.batchLabels(principal(req).tenantId, req.params.id, req.query.format);
      return sendDocument(reply, r, `${req.params.id}.${req.query.format}`);
    },
  );

  app.post(
    '/v1/manifests',
    {
      config: { scope: 'shipments:write' },
      schema: {
        tags,
        summary: 'End of day: close out the labeled shipments of a carrier at a warehouse',
        body: z.object({ carrier: z.string().trim().toLowerCase().min(1), warehouse_id: z.string().min(1).describe('id or code') }),
        response: { 201: manifestSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await shipments.closeManifest(principal(req).tenantId, req.body.carrier, req.body.warehouse_id)),
  );

  app.get(
    '/v1/manifests',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'Manifests, newest first', querystring: pageQuerySchema, response: { 200: pageOf(manifestSchema), ...errorResponses } } },
    async (req) => shipments.listManifests(principal(req).tenantId, req.query),
  );

  app.get(
    '/v1/manifests/:id',
    {
      config: { scope: 'orders:read' },
      schema: { tags, summary: 'A manifest as JSON, PDF or CSV', params: idParams, querystring: z.object({ format: z.enum(['json', 'pdf', 'csv']).default('json') }), response: { 200: binary, ...errorResponses } },
    },
    async (req, reply) => {
      const tenantId = principal(req).tenantId;
      if (req.query.format === 'json') return reply.send(await shipments.getManifest(tenantId, req.params.id));
      const r = await shipments.manifestDocument(tenantId, req.params.id, req.query.format);
      return sendDocument(reply, r, `${req.params.id}.${req.query.format}`);
    },
  );

  app.put(
    '/v1/carrier-accounts',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: "Set how labels are bought from a carrier (one account per carrier; replaces the carrier's account)",
        description: 'Without an account a carrier\'s labels are samples ("SAMPLE - NOT FOR SHIPPING", test-range numbers). Secrets are stored encrypted and never returned.',
        body: carrierAccountInputSchema,
        response: { 200: carrierAccountSchema, ...errorResponses },
      },
    },
    async (req) => shipments.saveAccount(principal(req).tenantId, req.body),
  );

  app.get(
    '/v1/carrier-accounts',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Carrier accounts (without secrets)', response: { 200: z.object({ data: z.array(carrierAccountSchema) }), ...errorResponses } } },
    async (req) => ({ data: await shipments.listAccounts(principal(req).tenantId) }),
  );

  app.post(
    '/v1/carrier-accounts/:id/test',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'Test a carrier account without buying anything: sign in and ask for a rate for a sample 1 lb parcel (Los Angeles → New York); with labels=true a native account in its sandbox also buys a label and voids it',
        description: 'A carrier that refuses or cannot be reached is a 200 with `ok: false` and the error as the carrier gave it; an offline account has nothing to reach and answers `ok: true` with no rates.',
        params: idParams,
        querystring: z.object({
          service: z.string().trim().min(1).max(60).default('ground').describe('the service code to ask a rate for'),
          labels: z.enum(['true', 'false']).default('false').describe("also buy a label and void it — only a native account's sandbox, where nothing is billed"),
        }),
        response: {
          200: z.object({
            ok: z.boolean(), account_id: z.string(), carrier: z.string(), kind: z.enum(['offline', 'http', 'ups', 'usps', 'fedex']), checked_at: z.string(), latency_ms: z.number().nullable(),
            rates: z.array(z.object({ service: z.string(), total: moneySchema })),
            error: z.object({ code: z.string(), message: z.string(), carrier_message: z.string().nullable() }).nullable(),
            checks: z.array(z.object({ name: z.enum(['token', 'rates', 'labels']), ok: z.boolean().nullable(), message: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => shipments.testAccount(principal(req).tenantId, req.params.id, req.query.service, { labels: req.query.labels === 'true' }),
  );

  app.delete(
    '/v1/carrier-accounts/:id',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Remove a carrier account (its carrier goes back to sample labels)', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await shipments.deleteAccount(principal(req).tenantId, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/exports/tracking.csv',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags,
        summary: "The CSV channel's write-back: tracking numbers per order (order id, carrier, service, tracking number, tracking URL)",
        description: 'Pass `after` = the `X-Last-Seq` header of the previous download to get only what is new.',
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0) }),
        response: { 200: binary, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await shipments.trackingExportCsv(principal(req).tenantId, req.query.after);
      return reply.type('text/csv; charset=utf-8').header('x-last-seq', String(r.last_seq)).header('content-disposition', 'attachment; filename="tracking.csv"').send(r.csv);
    },
  );
};
