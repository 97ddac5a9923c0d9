import PDFDocument from 'pdfkit';
import type { Money } from '../kernel/money.js';
import { formatMoney } from '../kernel/money.js';
import type { ManifestRecord } from '../shipments/ports.js';
import type { Warehouse } from '../warehouses/warehouse.schema.js';
import { code128Modules } from './barcodes.js';

/** US Letter, in points. */
const PAGE_WIDTH = 612;

export interface ManifestLine {
  shipment_id: string;
  reference: string;
  service: string;
  tracking_number: string;
  package: string;
  weight_lb: number;
  postal_code: string;
  country: string;
  cost: Money | null;
}

/**
 * The end-of-day manifest (a carrier's "SCAN form" equivalent) on US Letter: carrier, warehouse,
 * date, totals, a Code 128 of the manifest id for the driver to scan, and every package.
 */
export function renderManifestPdf(m: ManifestRecord, wh: Warehouse, lines: ManifestLine[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 40, info: { Title: `Manifest ${m.id}`, Producer: 'lastmile' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(`${m.carrier.toUpperCase()} manifest`, 40, 40);
  doc.font('Helvetica').fontSize(9);
  doc.text(`Manifest ${m.id}   carrier reference ${m.carrier_manifest_id}`, 40, 64);
  doc.text(`Ship date ${m.ship_date}   warehouse ${wh.code} - ${wh.name}, ${wh.address.city} ${wh.address.state ?? ''} ${wh.address.postal_code ?? ''}`, 40, 76);
  doc.text(`${m.summary.shipments} shipments, ${m.summary.packages} packages, ${m.summary.weight_lb} lb${m.summary.cost ? `, ${formatMoney(m.summary.cost)}` : ''}`, 40, 88);
  // The manifest id as a Code 128 on its own line, inside the page with a quiet zone of ten
  // modules each side, bars as wide as fit (at least 0.24 mm a module, at most 0.42 mm).
  const sbs = code128Modules(m.id);
  const modules = sbs.reduce((t, n) => t + n, 0);
  const w = Math.min(1.2, (PAGE_WIDTH - 80) / (modules + 20));
  let x = 40 + 10 * w;
  for (let i = 0; i < sbs.length; i++) {
    if (i % 2 === 0) doc.rect(x, 106, sbs[i]! * w, 44);
    x += sbs[i]! * w;
  }
  doc.fill('#000');
  doc.fontSize(8).text(m.id, 40 + 10 * w, 153);
  const cols = [40, 120, 250, 300, 410, 470, 520];
  const head = ['Reference', 'Tracking number', 'Pkg', 'Service', 'Weight lb', 'Dest', 'Cost'];
  let y = 172;
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    cells.forEach((c, k) => doc.text(c, cols[k]!, y, { width: (cols[k + 1] ?? 575) - cols[k]! - 4, lineBreak: false, ellipsis: true }));
    y += 12;
    if (y > 750) {
      doc.addPage();
      y = 40;
    }
  };
  row(head, true);
  for (const l of lines) row([l.reference, l.tracking_number, l.package, l.service, String(l.weight_lb), `${l.country} ${l.postal_code}`, l.cost ? formatMoney(l.cost) : '']);
  y += 20;
  doc.font('Helvetica').fontSize(9).text('Driver signature: ______________________________     Pieces received: ________     Time: ________', 40, Math.min(y, 740));
  doc.end();
  return done;
}
