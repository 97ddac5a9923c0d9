import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hasUpsSpec, startUpsMock, type UpsMock } from '../../../../test/helpers/ups-mock.js';
import { CarrierError, type LabelRequest } from '../../../shipments/ports.js';
import { UpsCarrier } from './carrier.js';
import { UpsClient } from './client.js';

const imaging = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('zbarimg', ['--version']).status === 0;
if (process.env['CI'] && !imaging) throw new Error('CI needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)');
if (process.env['CI'] && !hasUpsSpec) throw new Error('CI has ../shared beside the project: the UPS definitions must be there');

const address = (over: Record<string, unknown> = {}) => ({
  name: 'Ana Garcia', company: null, line1: '12 Beacon St', line2: null, line3: null, city: 'Boston', state: 'MA', postal_code: '02108', country: 'US',
  phone: '+1 617 555 0100', tax_id: null, email: null, residential: true, latitude: null, longitude: null, ...over,
});
const from = address({ name: null, company: 'Acme Fulfilment', line1: '4100 E Mission Blvd', city: 'Ontario', state: 'CA', postal_code: '91761', residential: false, phone: '9095550100' });
const label = (over: Partial<LabelRequest> = {}): LabelRequest => ({
  idempotencyKey: 'shp_01JTESTSHIPMENT000000000001:1', shipmentId: 'shp_01JTESTSHIPMENT000000000001', reference: 'ORD-1001', carrier: 'ups', service: 'ground',
  shipFrom: from, shipTo: address(), packages: [{ weight: { value: 2.2, unit: 'lb' }, dimensions: { length: 12, width: 10, height: 6, unit: 'in' } }],
  options: { signature: null, insured_value: null, cod: null }, quoted: null, ...over,
});

let mock: UpsMock;
const carrier = (format: 'pdf' | 'zpl' = 'pdf', timeoutMs = 2000) =>
  new UpsCarrier(new UpsClient({ baseUrl: mock.url, clientId: 'cid', clientSecret: 'csecret', timeoutMs, backoffMs: () => 0 }), { shipperNumber: 'A1B2C3', negotiatedRates: true, labelFormat: format, services: { economy: '93' } });
const problems = () => mock.requests.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));

beforeAll(async () => { mock = await startUpsMock({ clientId: 'cid', clientSecret: 'csecret' }); });
afterAll(() => mock.close());
beforeEach(() => {
  mock.requests.length = 0;
  mock.shipQueue.length = 0;
  mock.queue.length = 0;
});

