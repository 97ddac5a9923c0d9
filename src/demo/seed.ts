import type { Services } from '../main.js';
import { orderCreateSchema } from '../orders/order.schema.js';
import { generatedPassword } from '../users/users.service.js';
import { loadUsZipDirectory } from '../adapters/geo/us-zip-directory.js';
import { demoOrders, demoSkus, DEMO_LOCKERS, DEMO_WAREHOUSES } from './demo-data.js';

export const DEMO_TENANT = 'demo';

/**
 * Seeds the demo tenant through the services (so the data passes the same validation as real
 * input) and returns its new admin key. Only on a database without tenants.
 */
export const DEMO_EMAIL = 'demo@example.com';

export async function seedDemo(s: Services, orderCount = 300): Promise<{ apiKey: string; orders: number; user: { email: string; password: string } } | undefined> {
  const { tenant, created } = await s.tenants.ensureTenant(DEMO_TENANT);
  if (!created) return undefined;
  for (const w of DEMO_WAREHOUSES) await s.warehouses.create(tenant.id, w);
  for (const sku of demoSkus()) await s.catalog.create(tenant.id, sku);
  // Lockers before orders: an order may only name a point of the directory.
  const dir = await loadUsZipDirectory();
  await s.routing.addPickupPoints(tenant.id, DEMO_LOCKERS.flatMap((l, k) => {
    const z = dir.lookup(l.postal_code);
    return z && Number.isFinite(z.lat) ? [{ ...l, lat: Math.round((z.lat + 0.003 * (k % 2 ? 1 : -1)) * 1e5) / 1e5, lon: Math.round((z.lon + 0.003) * 1e5) / 1e5 }] : [];
  }));
  let n = 0;
  for (const o of demoOrders(orderCount)) {
    const { created: c } = await s.orders.create(tenant.id, orderCreateSchema.parse(o), 'demo:seed');
    if (c) n++;
  }
  const { secret } = await s.tenants.createApiKey(tenant.id, { name: 'demo admin', scopes: ['admin'], mode: 'test' });
  // The dashboard's first user: a generated password, printed once by `serve --demo`.
  const password = generatedPassword();
  await s.users.create(tenant.id, { email: DEMO_EMAIL, role: 'owner', name: 'Demo owner', password });
  return { apiKey: secret, orders: n, user: { email: DEMO_EMAIL, password } };
}
