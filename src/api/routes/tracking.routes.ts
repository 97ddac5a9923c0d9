import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TRACKING_PARSERS } from '../../adapters/carriers/tracking/index.js';
import { genericTrackingSchema, parseGeneric } from '../../adapters/carriers/tracking/generic.js';
import { AppError } from '../../kernel/errors.js';
import { pageQuerySchema } from '../../kernel/list.js';
import type { Lastmile } from '../../main.js';
import { pickLanguage, trackingNotFoundHtml, trackingPageHtml } from '../../tracking/page.js';
import { trackingRuleSchema } from '../../tracking/rules.js';
import { actor, principal } from '../app.js';
import { errorResponses, idParams, pageOf } from './common.js';

const caseSchema = z.object({
  id: z.string(), shipment_id: z.string(), order_id: z.string(), rule: z.string(), title: z.string(), state: z.enum(['open', 'acknowledged', 'resolved']),
  owner: z.string().nullable(), evidence: z.record(z.string(), z.unknown()),
  actions: z.array(z.object({ type: z.string(), note: z.string().nullable(), actor: z.string(), at: z.string() })),
  opened_at: z.string(), updated_at: z.string(), resolved_at: z.string().nullable(),
});

const proofSchema = z.object({ signed_by: z.string().optional(), photo: z.boolean().optional() }).nullable();
const timelineSchema = z.object({
  shipment_id: z.string(),
  tracking_numbers: z.array(z.string()),
  summary: z.object({
    status: z.string(), sub_status: z.string().nullable(), base: z.string(), last_scan_at: z.string().nullable(), estimated_delivery: z.string().nullable(), delivered_at: z.string().nullable(),
    proof: proofSchema, events: z.number(), unknown_codes: z.number(),
  }).loose().describe('the folded state the exception rules read (attempts, address and customs holds… as they stand)'),
  events: z.array(z.object({
    tracking_number: z.string(), carrier: z.string(), code: z.string(), description: z.string(), occurred_at: z.string(), location: z.string().nullable(),
    status: z.string().nullable(), sub_status: z.string().nullable(), known: z.boolean().describe("false: the carrier's code is not in our table"), proof: proofSchema, source: z.string(), received_at: z.string(),
  })),
});

const ingestResultSchema = z.object({
  received: z.number(), accepted: z.number(), duplicates: z.number(), unmatched: z.array(z.string()), unknown_codes: z.number(), shipments_updated: z.number(), cases_opened: z.number(),
  future_dated: z.array(z.object({ tracking_number: z.string(), occurred_at: z.string() })).describe('events dated more than 15 minutes ahead of the server clock: refused, not stored'),
});

