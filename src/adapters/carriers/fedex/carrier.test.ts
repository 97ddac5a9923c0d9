import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hasFedexSpec, startFedexMock, type FedexMock } from '../../../../test/helpers/fedex-mock.js';
import { CarrierError, type LabelRequest } from '../../../shipments/ports.js';
import { FedexCarrier } from './carrier.js';
import { FedexClient } from './client.js';

const imaging = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('zbarimg', ['--version']).status === 0;
if (process.env['CI'] && !hasFedexSpec) throw new Error('CI has ../shared beside the project: the FedEx definitions must be there');

const address = (over: Record<string, unknown> = {}) => ({
  name: 'Ana Garcia', company: null, line1: '12 Beacon St', line2: null, line3: null, city: 'Boston', state: 'MA', postal_code: '02108', country: 'US',
  phone: '617-555-0100', tax_id: null, email: null, residential: true, latitude: null, longitude: null, ...over,
});
const from = address({ name: 'Dock', company: 'Acme Fulfilment', line1: '4100 E Mission Blvd', city: 'Ontario', state: 'CA', postal_code: '91761', residential: false, phone: '9095550100' });
const label = (over: Partial<LabelRequest> = {}): LabelRequest => ({
  idempotencyKey: 'shp_f1:1', shipmentId: 'shp_f1', reference: 'ORD-3001', carrier: 'fedex', service: 'home_delivery',
  shipFrom: from, shipTo: address(), packages: [{ weight: { value: 2.3, unit: 'lb' }, dimensions: { length: 12.2, width: 9, height: 4, unit: 'in' } }],
  options: { signature: null, insured_value: null, cod: null }, quoted: null, ...over,
});

let mock: FedexMock;
const carrier = (over: { labelFormat?: 'pdf' | 'zpl'; rateType?: 'ACCOUNT' | 'LIST' } = {}, timeoutMs = 2000) => new FedexCarrier(
  new FedexClient({ baseUrl: mock.url, clientId: 'fdx-key', clientSecret: 'fdx-secret', timeoutMs, backoffMs: () => 0 }),
  { accountNumber: '740561073', rateType: over.rateType ?? 'ACCOUNT', labelFormat: over.labelFormat ?? 'pdf', services: {} }, { now: () => Date.parse('2026-12-07T15:00:00Z') },
);
const problems = () => mock.requests.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));

beforeAll(async () => { mock = await startFedexMock({ clientId: 'fdx-key', clientSecret: 'fdx-secret' }); });
afterAll(() => mock.close());
beforeEach(() => { mock.requests.length = 0; mock.shipQueue.length = 0; });

