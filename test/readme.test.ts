import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { carrierAccountInputSchema } from '../src/shipments/carrier-account.schema.js';

// Every command the README's "Using it" block shows, run in its order on a fresh embedded
// database with the files of examples/, as a new user would paste them. The expectations say
// what each one prints or exits with; a command added to the README without one still runs and
// must exit 0.

const ROOT = new URL('..', import.meta.url).pathname;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The shell lines of the block under "## Using it", comments dropped. */
export function readmeCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## Using it'));
  const block = section.slice(section.indexOf('```sh') + 5, section.indexOf('```', section.indexOf('```sh') + 5));
  return block.split('\n').map((l) => l.replace(/\s{2,}#.*$/, '').trim()).filter((l) => l.startsWith('./bin/lastmile'));
}

/** What a command must do: its exit code (-1: 0 or 1) and something its output says. */
const EXPECT: { match: RegExp; code?: number; out?: RegExp }[] = [
  { match: /^\.\/bin\/lastmile keys create/, out: /^lm_live_\w{32}\n/ },
  { match: /catalog import/, out: /9 SKUs created, 0 updated, 0 rows rejected of 9/ },
  { match: /warehouses create/, out: /"code":\s*"ONT1"/ },
  { match: /--format shopify-json/, out: /2 created, 0 duplicates skipped/ },
  { match: /channels sync shop/, out: /shop: 1 received, 1 created/ },
  // One row of the template has quantity 0: the import says so and exits 1.
  { match: /orders import examples\/orders\.csv/, code: 1, out: /row 7, quantity: "0" is not a whole number of at least 1\n4 orders imported, 0 duplicates skipped, 1 orders rejected/ },
  { match: /orders import examples\/export\.csv --json/, code: 1, out: /"orders_rejected":\s*\d/ },
  { match: /orders list --status address_review --channel shopify/ },
  { match: /address validate "1600/, out: /1600 Pennsylvania Ave NW/i },
  { match: /address validate --input/ },
  { match: /^\.\/bin\/lastmile rate --from/, out: /90001 -> 10001/ },
  { match: /rate-cards import/, out: /^imported acme-ground effective 2026-01-01/ },
  { match: /zones import/, out: /945/ },
  { match: /^\.\/bin\/lastmile route --status pending/, out: /\$\d+\.\d\d/ },
  { match: /^\.\/bin\/lastmile pack/, out: /"box_id"/ },
  { match: /labels buy --status decided --out labels\.pdf/ },
  // Which carriers the engine chose decides whether USPS has labels waiting: a manifest, or exit 1 saying none waits.
  { match: /manifests close --carrier usps/, code: -1, out: /"shipment_ids"|No labeled usps shipments at ONT1 wait for a manifest/ },
  { match: /tracking scan --poll/ },
  { match: /tracking scan --now .* --json/ },
  { match: /tracking scan --now .* --apply/ },
  { match: /truck-plans create --warehouse ONT1/, out: /tpl_/ },
  { match: /vrp solve --solomon examples\/C101\.txt/, out: /"vehicles"/ },
];

function sh(line: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let shop: Server;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lastmile-readme-'));
  symlinkSync(join(ROOT, 'bin'), join(dir, 'bin'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  // The shop of examples/shop.json, here: a Shopify Admin GraphQL API with one order to sync.
  shop = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, j: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(j));
      if (req.headers['x-shopify-access-token'] !== 'shpat_your_admin_api_access_token') return send(401, { errors: '[API] Invalid API key or access token' });
      if (!(JSON.parse(body) as { query: string }).query.includes('orders(')) return send(400, { errors: 'unknown query' });
      send(200, { data: { orders: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{
        id: 'gid://shopify/Order/7001', name: '#7001', email: 'sam@example.com', createdAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-21T10:00:00Z', cancelledAt: null, currencyCode: 'USD', tags: [], note: null,
        displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', paymentGatewayNames: ['shopify_payments'], totalPriceSet: { shopMoney: { amount: '29.00', currencyCode: 'USD' } },
        shippingLine: { title: 'Standard', code: 'STD' },
        shippingAddress: { firstName: 'Sam', lastName: 'Lee', company: null, address1: '1 Main St', address2: null, city: 'Austin', provinceCode: 'TX', zip: '78701', countryCodeV2: 'US', phone: null },
        lineItems: { nodes: [{ id: 'gid://shopify/LineItem/1', sku: 'YOGA-MAT', name: 'Yoga mat', quantity: 1, requiresShipping: true, originalUnitPriceSet: { shopMoney: { amount: '29.00' } } }] },
      }] } } });
    });
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
  const shopJson = join(dir, 'examples', 'shop.json');
  writeFileSync(shopJson, readFileSync(shopJson, 'utf8').replace('https://your-store.myshopify.com', `http://127.0.0.1:${(shop.address() as { port: number }).port}`));
  env = { LASTMILE_DATA_DIR: join(dir, '.lastmile'), LASTMILE_ALLOW_PRIVATE_TARGETS: 'true' };
});
afterAll(async () => {
  await new Promise<void>((r) => shop?.close(() => r()));
});

describe("the README's commands, on the files of examples/", () => {
  const commands = readmeCommands(README);

  test('the block is found and every file it names is in examples/', () => {
    expect(commands.length).toBeGreaterThan(15);
    for (const c of commands) for (const f of c.match(/examples\/[\w.-]+/g) ?? []) expect(() => readFileSync(join(ROOT, f)), f).not.toThrow();
    // The carrier account of examples/ is one the API takes.
    expect(carrierAccountInputSchema.safeParse(JSON.parse(readFileSync(join(ROOT, 'examples/carrier-account.json'), 'utf8'))).success).toBe(true);
  });

  test('each command, in order', async () => {
    const report: string[] = [];
    for (const line of commands) {
      if (line.includes('sandbox-carrier')) {
        // A server: it must start and answer, then it is stopped.
        const child = spawn('bash', ['-c', `exec ${line.replace('--port 4010', '--port 0')}`], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env } });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+/.test(out), { timeout: 60_000 }).toBe(true);
        child.kill('SIGTERM');
        report.push(`ok   ${line}`);
        continue;
      }
      const e = EXPECT.find((x) => x.match.test(line));
      const r = await sh(line, dir, env);
      const codeOk = e?.code === -1 ? r.code === 0 || r.code === 1 : r.code === (e?.code ?? 0);
      const ok = codeOk && (!e?.out || e.out.test(r.stdout + r.stderr));
      report.push(`${ok ? 'ok  ' : 'FAIL'} ${line} → exit ${r.code}${ok ? '' : `\n${r.stdout.slice(0, 800)}\n${r.stderr.slice(0, 800)}`}`);
    }
    expect(report.filter((l) => l.startsWith('FAIL')), report.join('\n')).toEqual([]);
  }, 600_000);
});
