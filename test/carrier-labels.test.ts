import { execFileSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SandboxCarrier } from '../src/adapters/carriers/sandbox-carrier.js';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';
import { orderInput } from './helpers/factories.js';

const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

type Json = Record<string, any>;
let f: ApiFixture;
let sandbox: SandboxCarrier;
const formats = (list: ('pdf' | 'zpl')[]) => sandbox.setLabelFormats(list);

const TWO_BOXES = [{ sku: null, name: 'Chair', quantity: 2, weight: { value: 30, unit: 'lb' }, dimensions: { length: 30, width: 24, height: 20, unit: 'in' } }];
const MUG = { sku: null, name: 'Mug', quantity: 1, weight: { value: 2, unit: 'lb' }, dimensions: { length: 8, width: 6, height: 6, unit: 'in' } };

async function labeled(lines: Json[] = TWO_BOXES): Promise<Json> {
  const o = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ warehouse_id: 'ONT1', lines } as never) });
  expect(o.statusCode, o.body).toBe(201);
  expect((await f.app.inject({ method: 'POST', url: `/v1/orders/${o.json().id}/decide`, headers: f.auth() })).json().status).toBe('decided');
  const s = (await f.app.inject({ method: 'POST', url: '/v1/shipments', headers: f.auth(), payload: { order_id: o.json().id } })).json();
  for (let i = 0; i < 200; i++) {
    const x = (await f.app.inject({ url: `/v1/shipments/${s.id}`, headers: f.auth() })).json();
    if (x.status !== 'label_pending') return x;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('not labeled');
}

beforeAll(async () => {
  f = await apiFixture({ trackingScanMs: 0 });
  // A carton that holds one chair (two chairs are two packages), and a small one.
  const box = (id: string, l: number, w: number, h: number) => ({ id, inner: { length: l, width: w, height: h, unit: 'in' }, tare_weight: { value: 1, unit: 'lb' }, max_weight: { value: 60, unit: 'lb' }, cost: { amount: 100, currency: 'USD' } });
  const wh = (await f.app.inject({ url: '/v1/warehouses', headers: f.auth() })).json().data.find((w: Json) => w.code === 'ONT1');
  expect((await f.app.inject({ method: 'PATCH', url: `/v1/warehouses/${wh.id}`, headers: f.auth(), payload: { boxes: [box('CHAIR', 31, 25, 21), box('SMALL', 10, 8, 8)] } })).statusCode).toBe(200);
  sandbox = new SandboxCarrier({ labelFormats: ['pdf', 'zpl'] });
  const url = await sandbox.listen();
  await f.t.lm.services.shipments.saveAccount(f.tenantId, { kind: 'http', carrier: 'ups', base_url: url, auth: { type: 'none' }, timeout_ms: 2000 });
  // Orders from the API go to UPS (here the sandbox, which draws its labels); orders from channel
  // "store" to USPS, whose labels lastmile draws itself (offline sample account).
  const rules = [
    { id: 'ups', priority: 1, when: { channels: ['api'] }, then: { allow_carriers: ['ups'] } },
    { id: 'usps', priority: 2, when: { channels: ['store'] }, then: { allow_carriers: ['usps'] } },
  ];
  expect((await f.app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: f.auth(), payload: { rules } })).statusCode).toBe(200);
});
afterAll(async () => {
  await f?.close();
  await sandbox?.close();
});

