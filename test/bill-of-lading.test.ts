import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiFixture, shipViaApi, type ApiFixture } from './helpers/api-fixture.js';
import { orderInput } from './helpers/factories.js';

const imaging = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('zbarimg', ['--version']).status === 0 && spawnSync('pdftotext', ['-v']).status === 0;
if (process.env['CI'] && !imaging) throw new Error('CI needs poppler-utils and zbar-tools');

let f: ApiFixture;
beforeAll(async () => { f = await apiFixture(); });
afterAll(() => f?.close());

const SOFA = { sku: null, name: 'Sofa', quantity: 1, weight: { value: 200, unit: 'lb' }, dimensions: { length: 84, width: 38, height: 34, unit: 'in' } };

describe('LTL and truck shipments travel on a bill of lading', () => {
  test.skipIf(!imaging)('the label of a truck shipment is a VICS bill of lading whose PRO barcode decodes; ZPL gives a PRO label per handling unit; a parcel keeps its label', async () => {
    const o = await f.app.inject({ method: 'POST', url: '/v1/orders', headers: f.auth(), payload: orderInput({ warehouse_id: 'ONT1', lines: [SOFA, SOFA] } as never) });
    expect(o.statusCode, o.body).toBe(201);
    const d = (await f.app.inject({ method: 'POST', url: `/v1/orders/${o.json().id}/decide`, headers: f.auth() })).json();
    expect(d.decision.mode).toBe('truck');
    const s = await shipViaApi(f, o.json().id);
    expect(s.status).toBe('labeled');
    expect(s.options.freight).toMatchObject({ accessorials: d.decision.accessorials, description: '1 x Sofa, 1 x Sofa', hazmat: false });
    const pdf = await f.app.inject({ url: `/v1/shipments/${s.id}/label`, headers: f.auth() });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([[612, 792]]);
    const dir = mkdtempSync(join(tmpdir(), 'bol-'));
    writeFileSync(join(dir, 'b.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
    for (const want of ['BILL OF LADING', 'SHIP FROM', 'SHIP TO', 'CARRIER INFORMATION', 'FREIGHT CHARGE TERMS', s.tracking_numbers[0], 'Liftgate at delivery', 'GRAND TOTAL: 2 handling units', 'SAMPLE - NOT FOR SHIPPING']) expect(text).toContain(want);
    // Each handling unit's freight class from its density (200 lb in 84x38x34 in: class 250).
    expect(text).toMatch(/Sofa \(84x38x34 in\)\s+\d{2,3}/);
    execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', join(dir, 'b.pdf'), join(dir, 'b')]);
    expect(spawnSync('zbarimg', ['-q', '--raw', join(dir, 'b.png')], { encoding: 'utf8' }).stdout.trim()).toBe(s.tracking_numbers[0]);
    if (process.env['BOL_PREVIEW']) writeFileSync(process.env['BOL_PREVIEW'], pdf.rawPayload);
    const zpl = (await f.app.inject({ url: `/v1/shipments/${s.id}/label?format=zpl`, headers: f.auth() })).body;
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
  });
});