export const trackingRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { tracking, shipments } = lm.services;
  const tags = ['tracking'];

  app.post(
    '/v1/tracking/events',
    {
      config: { scope: 'tracking:write' },
      schema: {
        tags,
        summary: 'Inject tracking events (carriers we do not integrate, your own scans)',
        description: 'One parcel `{tracking_number, events: [{code, occurred_at, description, location, status?, sub_status?, signed_by?, photo?}]}` or `{trackings: [...]}` (up to 1,000). Codes are the generic contract\'s (docs/carriers.md) or give `status` directly. Duplicates are ignored; events may come late and out of order.',
        body: z.union([genericTrackingSchema, z.object({ trackings: z.array(genericTrackingSchema).min(1, 'at least one parcel').max(1000, 'at most 1,000 parcels in one request') })]),
        response: { 200: ingestResultSchema, ...errorResponses },
      },
    },
    async (req) => tracking.ingestParsed(principal(req).tenantId, parseGeneric(JSON.stringify(req.body), 'generic'), 'api'),
  );

  app.get(
    '/v1/shipments/:id/tracking',
    {
      config: { scope: 'orders:read' },
      schema: { tags, summary: "A shipment's tracking: status, sub-status, last scan, expected date, proof, and every event (newest first)", params: idParams, response: { 200: timelineSchema, ...errorResponses } },
    },
    async (req) => {
      const s = await shipments.get(principal(req).tenantId, req.params.id);
      const t = await tracking.timeline(principal(req).tenantId, s);
      return { ...t, summary: { ...t.summary } };
    },
  );

  app.get(
    '/v1/cases',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags, summary: 'Exception cases, newest first',
        querystring: pageQuerySchema.extend({ state: z.enum(['open', 'acknowledged', 'resolved', 'unresolved']).optional().describe('unresolved: open or acknowledged (the work queue)'), shipment_id: z.string().optional(), rule: z.string().optional() }),
        response: { 200: pageOf(caseSchema), ...errorResponses },
      },
    },
    async (req) => {
      const { limit, cursor, ...f } = req.query;
      return tracking.listCases(principal(req).tenantId, f, { limit, cursor });
    },
  );

  app.get(
    '/v1/cases/:id',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'One case with its evidence and actions', params: idParams, response: { 200: caseSchema, ...errorResponses } } },
    async (req) => tracking.getCase(principal(req).tenantId, req.params.id),
  );

  app.patch(
    '/v1/cases/:id',
    {
      config: { scope: 'tracking:write' },
      schema: {
        tags, summary: 'Acknowledge, assign, record an action (contact customer, reship, refund, file claim, note), resolve',
        params: idParams,
        body: z.object({
          state: z.enum(['acknowledged', 'resolved']).optional(),
          owner: z.string().trim().min(1).max(200).nullable().optional(),
          action: z.object({ type: z.enum(['contact_customer', 'reship', 'refund', 'file_claim', 'note']), note: z.string().max(2000).nullish() }).optional(),
        }),
        response: { 200: caseSchema, ...errorResponses },
      },
    },
    async (req) => tracking.updateCase(principal(req).tenantId, req.params.id, req.body, actor(req)),
  );

  app.post(
    '/v1/tracking/scan',
    {
      config: { scope: 'tracking:write' },
      schema: {
        tags, summary: 'Run the exception rules, the time-based ones included, now (the server also runs them every LASTMILE_TRACKING_SCAN_MS)',
        description: '`now` evaluates the rules as of another instant, for scenario tests and what-ifs: a dry run that reports the cases it would open and resolve, unless `apply: true`.',
        body: z.object({
          now: z.iso.datetime({ offset: true }).optional(),
          apply: z.boolean().optional().describe('with `now`: open and resolve the cases for real (default false); without `now` a scan always applies'),
          poll: z.boolean().default(false).describe('first ask carriers without webhooks (HTTP carrier accounts) for new events'),
        }).default({ poll: false }),
        response: { 200: z.object({ shipments: z.number(), applied: z.boolean(), cases_opened: z.array(caseSchema), cases_resolved: z.array(caseSchema), polled: z.object({ polled: z.number(), failed: z.number(), accepted: z.number() }).nullable() }), ...errorResponses },
      },
    },
    async (req) => {
      const tenantId = principal(req).tenantId;
      const polled = req.body.poll ? await tracking.poll(tenantId) : null;
      return { ...(await tracking.scan(tenantId, req.body.now ? { now: new Date(req.body.now), apply: req.body.apply ?? false } : {})), polled };
    },
  );

  app.get(
    '/v1/tracking/rules',
    { config: { scope: 'orders:read' }, schema: { tags, summary: 'The exception rules (defaults when never saved)', response: { 200: z.object({ rules: z.array(trackingRuleSchema) }), ...errorResponses } } },
    async (req) => ({ rules: await tracking.rules(principal(req).tenantId) }),
  );

  app.put(
    '/v1/tracking/rules',
    {
      config: { scope: 'tracking:write' },
      schema: { tags, summary: 'Replace the exception rules', body: z.object({ rules: z.array(z.unknown()).max(50) }), response: { 200: z.object({ rules: z.array(trackingRuleSchema) }), ...errorResponses } },
    },
    async (req) => ({ rules: await tracking.saveRules(principal(req).tenantId, req.body.rules) }),
  );

  app.put(
    '/v1/tracking/branding',
    {
      config: { scope: 'admin' },
      schema: {
        tags, summary: 'The public tracking page\'s brand name and header colour',
        body: z.object({ name: z.string().trim().min(1).max(100).optional(), color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1f4fd1').optional() }),
        response: { 200: z.object({ name: z.string().optional(), color: z.string().optional() }), ...errorResponses },
      },
    },
    async (req) => tracking.saveBranding(principal(req).tenantId, req.body),
  );

  app.get(
    '/v1/tracking/webhook',
    {
      config: { scope: 'admin' },
      schema: {
        tags, summary: 'Where carriers send tracking webhooks, and the secret they sign them with',
        response: { 200: z.object({ url: z.string(), secret: z.string(), signature_header: z.string(), carriers: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (req) => {
      const tenantId = principal(req).tenantId;
      const secret = await tracking.webhookSecretFor(tenantId);
      return { url: `${lm.config.publicUrl}/webhooks/carriers/{carrier}/${tenantId}`, secret, signature_header: 'X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">; refused when t is more than 5 minutes from the server clock', carriers: [...Object.keys(TRACKING_PARSERS), 'generic'] };
    },
  );

  // Carrier webhooks: no API key (carriers cannot send one); the body must be signed.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    raw.post('/webhooks/carriers/:carrier/:tenant_id', { schema: { hide: true } as object }, async (req, reply) => {
      const { carrier, tenant_id: tenantId } = req.params as { carrier: string; tenant_id: string };
      const body = req.body as Buffer;
      const sig = req.headers['x-webhook-signature'];
      await tracking.verifySignature(tenantId, body, typeof sig === 'string' ? sig : undefined);
      const parser = TRACKING_PARSERS[carrier];
      let parsed;
      try {
        parsed = parser ? parser(body.toString('utf8')) : parseGeneric(body.toString('utf8'), carrier);
      } catch (e) {
        throw new AppError('VALIDATION_FAILED', `The ${carrier} payload cannot be read: ${(e as Error).message}`);
      }
      const r = await tracking.ingestParsed(tenantId, parsed, `webhook:${carrier}`, parser ? undefined : carrier);
      return reply.status(200).send({ ...r, messages: parsed.messages });
    });
  });

  // The public tracking page and its JSON variant.
  app.get('/t/:tracking_number', { schema: { hide: true } as object }, async (req, reply) => {
    const { tracking_number: tn } = req.params as { tracking_number: string };
    const q = req.query as { format?: string; lang?: string };
    const jsonWanted = q.format === 'json' || tn.endsWith('.json') || (req.headers.accept ?? '').startsWith('application/json');
    const lang = pickLanguage(q.lang, req.headers['accept-language']);
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    const view = await tracking.publicView(tn.replace(/\.json$/, '')).catch((e: unknown) => {
      // People get a page in their language; programs the problem+json.
      if (e instanceof AppError && e.code === 'NOT_FOUND' && !jsonWanted) return null;
      throw e;
    });
    if (!view) return reply.status(404).type('text/html; charset=utf-8').send(trackingNotFoundHtml(tn, lang));
    if (jsonWanted) return reply.header('access-control-allow-origin', '*').send({ ...view, language: lang });
    return reply.type('text/html; charset=utf-8').send(trackingPageHtml(view, lang, { name: view.brand, color: view.brand_color ?? undefined }));
  });
};
