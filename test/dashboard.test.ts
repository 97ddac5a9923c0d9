import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildWeb } from '../scripts/build-web.js';
import { serve, stop, type Served } from './helpers/processes.js';

// The dashboard in Debian's chromium, driven as a person would on a fresh demo database: sign
// in, the orders queue, an order decided and its explanation read, Chinese, sign out; and no
// serious accessibility violation on any of these pages (axe-core).

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env['CI']) throw new Error(`CI needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);

let served: Served;
let browser: Browser;
let login: { email: string; password: string };
// A tile server's style for the truck-plan map (LASTMILE_MAP_STYLE_URL): a plain background, no tiles to fetch.
let styleServer: Server;
let styleRequests = 0;
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe.skipIf(!available)('the dashboard in a browser', () => {
  beforeAll(async () => {
    await buildWeb({ ifNeeded: true, log: () => undefined });
    styleServer = createServer((_req, res) => {
      styleRequests++;
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ version: 8, name: 'test', sources: {}, layers: [{ id: 'land', type: 'background', paint: { 'background-color': '#e9ecef' } }] }));
    });
    await new Promise<void>((r) => styleServer.listen(0, '127.0.0.1', r));
    const styleUrl = `http://127.0.0.1:${(styleServer.address() as { port: number }).port}/style.json`;
    served = await serve(['--demo'], { LASTMILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'lastmile-web-')), LASTMILE_MAP_STYLE_URL: styleUrl });
    const m = /Demo sign-in \(shown once, stored hashed\): (\S+) \/ (\w+)/.exec(served.output())!;
    login = { email: m[1]!, password: m[2]! };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    if (served) await stop(served);
    styleServer?.close();
  });

  /** Signs the demo owner in; the account keeps the language an earlier test chose (Chinese), so switch to English. */
  async function signInInEnglish(page: Page) {
    await page.getByLabel('E-mail').fill(login.email);
    await page.locator('input[type=password]').fill(login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^(Orders|订单)$/ }).waitFor();
    await page.getByText('English').click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
  }

  /** An API call from the page with its session cookie and CSRF token, as the app makes them. */
  async function asSignedIn(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    return page.evaluate(async (a) => {
      const s = await (await fetch('/v1/auth/session')).json();
      const r = await fetch(a.path, { method: a.method, headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrf_token }, ...(a.body === undefined ? {} : { body: JSON.stringify(a.body) }) });
      return { status: r.status, body: await r.json().catch(() => null) };
    }, { method, path, body });
  }

  /** Serious and critical axe-core violations on the page as it is now. */
  async function axeViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: axeSource });
    const r = await page.evaluate(async () => (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ resultTypes: ['violations'] }));
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  test('sign in, read the orders, decide one and read why, in English and Chinese, sign out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await page.getByRole('heading', { name: 'Sign in to lastmile' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // A wrong password: the server's message, no way in.
    await page.getByLabel('E-mail').fill(login.email);
    await page.locator('input[type=password]').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The e-mail or the password is wrong');
    await page.locator('input[type=password]').fill(login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    expect(await axeViolations(page)).toEqual([]);
    // Filter by status (in the URL, so it can be bookmarked).
    await page.getByLabel('Status').selectOption('ready');
    await expect.poll(() => page.url()).toContain('status=ready');

    // An order: decide it, and the explanation and the itemized candidates appear.
    const first = page.locator('tbody tr a').first();
    const externalId = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { name: externalId }).waitFor();
    await page.getByRole('button', { name: 'Decide' }).click();
    const explanation = page.getByTestId('explanation');
    await explanation.waitFor();
    expect(await explanation.textContent()).toMatch(/^.+, \$\d[\d,]*\.\d\d: .+(arrives|the only service)/);
    expect(await page.getByTestId('candidates').locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await page.getByTestId('candidates').textContent()).toContain('Base $');
    expect(await axeViolations(page)).toEqual([]);
    if (process.env['LASTMILE_UPDATE_SCREENSHOTS']) {
      mkdirSync('docs/img', { recursive: true });
      await page.screenshot({ path: 'docs/img/dashboard-order.png', fullPage: false });
    }

    // 中文: the same page, translated, the explanation in Chinese; then the orders page.
    await page.getByText('中文').click();
    await page.getByRole('heading', { name: '物流决策' }).waitFor();
    expect(await explanation.textContent()).toMatch(/^.+，\$\d[\d,]*\.\d\d：/);
    await page.getByRole('link', { name: '订单', exact: true }).click();
    await page.getByRole('heading', { name: '订单' }).waitFor();
    expect(await page.locator('thead').textContent()).toContain('目的地');
    expect(await page.locator('tbody').textContent()).toContain('待决策');
    expect(await axeViolations(page)).toEqual([]);

    // Signing out ends the session: the API refuses the cookie, the app shows the sign-in page.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录 lastmile' }).waitFor();
    const r = await page.evaluate(async () => (await fetch('/v1/orders?limit=1')).status);
    expect(r).toBe(401);
    await page.close();
  }, 120_000);

  test('decide 20 orders as a batch, buy their labels with progress, download one PDF of them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.goto(`${served.url}/orders?status=ready`);
    await signInInEnglish(page);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    const pick20 = async () => {
      // The first 20 orders on the page, by their ids (the list may refresh under the pointer).
      const ids = (await page.locator('tbody tr a').allTextContents()).slice(0, 20);
      expect(ids).toHaveLength(20);
      for (const id of ids) await page.getByRole('checkbox', { name: `Select ${id}` }).check();
      await page.getByText('20 selected').waitFor();
    };
    await pick20();
    await page.getByRole('button', { name: 'Decide', exact: true }).click();
    const status = page.getByTestId('batch-status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('Deciding · done · 20/20');
    expect(await status.textContent()).toMatch(/\d+ decided, \d+ could not be placed/);

    await page.getByLabel('Status').selectOption('decided');
    await expect.poll(() => page.url()).toContain('status=decided');
    // Until the new page arrives the previous one stays on screen: wait for decided orders only.
    await expect.poll(async () => { const rows = await page.locator('tbody tr').allTextContents(); return rows.length >= 20 && rows.every((r) => r.includes('Decided')); }, { timeout: 30_000 }).toBe(true);
    await pick20();
    await page.getByRole('button', { name: 'Buy labels' }).click();
    await expect.poll(() => status.textContent(), { timeout: 90_000 }).toContain('Buying labels · done');
    // Every selected order got its label (a skipped or failed one would be listed with its reason).
    expect(await status.textContent()).toContain('Labelled: 20 · Skipped: 0');
    expect(await page.getByTestId('batch-problems').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the labels (PDF)' }).click()]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // One page per package: the batch's tracking numbers.
    const batchId = download.suggestedFilename().replace(/\.pdf$/, '');
    const labels = await page.evaluate(async (id) => (await (await fetch(`/v1/label-batches/${id}`)).json()).result.results.reduce((t: number, r: { tracking_numbers: string[] }) => t + r.tracking_numbers.length, 0), batchId);
    expect(labels).toBeGreaterThanOrEqual(20);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(labels);
    await page.close();
  }, 180_000);

  test('import a Shopify export and see the rejected rows; fix an address in review in place', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import orders' }).waitFor();
    await page.locator('input[type=file][accept^=".csv"]').setInputFiles(new URL('./fixtures/shopify-orders-export.csv', import.meta.url).pathname);
    await page.getByRole('button', { name: 'Upload' }).click();
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('3 orders created');
    expect(await status.textContent()).toContain('format shopify-csv');
    expect(await page.getByTestId('rejected-rows').locator('tbody tr').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    // A channel's own JSON (the README's Shopify example, one order without a shipping address): imported at once, the refused order named.
    const json = page.locator('input[type=file][accept^=".json"]');
    const shop = JSON.parse(readFileSync(new URL('../examples/shopify-orders.json', import.meta.url), 'utf8'));
    shop.orders[1].shipping_address = null;
    await json.setInputFiles({ name: 'shop.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(shop)) });
    await page.getByRole('button', { name: 'Import the orders' }).click();
    await expect.poll(() => page.getByTestId('channel-import-status').textContent()).toMatch(/^2 orders: 1 created.*1 refused/);
    expect(await page.getByTestId('channel-rejected').textContent()).toContain(String(shop.orders[1].id));
    await json.setInputFiles({ name: 'not.json', mimeType: 'application/json', buffer: Buffer.from('{"orders": [') });
    await page.getByRole('button', { name: 'Import the orders' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The file is not JSON');

    // An order whose ZIP does not exist waits for review; the page shows the check, the suggested
    // form next to what was typed, and saving a fixed address releases it.
    const id = (await asSignedIn(page, 'POST', '/v1/orders', {
      ship_to: { name: 'Ana Garcia', line1: '12 beacon street', city: 'boston', state: 'MA', postal_code: '99999', country: 'US' },
      lines: [{ name: 'Mug', quantity: 1, weight: { value: 1, unit: 'lb' } }], order_value: { amount: 2500, currency: 'USD' },
    })).body.id as string;
    await page.goto(`${served.url}/orders/${id}`);
    await page.getByTestId('address-check').waitFor();
    expect(await page.getByTestId('address-check').textContent()).toContain('Invalid');
    expect(await page.getByTestId('address-diff').textContent()).toContain('12 BEACON ST');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Use the suggestion' }).click();
    await page.getByLabel('ZIP Code').fill('02108');
    await page.getByRole('button', { name: 'Save the address' }).click();
    await expect.poll(() => page.locator('h2 + *').first().textContent()).toMatch(/Ready/i);
    await page.close();
  }, 120_000);

  test('an exception case: acknowledge it, read its evidence and the scans, record an action, resolve it with a note; the order page shows the scans', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    // A labelled parcel (from the batch test) hits an address problem at the carrier: a case opens.
    const shipment = (await asSignedIn(page, 'GET', '/v1/shipments?limit=1')).body.data[0];
    // The scan is a minute old by the server's clock (its Date header): the browser's may differ (CI runs the server years ahead).
    const serverNow = Date.parse((await fetch(`${served.url}/health`)).headers.get('date')!);
    const ingest = await asSignedIn(page, 'POST', '/v1/tracking/events', {
      tracking_number: shipment.tracking_numbers[0], events: [{ code: 'ADDRESS_ISSUE', occurred_at: new Date(serverNow - 60_000).toISOString(), description: 'address issue', location: 'Boston, MA' }],
    });
    expect(ingest.body.cases_opened).toBe(1);
    await page.getByRole('link', { name: 'Exceptions' }).click();
    await page.getByRole('heading', { name: 'Exceptions' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Acknowledged');
    expect(await page.locator('tbody tr').first().textContent()).toContain(login.email);
    // Its details: what the rule saw, the shipment's scans with the public tracking page, an action recorded.
    await page.getByRole('button', { name: 'Details' }).click();
    const detail = page.getByTestId('case-detail');
    await expect.poll(() => detail.getByTestId('tracking-timeline').textContent()).toContain('address issue');
    expect(await detail.getByTestId('case-evidence').textContent()).not.toBe('');
    expect(await detail.getByRole('link', { name: /^Tracking page for/ }).getAttribute('href')).toBe(`/t/${encodeURIComponent(shipment.tracking_numbers[0])}`);
    await detail.getByLabel('Action').selectOption('contact_customer');
    await detail.getByLabel('What was done').fill('left a voicemail');
    await detail.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => detail.textContent()).toContain('Contacted the customer');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Hide' }).click();
    await page.getByLabel('Note (optional)').fill('called the customer, new address confirmed');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(0);
    await page.getByLabel('State').first().click();
    await page.getByRole('option', { name: 'Resolved' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    const c = await page.evaluate(async () => (await (await fetch('/v1/cases?state=resolved')).json()).data[0]);
    expect(c.actions.map((a: { type: string; note: string | null }) => [a.type, a.note])).toContainEqual(['note', 'called the customer, new address confirmed']);
    expect(c.actions.map((a: { type: string; note: string | null }) => [a.type, a.note])).toContainEqual(['contact_customer', 'left a voicemail']);
    // The order's page shows the shipment with the same scans.
    await page.goto(`${served.url}/orders/${shipment.order_id}`);
    await expect.poll(() => page.getByTestId('order-shipment').first().textContent()).toContain('address issue');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  test('edit routing rules as forms and see a conflict while typing, then save a clean set with its policy, costs, priors and calendar', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('heading', { name: 'Routing rules' }).waitFor();
    const report = page.getByTestId('rule-report');
    await expect.poll(() => report.textContent()).toContain('No conflicts');
    for (const [k, mode] of [[1, 'Truck / LTL'], [2, 'Parcel home delivery']] as const) {
      await page.getByRole('button', { name: 'Add a rule' }).click();
      const states = page.getByLabel(`States (rule ${k})`).filter({ visible: true });
      await states.fill('CA');
      await states.press('Enter');
      await page.getByLabel(`Mode (rule ${k})`).filter({ visible: true }).click();
      await page.getByRole('option', { name: mode }).click();
    }
    await expect.poll(() => report.textContent()).toContain('rule-1 and rule-2 can match the same order and ask for contradictory things (mode truck vs parcel): rule-1 wins');
    expect(await axeViolations(page)).toEqual([]);
    // Rule 2 for New York instead: no order matches both, the report clears; saved.
    const states2 = page.getByLabel('States (rule 2)').filter({ visible: true });
    await states2.click();
    await states2.press('Backspace');
    await states2.fill('NY');
    await states2.press('Enter');
    await expect.poll(() => report.textContent()).toContain('No conflicts');
    // The rest of the policy as forms: a daily quota at one warehouse, a pilot, the service levels enforced.
    await page.getByRole('button', { name: 'Add a quota' }).click();
    await page.getByLabel('Service (rate card code) (1)').first().fill('sample-usps-ground-advantage');
    await page.getByLabel('Warehouse (1)').selectOption({ label: 'ONT1' });
    await page.getByLabel('Orders a day (1)').fill('500');
    await page.getByRole('button', { name: 'Add a pilot' }).click();
    await page.getByTestId('pilots').getByLabel('Service (rate card code) (1)').fill('sample-ontrac-ground');
    await page.getByLabel('Share (1)').fill('5');
    await page.getByRole('checkbox', { name: 'Expedited' }).uncheck();
    await page.getByLabel('When no service meets the level').selectOption('ship_fastest');
    // More conditions and actions, and the policy the rules start from.
    await page.getByLabel(/^Order value from \(rule 2\)/).fill('250');
    await page.getByLabel('PO box (rule 2)').selectOption('false');
    const rule1 = page.getByTestId('rule-0');
    await rule1.getByRole('button', { name: 'Add a preference' }).click();
    await rule1.getByLabel('Carrier 1').fill('ups');
    await rule1.getByLabel(/^Bonus 1/).fill('1.50');
    const policy = page.getByTestId('policy');
    await policy.getByLabel('B2B by truck from (lb)').fill('800');
    await policy.getByLabel(/^A failed first attempt/).fill('20');
    await policy.getByLabel('First attempt fails').fill('7.5');
    await policy.getByRole('button', { name: 'Add calendar exceptions' }).click();
    await policy.getByLabel('Holidays 1').fill('2026-12-24');
    await policy.getByLabel('Holidays 1').press('Enter');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    const config = await page.evaluate(async () => (await fetch('/v1/routing/rules')).json());
    const saved = config.rules;
    expect(saved.map((r: { id: string; when: { states?: string[] }; then: { mode?: string } }) => [r.id, r.when.states, r.then.mode])).toEqual([['rule-1', ['CA'], 'truck'], ['rule-2', ['NY'], 'parcel']]);
    const ont1 = (await asSignedIn(page, 'GET', '/v1/warehouses?limit=10')).body.data.find((w: { code: string }) => w.code === 'ONT1').id;
    expect(config.quotas).toEqual([{ service: 'sample-usps-ground-advantage', warehouse_id: ont1, daily_capacity: 500 }]);
    expect(config.pilots).toEqual([{ name: 'pilot-1', service: 'sample-ontrac-ground', share: 0.05 }]);
    expect(config.service_levels).toEqual({ enforce: ['overnight'], when_unmet: 'ship_fastest' });
    expect(saved[1].when).toMatchObject({ value: { min: { amount: 25000, currency: 'USD' } }, po_box: false });
    expect(saved[0].then.prefer).toEqual([{ carrier: 'ups', bonus: { amount: 150, currency: 'USD' } }]);
    expect(config.mode_policy.b2b_truck_weight_lb).toBe(800);
    expect(config.costs.redelivery).toEqual({ amount: 2000, currency: 'USD' });
    expect(config.priors.default.fail_first_attempt).toBeCloseTo(0.075);
    expect(config.calendar_overrides).toEqual({ US: { holidays: ['2026-12-24'], workdays: [] } });
    await page.close();
  }, 120_000);

  test('invite a viewer who cannot decide or buy labels (the API refuses too); change the password', async () => {
    const owner = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await owner.goto(served.url);
    await signInInEnglish(owner);
    await owner.getByRole('link', { name: 'Users' }).click();
    await owner.getByRole('heading', { name: 'Users' }).waitFor();
    await owner.getByLabel('E-mail').fill('viewer@example.com');
    await owner.getByRole('button', { name: 'Invite' }).click();
    const link = (await owner.getByTestId('invite-url').textContent())!;
    expect(link).toMatch(/\/accept-invite#token=\w{40}$/);
    expect(await axeViolations(owner)).toEqual([]);

    // The viewer opens the link in their own browser and chooses a password.
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const viewer = await ctx.newPage();
    await viewer.goto(link.replace(/^https?:\/\/[^/]+/, served.url));
    await viewer.getByRole('heading', { name: 'Welcome: choose your password' }).waitFor();
    expect(await axeViolations(viewer)).toEqual([]);
    await viewer.locator('input[type=password]').fill('sunny meadow 4242');
    await viewer.getByRole('button', { name: 'Save and sign in' }).click();
    await viewer.getByRole('heading', { name: 'Orders' }).waitFor();
    // No Users page, no Decide button for a viewer; and the API refuses a label even with a valid session and CSRF token.
    expect(await viewer.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await viewer.locator('tbody tr a').first().click();
    await viewer.getByRole('heading', { name: 'Decision' }).waitFor();
    expect(await viewer.getByRole('button', { name: /Decide/ }).count()).toBe(0);
    const refused = await asSignedIn(viewer, 'POST', '/v1/shipments', { order_id: new URL(viewer.url()).pathname.split('/').pop() });
    expect([refused.status, refused.body.detail]).toEqual([403, 'The viewer role may not do this (it needs "shipments:write")']);
    await ctx.close();

    // The owner changes the password: the wrong current one is named, then it works, and the new one signs in.
    await owner.getByRole('link', { name: 'Account' }).click();
    await owner.getByLabel('Current password').fill('not my password');
    await owner.getByLabel('New password').fill('a brand new passphrase');
    await owner.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => owner.getByText('wrong password', { exact: true }).count()).toBeGreaterThan(0);
    await owner.getByLabel('Current password').fill(login.password);
    await owner.getByRole('button', { name: 'Change password' }).click();
    await owner.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    // The tests after this one sign in with the new password.
    login.password = 'a brand new passphrase';
    expect(await axeViolations(owner)).toEqual([]);
    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.getByLabel('E-mail').fill(login.email);
    await owner.locator('input[type=password]').fill('a brand new passphrase');
    await owner.getByRole('button', { name: 'Sign in' }).click();
    // Back where the owner was.
    await owner.getByRole('heading', { name: 'Your account' }).waitFor();
    await owner.close();
  }, 120_000);

  test('search and filter the queue (in the URL), then cancel two orders as a batch with a reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${served.url}/orders?status=ready`);
    await signInInEnglish(page);
    await page.goto(`${served.url}/orders?status=ready`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    // Search a customer's first name: every row found is theirs, and the URL keeps the search.
    const name = (await page.locator('tbody tr').first().locator('td').nth(2).textContent())!.split(' ')[0]!;
    await page.getByLabel('Search').fill(name.toLowerCase());
    await page.getByLabel('Search').press('Enter');
    await expect.poll(() => page.url()).toContain(`q=${name.toLowerCase()}`);
    await expect.poll(async () => (await page.locator('tbody tr td:nth-child(3)').allTextContents()).every((c) => c.startsWith(name))).toBe(true);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    // Truck orders of one warehouse; then clear every filter.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.getByLabel('Warehouse').selectOption({ label: 'ONT1' });
    await page.getByLabel('Status').selectOption('ready');
    await expect.poll(() => page.url()).toMatch(/warehouse_id=wh_.*status=ready|status=ready.*warehouse_id=wh_/);
    expect(await axeViolations(page)).toEqual([]);
    // Cancel two: the reason asked for, the outcome shown, the orders cancelled in the API.
    const rows = page.locator('tbody tr');
    const ids = await Promise.all([0, 1].map(async (i) => (await rows.nth(i).locator('a').getAttribute('href'))!.split('/').pop()!));
    for (const i of [0, 1]) await rows.nth(i).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Cancel orders' }).click();
    await page.getByLabel("Reason (kept in each order's history)").fill('customer asked by phone');
    await page.getByRole('button', { name: 'Cancel 2 orders' }).click();
    await expect.poll(() => page.getByTestId('cancel-status').textContent()).toContain('2 cancelled, 0 could not be cancelled');
    for (const id of ids) {
      const o = (await asSignedIn(page, 'GET', `/v1/orders/${id}`)).body;
      expect(o.status).toBe('cancelled');
    }
    await page.close();
  }, 120_000);

  test('the rate calculator: every service side by side with its price breakdown; a bad ZIP named; another country answered per service', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Rate calculator' }).click();
    await page.getByLabel(/^To postal code/).fill('10001');
    await page.getByLabel(/^Weight/).fill('12');
    for (const [side, v] of [['Length', '18'], ['Width', '14'], ['Height', '10']] as const) await page.getByLabel(side).fill(v);
    await page.getByRole('button', { name: 'Get rates' }).click();
    const rows = page.getByTestId('rate-table').locator('tbody tr');
    await rows.first().waitFor();
    // The same quotes the API gives, cheapest first, each total shown.
    const api = (await asSignedIn(page, 'POST', '/v1/rates', { from: { postal_code: '91761' }, to: { postal_code: '10001' }, packages: [{ weight: { value: 12, unit: 'lb' }, dimensions: { length: 18, width: 14, height: 10, unit: 'in' } }], options: { residential: true } })).body;
    const eligible = api.services.filter((s: { eligible: boolean }) => s.eligible);
    expect(await rows.count()).toBe(eligible.length);
    expect(eligible.length).toBeGreaterThan(3);
    const totals = (await rows.locator('td:last-child').allTextContents()).map((x) => Number(x.replace(/[$,]/g, '')));
    expect(totals).toEqual(eligible.map((s: { total: { amount: number } }) => s.total.amount / 100));
    expect([...totals].sort((a, b) => a - b)).toEqual(totals);
    expect(await rows.first().textContent()).toContain('cheapest');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/^To postal code/).fill('1000');
    await page.getByRole('button', { name: 'Get rates' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('to.postal_code: a US ZIP Code');
    // Another country: every service says it prices parcels within the US only.
    await page.getByLabel(/^To country/).fill('GB');
    await page.getByLabel(/^To postal code/).fill('SW1A 1AA');
    await page.getByRole('button', { name: 'Get rates' }).click();
    await expect.poll(() => page.getByTestId('rate-ineligible').textContent()).toContain('prices parcels within the US only (from US to GB asked)');
    expect(await page.getByTestId('rate-table').count()).toBe(0);
    // Check a contract card before it is used: a field the format does not have is named, the
    // fixed card imports.
    const card = { code: 'acme-check', carrier: 'acme', service: 'check', name: 'Acme Check', currency: 'USD', effective_from: '2026-01-01', weight_unit: 'lb', weight_steps: [{ step: { value: 1, unit: 'lb' } }], fuel_percent: 20 };
    await page.getByLabel('Rate card (JSON or YAML)').fill(JSON.stringify(card, null, 2));
    await page.getByLabel('Price grid (CSV, optional)').fill('Weight,Zone 2,Zone 3\n1,9.00,9.50\n2,10.00,10.50\n');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.getByTestId('card-findings').textContent()).toContain('card.fuel_percent not part of the card format');
    expect(await page.getByTestId('card-findings').textContent()).toContain('1 error: the card cannot be imported as it is');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // Fixed, with a contract discount, and a grid for every zone (priced so that no decision of a
    // later test picks it).
    const { fuel_percent: _drop, ...fixed } = card;
    await page.getByLabel('Rate card (JSON or YAML)').fill(JSON.stringify({ ...fixed, contract: { discounts: [{ name: 'contract', percent: 10, applies_to: ['base'] }] } }));
    await page.getByLabel('Price grid (CSV, optional)').fill(`Weight,${[2, 3, 4, 5, 6, 7, 8].map((z) => `Zone ${z}`).join(',')}\n20,${Array(7).fill('900.00').join(',')}\n`);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.getByTestId('card-findings').textContent()).toContain('Valid, with 0 warnings');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('card-check').textContent()).toContain('Imported acme-check, effective 2026-01-01');
    const cards = (await asSignedIn(page, 'GET', '/v1/rate-cards')).body.data;
    expect(cards.some((c: { code: string }) => c.code === 'acme-check')).toBe(true);
    // Its quote shows the discount in its own column: $900.00 less 10 %.
    await page.getByLabel(/^To country/).fill('US');
    await page.getByLabel(/^To postal code/).fill('10001');
    await page.getByRole('button', { name: 'Get rates' }).click();
    const acme = page.getByTestId('rate-table').locator('tbody tr', { hasText: 'Acme Check' });
    await acme.waitFor();
    expect(await page.getByTestId('rate-table').locator('thead').textContent()).toContain('Contract discounts');
    expect(await acme.textContent()).toContain('contract 10% off base −$90.00');
    await page.close();
  }, 120_000);

  test('create a truck plan for a warehouse and day, see its routes drawn on the tile map and the offline map, open a driver sheet', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Truck plans' }).click();
    await page.getByRole('heading', { name: 'Truck plans' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Warehouse').filter({ visible: true }).click();
    await page.getByRole('option', { name: /^ONT1/ }).click();
    await page.getByLabel('Delivery day').fill('2026-12-08');
    await page.getByLabel('Solver time (s)').fill('3');
    await page.getByRole('button', { name: 'Plan routes' }).click();
    // Progress while the job runs, then the totals, the map and one card per truck.
    await page.getByTestId('plan-totals').waitFor({ timeout: 60_000 });
    const id = /\/truck-plans\/([^/?#]+)/.exec(page.url())![1]!;
    const plan = (await asSignedIn(page, 'GET', `/v1/truck-plans/${id}`)).body;
    expect(plan.state).toBe('succeeded');
    const routes: { vehicle_id: string; stops: { order_id: string }[] }[] = plan.result.routes;
    expect(routes.length).toBeGreaterThan(0);
    expect(await page.getByTestId('plan-totals').textContent()).toContain(`${plan.result.totals.planned} of ${plan.result.totals.orders} orders on ${routes.length} trucks`);
    // The server has a tile map (LASTMILE_MAP_STYLE_URL): the routes over it first, every planned order on a numbered marker, the depot.
    const tiles = page.getByTestId('tile-map');
    await expect.poll(() => tiles.getAttribute('data-loaded'), { timeout: 60_000 }).toBe('true');
    expect(styleRequests).toBeGreaterThan(0);
    const onTiles = (await tiles.locator('.lm-stop-marker').evaluateAll((els) => els.map((e) => e.getAttribute('data-stop')!.split(' ')))).flat();
    expect(onTiles.sort()).toEqual(routes.flatMap((r) => r.stops.map((s) => s.order_id)).sort());
    expect(await tiles.locator('.lm-depot-marker').count()).toBe(1);
    expect(await tiles.locator('canvas').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // The offline outlines, one click away.
    await page.getByRole('button', { name: 'Outline map (offline)' }).click();
    const map = page.getByTestId('route-map');
    await map.waitFor();
    // Each route drawn as a line through its stops, every planned order on a marker, the depot, and the county outlines loaded.
    expect(await map.locator('[data-vehicle]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-vehicle')))).toEqual(routes.map((r) => r.vehicle_id));
    for (const r of routes) expect(await map.locator(`[data-vehicle="${r.vehicle_id}"] polyline`).getAttribute('points')).toMatch(new RegExp(`^([\\d.-]+,[\\d.-]+ ?){${r.stops.length + 2}}$`));
    const drawn = (await map.locator('[data-stop]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-stop')!.split(' ')))).flat();
    expect(drawn.sort()).toEqual(routes.flatMap((r) => r.stops.map((s) => s.order_id)).sort());
    await map.getByTestId('depot').waitFor();
    await expect.poll(() => map.locator('g[aria-hidden=true] path').count()).toBeGreaterThan(2);
    expect(await page.getByTestId('route-card').count()).toBe(routes.length);
    expect(await axeViolations(page)).toEqual([]);
    if (process.env['LASTMILE_UPDATE_SCREENSHOTS']) await page.screenshot({ path: 'docs/img/dashboard-truck-plan.png', fullPage: false });
    // The driver sheet of the first truck: its stops in order, printable.
    const [sheet] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Driver sheet' }).first().click()]);
    await sheet.waitForLoadState();
    expect(await sheet.textContent('body')).toContain(routes[0]!.vehicle_id);
    await sheet.close();
    // 中文: the same plan, translated.
    await page.getByText('中文').click();
    await page.getByRole('heading', { name: /的卡车计划$/ }).waitFor();
    expect(await page.getByTestId('plan-totals').textContent()).toContain(`辆卡车`);
    await page.getByText('English').click();
    await page.close();
  }, 120_000);

  test('shipments: reprint a label, void one (the carrier voids it, the order is decided again), close the day on a manifest', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Shipments' }).click();
    await page.getByRole('heading', { name: 'Shipments' }).waitFor();
    await page.getByLabel('Status').selectOption('labeled');
    // The filtered list, not the one shown until it arrives: every row labelled (the case test's
    // shipment is in "exception" and may not be voided).
    await expect.poll(async () => { const rows = await page.locator('tbody tr').allTextContents(); return rows.length > 2 && rows.every((r) => r.includes('Labelled')); }).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // Reprint: the label PDF of the first shipment, as the API serves it.
    const href = (await page.getByRole('link', { name: 'Reprint' }).first().getAttribute('href'))!;
    const pdf = await page.evaluate(async (u) => { const r = await fetch(u); return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) }; }, href);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    // Void the first one.
    const shipmentId = href.split('/')[3]!;
    const before = (await asSignedIn(page, 'GET', `/v1/shipments/${shipmentId}`)).body;
    await page.getByRole('button', { name: 'Void' }).first().click();
    await page.getByLabel('Reason').fill('wrong box');
    await page.getByRole('button', { name: 'Void the label' }).click();
    await expect.poll(async () => (await asSignedIn(page, 'GET', `/v1/shipments/${shipmentId}`)).body.status).toBe('cancelled');
    expect((await asSignedIn(page, 'GET', `/v1/orders/${before.order_id}`)).body.status).toBe('decided');
    // Close the day for the carrier and warehouse of another labelled shipment.
    const other = (await asSignedIn(page, 'GET', '/v1/shipments?status=labeled&limit=1')).body.data[0];
    const waiting = (await asSignedIn(page, 'GET', `/v1/shipments?status=labeled&carrier=${other.carrier}&warehouse_id=${other.warehouse_id}&limit=200`)).body.data.length;
    await page.getByLabel(/^Carrier/).fill(other.carrier);
    await page.getByTestId('manifests').locator('..').getByLabel(/^Warehouse/).selectOption(other.warehouse_id);
    await page.getByRole('button', { name: 'Close the day' }).click();
    await expect.poll(() => page.getByTestId('manifests').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('manifests').locator('tbody tr').textContent()).toContain(`${waiting} shipments`);
    expect((await asSignedIn(page, 'GET', `/v1/shipments/${other.id}`)).body.status).toBe('manifested');
    await page.close();
  }, 120_000);

  test('the overview counts what the API counts; analytics charts the labelled shipments and exports them as CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const ov = (await asSignedIn(page, 'GET', `/v1/overview?tz=${encodeURIComponent(tz)}`)).body;
    const today = Object.values(ov.orders_since as Record<string, number>).reduce((a, b) => a + b, 0);
    await expect.poll(() => page.getByTestId('stat-today').textContent()).toContain(today.toLocaleString('en-US'));
    expect(await page.getByTestId('stat-cases').textContent()).toContain(String(ov.open_cases));
    // The batch test bought labels for 20 orders today; the shipments test voided one of them.
    expect(ov.labels_since.shipments).toBeGreaterThanOrEqual(19);
    expect(await page.getByTestId('stat-labels').textContent()).toContain(String(ov.labels_since.packages));
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // Cost per parcel drawn; nothing delivered yet, so the on-time chart says so instead of drawing nothing.
    await expect.poll(() => page.locator('.recharts-line-curve').count()).toBe(1);
    expect(await page.getByText('No delivery with a promise to compare with yet.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    if (process.env['LASTMILE_UPDATE_SCREENSHOTS']) await page.screenshot({ path: 'docs/img/dashboard-overview.png', fullPage: false });

    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Carrier analytics' }).waitFor();
    const kpis = (await asSignedIn(page, 'GET', '/v1/kpis/carriers')).body.carriers as { card: string; shipments: number }[];
    expect(kpis.reduce((a, k) => a + k.shipments, 0)).toBe(ov.labels_since.shipments);
    await expect.poll(() => page.getByTestId('kpi-table').locator('tbody tr').count()).toBe(kpis.length);
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('carrier,card,service_name,shipments,packages,delivered,in_flight,lost,returned,on_time_rate,first_attempt_rate,loss_rate,return_rate,cost_per_parcel_amount,cost_per_parcel_currency,avg_transit_days');
    expect(csv.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(kpis.map((k) => k.card).sort());
    // A period with nothing in it: the empty state, not empty axes.
    await page.getByLabel('Labelled from').fill('2020-01-01');
    await page.getByLabel('Labelled to').fill('2020-01-31');
    await expect.poll(() => page.getByText('No shipments labelled in this period.').count()).toBeGreaterThan(0);
    await page.getByText('中文').click();
    await page.getByRole('heading', { name: '承运商数据分析' }).waitFor();
    await page.getByText('English').click();
    await page.close();
  }, 120_000);

  test('settings: an API key made with its scopes, shown once, then revoked (the API refuses it); a webhook added, tested, its log read', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel('Name').first().fill('ERP export');
    await page.getByRole('checkbox', { name: 'rates:read' }).check();
    await page.getByRole('button', { name: 'Create a key' }).click();
    const secret = (await page.getByTestId('secret').locator('pre').textContent())!.trim();
    expect(secret).toMatch(/^lm_live_\w{32}$/);
    const keyed = await page.evaluate(async (k) => (await fetch('/v1/orders?limit=1', { headers: { authorization: `Bearer ${k}` } })).status, secret);
    expect(keyed).toBe(200);
    const row = page.getByTestId('api-keys').locator('tbody tr').filter({ hasText: 'ERP export' });
    expect(await row.textContent()).toContain('orders:read, rates:read');
    expect(await row.textContent()).not.toContain(secret);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect(await page.evaluate(async (k) => (await fetch('/v1/orders?limit=1', { headers: { authorization: `Bearer ${k}` } })).status, secret)).toBe(401);
    // A webhook endpoint: its signing secret once; a test to a host that does not exist fails and says why.
    await page.getByLabel(/^Endpoint URL/).fill('https://hooks.example.invalid/lastmile');
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    await expect.poll(() => page.getByTestId('webhooks').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('secret').last().locator('pre').textContent()).toMatch(/\S{16,}/);
    await page.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(() => page.getByTestId('webhook-test').textContent()).toContain('The endpoint did not take it');
    await page.getByRole('button', { name: 'Delivery log' }).click();
    await page.getByTestId('deliveries').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  test('settings: a warehouse edited as a form, customer e-mails set up (the password never shown), a sales channel connected, pulled and disconnected', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => void d.accept());
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // The first warehouse: a UPS cut-off, a poly mailer and a truck type added in the form.
    const before = (await asSignedIn(page, 'GET', '/v1/warehouses')).body.data[0];
    await page.getByRole('button', { name: `Edit ${before.code}` }).click();
    const form = page.getByTestId('warehouse-form');
    await form.getByRole('button', { name: 'Add a cut-off' }).click();
    const n = before.pickup_cutoffs.length + 1;
    await form.getByLabel(`Carrier (* for any) ${n}`).fill('ups');
    await form.getByLabel(`Cut-off ${n}`).fill('15:30');
    await form.getByRole('button', { name: 'Add a box' }).click();
    const b = before.boxes.length + 1;
    await form.getByLabel(`Box id ${b}`).fill('MAILER-T1');
    await form.getByLabel('Type', { exact: true }).last().selectOption('poly_mailer');
    await form.getByLabel(/^Cost \(USD\)/).last().fill('0.18');
    await form.getByRole('button', { name: 'Add a truck type' }).click();
    const v = before.fleet.vehicle_types.length + 1;
    await form.getByLabel(`Truck type ${v}`).fill('VAN-2');
    await form.getByLabel(/^Cost per day/).last().fill('180');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save the warehouse' }).click();
    await form.waitFor({ state: 'detached' });
    const after = (await asSignedIn(page, 'GET', `/v1/warehouses/${before.id}`)).body;
    expect(after.pickup_cutoffs).toContainEqual({ carrier: 'ups', cutoff: '15:30' });
    expect(after.boxes.find((x: { id: string }) => x.id === 'MAILER-T1')).toMatchObject({ type: 'poly_mailer', cost: { amount: 18, currency: 'USD' } });
    expect(after.fleet.vehicle_types.find((x: { code: string }) => x.code === 'VAN-2')).toMatchObject({ count: 1, fixed_cost: { amount: 18000, currency: 'USD' } });
    expect(after.boxes).toHaveLength(before.boxes.length + 1);
    expect(await page.getByTestId('warehouse').first().textContent()).toContain('ups 15:30');
    // A bad time zone is refused with the field named; nothing saved.
    await page.getByRole('button', { name: `Edit ${before.code}` }).click();
    await form.getByLabel(/^Time zone/).fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Save the warehouse' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('timezone');
    await form.getByRole('button', { name: 'Cancel' }).click();

    // Customer e-mails over SMTP: a private host is refused and named; the password is kept, never shown.
    await page.getByLabel('Send customer notifications').check();
    await page.getByLabel('Send through').selectOption('smtp');
    await page.getByLabel(/^SMTP host/).fill('127.0.0.1');
    await page.getByLabel(/^From/).fill('Acme <ship@acme.example>');
    await page.getByLabel('Password', { exact: true }).fill('smtp-pass-9876');
    await page.getByRole('button', { name: 'Save the notifications' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('smtp.host');
    await page.getByLabel(/^SMTP host/).fill('smtp.example.com');
    await page.getByRole('button', { name: 'Save the notifications' }).click();
    await expect.poll(() => page.getByText('Saved.').count()).toBe(1);
    const saved = (await asSignedIn(page, 'GET', '/v1/notifications/settings')).body;
    expect(saved).toMatchObject({ enabled: true, channel: 'smtp', smtp: { host: 'smtp.example.com', password_set: true } });
    expect(JSON.stringify(saved)).not.toContain('smtp-pass-9876');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');

    // A Shopify shop: connected (the webhook URL to give the shop), pulled (the shop cannot be reached here: the error is shown), disconnected.
    await page.getByLabel(/^Shop or API URL/).fill('https://acme-test.myshopify.com');
    await page.getByLabel(/^Admin API access token/).fill('shpat_secret_token_1');
    await page.getByLabel(/^App secret/).fill('app-secret-2');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => page.getByTestId('channels').locator('tbody tr').count()).toBe(1);
    expect(await page.getByText('For orders as they happen').count()).toBe(1);
    expect(await page.getByTestId('channels').textContent()).not.toContain('shpat_secret_token_1');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Pull orders now' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 }).toContain('Pulling from shopify failed');
    await expect.poll(() => page.getByTestId('channels').locator('tbody tr').first().textContent()).toMatch(/fetch failed|ENOTFOUND|EAI_AGAIN|unreachable|resolve/i);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => page.getByTestId('channels').locator('tbody tr').count()).toBe(0);
    await asSignedIn(page, 'PUT', '/v1/notifications/settings', { enabled: false });

    // The organisation: money entered in yuan, days counted in Shanghai; a new box is priced in CNY.
    await page.getByLabel(/^Currency/).fill('CNY');
    await page.getByLabel('Time zone').first().selectOption('Asia/Shanghai');
    await page.getByRole('button', { name: 'Save the currency and zone' }).click();
    await expect.poll(() => page.getByTestId('tenant-saved').textContent()).toBe('Saved: money is entered in CNY, days are counted in Asia/Shanghai.');
    expect((await asSignedIn(page, 'GET', '/v1/tenant')).body).toMatchObject({ currency: 'CNY', time_zone: 'Asia/Shanghai' });
    await page.getByRole('button', { name: `Edit ${before.code}` }).click();
    await form.getByRole('button', { name: 'Add a box' }).click();
    expect(await form.getByLabel(/^Cost \(CNY\)/).count()).toBe(1);
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect((await asSignedIn(page, 'PATCH', '/v1/tenant', { currency: 'USD', time_zone: null })).status).toBe(200);
    await page.close();
  }, 120_000);

  test("carriers and rates: a card's price grid; a contract imported with the carrier's CSV grid; a carrier account whose key is never shown", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await signInInEnglish(page);
    await page.getByRole('link', { name: 'Carriers and rates' }).click();
    await page.getByRole('heading', { name: 'Carriers and rates' }).waitFor();
    const ups = page.getByTestId('rate-cards').locator('tbody tr').filter({ has: page.locator('code', { hasText: /^sample-ups-ground$/ }) });
    await ups.getByRole('button', { name: 'Price grid' }).click();
    const card = (await asSignedIn(page, 'GET', '/v1/rate-cards/sample-ups-ground')).body.card;
    const grid = page.getByTestId('grid').locator('table');
    await grid.waitFor();
    expect(await grid.locator('thead th').allTextContents()).toEqual(['Weight', ...card.prices.zones.map((z: string) => `Zone ${z}`)]);
    const first = card.prices.rows[0];
    expect(await grid.locator('tbody tr').first().textContent()).toBe(`${first.weight.value} ${first.weight.unit}${first.prices.map((p: number) => `$${(p / 100).toFixed(2)}`).join('')}`);
    expect(await axeViolations(page)).toEqual([]);
    // Import a contract: the card as JSON, the prices as the carrier's CSV table.
    await page.getByLabel(/^Card \(JSON\)/).fill(JSON.stringify({ code: 'acme-ground', carrier: 'acme', service: 'ground', name: 'Acme Ground', currency: 'USD', effective_from: '2026-01-01', weight_unit: 'lb', weight_steps: [{ step: { value: 1, unit: 'lb' } }], dim: { divisor: 139, system: 'imperial' } }));
    await page.locator('input[type=file][accept^=".csv"]').setInputFiles({ name: 'grid.csv', mimeType: 'text/csv', buffer: readFileSync(new URL('./fixtures/rate-grid.csv', import.meta.url)) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('imported').textContent()).toBe('Imported acme-ground, effective 2026-01-01.');
    await expect.poll(() => page.getByTestId('rate-cards').textContent()).toContain('Acme Ground');
    // Bad JSON is named, nothing sent.
    await page.getByLabel(/^Card \(JSON\)/).fill('{"code": ');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The card is not JSON');
    // A USPS zone chart (the README's example, origin 945): imported and listed.
    await page.locator('input[type=file][accept^=".json"]').setInputFiles(new URL('../examples/usps-zone-chart-945.json', import.meta.url).pathname);
    await page.getByRole('button', { name: 'Import the chart' }).click();
    await expect.poll(() => page.getByTestId('zone-imported').textContent()).toMatch(/^Imported the usps chart for origin 945, effective \d{4}-\d{2}-\d{2}\.$/);
    await expect.poll(() => page.getByTestId('zone-charts').textContent()).toContain('945');
    // A carrier account: saved, listed without its key; the API does not return it either.
    await page.getByLabel(/^Carrier \*/).fill('metro');
    await page.getByLabel(/^API base URL/).fill('https://api.metro.example');
    const metroSecret = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save the account' }) }).locator('input[type=password]');
    await metroSecret.fill('metro-secret-key-123');
    await page.getByRole('button', { name: 'Save the account' }).click();
    await expect.poll(() => page.getByTestId('carrier-accounts').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('carrier-accounts').textContent()).not.toContain('metro-secret-key-123');
    expect(JSON.stringify((await asSignedIn(page, 'GET', '/v1/carrier-accounts')).body)).not.toContain('metro-secret-key-123');
    expect(await metroSecret.inputValue()).toBe('');
    // The connection test reaches for the carrier (no such host here) and says why it failed.
    await page.getByRole('button', { name: 'Test the connection' }).click();
    await expect.poll(() => page.getByTestId('account-test').textContent(), { timeout: 30_000 }).toMatch(/^Not connected: CARRIER_UNAVAILABLE/);
    // Back to sample labels for the tests after this one.
    await page.getByTestId('carrier-accounts').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByTestId('carrier-accounts').locator('tbody tr').count()).toBe(0);
    // UPS's own API: a bad account number is refused by field; a good form saves the account
    // (sandbox, the secret never shown); its test reaches for UPS (no network here) and says so.
    const upsForm = page.getByTestId('native-form');
    await upsForm.getByLabel(/^Client ID/).fill('ups-app-client');
    await upsForm.locator('input[type=password]').fill('ups-app-secret-456');
    await upsForm.getByLabel(/^Account number/).fill('A1B2');
    await upsForm.getByRole('button', { name: 'Connect UPS' }).click();
    await expect.poll(() => upsForm.getByRole('alert').textContent()).toContain('account_number');
    await upsForm.getByLabel(/^Account number/).fill('A1B2C3');
    await upsForm.getByRole('button', { name: 'Connect UPS' }).click();
    await expect.poll(() => page.getByTestId('carrier-accounts').locator('tbody tr').count()).toBe(1);
    const row = page.getByTestId('carrier-accounts').locator('tbody tr').first();
    expect(await row.textContent()).toContain('UPS');
    expect(await row.textContent()).toContain('"environment":"sandbox"');
    expect(await page.getByTestId('carrier-accounts').textContent()).not.toContain('ups-app-secret-456');
    expect(await upsForm.locator('input[type=password]').inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole('button', { name: 'Test the connection' }).click();
    await expect.poll(() => page.getByTestId('account-test').textContent(), { timeout: 30_000 }).toMatch(/^Not connected: CARRIER_UNAVAILABLE/);
    await page.getByTestId('carrier-accounts').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByTestId('carrier-accounts').locator('tbody tr').count()).toBe(0);
    await page.close();
  }, 120_000);

  test('the app is served at / and its own paths, the API and docs keep theirs', async () => {
    const html = await fetch(`${served.url}/orders/ord_123`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    const api = await fetch(`${served.url}/v1/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${served.url}/docs`)).status).toBe(200);
  });
});
