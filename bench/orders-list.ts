/**
 * The order queue at scale (issue 19): a tenant with 100,000 orders on PostgreSQL
 * (TEST_DATABASE_URL, a fresh database), then
 *  - the orders list API (GET /v1/orders, 50 a page, through the HTTP app with an API key) p50
 *    and p95 for the default view and filtered views, first pages and deeper pages by cursor;
 *  - the time to a usable orders page in headless chromium (signed in, from navigation to the
 *    first 50 rows on screen), the app served by the same process from web/dist.
 *
 *   npm run bench:orders-list [-- --orders 100000 --requests 60]
 *
 * Orders are made by the service (200 of them, decided by the engine, so every row is a real
 * order with a real decision) and copied by SQL to the count, with new ids, numbers, names,
 * postal codes, statuses, warehouses and creation times spread over 90 days.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { buildHttpApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { buildLastmile } from '../src/main.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { buildWeb } from '../scripts/build-web.js';
import { createPostgresDatabase, postgresAvailable } from '../test/helpers/engines.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ORDERS = arg('orders', 100_000);
const REQUESTS = arg('requests', 60);
const SEED = 200;

const PLACES = [['Boston', 'MA', '02108'], ['Austin', 'TX', '78701'], ['Denver', 'CO', '80202'], ['Seattle', 'WA', '98101'], ['Miami', 'FL', '33130'], ['Chicago', 'IL', '60614'], ['Los Angeles', 'CA', '90012'], ['Phoenix', 'AZ', '85004']] as const;

async function main() {
  if (!(await postgresAvailable())) throw new Error('PostgreSQL is needed (TEST_DATABASE_URL or 127.0.0.1:5432)');
  await buildWeb({ ifNeeded: true, log: () => undefined });
  const db = await createPostgresDatabase();
  const lm = await buildLastmile({ ...loadConfig({ LASTMILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'lastmile-bench-')) }), logLevel: 'silent', databaseUrl: db.url });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { tenant } = await lm.services.tenants.ensureTenant('bench');
    const key = (await lm.services.tenants.createApiKey(tenant.id, { name: 'bench', scopes: ['admin'], mode: 'test' })).secret;
    const wh = (await lm.services.warehouses.list(tenant.id, { limit: 10 })).data;
    let warehouses = wh.map((w) => w.id);
    if (warehouses.length === 0) {
      const base = { timezone: 'America/Los_Angeles', operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, pickup_cutoffs: [], has_dock: true, has_liftgate: false, fleet: { vehicle_types: [] }, boxes: [] };
      const addr = (city: string, state: string, zip: string) => ({ name: null, company: null, line1: '1 Dock Rd', line2: null, line3: null, city, state, postal_code: zip, country: 'US', phone: null, tax_id: null, email: null, residential: false, latitude: null, longitude: null });
      warehouses = [
        (await lm.services.warehouses.create(tenant.id, { ...base, operating_days: [...base.operating_days], code: 'ONT1', name: 'Ontario', address: addr('Ontario', 'CA', '91761') })).id,
        (await lm.services.warehouses.create(tenant.id, { ...base, operating_days: [...base.operating_days], code: 'EWR1', name: 'Newark', address: addr('Newark', 'NJ', '07114'), timezone: 'America/New_York' })).id,
      ];
    }
    const t0 = performance.now();
    for (let i = 0; i < SEED; i++) {
      const [city, state, zip] = PLACES[i % PLACES.length]!;
      const o = (await lm.services.orders.create(tenant.id, orderCreateSchema.parse({
        channel: i % 3 === 0 ? 'shopify' : 'api', external_id: `SEED-${i}`, warehouse_id: warehouses[i % warehouses.length],
        ship_to: { name: `Customer ${i}`, email: `c${i}@example.com`, line1: `${100 + i} Main St`, city, state, postal_code: zip, country: 'US' },
        lines: [{ sku: null, name: 'Item', quantity: 1, weight: { value: 1 + (i % 30), unit: 'lb' }, dimensions: { length: 10 + (i % 20), width: 8, height: 6, unit: 'in' } }],
        order_value: { amount: 2500 + i * 13, currency: 'USD' },
      }), 'bench')).order;
      if (i % 2 === 0) await lm.services.routing.decideOrder(tenant.id, o.id, 'bench').catch(() => undefined);
    }
    // Copies: row n takes seed n % 200's lines and decision; numbers, names, ZIPs, statuses and times vary.
    // Ids are ULIDs of their creation time (cursors are checked to be ids this API makes).
    await client.query(`create function pg_temp.crockford(v bigint, len int) returns text language sql immutable as $$
      select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> (5 * (len - 1 - i))) & 31)::int + 1, 1), '' order by i) from generate_series(0, len - 1) i $$`);
    await client.query(
      `insert into orders (id, tenant_id, channel, external_id, warehouse_id, status, customer_type, ship_to, address_check, decision, lines, order_value_amount, currency, cod_amount, service_level, delivery_preference, tags, notes, source_ref, placed_at, created_at, updated_at)
       select 'ord_' || pg_temp.crockford((extract(epoch from now() - make_interval(secs => ($2 - n) * 77.76)) * 1000)::bigint, 10) || pg_temp.crockford(n, 16), s.tenant_id, s.channel, 'B-' || n, s.warehouse_id,
              case when s.decision is null then (array['ready','address_review','cancelled'])[1 + n % 3] else (array['decided','fulfilling','shipped','delivered','exception'])[1 + n % 5] end,
              s.customer_type,
              s.ship_to || jsonb_build_object('name', 'Customer ' || n, 'email', 'c' || n || '@example.com', 'postal_code', lpad((10000 + n % 89999)::text, 5, '0')),
              s.address_check, s.decision, s.lines, s.order_value_amount, s.currency, s.cod_amount, s.service_level, s.delivery_preference, s.tags, s.notes, 'bench',
              now() - make_interval(secs => ($2 - n) * 77.76), now() - make_interval(secs => ($2 - n) * 77.76), now()
       from generate_series(1, $2) n
       join (select row_number() over (order by id) - 1 as k, * from orders where tenant_id = $1) s on s.k = n % $3`,
      [tenant.id, ORDERS - SEED, SEED],
    );
    await client.query('analyze orders');
    const count = Number((await client.query('select count(*) from orders where tenant_id = $1', [tenant.id])).rows[0].count);
    console.log(`seeded ${count.toLocaleString('en')} orders in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const app = await buildHttpApp(lm, { logLevel: 'silent' });
    const carrier = (await client.query(`select decision->'chosen'->>'carrier' c from orders where tenant_id = $1 and decision->'chosen' is not null group by 1 order by count(*) desc limit 1`, [tenant.id])).rows[0].c as string;
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 23 * 86_400_000).toISOString();
    const views: [string, string][] = [
      ['default (newest first)', ''],
      ['status=decided', 'status=decided'],
      [`warehouse + carrier=${carrier}`, `warehouse_id=${warehouses[0]}&carrier=${carrier}`],
      ['mode=parcel + created in a week', `mode=parcel&created_from=${from}&created_to=${to}`],
      ['search a name (q=Customer 4711)', 'q=' + encodeURIComponent('Customer 4711')],
      ['search an order number (q=B-9999)', 'q=B-9999'],
    ];
    const rows: string[] = [];
    for (const [name, query] of views) {
      const times: number[] = [];
      const deep: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < REQUESTS; i++) {
        // Alternate the first page and the next pages by cursor, as a person paging through.
        const url: string = `/v1/orders?limit=50${query ? `&${query}` : ''}${cursor && i % 2 === 1 ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const s = performance.now();
        const r = await app.inject({ url, headers: { authorization: `Bearer ${key}` } });
        const ms = performance.now() - s;
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
        (i % 2 === 1 && cursor ? deep : times).push(ms);
        const body = r.json() as { data: unknown[]; next_cursor: string | null };
        if (i % 2 === 0 || !cursor) cursor = body.next_cursor;
        else cursor = body.next_cursor ?? cursor;
      }
      const all = [...times, ...deep].sort((a, b) => a - b);
      const q = (p: number) => all[Math.min(all.length - 1, Math.floor(p * all.length))]!.toFixed(1);
      rows.push(`| ${name} | ${all.length} | ${q(0.5)} | ${q(0.95)} |`);
    }
    console.log('\n| view | requests | p50 ms | p95 ms |\n|---|---|---|---|\n' + rows.join('\n'));

    // Time to a usable orders page in headless chromium.
    if (!existsSync('/usr/bin/chromium')) {
      console.log('\nchromium not found at /usr/bin/chromium: the page timing is skipped');
    } else {
      const password = 'bench-password-2026';
      await lm.services.users.create(tenant.id, { email: 'bench@example.com', role: 'owner', password });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address() as { port: number };
      const base = `http://127.0.0.1:${addr.port}`;
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      const runs: number[] = [];
      for (let i = 0; i < 8; i++) {
        // A fresh browser context each time (empty HTTP cache), signed in through the API, then
        // from navigation to the 50 rows on screen. The first run is a warm-up of the server.
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const login = await ctx.request.post(`${base}/v1/auth/login`, { data: { email: 'bench@example.com', password } });
        if (!login.ok()) throw new Error(`sign-in: ${login.status()} ${await login.text()}`);
        const page = await ctx.newPage();
        const s = performance.now();
        await page.goto(`${base}/orders`, { waitUntil: 'commit' });
        await page.locator('tbody tr').nth(49).waitFor();
        if (i > 0) runs.push(performance.now() - s);
        await ctx.close();
      }
      runs.sort((a, b) => a - b);
      console.log(`\ntime to a usable orders page (navigation to 50 rows, cold cache, signed in), ${runs.length} runs: median ${runs[3]!.toFixed(0)} ms, worst ${runs[runs.length - 1]!.toFixed(0)} ms`);
      await browser.close();
    }
    await app.close();
  } finally {
    await client.end();
    await lm.close();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
