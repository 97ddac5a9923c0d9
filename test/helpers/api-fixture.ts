import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../../src/api/app.js';
import type { Config } from '../../src/config.js';
import { startLastmile, type TestLastmile } from './engines.js';
import { warehouseInput } from './factories.js';

export interface ApiFixture {
  t: TestLastmile;
  app: FastifyInstance;
  key: string;
  tenantId: string;
  auth: () => { authorization: string };
  close(): Promise<void>;
}

/**
 * An HTTP app on a fresh PGlite: tenant acme with an admin key and warehouse ONT1, workers
 * running, a generous rate limit and fast outbox retries.
 */
export async function apiFixture(config: Partial<Config> = {}): Promise<ApiFixture> {
  const t = await startLastmile('pglite', {
    config: { rateLimit: { perSecond: 1000, burst: 1000 }, outbox: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 200, leaseMs: 2000, sweepMs: 200, concurrency: 4 }, ...config },
  });
  const tenantId = (await t.lm.services.tenants.ensureTenant('acme')).tenant.id;
  const key = (await t.lm.services.tenants.createApiKey(tenantId, { name: 'k', scopes: ['admin'], mode: 'test' })).secret;
  await t.lm.services.warehouses.create(tenantId, warehouseInput({ code: 'ONT1' }));
  await t.lm.startWorkers();
  const app = await buildHttpApp(t.lm, { logLevel: 'silent' });
  return {
    t, app, key, tenantId,
    auth: () => ({ authorization: `Bearer ${key}` }),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
