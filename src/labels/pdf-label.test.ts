import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LabelData } from './label-data.js';
import { renderLabelsPdf } from './pdf-label.js';
import { renderLabelZpl } from './zpl-label.js';

const imaging = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('zbarimg', ['--version']).status === 0;
if (process.env['CI'] && !imaging) throw new Error('CI needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)');

const address = (name: string, line1: string, city: string, state: string, postal_code: string) => ({
  name, company: null, line1, line2: null, line3: null, city, state, postal_code, country: 'US', phone: null, tax_id: null, email: null, residential: true, latitude: null, longitude: null,
});
const usps = (over: Partial<LabelData> = {}): LabelData => ({
  trackingNumber: '9200190123456712345678', carrier: 'usps', serviceName: 'USPS Ground Advantage', from: address('Acme', '4100 E Mission Blvd', 'Ontario', 'CA', '91761'),
  to: address('Ana Garcia', '12 Beacon St', 'Boston', 'MA', '02108'), weight: { value: 2, unit: 'lb' }, reference: 'R-1', packageIndex: 1, packageCount: 1, shipDate: '2026-12-07', sample: false, ...over,
});

/** The barcodes on the label's page as zbarimg reads them (GS1's FNC1 as a group separator). */
function scan(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lm-usps-'));
  writeFileSync(join(dir, 'l.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
  return spawnSync('zbarimg', ['-q', '--raw', '-Scode128.enable', join(dir, 'l.png')], { encoding: 'utf8' }).stdout.trim().split('\n');
}

describe('a USPS label lastmile draws for an offline account', () => {
  test.skipIf(!imaging)('carries the IMpb: GS1-128 of AI 420 with the destination ZIP, then the tracking number; and says it is not postage', async () => {
    const pdf = await renderLabelsPdf([usps()]);
    const codes = scan(pdf);
    // zbar prints GS1-128 without the brackets: 420 + ZIP, a group separator, the tracking number.
    expect(codes.map((c) => c.replace(/\x1d/g, '|'))).toContain('42002108|9200190123456712345678');
    expect(execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString()).toContain('NO POSTAGE - PAY POSTAGE BEFORE MAILING');
  });

  test.skipIf(!imaging)('a ZIP+4 is routed on all nine digits; a sample keeps the plain tracking barcode and its SAMPLE mark', async () => {
    expect(scan(await renderLabelsPdf([usps({ to: { ...usps().to, postal_code: '02108-1234' } })])).map((c) => c.replace(/\x1d/g, '|'))).toContain('420021081234|9200190123456712345678');
    const sample = await renderLabelsPdf([usps({ sample: true })]);
    expect(scan(sample)).toContain('9200190123456712345678');
    const text = execFileSync('pdftotext', ['-', '-'], { input: sample }).toString();
    expect(text).toContain('SAMPLE - NOT FOR SHIPPING');
    expect(text).not.toContain('NO POSTAGE');
  });

  test('the ZPL label prints the same IMpb in GS1 mode, and the other carriers Code 128 as before', () => {
    const zpl = renderLabelZpl(usps());
    expect(zpl).toContain('^BCN,220,N,N,N,D^FH_^FD(420)02108(92)00190123456712345678^FS');
    expect(zpl).toContain('NO POSTAGE');
    const ups = renderLabelZpl(usps({ carrier: 'ups', trackingNumber: '1ZA1B2C30312345678', serviceName: 'UPS Ground' }));
    expect(ups).toContain('^BCN,220,N,N,N,A^FH_^FD1ZA1B2C30312345678^FS');
    expect(ups).not.toContain('NO POSTAGE');
  });
});
