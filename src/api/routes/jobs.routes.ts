import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jobSchema } from '../../jobs/job.schema.js';
import { pageQuerySchema } from '../../kernel/list.js';
import type { Lastmile } from '../../main.js';
import { principal } from '../app.js';
import { errorResponses, idParams, pageOf } from './common.js';

export const jobRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { jobs } = lm.services;
  const tags = ['jobs'];

  app.get(
    '/v1/jobs',
    { schema: { tags, summary: 'List background jobs, newest first', querystring: pageQuerySchema, response: { 200: pageOf(jobSchema), ...errorResponses } } },
    async (req) => jobs.list(principal(req).tenantId, req.query),
  );

  app.get(
    '/v1/jobs/:id',
    { schema: { tags, summary: 'Get a job with its state, progress and result', params: idParams, response: { 200: jobSchema, ...errorResponses } } },
    async (req) => jobs.get(principal(req).tenantId, req.params.id),
  );
};
