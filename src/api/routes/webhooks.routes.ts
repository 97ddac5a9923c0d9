import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema } from '../../kernel/list.js';
import type { Lastmile } from '../../main.js';
import { notificationSettingsSchema, notificationSettingsViewSchema } from '../../notifications/notifications.service.js';
import { WEBHOOK_EVENTS } from '../../webhooks/ports.js';
import { principal } from '../app.js';
import { errorResponses, idParams, pageOf } from './common.js';

const endpointSchema = z.object({
  id: z.string(), url: z.string(), events: z.array(z.string()), enabled: z.boolean(), consecutive_failures: z.number(), disabled_at: z.string().nullable(), created_at: z.string(),
});
const deliverySchema = z.object({
  id: z.string(), endpoint_id: z.string(), event_id: z.string(), type: z.string(), payload: z.record(z.string(), z.unknown()), state: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number(), last_status: z.number().nullable(), last_error: z.string().nullable(), created_at: z.string(), delivered_at: z.string().nullable(),
});

export const webhookRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { webhooks, notifications, shipments } = lm.services;
  const tags = ['webhooks'];

  app.post(
    '/v1/webhooks',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'Subscribe an endpoint to events; the signing secret is shown once',
        description: `Events: ${WEBHOOK_EVENTS.join(', ')} (or "*"). Each delivery is \`POST {id, type, created_at, data}\` with \`Lastmile-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">\`; reject timestamps older than 5 minutes. Retried with backoff for 24 h; disabled after 20 failures in a row.`,
        body: z.object({ url: z.string().min(1).max(2000), events: z.array(z.enum([...WEBHOOK_EVENTS, '*'])).min(1).default(['*']) }),
        response: { 201: endpointSchema.extend({ secret: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await webhooks.create(principal(req).tenantId, req.body)),
  );

  app.get(
    '/v1/webhooks',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Webhook endpoints', response: { 200: z.object({ data: z.array(endpointSchema) }), ...errorResponses } } },
    async (req) => ({ data: await webhooks.list(principal(req).tenantId) }),
  );

  app.patch(
    '/v1/webhooks/:id',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Enable (resets the failure count) or disable an endpoint', params: idParams, body: z.object({ enabled: z.boolean() }), response: { 200: endpointSchema, ...errorResponses } } },
    async (req) => webhooks.setEnabled(principal(req).tenantId, req.params.id, req.body.enabled),
  );

  app.delete(
    '/v1/webhooks/:id',
    { config: { scope: 'admin' }, schema: { tags, summary: 'Remove an endpoint', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await webhooks.remove(principal(req).tenantId, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/webhooks/:id/test',
    {
      config: { scope: 'admin' },
      schema: { tags, summary: 'Send a signed webhook.test event now and report the answer', params: idParams, response: { 200: z.object({ ok: z.boolean(), status: z.number().nullable(), error: z.string().nullable() }), ...errorResponses } },
    },
    async (req) => webhooks.test(principal(req).tenantId, req.params.id),
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    { config: { scope: 'admin' }, schema: { tags, summary: 'The delivery log, newest first', params: idParams, querystring: pageQuerySchema, response: { 200: pageOf(deliverySchema), ...errorResponses } } },
    async (req) => webhooks.deliveries(principal(req).tenantId, req.params.id, req.query),
  );

  app.get(
    '/v1/notifications/settings',
    { config: { scope: 'admin' }, schema: { tags: ['notifications'], summary: 'Customer notification settings (off until enabled); secrets only as whether they are set', response: { 200: notificationSettingsViewSchema, ...errorResponses } } },
    async (req) => notifications.settings(principal(req).tenantId),
  );

  app.put(
    '/v1/notifications/settings',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['notifications'],
        summary: 'Turn customer notifications on: which (shipped, out_for_delivery, delivered, problem), how (log, webhook, smtp), in which language',
        description: 'The webhook channel posts `{id, type: "notification", created_at, data}` signed `Lastmile-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. An SMTP password left out keeps the stored one. Its signing secret is returned once, as `webhook_secret`, by the save that first sets the webhook channel; rotate it with `POST /v1/notifications/webhook-secret`. Targets must be public addresses.',
        body: notificationSettingsSchema,
        response: { 200: notificationSettingsViewSchema.extend({ webhook_secret: z.string().optional() }), ...errorResponses },
      },
    },
    async (req) => notifications.saveSettings(principal(req).tenantId, req.body),
  );

  app.post(
    '/v1/notifications/webhook-secret',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['notifications'],
        summary: 'Rotate the notification webhook signing secret; the new one is returned once and replaces the old at once',
        response: { 200: z.object({ webhook_secret: z.string() }), ...errorResponses },
      },
    },
    async (req) => notifications.rotateWebhookSecret(principal(req).tenantId),
  );

  app.get(
    '/v1/shipments/:id/notifications',
    { config: { scope: 'orders:read' }, schema: { tags: ['notifications'], summary: 'Customer notifications of a shipment, with what they said', params: idParams, response: { 200: z.object({ data: z.array(z.record(z.string(), z.unknown())) }), ...errorResponses } } },
    async (req) => {
      const s = await shipments.get(principal(req).tenantId, req.params.id);
      return { data: (await notifications.list(principal(req).tenantId, s.id)) as unknown as Record<string, unknown>[] };
    },
  );
};