describe('UPS behind the carrier gateway, against a local UPS that checks every request against the published definitions', () => {
  test('rates: every service on the lane, itemized (base, residential, fuel), negotiated, with the transit days; names as the cards spell them', async () => {
    const c = carrier();
    const shop = await c.shop({ reference: 'ORD-1001', carrier: 'ups', service: null, shipFrom: from, shipTo: address(), packages: label().packages, options: label().options });
    expect(shop.quotes.map((q) => q.service_code)).toEqual(['93', '03', '12', '02', '01']);
    const ground = shop.quotes.find((q) => q.service_code === '03')!;
    expect(ground).toMatchObject({ negotiated: true, transit_days: 4, name: 'UPS Ground' });
    expect(ground.surcharges.map((s) => s.code)).toEqual(['residential']);
    expect(ground.fuel?.amount).toBeGreaterThan(0);
    expect(shop.messages[0]).toMatchObject({ severity: 'warning', code: '110971' });
    expect((await c.rate(label())).map((r) => r.service)).toEqual(['economy', 'ground', '3_day_select', '2nd_day_air', 'next_day_air']); // the account's own name for 93 first
    expect((await c.shop({ ...label(), service: 'economy' })).quotes.map((q) => q.service_code)).toEqual(['93']);
    expect(problems()).toEqual([]);
  });

  test.skipIf(!imaging)("a label: UPS's GIF stored as a 4×6 PDF whose barcode decodes to UPS's tracking number; the request valid against Shipping.yaml", async () => {
    const bought = await carrier('pdf').createLabel(label());
    expect(bought.trackingNumbers).toHaveLength(1);
    expect(bought.trackingNumbers[0]).toMatch(/^1ZA1B2C303\d{8}$/);
    expect(bought.carrierLabelId).toBe(bought.trackingNumbers[0]);
    expect(bought.cost).toMatchObject({ currency: 'USD' });
    expect(bought.documents?.map((d) => d.format)).toEqual(['pdf']);
    const dir = mkdtempSync(join(tmpdir(), 'ups-'));
    writeFileSync(join(dir, 'l.pdf'), bought.documents![0]!.data);
    execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
    expect(spawnSync('zbarimg', ['-q', '--raw', join(dir, 'l.png')], { encoding: 'utf8' }).stdout.trim()).toBe(bought.trackingNumbers[0]);
    const sent = mock.requests.find((r) => r.path.endsWith('/ship'))!.body as any;
    expect(sent.ShipmentRequest.Shipment.ReferenceNumber[0].Value).toBe('shp_01JTESTSHIPMENT000000000001:1');
    expect(sent.ShipmentRequest.Shipment.Package[0].ReferenceNumber[0].Value).toBe('ORD-1001');
    expect(problems()).toEqual([]);
  });

  test('several packages with a signature and insurance: a tracking number and a page each; ZPL accounts get the ZPL as it is', async () => {
    const two = label({ packages: [label().packages[0]!, { weight: { value: 800, unit: 'g' }, dimensions: null }], options: { signature: 'adult', insured_value: { amount: 30001, currency: 'USD' }, cod: null } });
    const pdf = await carrier('pdf').createLabel(two);
    expect(pdf.trackingNumbers).toHaveLength(2);
    expect((await PDFDocument.load(pdf.documents![0]!.data)).getPageCount()).toBe(2);
    const sent = mock.requests.find((r) => r.path.endsWith('/ship'))!.body as any;
    expect(sent.ShipmentRequest.Shipment.Package.map((p: any) => p.PackageServiceOptions)).toEqual([
      { DeliveryConfirmation: { DCISType: '3' }, DeclaredValue: { CurrencyCode: 'USD', MonetaryValue: '150.01' } },
      { DeliveryConfirmation: { DCISType: '3' }, DeclaredValue: { CurrencyCode: 'USD', MonetaryValue: '150.00' } },
    ]);
    const zpl = await carrier('zpl').createLabel(two);
    expect(zpl.documents?.map((d) => d.format)).toEqual(['zpl']);
    expect(zpl.documents![0]!.data.toString().match(/\^XA/g)).toHaveLength(2);
    expect(problems()).toEqual([]);
  });

  test("UPS's refusal comes back with its code and message, not retried", async () => {
    const e = await carrier().createLabel(label({ shipTo: address({ state: null }) })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CarrierError);
    expect(e).toMatchObject({ code: 'CARRIER_REJECTED', retryable: false, carrierMessage: '120208: Missing or invalid ship to StateProvinceCode' });
    expect(mock.requests.filter((r) => r.path.endsWith('/ship'))).toHaveLength(1);
    const unknown = await carrier().createLabel(label({ service: 'teleport' })).catch((x: unknown) => x);
    expect(unknown).toMatchObject({ code: 'CONFIGURATION' });
  });

  test('a timeout after UPS sold the label: the purchase is retryable, and the look-up by the purchase key finds the label (bought once)', async () => {
    mock.shipQueue.push('buy-then-hang');
    const key = 'shp_01JTESTSHIPMENT000000000002:1';
    const before = mock.shipments.size;
    const e = await carrier('pdf', 300).createLabel(label({ idempotencyKey: key })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'CARRIER_TIMEOUT', retryable: true });
    expect(mock.shipments.size).toBe(before + 1);
    const found = await carrier().findLabel(key);
    const sold = [...mock.shipments.values()].find((s) => s.reference === key)!;
    expect(found).toMatchObject({ carrierLabelId: sold.shipmentId, trackingNumbers: sold.trackingNumbers, cost: null });
    expect(found!.documents?.map((d) => d.format)).toEqual(['pdf']);
    expect(await carrier().findLabel('shp_never_bought:1')).toBeNull();
    expect(mock.shipments.size).toBe(before + 1);
    expect(problems()).toEqual([]);
  });

  test('a void (and voiding again is no error); a void UPS refuses says why', async () => {
    const bought = await carrier().createLabel(label({ idempotencyKey: 'shp_01JTESTSHIPMENT000000000003:1' }));
    await carrier().voidLabel(bought);
    expect(mock.shipments.get(bought.carrierLabelId)?.voided).toBe(true);
    await carrier().voidLabel(bought);
    await expect(carrier().voidLabel({ carrierLabelId: '1ZA1B2C30399999999', trackingNumbers: [] })).rejects.toMatchObject({ code: 'CARRIER_REJECTED', carrierMessage: '190101: No shipment found within the allowed void period' });
    expect(await carrier().findLabel('shp_01JTESTSHIPMENT000000000003:1')).toBeNull();
    expect(problems()).toEqual([]);
  });

  test("tracking with UPS's own codes: the label scan, then a delivery; an unknown number has nothing yet", async () => {
    const bought = await carrier().createLabel(label({ idempotencyKey: 'shp_01JTESTSHIPMENT000000000004:1' }));
    const tn = bought.trackingNumbers[0]!;
    let t = await carrier().trackParsed([tn]);
    expect(t?.parcels[0]?.events.map((e) => e.status)).toEqual(['info_received']);
    mock.activities.set(tn, [{ date: '20261209', time: '143000', gmtDate: '20261209', gmtTime: '193000', status: { type: 'D', code: 'FS', description: 'DELIVERED' }, location: { address: { city: 'Boston', stateProvince: 'MA', countryCode: 'US' } } }]);
    t = await carrier().trackParsed([tn]);
    expect(t?.parcels[0]?.events.map((e) => [e.status, e.occurred_at])).toEqual([['delivered', '2026-12-09T19:30:00.000Z'], ['info_received', '2026-12-07T14:30:00.000Z']]);
    expect((await carrier().track(tn)).map((e) => e.code)).toEqual(['FS', 'MP']);
    expect(await carrier().trackParsed(['1ZA1B2C30300000000'])).toBeNull();
    expect(problems()).toEqual([]);
  });

  test("address validation: valid and residential, a suite commercial, ambiguous with candidates, not found", async () => {
    const c = carrier();
    expect(await c.validateAddress(address())).toMatchObject({ verdict: 'valid', classification: 'residential', candidates: [{ line1: '12 BEACON ST', postal_code: '02108-1234' }] });
    expect(await c.validateAddress(address({ line2: 'Suite 400' }))).toMatchObject({ verdict: 'valid', classification: 'commercial' });
    const amb = await c.validateAddress(address({ line1: 'Main St' }));
    expect(amb.verdict).toBe('ambiguous');
    expect(amb.candidates).toHaveLength(2);
    expect(await c.validateAddress(address({ line1: '1 Nowhere Rd' }))).toMatchObject({ verdict: 'not_found', candidates: [] });
    mock.down = true;
    try {
      expect(await c.validateAddress(address())).toMatchObject({ verdict: 'unavailable' });
    } finally {
      mock.down = false;
    }
    expect(problems()).toEqual([]);
  });
});
