import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validateRequestSchema, validateResponseSchema } from '../../addresses/address-validation.schema.js';
import type { Lastmile } from '../../main.js';
import { errorResponses } from './common.js';

export const addressRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { addresses } = lm.services;
  const tags = ['addresses'];

  app.post(
    '/v1/addresses/validate',
    {
      config: { scope: 'addresses:read' },
      schema: {
        tags,
        summary: 'Parse, standardize, validate and classify one address or a batch of up to 1,000',
        description:
          'Send `{"address": …}` for one (the result comes back as is) or `{"addresses": [{"id": …, "address": …}]}` for a batch ' +
          '(results in input order under `results`). An address is free text or fields; the verdict is valid, corrected ' +
          '(the input is kept under `original`), suspect or invalid, and every issue has a stable code, the field, a message and a severity.',
        body: validateRequestSchema,
        response: { 200: validateResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const body = req.body;
      if ('address' in body) return addresses.validate(body.address);
      const results = await addresses.validateMany(body.addresses.map((a) => a.address));
      return { results: results.map((r, i) => ({ id: body.addresses[i]!.id ?? null, ...r })) };
    },
  );
};
