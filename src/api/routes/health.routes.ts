import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lastmile } from '../../main.js';

export const healthRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  app.get('/health', { schema: { tags: ['health'], security: [], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        security: [],
        response: { 200: z.object({ status: z.string(), database: z.string() }), 503: z.object({ status: z.string(), database: z.string() }) },
      },
    },
    async (_req, reply) => {
      try {
        await lm.database.db.execute(sql`select 1`);
        return { status: 'ready', database: lm.database.engine };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: lm.database.engine });
      }
    },
  );
};
