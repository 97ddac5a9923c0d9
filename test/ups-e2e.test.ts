import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiFixture, decidedViaApi, shipViaApi, type ApiFixture } from './helpers/api-fixture.js';
import { runCliAsync } from './helpers/processes.js';
import { orderInput } from './helpers/factories.js';
import { hasUpsSpec, startUpsMock, type UpsMock } from './helpers/ups-mock.js';

const imaging = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('zbarimg', ['--version']).status === 0;

type Json = Record<string, any>;
let f: ApiFixture;
let ups: UpsMock;
let accountId: string;

const problems = () => ups.requests.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));

const decided = (postal_code: string, state: string, city: string) => decidedViaApi(f, { postal_code, state, city });

beforeAll(async () => {
  ups = await startUpsMock({ clientId: 'ups-client', clientSecret: 'ups-secret-value' });
  // A short deadline so that the slow-UPS case falls back quickly; answers reused for a minute.
  f = await apiFixture({ liveRates: { deadlineMs: 400, ttlMs: 60_000 } });
});
afterAll(async () => {
  await f?.close();
  await ups?.close();
});

describe('a UPS account against the local UPS: connect, decide with live rates, buy, print, track, void', () => {
  test('connecting: the secret sealed and never shown, a bad account number refused by field, the test call signs in and rates', async () => {
    const bad = await f.app.inject({ method: 'PUT', url: '/v1/carrier-accounts', headers: f.auth(), payload: { kind: 'ups', client_id: 'x', client_secret: 'y', account_number: 'TOO-LONG-1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: Json) => e.path)).toContain('account_number');
    const put = await f.app.inject({
      method: 'PUT', url: '/v1/carrier-accounts', headers: f.auth(),
      payload: { kind: 'ups', base_url: ups.url, client_id: 'ups-client', client_secret: 'ups-secret-value', account_number: 'a1b2c3', negotiated_rates: true, timeout_ms: 3000 },
    });
    expect(put.statusCode, put.body).toBe(200);
    accountId = put.json().id;
    expect(put.json()).toMatchObject({ carrier: 'ups', kind: 'ups', settings: { account_number: 'A1B2C3', client_secret: '••••', environment: 'sandbox', label_format: 'pdf', negotiated_rates: true } });
    const list = await f.app.inject({ url: '/v1/carrier-accounts', headers: f.auth() });
    expect(list.body).not.toContain('ups-secret-value');
    const stored = await f.t.lm.services.shipments.listAccounts(f.tenantId);
    expect(JSON.stringify(stored)).not.toContain('ups-secret-value');
    const check = await f.app.inject({ method: 'POST', url: `/v1/carrier-accounts/${accountId}/test`, headers: f.auth() });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ ok: true, kind: 'ups', error: null });
    expect(check.json().rates.map((r: Json) => r.service)).toContain('ground');
    expect(check.json().checks).toEqual([{ name: 'token', ok: true, message: 'signed in' }, { name: 'rates', ok: true, message: '5 rates' }, { name: 'labels', ok: null, message: 'not tried (ask with labels=true)' }]);
    // In the sandbox a label can be bought and voided to prove labels work.
    const withLabel = (await f.app.inject({ method: 'POST', url: `/v1/carrier-accounts/${accountId}/test?labels=true`, headers: f.auth() })).json();
    expect(withLabel.checks[2]).toMatchObject({ name: 'labels', ok: true });
    const sold = [...ups.shipments.values()].at(-1)!;
    expect(sold.voided).toBe(true);
    // No USPS account here: asking USPS to check an address says so.
    const o = (await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ warehouse_id: 'ONT1' }) })).json();
    const noUsps = await f.app.inject({ method: 'POST', url: `/v1/orders/${o.id}/address/carrier-check`, headers: f.auth(), payload: { carrier: 'usps' } });
    expect(noUsps.statusCode).toBe(409);
    expect(noUsps.json().detail).toContain('no usps account');
    expect(problems()).toEqual([]);
  });

  test("a decision prices UPS's services with UPS's own rates and says so; the other carriers stay on their cards", async () => {
    const d = await decided('02108', 'MA', 'Boston');
    const upsCandidates = d.decision.candidates.filter((c: Json) => c.carrier === 'ups');
    expect(upsCandidates.length).toBeGreaterThan(0);
    for (const c of upsCandidates) expect(c.price_source).toBe('live');
    for (const c of d.decision.candidates.filter((x: Json) => x.carrier !== 'ups')) expect(c.price_source).toBe('card');
    const ground = upsCandidates.find((c: Json) => c.service === 'ground');
    expect(ground.name).toBe('UPS Ground');
    expect(ground.sample).toBe(false);
    expect(ground.price.surcharges.map((s: Json) => s.code)).toEqual(['residential']);
    expect(ground.price.fuel.amount.amount).toBeGreaterThan(0);
    expect(ground.transit_days.p50).toBe(4);
    expect(d.decision.reasons.map((r: Json) => r.code)).toContain('LIVE_PRICES');
    expect(d.decision.explanation.en).toContain("UPS prices are the carrier's own live rates");
    expect(d.decision.explanation.zh).toContain('UPS 的价格为承运商实时报价');
    // The same shipment shape again: UPS is not asked twice.
    const before = ups.requests.filter((r) => r.path.includes('/rating/')).length;
    await decided('02108', 'MA', 'Boston');
    expect(ups.requests.filter((r) => r.path.includes('/rating/')).length).toBe(before);
    expect(problems()).toEqual([]);
  });

  test('UPS down or slow: the decision falls back to the cards within the deadline and says why', async () => {
    ups.down = true;
    try {
      const d = await decided('10118', 'NY', 'New York');
      for (const c of d.decision.candidates.filter((x: Json) => x.carrier === 'ups')) expect(c.price_source).toBe('card');
      expect(d.decision.reasons).toContainEqual({ code: 'CARD_PRICES_FALLBACK', args: { carriers: ['UPS'], why: 'unavailable' } });
      expect(d.decision.explanation.en).toContain('UPS could not be reached, so its prices come from rate cards');
    } finally {
      ups.down = false;
    }
    ups.rateDelayMs = 3000;
    try {
      const d = await decided('60601', 'IL', 'Chicago');
      expect(d.decision.reasons).toContainEqual({ code: 'CARD_PRICES_FALLBACK', args: { carriers: ['UPS'], why: 'timeout' } });
      expect(d.decision.explanation.zh).toContain('UPS 未及时返回报价，按费率卡计价');
    } finally {
      ups.rateDelayMs = 0;
    }
  });

  test.skipIf(!imaging)("a UPS label bought through the outbox: UPS's label served as PDF whose barcode decodes; tracked with UPS's codes; voided on cancel", async () => {
    const rules = [{ id: 'ups-only', priority: 1, when: { channels: ['api'] }, then: { allow_carriers: ['ups'] } }];
    expect((await f.app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: f.auth(), payload: { rules } })).statusCode).toBe(200);
    const d = await decided('98101', 'WA', 'Seattle');
    expect(d.decision.chosen.carrier).toBe('ups');
    const s = await shipViaApi(f, d.order_id);
    expect(s.status, JSON.stringify(s.error)).toBe('labeled');
    expect(s.account_id).toBe(accountId);
    expect(s.tracking_numbers[0]).toMatch(/^1ZA1B2C3/);
    expect(s.cost.currency).toBe('USD');
    const pdf = await f.app.inject({ url: `/v1/shipments/${s.id}/label`, headers: f.auth() });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'ups-e2e-'));
    writeFileSync(join(dir, 'l.pdf'), pdf.rawPayload);
    execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
    expect(spawnSync('zbarimg', ['-q', '--raw', join(dir, 'l.png')], { encoding: 'utf8' }).stdout.trim()).toBe(s.tracking_numbers[0]);

    // The label scan dated before the fixture's clock (2026-11-26T12:00Z): later ones would be refused as future-dated.
    ups.labelScanAt = '2026-11-26T10:00:00Z';
    expect(await f.t.lm.services.tracking.poll(f.tenantId)).toMatchObject({ polled: 1, failed: 0 });
    const t = await f.app.inject({ url: `/v1/shipments/${s.id}/tracking`, headers: f.auth() });
    expect(t.statusCode, t.body).toBe(200);
    // UPS's own code (MP: the shipper created a label) read with the UPS table, not the generic one.
    expect(t.json().events.map((e: Json) => [e.code, e.status])).toEqual([['MP', 'info_received']]);

    const cancel = await f.app.inject({ method: 'POST', url: `/v1/shipments/${s.id}/cancel`, headers: f.auth(), payload: { reason: 'customer changed the address' } });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(ups.shipments.get(s.tracking_numbers[0])?.voided).toBe(true);
    expect(problems()).toEqual([]);
    if (hasUpsSpec) expect(ups.requests.some((r) => r.path.endsWith('/ship'))).toBe(true);
  });
});

