import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lastmile } from '../../main.js';
import { principal } from '../app.js';
import { isTimeZone } from '../../warehouses/warehouse.schema.js';
import { errorResponses } from './common.js';

const money = z.object({ amount: z.number().int(), currency: z.string() });
const share = z.number().min(0).max(1).nullable();
const kpiSchema = z.object({
  carrier: z.string(), card: z.string(), service_name: z.string(),
  shipments: z.number().int(), packages: z.number().int(), delivered: z.number().int(), in_flight: z.number().int(), lost: z.number().int(), returned: z.number().int(),
  on_time_rate: share.describe('delivered on or before the promise\'s latest day, of those delivered with a promise'),
  first_attempt_rate: share.describe('delivered without a failed attempt first, of those delivered'),
  loss_rate: share.describe('lost or damaged (said by the carrier, or presumed lost by the tracking rules), of those ended'),
  return_rate: share,
  cost_per_parcel: money.nullable(),
  avg_transit_days: z.number().nullable().describe('calendar days from label to delivery'),
  sla: z.object({ target: z.number(), met: z.boolean() }).nullable(),
});

export const kpisRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { kpis } = lm.services;
  app.get(
    '/v1/kpis/carriers',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['kpis'],
        summary: 'Carrier KPIs per service: on-time, first-attempt, loss and return rates, cost per parcel, transit days, SLA',
        description: 'Over the shipments labelled from `from` to `to` (dates, UTC, both included; default the last 30 days). `sla` is the on-time share you expect (e.g. 0.95). The same outcomes, weighted by age, feed the decision engine\'s failure, loss and lateness estimates.',
        querystring: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional(), sla: z.coerce.number().min(0).max(1).optional() }),
        response: { 200: z.object({ from: z.string(), to: z.string(), carriers: z.array(kpiSchema) }), ...errorResponses },
      },
    },
    async (req) => kpis.carriers(principal(req).tenantId, req.query),
  );

  app.get(
    '/v1/kpis/weekly',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['kpis'],
        summary: 'The carrier KPIs week by week, for all shipments or per carrier (the charts of the overview and analytics)',
        description: 'Weeks start on Monday (UTC); the last `weeks` of them, this one included (it is partial). Each week lists one line per group with the same figures as /v1/kpis/carriers.',
        querystring: z.object({ weeks: z.coerce.number().int().min(1).max(53).default(8), by: z.enum(['all', 'carrier']).default('all') }),
        response: { 200: z.object({ weeks: z.array(z.object({ week: z.iso.date(), kpis: z.array(kpiSchema) })) }), ...errorResponses },
      },
    },
    async (req) => kpis.weekly(principal(req).tenantId, req.query),
  );

  app.get(
    '/v1/overview',
    {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['kpis'],
        summary: "The overview: the order queue by state, today's orders and labels, open exception cases",
        description: '"Today" starts at midnight in `tz` (the browser\'s time zone; default UTC).',
        querystring: z.object({ tz: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles').default('UTC') }),
        response: {
          200: z.object({
            time_zone: z.string(), today: z.iso.date(), since: z.string(),
            orders_by_status: z.record(z.string(), z.number().int()).describe('every order of the tenant by its state now'),
            orders_since: z.record(z.string(), z.number().int()).describe('orders created today, by their state now'),
            labels_since: z.object({ shipments: z.number().int(), packages: z.number().int() }).describe('labels bought today'),
            open_cases: z.number().int().describe('exception cases open or acknowledged'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => kpis.overview(principal(req).tenantId, req.query),
  );
};
