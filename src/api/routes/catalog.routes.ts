import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { skuInUnits } from '../../catalog/sku-units.js';
import { skuCreateSchema, skuSchema, skuUpdateSchema } from '../../catalog/sku.schema.js';
import { pageQuerySchema } from '../../kernel/list.js';
import { unitsQuerySchema } from '../../kernel/units.js';
import type { Lastmile } from '../../main.js';
import { principal } from '../app.js';
import { requireUpload } from '../upload.js';
import { errorResponses, idParams, pageOf } from './common.js';

const importResultSchema = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  rejected: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string().nullable(), reason: z.string() })),
});

export const catalogRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { catalog } = lm.services;
  const tags = ['catalog'];

  app.post(
    '/v1/skus',
    { config: { scope: 'catalog:write' }, schema: { tags, summary: 'Add a SKU to the catalog', body: skuCreateSchema, response: { 201: skuSchema, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await catalog.create(principal(req).tenantId, req.body)),
  );

  app.get(
    '/v1/skus',
    {
      config: { scope: 'catalog:read' },
      schema: { tags, summary: 'List SKUs', querystring: pageQuerySchema.extend(unitsQuerySchema.shape), response: { 200: pageOf(skuSchema), ...errorResponses } },
    },
    async (req) => {
      const page = await catalog.list(principal(req).tenantId, req.query);
      return { ...page, data: page.data.map((s) => skuInUnits(s, req.query.units)) };
    },
  );

  app.get(
    '/v1/skus/:id',
    {
      config: { scope: 'catalog:read' },
      schema: { tags, summary: 'Get a SKU by id or SKU code', params: idParams, querystring: unitsQuerySchema, response: { 200: skuSchema, ...errorResponses } },
    },
    async (req) => skuInUnits(await catalog.get(principal(req).tenantId, req.params.id), req.query.units),
  );

  app.patch(
    '/v1/skus/:id',
    { config: { scope: 'catalog:write' }, schema: { tags, summary: 'Update a SKU', params: idParams, body: skuUpdateSchema, response: { 200: skuSchema, ...errorResponses } } },
    async (req) => catalog.update(principal(req).tenantId, req.params.id, req.body),
  );

  app.delete(
    '/v1/skus/:id',
    { config: { scope: 'catalog:write' }, schema: { tags, summary: 'Delete a SKU', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await catalog.delete(principal(req).tenantId, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/skus/import',
    {
      config: { scope: 'catalog:write', upload: true },
      schema: {
        tags,
        summary: 'Import or update SKUs from a CSV file (Content-Type: text/csv); bad rows are reported, good rows saved',
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (req) => {
      const upload = requireUpload(req.body);
      return catalog.importCsv(principal(req).tenantId, createReadStream(upload.path));
    },
  );
};