const cli = runCliAsync;

describe('./bin/lastmile carriers', () => {
  test('connect ups reads the secret from the environment, never argv; list hides it; test rates; a wrong secret fails the test with exit 1; a bad USPS mailer id is named; dhl is not native', async () => {
    const env = { LASTMILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'lastmile-carriers-')), LASTMILE_ALLOW_PRIVATE_TARGETS: 'true' };
    expect((await cli(['keys', 'create', '--tenant', 'acme', '--scopes', 'admin'], env)).code).toBe(0); // creates the tenant
    const missing = await cli(['carriers', 'connect', 'ups', '--tenant', 'acme', '--client-id', 'ups-client', '--account-number', 'A1B2C3', '--base-url', ups.url], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('UPS_CLIENT_SECRET');
    const connect = await cli(['carriers', 'connect', 'ups', '--tenant', 'acme', '--client-id', 'ups-client', '--account-number', 'A1B2C3', '--base-url', ups.url, '--service', 'economy=93'], { ...env, UPS_CLIENT_SECRET: 'ups-secret-value' });
    expect(connect.code, connect.stderr).toBe(0);
    const account = JSON.parse(connect.stdout);
    expect(account).toMatchObject({ kind: 'ups', settings: { client_secret: '••••', services: { economy: '93' } } });
    const list = await cli(['carriers', 'list', '--tenant', 'acme'], env);
    expect(list.stdout).toContain(account.id);
    expect(list.stdout + list.stderr).not.toContain('ups-secret-value');
    const ok = await cli(['carriers', 'test', account.id, '--tenant', 'acme'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const wrong = await cli(['carriers', 'connect', 'ups', '--tenant', 'acme', '--client-id', 'ups-client', '--account-number', 'A1B2C3', '--base-url', ups.url], { ...env, UPS_CLIENT_SECRET: 'not-the-secret' });
    const failed = await cli(['carriers', 'test', JSON.parse(wrong.stdout).id, '--tenant', 'acme'], env);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, error: { code: 'CONFIGURATION' } });
    const usps = await cli(['carriers', 'connect', 'usps', '--tenant', 'acme', '--client-id', 'k', '--crid', '56982563', '--mid', '12', '--eps-account', '1000012345'], { ...env, USPS_CLIENT_SECRET: 's' });
    expect(usps.code).toBe(2);
    expect(usps.stderr).toContain('mid');
    const dhl = await cli(['carriers', 'connect', 'dhl', '--tenant', 'acme'], env);
    expect(dhl.code).toBe(2);
  }, 120_000);
});
