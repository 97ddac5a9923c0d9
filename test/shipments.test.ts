import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { isValidUpsTracking, isValidUspsTracking } from '../src/shipments/tracking-numbers.js';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';
import type { TestLastmile } from './helpers/engines.js';
import { orderInput } from './helpers/factories.js';

const hasPoppler = spawnSync('pdftoppm', ['-v']).status === 0;
const hasZbar = spawnSync('zbarimg', ['--version']).status === 0;
// CI installs both (.ci/run); a developer machine without them skips the image checks.
const imaging = hasPoppler && hasZbar;
if (process.env['CI'] && !imaging) throw new Error('CI needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): .ci/run installs them');

let t: TestLastmile;
let app: FastifyInstance;
let key: string;
let tenantId: string;
const auth = () => ({ authorization: `Bearer ${key}` });
const LINES = [{ sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' as const }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' as const } }];

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({});
  ({ t, app, key, tenantId } = f);
});
afterAll(async () => {
  await f?.close();
});

async function decidedOrder(over: Parameters<typeof orderInput>[0] = {}) {
  const order = (await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: LINES, ...over })), 'test')).order;
  const r = await app.inject({ method: 'POST', url: `/v1/orders/${order.id}/decide`, headers: auth() });
  expect(r.statusCode).toBe(200);
  return r.json() as { order_id: string; decision: { chosen: { carrier: string; service: string; card: string } } };
}

async function waitFor(id: string, done: (s: { status: string }) => boolean) {
  for (let i = 0; i < 200; i++) {
    const s = (await app.inject({ url: `/v1/shipments/${id}`, headers: auth() })).json();
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`shipment ${id} did not settle`);
}