describe('labels the carrier draws itself', () => {
  test("are served as the carrier sent them, whole or one package's page or label", async () => {
    formats(['pdf', 'zpl']);
    const s = await labeled();
    expect(s.status).toBe('labeled');
    const n = s.packages.length;
    expect(n).toBe(2);
    const pdf = await f.app.inject({ url: `/v1/shipments/${s.id}/label`, headers: f.auth() });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    // The sandbox draws with pdf-lib; lastmile's own labels come from PDFKit.
    expect(doc.getProducer()).toContain('pdf-lib');
    expect(doc.getPageCount()).toBe(n);
    const one = await PDFDocument.load((await f.app.inject({ url: `/v1/shipments/${s.id}/label?package=2`, headers: f.auth() })).rawPayload);
    expect(one.getPageCount()).toBe(1);
    const zpl = (await f.app.inject({ url: `/v1/shipments/${s.id}/label?format=zpl`, headers: f.auth() })).body;
    expect(zpl).toContain('SANDBOX CARRIER');
    expect(zpl.match(/\^XA/g)).toHaveLength(n);
    const second = (await f.app.inject({ url: `/v1/shipments/${s.id}/label?format=zpl&package=2`, headers: f.auth() })).body;
    expect(second.match(/\^XA/g)).toHaveLength(1);
    expect(second).toContain(`^FD${s.tracking_numbers[1]}^FS`);
    if (hasPoppler) {
      const png = await f.app.inject({ url: `/v1/shipments/${s.id}/label?format=png`, headers: f.auth() });
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    }
    const events = (await f.app.inject({ url: `/v1/shipments/${s.id}/events`, headers: f.auth() })).json().data;
    expect(events.find((e: Json) => e.type === 'shipment.labeled').data.carrier_documents).toEqual(['pdf', 'zpl']);
  });

  test('a format the carrier did not send is a 409 naming the ones it did, not a label lastmile draws', async () => {
    formats(['pdf']);
    const s = await labeled();
    const r = await f.app.inject({ url: `/v1/shipments/${s.id}/label?format=zpl`, headers: f.auth() });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('as PDF');
  });

  test('a batch prints the carrier labels and lastmile-drawn ones together, in order', async () => {
    formats(['pdf', 'zpl']);
    const a = (await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ warehouse_id: 'ONT1', lines: TWO_BOXES } as never) })).json();
    const b = (await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ warehouse_id: 'ONT1', channel: 'store', lines: [MUG] } as never) })).json();
    for (const o of [a, b]) await f.app.inject({ method: 'POST', url: `/v1/orders/${o.id}/decide`, headers: f.auth() });
    const job = (await f.app.inject({ method: 'POST', url: '/v1/label-batches', headers: f.auth(), payload: { order_ids: [a.id, b.id] } })).json();
    let batch: Json = {};
    for (let i = 0; i < 200 && batch['state'] !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      batch = (await f.app.inject({ url: `/v1/label-batches/${job.batch_id}`, headers: f.auth() })).json();
    }
    expect(batch['state']).toBe('succeeded');
    const carriers = batch['result'].results.map((x: Json) => x.carrier).sort();
    expect(carriers).toEqual(['ups', 'usps']);
    const pdf = await PDFDocument.load((await f.app.inject({ url: `/v1/label-batches/${job.batch_id}/labels`, headers: f.auth() })).rawPayload);
    expect(pdf.getPageCount()).toBe(3);
    const zpl = (await f.app.inject({ url: `/v1/label-batches/${job.batch_id}/labels?format=zpl`, headers: f.auth() })).body;
    expect(zpl.match(/\^XA/g)).toHaveLength(3);
    // The sandbox's labels and lastmile's own sample USPS label, in one file.
    expect(zpl).toContain('SANDBOX CARRIER');
    expect(zpl).toContain('SAMPLE - NOT FOR SHIPPING');
    expect(zpl.lastIndexOf('SANDBOX CARRIER')).toBeLessThan(zpl.indexOf('SAMPLE - NOT FOR SHIPPING'));
  });
});

describe('testing a carrier account', () => {
  test('signs in and asks for a rate without buying; a wrong key comes back as data; offline has nothing to reach', async () => {
    const keyed = new SandboxCarrier({ apiKey: 'right-key' });
    const url = await keyed.listen();
    try {
      const save = (key: string) => f.t.lm.services.shipments.saveAccount(f.tenantId, { kind: 'http', carrier: 'fedex', base_url: url, auth: { type: 'api_key', header: 'authorization', key }, timeout_ms: 2000 });
      const wrong = await save('wrong-key');
      const labelsBefore = keyed.stats.labels_created;
      const r1 = await f.app.inject({ method: 'POST', url: `/v1/carrier-accounts/${wrong.id}/test`, headers: f.auth() });
      expect(r1.statusCode, r1.body).toBe(200);
      expect(r1.json()).toMatchObject({ ok: false, carrier: 'fedex', kind: 'http', rates: [], error: { code: 'CONFIGURATION' } });
      const right = await save('right-key');
      const r2 = (await f.app.inject({ method: 'POST', url: `/v1/carrier-accounts/${right.id}/test?service=home_delivery`, headers: f.auth() })).json();
      expect(r2).toMatchObject({ ok: true, error: null, rates: [{ service: 'home_delivery', total: { amount: 799, currency: 'USD' } }] });
      expect(r2.latency_ms).toBeGreaterThanOrEqual(0);
      expect(keyed.stats.labels_created).toBe(labelsBefore);
      const offline = await f.t.lm.services.shipments.saveAccount(f.tenantId, { kind: 'offline', carrier: 'fedex', numbering: { format: 'range', prefix: 'RG', digits: 10, first: 1, last: 9999999999, check: 'mod7' } } as never);
      expect((await f.app.inject({ method: 'POST', url: `/v1/carrier-accounts/${offline.id}/test`, headers: f.auth() })).json()).toMatchObject({ ok: true, kind: 'offline', latency_ms: null, rates: [] });
      expect((await f.app.inject({ method: 'POST', url: '/v1/carrier-accounts/ca_nope/test', headers: f.auth() })).statusCode).toBe(404);
      expect((await f.app.inject({ method: 'DELETE', url: `/v1/carrier-accounts/${offline.id}`, headers: f.auth() })).statusCode).toBe(204);
    } finally {
      await keyed.close();
    }
  });
});