describe('FedEx behind the carrier gateway, against a local FedEx that checks every request against its published OpenAPI', () => {
  test("rates: the account's rate with the list rate beside it, itemized (residential, fuel), FedEx's transit days, names as cards spell them", async () => {
    const shop = await carrier().shop({ ...label(), service: null, options: { signature: 'adult', insured_value: { amount: 30000, currency: 'USD' }, cod: null } });
    expect(shop.quotes.map((q) => q.service_code)).toEqual(['SMART_POST', 'GROUND_HOME_DELIVERY', 'FEDEX_EXPRESS_SAVER', 'FEDEX_2_DAY', 'STANDARD_OVERNIGHT']);
    const home = shop.quotes.find((q) => q.service_code === 'GROUND_HOME_DELIVERY')!;
    expect(home).toMatchObject({ name: 'FedEx Home Delivery', negotiated: true, transit_days: 4 });
    expect(home.list_total!.amount).toBeGreaterThan(home.total.amount);
    expect(home.surcharges.map((s) => s.code)).toEqual(['residential']);
    expect(home.fuel!.amount).toBeGreaterThan(0);
    expect(home.base.amount + home.fuel!.amount + home.surcharges[0]!.amount.amount).toBe(home.total.amount);
    const list = await carrier({ rateType: 'LIST' }).shop({ ...label(), service: 'home_delivery' });
    expect(list.quotes[0]!.total.amount).toBe(home.list_total!.amount);
    expect((await carrier().rate(label())).map((r) => r.service)).toContain('home_delivery');
    expect(problems()).toEqual([]);
  });

  test.skipIf(!imaging)("a label per package, FedEx's PDFs in one document whose barcodes decode; the purchase key on each package; ZPL as it is", async () => {
    const two = label({ packages: [label().packages[0]!, { weight: { value: 900, unit: 'g' }, dimensions: null }], options: { signature: 'direct', insured_value: { amount: 20001, currency: 'USD' }, cod: null } });
    const bought = await carrier().createLabel(two);
    expect(bought.trackingNumbers).toHaveLength(2);
    expect(bought.carrierLabelId).toBe(bought.trackingNumbers[0]);
    expect(bought.cost?.currency).toBe('USD');
    const pdf = bought.documents![0]!;
    expect((await PDFDocument.load(pdf.data)).getPageCount()).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'fedex-'));
    writeFileSync(join(dir, 'l.pdf'), pdf.data);
    execFileSync('pdftoppm', ['-r', '203', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
    expect(spawnSync('zbarimg', ['-q', '--raw', join(dir, 'l.png')], { encoding: 'utf8' }).stdout.trim()).toBe(bought.trackingNumbers[0]);
    const sent = mock.requests.find((r) => r.path === '/ship/v1/shipments')!.body as any;
    expect(sent.requestedShipment.requestedPackageLineItems.map((p: any) => [p.customerReferences[0].value, p.packageSpecialServices.signatureOptionType, p.declaredValue.amount])).toEqual([['shp_f1:1', 'DIRECT', 100.01], ['shp_f1:1', 'DIRECT', 100]]);
    expect(sent.requestedShipment.requestedPackageLineItems[0].dimensions).toEqual({ length: 13, width: 9, height: 4, units: 'IN' });
    const zpl = await carrier({ labelFormat: 'zpl' }).createLabel(label({ idempotencyKey: 'shp_f2:1' }));
    expect(zpl.documents?.map((d) => d.format)).toEqual(['zpl']);
    expect(problems()).toEqual([]);
  });

  test("FedEx's refusal names its field; a timeout after FedEx sold the label: found by its reference and cancelled, so the retry leaves one label", async () => {
    const e = await carrier().createLabel(label({ shipTo: address({ state: null }) })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CarrierError);
    expect(e).toMatchObject({ code: 'CARRIER_REJECTED', retryable: false, carrierMessage: 'RECIPIENTS.STATEORPROVINCECODE.INVALID: Please provide a valid state or province code. (requestedShipment.recipients[0].address.stateOrProvinceCode)' });
    mock.shipQueue.push('buy-then-hang');
    const slow = await carrier({}, 300).createLabel(label({ idempotencyKey: 'shp_f3:1' })).catch((x: unknown) => x);
    expect(slow).toMatchObject({ code: 'CARRIER_TIMEOUT', retryable: true });
    const lost = [...mock.shipments.values()].find((s) => s.reference === 'shp_f3:1')!;
    expect(lost.cancelled).toBe(false);
    expect(await carrier().findLabel('shp_f3:1')).toBeNull();
    expect(lost.cancelled).toBe(true);
    const again = await carrier().createLabel(label({ idempotencyKey: 'shp_f3:1' }));
    expect([...mock.shipments.values()].filter((s) => s.reference === 'shp_f3:1' && !s.cancelled).map((s) => s.trackingNumbers[0])).toEqual([again.carrierLabelId]);
    expect(await carrier().findLabel('shp_never:1')).toBeNull();
    expect(problems()).toEqual([]);
  });

  test('cancel, tracking with FedEx codes, the ground close, address checks', async () => {
    const c = carrier();
    const a = await c.createLabel(label({ idempotencyKey: 'shp_f4:1' }));
    await c.voidLabel(a);
    expect(mock.shipments.get(a.carrierLabelId)?.cancelled).toBe(true);
    await expect(c.voidLabel({ carrierLabelId: '794900000000', trackingNumbers: [] })).rejects.toMatchObject({ code: 'CARRIER_REJECTED' });
    const b = await c.createLabel(label({ idempotencyKey: 'shp_f5:1' }));
    mock.scans.set(b.trackingNumbers[0]!, [
      { date: '2026-12-07T18:02:00-08:00', eventType: 'PU', eventDescription: 'Picked up', scanLocation: { city: 'ONTARIO', stateOrProvinceCode: 'CA', postalCode: '91761', countryCode: 'US' } },
      { date: '2026-12-10T11:40:00-05:00', eventType: 'DL', eventDescription: 'Delivered', scanLocation: { city: 'BOSTON', stateOrProvinceCode: 'MA', countryCode: 'US' } },
    ]);
    const t = await c.trackParsed(b.trackingNumbers);
    expect(t?.parcels[0]?.events.map((e) => [e.code, e.status])).toEqual([['DL', 'delivered'], ['PU', 'in_transit']]);
    expect(await c.trackParsed(['794999999999'])).toBeNull();
    expect((await c.manifest([b], { warehouseId: 'wh_1', shipDate: '2026-12-07' })).carrierManifestId).toMatch(/^FDX-CLOSE-/);
    expect(await c.validateAddress(address())).toMatchObject({ verdict: 'valid', classification: 'residential', standardized: { line1: '12 BEACON ST', postal_code: '02108-1234' } });
    expect(await c.validateAddress(address({ line2: 'Suite 9' }))).toMatchObject({ classification: 'commercial' });
    expect(await c.validateAddress(address({ line1: '1 Harbor Tower' }))).toMatchObject({ verdict: 'ambiguous' });
    expect(await c.validateAddress(address({ line1: '1 Nowhere Rd' }))).toMatchObject({ verdict: 'not_found' });
    expect(problems()).toEqual([]);
  });
});
