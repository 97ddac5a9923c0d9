import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { gifLabel } from '../../test/helpers/gif-label.js';
import { gifLabelsToPdf, gifToPng } from './carrier-images.js';

const imaging = spawnSync('pdftoppm', ['-v']).status === 0 && spawnSync('zbarimg', ['--version']).status === 0;
if (process.env['CI'] && !imaging) throw new Error('CI needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)');

describe('carrier-drawn GIF labels as PDF', () => {
  test('a GIF decodes to a PNG of the same size; something else is refused', async () => {
    const gif = await gifLabel('1Z999AA10123456784');
    const { png, width, height } = gifToPng(gif);
    expect([width, height]).toEqual([1200, 800]);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(() => gifToPng(Buffer.from('%PDF-1.7 not a gif'))).toThrow();
  });

  test('one 4×6 page per package, landscape labels turned upright', async () => {
    const pdf = await gifLabelsToPdf([await gifLabel('1Z999AA10123456784'), await gifLabel('1Z999AA10123456793', { width: 800, height: 1200 })]);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([[288, 432], [288, 432]]);
  });

  test.skipIf(!imaging)("the PDF's barcode decodes to the carrier's tracking number", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gif-'));
    writeFileSync(join(dir, 'l.pdf'), await gifLabelsToPdf([await gifLabel('1Z999AA10123456784')]));
    execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
    const read = spawnSync('zbarimg', ['-q', '--raw', join(dir, 'l.png')], { encoding: 'utf8' }).stdout.trim();
    expect(read).toBe('1Z999AA10123456784');
  });
});
