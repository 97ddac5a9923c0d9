import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuerySchema } from '../../kernel/list.js';
import type { Lastmile } from '../../main.js';
import { warehouseCreateSchema, warehouseSchema, warehouseUpdateSchema } from '../../warehouses/warehouse.schema.js';
import { principal } from '../app.js';
import { errorResponses, idParams, pageOf } from './common.js';

export const warehouseRoutes = (lm: Lastmile): FastifyPluginAsyncZod => async (app) => {
  const { warehouses } = lm.services;
  const tags = ['warehouses'];

  app.post(
    '/v1/warehouses',
    { config: { scope: 'warehouses:write' }, schema: { tags, summary: 'Create a ship-from warehouse', body: warehouseCreateSchema, response: { 201: warehouseSchema, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await warehouses.create(principal(req).tenantId, req.body)),
  );

  app.get(
    '/v1/warehouses',
    { config: { scope: 'warehouses:read' }, schema: { tags, summary: 'List warehouses', querystring: pageQuerySchema, response: { 200: pageOf(warehouseSchema), ...errorResponses } } },
    async (req) => warehouses.list(principal(req).tenantId, req.query),
  );

  app.get(
    '/v1/warehouses/:id',
    { config: { scope: 'warehouses:read' }, schema: { tags, summary: 'Get a warehouse', params: idParams, response: { 200: warehouseSchema, ...errorResponses } } },
    async (req) => warehouses.get(principal(req).tenantId, req.params.id),
  );

  app.patch(
    '/v1/warehouses/:id',
    { config: { scope: 'warehouses:write' }, schema: { tags, summary: 'Update a warehouse', params: idParams, body: warehouseUpdateSchema, response: { 200: warehouseSchema, ...errorResponses } } },
    async (req) => warehouses.update(principal(req).tenantId, req.params.id, req.body),
  );
};
