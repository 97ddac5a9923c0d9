/**
 * Label rendering throughput on one core: 4x6 PDF labels (pdfkit, vector Code 128 and Data
 * Matrix from bwip-js) and ZPL II labels, one label per document as the API serves them.
 *
 *   npm run bench:labels [-- --seconds 5]
 */
import { renderLabelsPdf } from '../src/labels/pdf-label.js';
import type { LabelData } from '../src/labels/label-data.js';
import { renderLabelZpl } from '../src/labels/zpl-label.js';
import { formatFor, sampleNumbering } from '../src/adapters/carriers/offline-carrier.js';
import { trackingNumber } from '../src/shipments/tracking-numbers.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;
const from = { name: 'Acme Fulfilment', company: null, line1: '1 Warehouse Way', line2: 'Dock 4', line3: null, city: 'Ontario', state: 'CA', postal_code: '91761', country: 'US', phone: null, tax_id: null, email: null, residential: false, latitude: null, longitude: null };
const names = ['Ana Garcia', 'John Smith', 'Mary-Kate O\u2019Brien', 'Nguyen Van An', 'Zo\u00eb Andr\u00e9'];
const ups = formatFor(sampleNumbering('ups'), 'ground');
const label = (i: number): LabelData => ({
  trackingNumber: trackingNumber(ups, i + 1), carrier: 'ups', serviceName: 'Ground', from,
  to: { ...from, name: names[i % names.length]!, company: i % 3 === 0 ? 'Example Corp' : null, line1: `${100 + (i % 900)} Beacon St`, line2: i % 2 ? `Apt ${i % 40}` : null, city: 'Boston', state: 'MA', postal_code: '02108' },
  weight: { value: 1 + (i % 20) / 4, unit: 'lb' }, reference: `ORD-${100000 + i}`, packageIndex: 1, packageCount: 1, shipDate: '2026-11-23', sample: i % 2 === 0,
});

async function measure(name: string, fn: (i: number) => Promise<unknown> | unknown) {
  for (let i = 0; i < 50; i++) await fn(i);
  const end = Date.now() + seconds * 1000;
  let n = 0;
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  while (Date.now() < end) {
    const out = await fn(n);
    bytes += typeof out === 'string' ? out.length : (out as Buffer).length;
    n++;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${name.padEnd(4)} ${(n / s).toFixed(0).padStart(7)} labels/s  (${n} labels in ${s.toFixed(1)} s, ${(bytes / n / 1024).toFixed(1)} KiB each)`);
}

console.log(`node ${process.version}, one core, ${seconds} s per format`);
await measure('PDF', (i) => renderLabelsPdf([label(i)]));
await measure('ZPL', (i) => renderLabelZpl(label(i)));
