import { createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SandboxCarrier } from '../src/adapters/carriers/sandbox-carrier.js';
import { signWebhook } from '../src/webhooks/signature.js';
import { apiFixture, labeledShipment, type ApiFixture } from './helpers/api-fixture.js';
import type { TestLastmile } from './helpers/engines.js';
import { orderInput } from './helpers/factories.js';
import { BIN } from './helpers/processes.js';

let t: TestLastmile;
let app: FastifyInstance;
let key: string;
let tenantId: string;
const auth = () => ({ authorization: `Bearer ${key}` });

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({ trackingScanMs: 0 });
  ({ t, app, key, tenantId } = f);
});
afterAll(async () => {
  await f?.close();
});

/** A labeled shipment for a new decided order. */
const labeled = (over: Parameters<typeof orderInput>[0] = {}) => labeledShipment(f, over);

const ev = (code: string, at: string, extra: Record<string, unknown> = {}) => ({ code, occurred_at: at, description: code.toLowerCase().replace(/_/g, ' '), location: 'Boston, MA', ...extra });
const inject = (tn: string, events: unknown[], extra: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: '/v1/tracking/events', headers: auth(), payload: { tracking_number: tn, events, ...extra } });
const shipment = async (id: string) => (await app.inject({ url: `/v1/shipments/${id}`, headers: auth() })).json();
const casesOf = async (id: string) => (await app.inject({ url: `/v1/cases?shipment_id=${id}`, headers: auth() })).json().data as { id: string; rule: string; evidence: Record<string, unknown> }[];

describe('tracking pipeline', () => {
  test('events move the shipment and the order; duplicates are ignored; late and out-of-order events never move a parcel back', async () => {
    const s = await labeled();
    const tn = s.tracking_numbers[0]!;
    const first = await inject(tn, [ev('LABEL_CREATED', '2026-11-23T15:00:00Z'), ev('PICKED_UP', '2026-11-23T22:00:00Z'), ev('IN_TRANSIT', '2026-11-24T06:00:00Z')]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: 3, accepted: 3, duplicates: 0, unmatched: [] });
    expect((await shipment(s.id)).status).toBe('in_transit');
    expect((await app.inject({ url: `/v1/orders/${s.order_id}`, headers: auth() })).json().status).toBe('shipped');
    // The same events again: nothing new.
    expect((await inject(tn, [ev('IN_TRANSIT', '2026-11-24T06:00:00Z')])).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    // Delivered arrives, then a late scan from before it: still delivered.
    await inject(tn, [ev('DELIVERED', '2026-11-25T17:00:00Z', { signed_by: 'A GARCIA' })]);
    await inject(tn, [ev('OUT_FOR_DELIVERY', '2026-11-25T08:00:00Z'), ev('IN_TRANSIT', '2026-11-24T20:00:00Z')]);
    const tr = (await app.inject({ url: `/v1/shipments/${s.id}/tracking`, headers: auth() })).json();
    expect(tr.summary).toMatchObject({ status: 'delivered', delivered_at: '2026-11-25T17:00:00.000Z', proof: { signed_by: 'A GARCIA' }, events: 6 });
    expect(tr.events[0].code).toBe('DELIVERED');
    expect((await shipment(s.id)).status).toBe('delivered');
    expect((await app.inject({ url: `/v1/orders/${s.order_id}`, headers: auth() })).json().status).toBe('delivered');
  });

  test('a delivery cut off after its events were stored completes when the carrier sends it again', async () => {
    const s = await labeled();
    const tn = s.tracking_numbers[0]!;
    const events = [ev('PICKED_UP', '2026-11-23T22:00:00Z'), ev('IN_TRANSIT', '2026-11-24T06:00:00Z')];
    await inject(tn, events);
    // As if the database went away between storing the events and updating the shipment.
    await t.lm.database.executeSql(`update shipments set tracking = null, status = 'labeled' where id = $1`, [s.id]);
    const again = (await inject(tn, events)).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
    expect((await shipment(s.id)).status).toBe('in_transit');
    expect((await app.inject({ url: `/v1/shipments/${s.id}/tracking`, headers: auth() })).json().summary).toMatchObject({ status: 'in_transit', events: 2 });
    // An ordinary duplicate of what the summary has seen reads nothing again.
    expect((await inject(tn, events.slice(0, 1))).json()).toMatchObject({ accepted: 0, duplicates: 1, shipments_updated: 0 });
  });

  test('unknown carrier codes are kept raw and flagged, not dropped; unknown tracking numbers are reported', async () => {
    const s = await labeled();
    const tn = s.tracking_numbers[0]!;
    const r = await inject(tn, [ev('IN_TRANSIT', '2026-11-24T06:00:00Z'), ev('ZX9', '2026-11-24T09:00:00Z')]);
    expect(r.json()).toMatchObject({ accepted: 2, unknown_codes: 1 });
    const tr = (await app.inject({ url: `/v1/shipments/${s.id}/tracking`, headers: auth() })).json();
    expect(tr.events.find((e: { code: string }) => e.code === 'ZX9')).toMatchObject({ known: false, status: null, sub_status: 'unknown_code' });
    expect(tr.summary).toMatchObject({ status: 'in_transit', unknown_codes: 1, last_scan_at: '2026-11-24T09:00:00.000Z' });
    expect((await inject('NOPE123', [ev('IN_TRANSIT', '2026-11-24T06:00:00Z')])).json()).toMatchObject({ accepted: 0, unmatched: ['NOPE123'] });
    const bad = await inject(tn, [{ code: 'X', occurred_at: 'yesterday' }]);
    expect(bad.statusCode).toBe(400);
  });
});

