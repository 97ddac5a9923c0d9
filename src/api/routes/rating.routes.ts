import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currencySchema } from '../../kernel/money.js';
import type { Lastmile } from '../../main.js';
import { quoteRequestSchema, quoteResponseSchema } from '../../rating/quote-request.schema.js';
import { lintRateCard } from '../../rating/card-lint.js';
import { rateCardImportSchema, rateCardJsonSchema } from '../../rating/rate-card.schema.js';
import { principal } from '../app.js';
import { errorResponses, idParams } from './common.js';

const cardView = z.object({
  id: z.string(),
  source: z.enum(['tenant', 'sample']),
  hidden_by: z.string().nullable().describe('the tenant card that replaces this sample'),
  created_at: z.string(),
  card: z.record(z.string(), z.unknown()),
});
const cardSummary = cardView.omit({ card: true }).extend({
  code: z.string(), carrier: z.string(), service: z.string(), name: z.string(), sample: z.boolean(), currency: z.string(), effective_from: z.string(),
});

const zoneChartBody = z.discriminatedUnion('format', [
  z.object({ format: z.literal('usps'), chart: z.unknown().describe('one origin as the USPS zone chart service returns it') }),
  z.object({
    format: z.literal('csv'),
    code: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
    effective_from: z.iso.date(),
    csv: z.string().min(1).max(20_000_000).describe('origin,destination,zone rows: ZIP3s or ranges, destinations also 5-digit'),
  }),
]);

const exchangeRate = z.object({
  base: currencySchema,
  quote: currencySchema,
  date: z.iso.date(),
  // A rate is one currency unit in another: between 1e-6 and 1e6 covers every pair (1 USD = 0.000039 BTC to 1 USD = 430,000 VEF).
  rate: z.union([z.number().min(1e-6).max(1e6), z.string().regex(/^\d{1,7}(\.\d{1,12})?$/)]).transform((r) => String(r))
    .refine((r) => Number(r) >= 1e-6 && Number(r) <= 1e6, 'a rate between 0.000001 and 1,000,000'),
});

const zoneChartSummary = z.object({ code: z.string(), origin: z.string().describe('ZIP3 of the origin'), effective_from: z.string(), zip3_rows: z.number(), zip5_rows: z.number() });
/** A USPS chart (one origin, its rows) or a carrier table (how many origins it held). */
const zoneChartImported = z.union([zoneChartSummary, z.object({ code: z.string(), origins: z.number(), effective_from: z.string() })]);