describe('shipments and labels', () => {
  test('a decided order gets a shipment, a sample label from the offline carrier, and the order is fulfilling', async () => {
    const d = await decidedOrder();
    const r = await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: d.order_id } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'label_pending', carrier: d.decision.chosen.carrier, sample: true, account_id: null });
    const s = await waitFor(r.json().id, (x) => x.status !== 'label_pending');
    expect(s).toMatchObject({ status: 'labeled', tracking_numbers: [expect.any(String)], purchase: { attempts: 1 } });
    expect(s.packages[0].tracking_number).toBe(s.tracking_numbers[0]);
    const order = (await app.inject({ url: `/v1/orders/${d.order_id}`, headers: auth() })).json();
    expect(order.status).toBe('fulfilling');
    // A second shipment for the same order is refused.
    expect((await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: d.order_id } })).statusCode).toBe(409);
    const events = (await app.inject({ url: `/v1/shipments/${s.id}/events`, headers: auth() })).json().data.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['shipment.created', 'shipment.labeled']));
  });

  test('an order that is not decided cannot ship; unknown ids are 404', async () => {
    const order = (await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: LINES })), 'test')).order;
    const r = await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: order.id } });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toMatch(/decide it first/);
    expect((await app.inject({ url: '/v1/shipments/shp_nope', headers: auth() })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: {} })).json().errors[0].path).toBe('order_id');
  });

  test('offline accounts issue valid UPS 1Z and USPS IMpb numbers from the shipper identifiers', async () => {
    for (const acct of [
      { kind: 'offline', carrier: 'ups', numbering: { format: 'ups_1z', shipper_number: 'A1B2C3', service_codes: { '*': '03' } } },
      { kind: 'offline', carrier: 'usps', numbering: { format: 'usps_impb', mailer_id: '901234567', service_type_codes: { '*': '001' } } },
      { kind: 'offline', carrier: 'fedex', numbering: { format: 'range', prefix: 'RG', digits: 10, first: 5000, last: 9999999999, check: 'mod7' } },
      { kind: 'offline', carrier: 'ontrac', numbering: { format: 'range', prefix: 'D', digits: 14, first: 1, last: 99999999999999, check: 'luhn' } },
      { kind: 'offline', carrier: 'metro', numbering: { format: 'range', prefix: 'MT', digits: 10, first: 1, last: 9999999999, check: 'luhn' } },
    ]) {
      const put = await app.inject({ method: 'PUT', url: '/v1/carrier-accounts', headers: auth(), payload: acct });
      expect(put.statusCode).toBe(200);
    }
    const bad = await app.inject({ method: 'PUT', url: '/v1/carrier-accounts', headers: auth(), payload: { kind: 'offline', carrier: 'usps', numbering: { format: 'usps_impb', mailer_id: '12', service_type_codes: {} } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/mailer_id/);
    const d = await decidedOrder();
    const s0 = (await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: d.order_id } })).json();
    const s = await waitFor(s0.id, (x) => x.status !== 'label_pending');
    expect(s.sample).toBe(false);
    const tn: string = s.tracking_numbers[0];
    if (s.carrier === 'ups') expect(isValidUpsTracking(tn) && tn.startsWith('1ZA1B2C303')).toBe(true);
    else if (s.carrier === 'usps') expect(isValidUspsTracking(tn) && tn.startsWith('92001901234567')).toBe(true);
    else expect(tn).toMatch(/^(RG|D|MT)\d+$/);
    // Remove the accounts again: the other tests expect sample labels.
    for (const a of (await app.inject({ url: '/v1/carrier-accounts', headers: auth() })).json().data) {
      expect((await app.inject({ method: 'DELETE', url: `/v1/carrier-accounts/${a.id}`, headers: auth() })).statusCode).toBe(204);
    }
  });

  test('labels come as PDF, ZPL and PNG; multi-package shipments get one label per package', async () => {
    const d = await decidedOrder({ lines: [{ ...LINES[0]!, quantity: 1 }, { sku: null, name: 'Chair', quantity: 1, weight: { value: 30, unit: 'lb' }, dimensions: { length: 30, width: 24, height: 20, unit: 'in' } }] });
    const s0 = (await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: d.order_id } })).json();
    const s = await waitFor(s0.id, (x) => x.status !== 'label_pending');
    expect(s.status).toBe('labeled');
    const pdf = await app.inject({ url: `/v1/shipments/${s.id}/label`, headers: auth() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBe(s.packages.length);
    const zpl = await app.inject({ url: `/v1/shipments/${s.id}/label?format=zpl`, headers: auth() });
    expect(zpl.headers['content-type']).toMatch(/zpl/);
    expect(zpl.body.match(/\^XA/g)?.length).toBe(s.packages.length);
    expect(zpl.body).toContain(`^FD${s.tracking_numbers[0]}^FS`);
    expect(zpl.body).toContain('SAMPLE - NOT FOR SHIPPING');
    expect((await app.inject({ url: `/v1/shipments/${s.id}/label?package=9`, headers: auth() })).statusCode).toBe(400);
    if (hasPoppler) {
      const png = await app.inject({ url: `/v1/shipments/${s.id}/label?format=png`, headers: auth() });
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  test.skipIf(!imaging)('the label barcode decodes back to the tracking number (pdftoppm + zbarimg)', async () => {
    const d = await decidedOrder({ ship_to: { ...orderInput().ship_to, name: 'Nguyễn Thị Ánh 王小明' } });
    const s0 = (await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: d.order_id } })).json();
    const s = await waitFor(s0.id, (x) => x.status !== 'label_pending');
    const pdf = (await app.inject({ url: `/v1/shipments/${s.id}/label`, headers: auth() })).rawPayload;
    const dir = mkdtempSync(join(tmpdir(), 'lm-label-'));
    writeFileSync(join(dir, 'l.pdf'), pdf);
    // 203 dpi, a thermal printer's resolution.
    execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
    const out = spawnSync('zbarimg', ['-q', '--raw', '-Scode128.enable', join(dir, 'l.png')], { encoding: 'utf8' });
    expect(out.stdout.trim().split('\n')).toContain(s.tracking_numbers[0]);
  });

  test('cancel voids the label and sends the order back to decided; a new shipment can follow', async () => {
    const d = await decidedOrder();
    const s0 = (await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: d.order_id } })).json();
    await waitFor(s0.id, (x) => x.status === 'labeled');
    const c = await app.inject({ method: 'POST', url: `/v1/shipments/${s0.id}/cancel`, headers: auth(), payload: { reason: 'customer changed address' } });
    expect(c.statusCode).toBe(200);
    expect(c.json().status).toBe('cancelled');
    expect((await app.inject({ url: `/v1/orders/${d.order_id}`, headers: auth() })).json().status).toBe('decided');
    expect((await app.inject({ url: `/v1/shipments/${s0.id}/label`, headers: auth() })).statusCode).toBe(409);
    const again = await app.inject({ method: 'POST', url: '/v1/shipments', headers: auth(), payload: { order_id: d.order_id, purchase: false } });
    expect(again.statusCode).toBe(201);
    expect(again.json().status).toBe('draft');
    const bought = await app.inject({ method: 'POST', url: `/v1/shipments/${again.json().id}/purchase`, headers: auth() });
    expect(bought.statusCode).toBe(202);
    expect((await waitFor(again.json().id, (x) => x.status !== 'label_pending')).status).toBe('labeled');
  });

  test('label batches: a job with per-order results, one merged PDF; manifests close the day; tracking goes back as CSV', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await decidedOrder()).order_id);
    const undecided = (await t.lm.services.orders.create(tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: LINES })), 'test')).order.id;
    const r = await app.inject({ method: 'POST', url: '/v1/label-batches', headers: auth(), payload: { order_ids: [...ids, undecided] } });
    expect(r.statusCode).toBe(202);
    let job = r.json().job;
    for (let i = 0; i < 200 && job.state !== 'succeeded' && job.state !== 'failed'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      job = (await app.inject({ url: `/v1/label-batches/${r.json().batch_id}`, headers: auth() })).json();
    }
    expect(job.state).toBe('succeeded');
    expect(job.result.counts).toMatchObject({ orders: 5, skipped: 1, labeled: 4 });
    expect(job.result.results.find((x: { order_id: string }) => x.order_id === undecided)).toMatchObject({ status: 'skipped', error: { code: 'INVALID_STATE' } });
    const merged = await app.inject({ url: `/v1/label-batches/${r.json().batch_id}/labels`, headers: auth() });
    expect(merged.headers['content-type']).toBe('application/pdf');
    expect((merged.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(4);

    // Manifests per carrier at the warehouse.
    const labeled = job.result.results.filter((x: { status: string }) => x.status === 'labeled');
    const first = (await app.inject({ url: `/v1/shipments/${labeled[0].shipment_id}`, headers: auth() })).json();
    const m = await app.inject({ method: 'POST', url: '/v1/manifests', headers: auth(), payload: { carrier: first.carrier, warehouse_id: 'ONT1' } });
    expect(m.statusCode).toBe(201);
    expect(m.json().shipment_ids).toContain(first.id);
    expect((await app.inject({ url: `/v1/shipments/${first.id}`, headers: auth() })).json().status).toBe('manifested');
    const csv = await app.inject({ url: `/v1/manifests/${m.json().id}?format=csv`, headers: auth() });
    expect(csv.body.split('\n')[0]).toMatch(/^manifest_id,carrier_manifest_id,carrier/);
    expect(csv.body).toContain(first.tracking_numbers[0]);
    const mpdf = await app.inject({ url: `/v1/manifests/${m.json().id}?format=pdf`, headers: auth() });
    expect(mpdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (imaging) {
      // The driver scans the manifest id off the sheet, printed on an office printer (200 and 300 dpi).
      const dir = mkdtempSync(join(tmpdir(), 'lm-manifest-'));
      writeFileSync(join(dir, 'm.pdf'), mpdf.rawPayload);
      for (const dpi of ['200', '300']) {
        execFileSync('pdftoppm', ['-r', dpi, '-png', '-f', '1', '-singlefile', join(dir, 'm.pdf'), join(dir, `m${dpi}`)]);
        const out = spawnSync('zbarimg', ['-q', '--raw', '-Scode128.enable', join(dir, `m${dpi}.png`)], { encoding: 'utf8' });
        expect(out.stdout.trim().split('\n')).toContain(m.json().id);
      }
    }
    // Nothing left to manifest for that carrier.
    expect((await app.inject({ method: 'POST', url: '/v1/manifests', headers: auth(), payload: { carrier: first.carrier, warehouse_id: 'ONT1' } })).statusCode).toBe(409);

    // Sample numbers never repeat, across carriers either.
    const all = (await app.inject({ url: '/v1/shipments?limit=500', headers: auth() })).json().data.flatMap((x: { tracking_numbers: string[] }) => x.tracking_numbers);
    expect(new Set(all).size).toBe(all.length);

    // Write-back: every labeled order is in the CSV export once, with a tracking URL.
    let exported = '';
    for (let i = 0; i < 100; i++) {
      exported = (await app.inject({ url: '/v1/exports/tracking.csv', headers: auth() })).body;
      if (labeled.every((x: { tracking_numbers: string[] }) => exported.includes(x.tracking_numbers[0]!))) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const rows = exported.trim().split('\n');
    expect(rows[0]).toBe('order_id,channel,external_id,carrier,service,tracking_number,tracking_url,written_at');
    for (const x of labeled) expect(rows.filter((row) => row.includes(x.tracking_numbers[0]!))).toHaveLength(1);
    const after = (await app.inject({ url: '/v1/exports/tracking.csv', headers: auth() })).headers['x-last-seq'];
    expect((await app.inject({ url: `/v1/exports/tracking.csv?after=${after}`, headers: auth() })).body.trim().split('\n')).toHaveLength(1);
  });
});