describe('exception rules (scenarios)', () => {
  test('no scan for 48 business hours: Thanksgiving and the weekend do not count', async () => {
    const s = await labeled();
    await inject(s.tracking_numbers[0]!, [ev('IN_TRANSIT', '2026-11-25T10:00:00Z')]);
    // Wed 10:00 -> Mon 09:00: 14 h Wed + Thanksgiving 0 + Fri 24 + weekend 0 + Mon 9 = 47 h.
    const early = await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: { now: '2026-11-30T09:00:00Z', apply: true } });
    expect(early.json().cases_opened.filter((c: { shipment_id: string }) => c.shipment_id === s.id)).toEqual([]);
    const late = await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: { now: '2026-11-30T12:00:00Z', apply: true } });
    const c = late.json().cases_opened.find((x: { shipment_id: string; rule: string }) => x.shipment_id === s.id && x.rule === 'no_scan');
    expect(c).toMatchObject({ state: 'open', evidence: { business_hours: 50, limit: 48, region: 'US-MA' } });
    // Scanning again does not open a second case.
    const again = await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: { now: '2026-12-01T12:00:00Z', apply: true } });
    expect(again.json().cases_opened.filter((x: { shipment_id: string; rule: string }) => x.shipment_id === s.id && x.rule === 'no_scan')).toEqual([]);
  });

  test('an old scan arriving late opens no stall case; the scan judges elapsed time, and a fresh scan resolves the case with the reason', async () => {
    const s = await labeled();
    const tn = s.tracking_numbers[0]!;
    // The clock stands at 2026-11-26T12:00Z; a scan from a week ago arrives now.
    const r = await inject(tn, [ev('IN_TRANSIT', '2026-11-18T10:00:00Z')]);
    expect(r.json()).toMatchObject({ accepted: 1, cases_opened: 0 });
    expect((await casesOf(s.id)).map((c) => c.rule)).toEqual([]);
    // The scheduled scan (at the clock's now) finds the stall.
    const scan = (await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: {} })).json();
    expect(scan.applied).toBe(true);
    const opened = scan.cases_opened.find((c: { shipment_id: string; rule: string }) => c.shipment_id === s.id && c.rule === 'no_scan');
    expect(opened).toMatchObject({ state: 'open', evidence: { last_scan_at: '2026-11-18T10:00:00.000Z' } });
    // A fresh scan arrives: the case resolves itself and says why.
    await inject(tn, [ev('OUT_FOR_DELIVERY', '2026-11-26T11:00:00Z')]);
    const c = (await app.inject({ url: `/v1/cases/${opened.id}`, headers: auth() })).json();
    expect(c).toMatchObject({ state: 'resolved', resolved_at: '2026-11-26T12:00:00.000Z' });
    expect(c.actions.at(-1)).toMatchObject({ type: 'auto_resolved', actor: 'tracking', note: 'A new scan at 2026-11-26T11:00:00.000Z' });
    // And the next scan opens nothing for it.
    const again = (await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: {} })).json();
    expect(again.cases_opened.filter((x: { shipment_id: string }) => x.shipment_id === s.id)).toEqual([]);
  });

  test('a scan at another instant is a dry run unless asked to apply; events dated in the future are refused beyond the skew', async () => {
    const s = await labeled();
    const tn = s.tracking_numbers[0]!;
    await inject(tn, [ev('IN_TRANSIT', '2026-11-25T10:00:00Z')]);
    const dry = (await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: { now: '2026-12-15T12:00:00Z' } })).json();
    expect(dry.applied).toBe(false);
    expect(dry.cases_opened.find((c: { shipment_id: string; rule: string }) => c.shipment_id === s.id && c.rule === 'no_scan')).toMatchObject({ id: '', state: 'open' });
    expect(await casesOf(s.id)).toEqual([]);
    // 10 minutes ahead of the clock is skew; a day ahead is refused and listed.
    const r = (await inject(tn, [ev('OUT_FOR_DELIVERY', '2026-11-26T12:10:00Z'), ev('DELIVERED', '2026-11-27T12:00:00Z')])).json();
    expect(r).toMatchObject({ received: 2, accepted: 1, future_dated: [{ tracking_number: tn, occurred_at: '2026-11-27T12:00:00.000Z' }] });
    expect((await shipment(s.id)).status).toBe('in_transit');
  });

  test('two failed attempts, an address problem and a customs hold open cases as the events arrive', async () => {
    const s = await labeled();
    const tn = s.tracking_numbers[0]!;
    await inject(tn, [ev('ATTEMPTED', '2026-11-24T15:00:00Z', { sub_status: 'recipient_not_available' })]);
    expect((await casesOf(s.id)).map((c) => c.rule)).not.toContain('failed_attempts');
    await inject(tn, [ev('ATTEMPTED', '2026-11-25T15:00:00Z', { sub_status: 'business_closed' })]);
    await inject(tn, [ev('ADDRESS_ISSUE', '2026-11-25T16:00:00Z')]);
    const rules = (await casesOf(s.id)).map((c) => c.rule).sort();
    expect(rules).toEqual(['address_problem', 'failed_attempts']);
    const failed = (await casesOf(s.id)).find((c) => c.rule === 'failed_attempts')!;
    expect(failed.evidence['attempts']).toHaveLength(2);

    const held = await labeled();
    await inject(held.tracking_numbers[0]!, [ev('CUSTOMS_HOLD', '2026-11-24T15:00:00Z')]);
    expect((await casesOf(held.id)).map((c) => c.rule)).toEqual(['customs_hold']);
    // A hold already released by a later event opens nothing.
    const released = await labeled();
    await inject(released.tracking_numbers[0]!, [ev('CUSTOMS_HOLD', '2026-11-24T15:00:00Z'), ev('IN_TRANSIT', '2026-11-25T15:00:00Z', { sub_status: 'customs_released' })]);
    expect((await casesOf(released.id)).map((c) => c.rule)).toEqual([]);
  });

  test('delivered without the signature the order required: suspected false delivery; with a signature: nothing', async () => {
    const a = await labeled();
    const b = await labeled();
    for (const s of [a, b]) await t.lm.database.executeSql(`update shipments set options = jsonb_set(options, '{signature}', '"adult"') where id = $1`, [s.id]);
    await inject(a.tracking_numbers[0]!, [ev('DELIVERED', '2026-11-25T17:00:00Z', { photo: true })]);
    await inject(b.tracking_numbers[0]!, [ev('DELIVERED', '2026-11-25T17:00:00Z', { signed_by: 'J DOE' })]);
    expect((await casesOf(a.id)).map((c) => c.rule)).toEqual(['delivered_without_proof']);
    expect(await casesOf(b.id)).toEqual([]);
  });

  test('predicted late, lost after the expected date, returned to sender', async () => {
    const late = await labeled();
    await inject(late.tracking_numbers[0]!, [ev('IN_TRANSIT', '2026-11-24T06:00:00Z')], { estimated_delivery: '2099-01-05' });
    // Time-based rules wait for the scan.
    expect((await casesOf(late.id)).map((c) => c.rule)).toEqual([]);
    await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: {} });
    expect((await casesOf(late.id)).map((c) => c.rule)).toEqual(['predicted_late']);

    const lost = await labeled();
    await inject(lost.tracking_numbers[0]!, [ev('IN_TRANSIT', '2026-11-02T06:00:00Z')], { estimated_delivery: '2026-11-04' });
    const before = await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: { now: '2026-11-08T12:00:00Z', apply: true } });
    expect(before.json().cases_opened.filter((c: { shipment_id: string; rule: string }) => c.shipment_id === lost.id && c.rule === 'lost')).toEqual([]);
    await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: { now: '2026-11-10T12:00:00Z', apply: true } });
    expect((await casesOf(lost.id)).map((c) => c.rule)).toContain('lost');

    const back = await labeled();
    await inject(back.tracking_numbers[0]!, [ev('IN_TRANSIT', '2026-11-24T06:00:00Z'), ev('RETURN_TO_SENDER', '2026-11-26T06:00:00Z')]);
    expect((await casesOf(back.id)).map((c) => c.rule)).toEqual(['returned']);
    expect((await shipment(back.id)).status).toBe('returning');
  });

  test('rules are configurable per tenant; bad rules are 400 with the field', async () => {
    const bad = await app.inject({ method: 'PUT', url: '/v1/tracking/rules', headers: auth(), payload: { rules: [{ code: 'failed_attempts', args: { count: 0 } }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('rules[0].args.count');
    const put = await app.inject({ method: 'PUT', url: '/v1/tracking/rules', headers: auth(), payload: { rules: [{ code: 'failed_attempts', args: { count: 1 } }] } });
    expect(put.json().rules).toEqual([{ code: 'failed_attempts', args: { count: 1 } }]);
    const s = await labeled();
    await inject(s.tracking_numbers[0]!, [ev('ATTEMPTED', '2026-11-24T15:00:00Z'), ev('ADDRESS_ISSUE', '2026-11-24T16:00:00Z')]);
    expect((await casesOf(s.id)).map((c) => c.rule)).toEqual(['failed_attempts']);
    const defaults = await t.lm.services.tracking.saveRules(tenantId, (await import('../src/tracking/rules.js')).DEFAULT_RULES);
    expect(defaults).toHaveLength(8);
  });

  test('cases: acknowledge, assign, record actions, resolve; a resolved case is closed', async () => {
    const s = await labeled();
    await inject(s.tracking_numbers[0]!, [ev('RETURN_TO_SENDER', '2026-11-26T06:00:00Z')]);
    const [c] = await casesOf(s.id);
    const ack = await app.inject({ method: 'PATCH', url: `/v1/cases/${c!.id}`, headers: auth(), payload: { state: 'acknowledged', owner: 'ops@acme.test', action: { type: 'contact_customer', note: 'emailed' } } });
    expect(ack.json()).toMatchObject({ state: 'acknowledged', owner: 'ops@acme.test', actions: [{ type: 'contact_customer', note: 'emailed' }] });
    // The work queue: open or acknowledged.
    const queue = (state: string) => app.inject({ url: `/v1/cases?state=${state}&limit=200`, headers: auth() }).then((r) => r.json().data.map((x: { id: string }) => x.id));
    expect(await queue('unresolved')).toContain(c!.id);
    expect(await queue('open')).not.toContain(c!.id);
    const res = await app.inject({ method: 'PATCH', url: `/v1/cases/${c!.id}`, headers: auth(), payload: { state: 'resolved', action: { type: 'reship' } } });
    expect(res.json()).toMatchObject({ state: 'resolved', resolved_at: expect.any(String) });
    expect(res.json().actions).toHaveLength(2);
    expect((await app.inject({ method: 'PATCH', url: `/v1/cases/${c!.id}`, headers: auth(), payload: { state: 'acknowledged' } })).statusCode).toBe(409);
    expect((await app.inject({ url: '/v1/cases?state=resolved', headers: auth() })).json().data.map((x: { id: string }) => x.id)).toContain(c!.id);
    expect(await queue('unresolved')).not.toContain(c!.id);
  });
});

describe('carrier webhooks and the public page', () => {
  test('signed webhooks are ingested (the sandbox sends them when it sells a label); a bad signature is 401', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const hook = (await app.inject({ url: '/v1/tracking/webhook', headers: auth() })).json();
    expect(hook.url).toContain(`/webhooks/carriers/{carrier}/${tenantId}`);
    const sandbox = new SandboxCarrier({ webhookUrl: `${address}/webhooks/carriers/metro/${tenantId}`, webhookSecret: hook.secret, clock: f.clock });
    const url = await sandbox.listen();
    try {
      await t.lm.services.shipments.saveAccount(tenantId, { kind: 'http', carrier: 'metro', base_url: url, auth: { type: 'none' }, timeout_ms: 2000 });
      await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: { rules: [{ id: 'metro-only', priority: 1, when: {}, then: { allow_carriers: ['metro'] } }] } });
      const s = await labeled({ ship_to: { name: 'Ana', line1: '350 5th Ave', city: 'New York', state: 'NY', postal_code: '10118', country: 'US' } });
      expect(s.carrier).toBe('metro');
      let tr: { summary: { status: string } } | undefined;
      for (let i = 0; i < 100; i++) {
        tr = (await app.inject({ url: `/v1/shipments/${s.id}/tracking`, headers: auth() })).json();
        if (tr!.summary.status !== 'pending') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(tr!.summary.status).toBe('info_received');
      // Polling the same carrier finds the same event: nothing new.
      const polled = await app.inject({ method: 'POST', url: '/v1/tracking/scan', headers: auth(), payload: { poll: true } });
      expect(polled.json().polled).toMatchObject({ polled: expect.any(Number), failed: 0, accepted: 0 });
      expect(polled.json().polled.polled).toBeGreaterThanOrEqual(1);
      const body = JSON.stringify({ tracking_number: s.tracking_numbers[0], events: [ev('IN_TRANSIT', '2026-11-24T06:00:00Z')] });
      const post = (sig: string) => fetch(`${address}/webhooks/carriers/metro/${tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-webhook-signature': sig }, body });
      expect((await post('t=1,v1=00')).status).toBe(401);
      // The old scheme without a timestamp, a signature of the right length with a non-ASCII
      // byte, and a correct signature made 6 minutes ago are all refused.
      expect((await post(`sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`)).status).toBe(401);
      const sixMinutesAgo = new Date(f.clock.now().getTime() - 6 * 60_000);
      const nonAscii = signWebhook(hook.secret, body, f.clock.now()).replace(/.$/, 'é');
      expect((await post(nonAscii)).status).toBe(401);
      expect((await post(signWebhook(hook.secret, body, sixMinutesAgo))).status).toBe(401);
      const sig = signWebhook(hook.secret, body, f.clock.now());
      const ok = await fetch(`${address}/webhooks/carriers/metro/${tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-webhook-signature': sig }, body });
      expect(ok.status).toBe(200);
      expect((await shipment(s.id)).status).toBe('in_transit');
    } finally {
      await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: auth(), payload: {} });
      for (const a of (await app.inject({ url: '/v1/carrier-accounts', headers: auth() })).json().data) await app.inject({ method: 'DELETE', url: `/v1/carrier-accounts/${a.id}`, headers: auth() });
      await sandbox.close();
    }
  });

  test('a UPS webhook in UPS format goes through the UPS parser', async () => {
    const s = await labeled();
    const tn = s.tracking_numbers[0]!;
    const body = JSON.stringify({ trackResponse: { shipment: [{ package: [{ trackingNumber: tn, activity: [{ date: '20261124', time: '101500', status: { code: 'OT', type: 'I', description: 'Out For Delivery Today' }, location: { address: { city: 'Boston', stateProvince: 'MA', countryCode: 'US' } } }] }] }] } });
    const secret = (await app.inject({ url: '/v1/tracking/webhook', headers: auth() })).json().secret;
    const r = await app.inject({ method: 'POST', url: `/webhooks/carriers/ups/${tenantId}`, headers: { 'content-type': 'application/json', 'x-webhook-signature': signWebhook(secret, body, f.clock.now()) }, payload: body });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 1 });
    expect((await app.inject({ url: `/v1/shipments/${s.id}/tracking`, headers: auth() })).json().summary.status).toBe('out_for_delivery');
  });

  test('/t/:tracking_number: branded, in the customer\'s language, JSON for embedding, nothing private', async () => {
    const s = await labeled({ ship_to: { name: 'Secret Person', line1: '12 Hidden Lane', city: 'Boston', state: 'MA', postal_code: '02108', country: 'US' } });
    const tn = s.tracking_numbers[0]!;
    // Labelled, not scanned yet: "label created", not "pending".
    const promise = (await app.inject({ url: `/v1/orders/${s.order_id}`, headers: auth() })).json().decision.chosen.promise;
    expect((await app.inject({ url: `/t/${tn}?format=json` })).json()).toMatchObject({
      status: 'info_received', events: [], expected: promise.expected.slice(0, 10), expected_latest: promise.latest.slice(0, 10),
    });
    expect((await app.inject({ url: `/t/${tn}?lang=en` })).body).toContain('Label created');
    await inject(tn, [ev('IN_TRANSIT', '2026-11-24T06:00:00Z')]);
    await app.inject({ method: 'PUT', url: '/v1/tracking/branding', headers: auth(), payload: { name: 'Acme Shop', color: '#aa3300' } });
    const th = await app.inject({ url: `/t/${tn}?lang=th` });
    expect(th.statusCode).toBe(200);
    expect(th.headers['content-type']).toMatch(/text\/html/);
    expect(th.body).toContain('อยู่ระหว่างขนส่ง');
    expect(th.body).toContain('Acme Shop');
    expect(th.body).toContain('#aa3300');
    for (const [lang, word] of [['zh', '运输中'], ['es', 'En tránsito'], ['vi', 'Đang vận chuyển'], ['en', 'In transit']] as const) {
      expect((await app.inject({ url: `/t/${tn}`, headers: { 'accept-language': `${lang};q=0.9` } })).body).toContain(word);
    }
    const j = await app.inject({ url: `/t/${tn}?format=json` });
    expect(j.json()).toMatchObject({ tracking_number: tn, status: 'in_transit', brand: 'Acme Shop', destination: { city: 'BOSTON', country: 'US' } });
    expect(j.body.toLowerCase()).not.toContain('secret person');
    expect(j.body.toLowerCase()).not.toContain('hidden');
    expect(th.body.toLowerCase()).not.toContain('hidden');
    expect(j.body).not.toContain(s.order_id);
    // Times in the destination's time zone (Boston): 06:00 UTC is 1:00 AM EST.
    expect(j.json().destination.time_zone).toBe('America/New_York');
    const en = (await app.inject({ url: `/t/${tn}?lang=en` })).body;
    expect(en).toContain('Nov 24, 2026, 1:00 AM EST');
    expect(en).not.toContain(' UTC');
    // An unknown number: a page in the customer's language for people, problem+json for programs.
    const nope = await app.inject({ url: '/t/NOPE000', headers: { 'accept-language': 'zh-CN' } });
    expect(nope.statusCode).toBe(404);
    expect(nope.headers['content-type']).toMatch(/text\/html/);
    expect(nope.body).toContain('未找到该运单号');
    expect(nope.body).toContain('NOPE000');
    const nopeJson = await app.inject({ url: '/t/NOPE000?format=json' });
    expect(nopeJson.statusCode).toBe(404);
    expect(nopeJson.json().code).toBe('NOT_FOUND');
    expect((await app.inject({ url: `/t/${encodeURIComponent('<script>x')}` })).body).not.toContain('<script>x');
  });
});

describe('./bin/lastmile tracking scan', () => {
  test('--now must be an instant with an offset (usage error, exit 2)', () => {
    const r = spawnSync(BIN, ['tracking', 'scan', '--now', 'tomorrow'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--now/);
  });
});