export const ratingRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { rating } = lm.services;
  const tags = ['rating'];

  app.post(
    '/v1/rate-cards',
    {
      config: { scope: 'rates:write' },
      schema: {
        tags,
        summary: 'Import a rate card version',
        description: 'The card document, with its price grid inline (`card.prices`) or as the carrier publishes it (`prices_csv`). A version with the same code and effective date replaces the earlier import.',
        body: rateCardImportSchema,
        response: { 201: cardView, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await rating.importCard(principal(req).tenantId, req.body.card, req.body.prices_csv)),
  );

  app.get(
    '/v1/rate-cards',
    { config: { scope: 'rates:read' }, schema: { tags, summary: "The tenant's rate card versions and the samples", response: { 200: z.object({ data: z.array(cardSummary) }), ...errorResponses } } },
    async (req) => ({
      data: (await rating.listCards(principal(req).tenantId)).map(({ card, ...v }) => ({
        ...v, code: card.code, carrier: card.carrier, service: card.service, name: card.name, sample: card.sample, currency: card.currency, effective_from: card.effective_from,
      })),
    }),
  );

  const issue = z.object({ path: z.string(), message: z.string() });
  app.post(
    '/v1/rate-cards/lint',
    {
      config: { scope: 'rates:read' },
      schema: {
        tags,
        summary: 'Check a rate card without importing it',
        description: 'What the card cannot express: schema errors, fields the format does not have, thresholds in the wrong unit, references to surcharges the card lacks (errors); amounts for zones the grid does not price and similar (warnings). Always 200: `valid` says whether an import would succeed.',
        body: rateCardImportSchema,
        response: { 200: z.object({ valid: z.boolean(), errors: z.array(issue), warnings: z.array(issue) }), ...errorResponses },
      },
    },
    async (req) => {
      const r = lintRateCard(req.body.card, req.body.prices_csv);
      return { valid: r.errors.length === 0, errors: r.errors, warnings: r.warnings };
    },
  );

  app.get(
    '/v1/rate-cards/schema',
    {
      config: { scope: 'rates:read' },
      schema: {
        tags,
        summary: 'The card format as JSON Schema (generated from the validator)',
        response: {
          200: z.looseObject({
            title: z.string(), description: z.string(), type: z.literal('object'),
            properties: z.record(z.string(), z.unknown()).describe('each field of a card, as JSON Schema'), required: z.array(z.string()), additionalProperties: z.literal(false),
          }),
          ...errorResponses,
        },
      },
    },
    async () => rateCardJsonSchema() as never,
  );

  app.get(
    '/v1/rate-cards/:id',
    { config: { scope: 'rates:read' }, schema: { tags, summary: 'A rate card version (or a sample, by its code)', params: idParams, response: { 200: cardView, ...errorResponses } } },
    async (req) => rating.getCard(principal(req).tenantId, req.params.id),
  );

  app.post(
    '/v1/zone-charts',
    {
      config: { scope: 'rates:write' },
      schema: { tags, summary: 'Import a USPS zone chart (one origin) or a carrier zone table (CSV)', body: zoneChartBody, response: { 201: zoneChartImported, ...errorResponses } },
    },
    async (req, reply) => {
      const b = req.body;
      const t = principal(req).tenantId;
      return reply.status(201).send(b.format === 'usps' ? await rating.importUspsZoneChart(t, b.chart) : await rating.importZoneTable(t, b.code, b.effective_from, b.csv));
    },
  );

  app.get(
    '/v1/zone-charts',
    { config: { scope: 'rates:read' }, schema: { tags, summary: 'Imported zone charts', response: { 200: z.object({ data: z.array(zoneChartSummary) }), ...errorResponses } } },
    async (req) => ({ data: await rating.listZoneCharts(principal(req).tenantId) }),
  );

  app.post(
    '/v1/exchange-rates',
    {
      config: { scope: 'rates:write' },
      schema: { tags, summary: 'Load dated exchange rates (1 base = rate quote)', body: z.object({ rates: z.array(exchangeRate).min(1).max(10_000) }), response: { 200: z.object({ data: z.array(exchangeRate) }), ...errorResponses } },
    },
    async (req) => ({ data: await rating.saveExchangeRates(principal(req).tenantId, req.body.rates) }),
  );

  app.get(
    '/v1/exchange-rates',
    { config: { scope: 'rates:read' }, schema: { tags, summary: "The tenant's exchange rates", response: { 200: z.object({ data: z.array(exchangeRate) }), ...errorResponses } } },
    async (req) => ({ data: await rating.listExchangeRates(principal(req).tenantId) }),
  );

  app.post(
    '/v1/rates',
    {
      config: { scope: 'rates:read' },
      schema: {
        tags,
        summary: 'Quote every service for an order or an ad-hoc shipment',
        description: 'Eligible services come first, cheapest first, each with zone, billable weight, base, every surcharge, fuel and total per package; ineligible ones follow with the reason.',
        body: quoteRequestSchema,
        response: { 200: quoteResponseSchema, ...errorResponses },
      },
    },
    // An order is priced with the packages and options its decision uses: one price everywhere.
    async (req) => (req.body.order_id ? lm.services.routing.quoteOrder(principal(req).tenantId, req.body) : rating.quote(principal(req).tenantId, req.body)),
  );
};
