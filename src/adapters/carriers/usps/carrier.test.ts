import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { checkShape, hasUspsExamples, startUspsMock, uspsShapes, type UspsMock } from '../../../../test/helpers/usps-mock.js';
import { CarrierError, type LabelRequest } from '../../../shipments/ports.js';
import { UspsCarrier } from './carrier.js';
import { UspsClient } from './client.js';
import { multipartParts, uspsLabelRequest } from './mapper.js';

const imaging = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('zbarimg', ['--version']).status === 0;
if (process.env['CI'] && !hasUspsExamples) throw new Error('CI has ../shared beside the project: the USPS examples must be there');

const address = (over: Record<string, unknown> = {}) => ({
  name: 'Ana Garcia', company: null, line1: '12 Beacon St', line2: null, line3: null, city: 'Boston', state: 'MA', postal_code: '02108', country: 'US',
  phone: null, tax_id: null, email: null, residential: true, latitude: null, longitude: null, ...over,
});
const from = address({ name: null, company: 'Acme Fulfilment', line1: '4100 E Mission Blvd', city: 'Ontario', state: 'CA', postal_code: '91761', residential: false });
const label = (over: Partial<LabelRequest> = {}): LabelRequest => ({
  idempotencyKey: 'shp_1:1', shipmentId: 'shp_1', reference: 'ORD-2001', carrier: 'usps', service: 'ground_advantage',
  shipFrom: from, shipTo: address(), packages: [{ weight: { value: 1.4, unit: 'lb' }, dimensions: { length: 10, width: 8, height: 4, unit: 'in' } }],
  options: { signature: null, insured_value: null, cod: null }, quoted: null, ...over,
});
const settings = { crid: '56982563', mid: '902000001', manifestMid: null, epsAccount: '1000012345', priceType: 'COMMERCIAL' as const, labelFormat: 'pdf' as 'pdf' | 'zpl', services: {} };

let mock: UspsMock;
const carrier = (over: Partial<typeof settings> = {}, timeoutMs = 2000) => new UspsCarrier(
  new UspsClient({ baseUrl: mock.url, clientId: 'usps-key', clientSecret: 'usps-secret', payer: { crid: settings.crid, mid: settings.mid, manifestMid: null, epsAccount: settings.epsAccount }, timeoutMs, backoffMs: () => 0 }),
  { ...settings, ...over }, { now: () => Date.parse('2026-12-07T15:00:00Z') },
);
const problems = () => mock.requests.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));

beforeAll(async () => { mock = await startUspsMock({ clientId: 'usps-key', clientSecret: 'usps-secret' }); });
afterAll(() => mock.close());
beforeEach(() => { mock.requests.length = 0; mock.labelQueue.length = 0; mock.unavailable.clear(); });

describe("USPS's example fields as the contract", () => {
  test.skipIf(!hasUspsExamples)('a misspelt field or a wrong type is caught; our label request has only fields the examples have', () => {
    const shapes = uspsShapes()!;
    const ours = uspsLabelRequest(label().packages[0]!, { shipFrom: from, shipTo: address(), mailClass: 'USPS_GROUND_ADVANTAGE', extras: [921], packageValue: 120, returnLabel: false, reference: 'ORD-1' }, settings, '2026-12-07');
    expect(checkShape(ours, shapes.label)).toEqual([]);
    expect(checkShape({ ...ours, toAdress: {} }, shapes.label)).toEqual(['/toAdress: no USPS example has this field']);
    expect(checkShape({ ...ours, imageInfo: { imageType: 4 } }, shapes.label)).toEqual([]); // "4" and 4 read alike
    expect(checkShape({ ...ours, imageInfo: { returnLabel: 'no' } }, shapes.label)).toEqual(['/imageInfo/returnLabel: string, the examples give boolean']);
  });

  test('multipart answers are read part by part', () => {
    const parts = multipartParts('--B\r\nContent-type: application/json\r\n\r\n{"a":1}\r\n--B\r\nContent-Type: application/pdf\r\n\r\nJVBERi0=\r\n--B--\r\n', 'multipart/mixed; boundary=B');
    expect(parts.map((p) => [p.headers['content-type'], p.body])).toEqual([['application/json', '{"a":1}'], ['application/pdf', 'JVBERi0=']]);
  });
});

