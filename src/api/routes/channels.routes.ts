import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { connectSchema } from '../../channels/channels.service.js';
import type { Lastmile } from '../../main.js';
import { principal } from '../app.js';
import { errorResponses, idParams } from './common.js';

const connectionSchema = z.object({
  id: z.string(), name: z.string(), kind: z.string(), base_url: z.string(), settings: z.record(z.string(), z.unknown()), cursor: z.string().nullable(),
  last_sync_at: z.string().nullable(), last_error: z.string().nullable(), created_at: z.string(),
});
const rowProblem = z.object({ external_id: z.string(), path: z.string(), reason: z.string() });
export const syncSummarySchema = z.object({
  connection: z.string(), received: z.number(), created: z.number(), updated: z.number(), cancelled: z.number(), unchanged: z.number(), stale: z.number(),
  skipped_cancelled: z.number(), skipped_fulfilled: z.number(), rejected: z.number(),
  errors: z.array(rowProblem).describe('orders refused, with the field and reason'), unmapped: z.array(rowProblem).describe('what orders carried that could not be mapped'),
});
export const channelImportSummarySchema = z.object({
  format: z.string(), orders: z.number(), orders_created: z.number(), duplicates_skipped: z.number(), skipped_cancelled: z.number(), skipped_fulfilled: z.number(),
  orders_rejected: z.number(), orders_in_address_review: z.number(), errors: z.array(rowProblem), unmapped: z.array(rowProblem),
});

export const channelRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { channels } = lm.services;
  const tags = ['channels'];

  app.post(
    '/v1/channels',
    {
      config: { scope: 'admin' },
      schema: { tags, summary: 'Connect a sales channel (Shopify, Amazon, TikTok Shop, WooCommerce); credentials are stored encrypted', body: connectSchema, response: { 201: connectionSchema.extend({ webhook_url: z.string() }), ...errorResponses } },
    },
    async (req, reply) => {
      const c = await channels.connect(principal(req).tenantId, req.body);
      return reply.status(201).send({ ...c, webhook_url: `${lm.config.publicUrl}/v1/webhooks/channels/${c.id}` });
    },
  );

  app.get(
    '/v1/channels',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'Channel connections (no credentials), with the last sync and its error', response: { 200: z.object({ data: z.array(connectionSchema) }), ...errorResponses } } },
    async (req) => ({ data: await channels.list(principal(req).tenantId) }),
  );

  app.post(
    '/v1/channels/:id/sync',
    {
      config: { scope: 'orders:write' },
      schema: { tags, summary: 'Pull the orders changed since the last sync (id or name); the cursor is saved', params: idParams, response: { 200: syncSummarySchema, ...errorResponses } },
    },
    async (req) => channels.sync(principal(req).tenantId, req.params.id),
  );

  app.delete(
    '/v1/channels/:id',
    {
      config: { scope: 'admin' },
      schema: { tags, summary: 'Disconnect a channel (id or name): no more pulls, webhooks or tracking write-back; its orders stay', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await channels.disconnect(principal(req).tenantId, req.params.id);
      return reply.status(204).send(null);
    },
  );

  // Channel webhooks carry the channel's signature, not an API key; the raw body is what is signed.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    raw.post(
      '/v1/webhooks/channels/:id',
      { config: { public: true }, schema: { tags, summary: 'Channel webhook receiver (Shopify orders/create|updated|cancelled with X-Shopify-Hmac-Sha256; WooCommerce with X-WC-Webhook-Signature)' } as object },
      async (req) => channels.receiveWebhook((req.params as { id: string }).id, req.body as Buffer, req.headers),
    );
  });
};