describe('USPS behind the carrier gateway, against a local USPS that checks every request against its examples', () => {
  test('rates: each parcel mail class priced package by package, extra services itemized, cheapest first; a class USPS refuses is left out with its message', async () => {
    mock.unavailable.add('PRIORITY_MAIL_EXPRESS');
    const two = { ...label(), service: null, packages: [label().packages[0]!, { weight: { value: 3.2, unit: 'lb' as const }, dimensions: null }], options: { signature: 'direct' as const, insured_value: { amount: 24000, currency: 'USD' }, cod: null } };
    const shop = await carrier().shop(two);
    expect(shop.quotes.map((q) => q.service_code)).toEqual(['USPS_GROUND_ADVANTAGE', 'PRIORITY_MAIL']);
    const ga = shop.quotes[0]!;
    expect(ga.base.amount).toBe(630 + 800); // 1.4 lb and 3.2 lb at the mock's prices
    expect(ga.surcharges).toEqual([{ code: 'signature', label: 'Signature Confirmation', amount: { amount: 890, currency: 'USD' } }, { code: 'declared_value', label: 'Insurance <= $500', amount: { amount: 930, currency: 'USD' } }]);
    expect(ga.total.amount).toBe(630 + 800 + 890 + 930);
    expect(shop.messages).toContainEqual(expect.objectContaining({ code: '400', field: 'mailClass', service_code: 'PRIORITY_MAIL_EXPRESS' }));
    expect((await carrier().rate(label())).map((r) => r.service)).toEqual(['ground_advantage', 'priority_mail']);
    expect(problems()).toEqual([]);
  });

  test.skipIf(!imaging)("a label per package, USPS's PDFs in one document whose barcodes decode; the postage is the cost; the reference printed", async () => {
    const two = label({ packages: [label().packages[0]!, { weight: { value: 2, unit: 'lb' }, dimensions: null }] });
    const bought = await carrier().createLabel(two);
    expect(bought.trackingNumbers).toHaveLength(2);
    expect(bought.trackingNumbers[0]).toMatch(/^92055901097699\d{8}$/);
    expect(bought.cost).toEqual({ amount: 630 + 630, currency: 'USD' });
    const pdf = bought.documents![0]!;
    expect(pdf.format).toBe('pdf');
    expect((await PDFDocument.load(pdf.data)).getPageCount()).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'usps-'));
    writeFileSync(join(dir, 'l.pdf'), pdf.data);
    execFileSync('pdftoppm', ['-r', '203', '-png', '-f', '2', '-l', '2', '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
    expect(spawnSync('zbarimg', ['-q', '--raw', join(dir, 'l.png')], { encoding: 'utf8' }).stdout.trim()).toBe(bought.trackingNumbers[1]);
    expect(mock.labels.get(bought.trackingNumbers[0]!)?.reference).toBe('ORD-2001');
    const zpl = await carrier({ labelFormat: 'zpl' }).createLabel(label());
    expect(zpl.documents?.map((d) => d.format)).toEqual(['zpl']);
    expect(problems()).toEqual([]);
  });

  test("USPS's refusal names the field; a failure on the second package cancels the first; a timeout is not retried blindly", async () => {
    const e = await carrier().createLabel(label({ shipTo: address({ state: null }) })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CarrierError);
    expect(e).toMatchObject({ code: 'CARRIER_REJECTED', retryable: false, carrierMessage: '400: toAddress.state is required (toAddress.state)' });

    // Package 2 refused: package 1's label is cancelled.
    const two = label({ packages: [label().packages[0]!, label().packages[0]!] });
    const c = carrier();
    const first = mock.labels.size;
    mock.labelQueue.push({ status: 0, body: null }, { status: 400, body: { apiVersion: '/v3', error: { code: '400', message: 'bad', errors: [{ code: '400', detail: 'packageDescription.weight exceeds 70 lb', source: { parameter: 'packageDescription.weight' } }] } } });
    const partial = await c.createLabel(two).catch((x: unknown) => x);
    expect(partial).toMatchObject({ code: 'CARRIER_REJECTED', carrierMessage: '400: packageDescription.weight exceeds 70 lb (packageDescription.weight)' });
    const sold = [...mock.labels.entries()].slice(first);
    expect(sold).toHaveLength(1);
    expect(sold[0]![1].cancelled).toBe(true);

    mock.labelQueue.push('buy-then-hang');
    const slow = await carrier({}, 300).createLabel(label()).catch((x: unknown) => x);
    expect(slow).toMatchObject({ code: 'CARRIER_TIMEOUT', retryable: false });
    expect((slow as Error).message).toContain('check the account');
    expect(await carrier().findLabel()).toBeNull();
  });

  test('cancel (void), tracking with USPS codes, a SCAN form for the day, address checks', async () => {
    const c = carrier();
    const a = await c.createLabel(label());
    const b = await c.createLabel(label());
    await c.voidLabel(a);
    expect(mock.labels.get(a.trackingNumbers[0]!)?.cancelled).toBe(true);
    mock.events.set(b.trackingNumbers[0]!, [
      { eventType: 'USPS in possession of item', eventTimestamp: '2026-12-07T17:31:00Z', eventCity: 'ONTARIO', eventState: 'CA', eventZIP: '91761', eventCode: '03' },
      { eventType: 'Delivered, In/At Mailbox', eventTimestamp: '2026-12-09T15:02:00Z', eventCity: 'BOSTON', eventState: 'MA', eventZIP: '02108', eventCode: '01' },
    ]);
    const t = await c.trackParsed(b.trackingNumbers);
    expect(t?.parcels[0]?.events.map((e) => e.status)).toEqual(['delivered', 'in_transit']);
    expect(await c.trackParsed(['9205590109769900999999'])).toBeNull();
    const scan = await c.manifest([b], { warehouseId: 'wh_1', shipDate: '2026-12-07', from });
    expect(scan.carrierManifestId).toMatch(/^9275090\d{12}$/);
    await expect(c.manifest([a], { warehouseId: 'wh_1', shipDate: '2026-12-07', from })).rejects.toMatchObject({ code: 'CARRIER_REJECTED' });
    expect(await c.validateAddress(address())).toMatchObject({ verdict: 'valid', classification: 'residential', standardized: { line1: '12 BEACON ST', postal_code: '02108-1234' } });
    expect(await c.validateAddress(address({ line1: '1 Harbor Tower' }))).toMatchObject({ verdict: 'ambiguous' });
    expect(await c.validateAddress(address({ line2: 'Ste 400' }))).toMatchObject({ classification: 'commercial' });
    expect(await c.validateAddress(address({ line1: '1 Nowhere Rd' }))).toMatchObject({ verdict: 'not_found', messages: [expect.objectContaining({ field: 'streetAddress' })] });
    expect(problems()).toEqual([]);
  });
});
