/**
 * The straight bill of lading for LTL and truck shipments, in the VICS layout shippers and LTL
 * carriers use (the Voluntary Interindustry Commerce Solutions standard BOL): ship from, ship to,
 * third-party billing, the carrier with its SCAC and the PRO number (as a Code 128 the driver
 * scans), freight charge terms, the customer order information, the carrier information (handling
 * units, weight, hazardous materials, commodity, NMFC number, freight class), accessorials, COD,
 * declared value and the shipper's, carrier's and consignee's signature blocks. US Letter.
 */
import PDFDocument from 'pdfkit';
import type { Address } from '../addresses/address.schema.js';
import { formatMoney, type Money } from '../kernel/money.js';
import { toGrams, type Dimensions, type Weight } from '../kernel/units.js';
import { freightClassFor } from '../rating/freight-class.js';
import { code128Modules } from './barcodes.js';

export interface BillOfLading {
  bolNumber: string;
  /** The carrier's PRO number (the tracking number of an LTL shipment). */
  pro: string;
  carrierName: string;
  /** The carrier's Standard Carrier Alpha Code, when known. */
  scac: string | null;
  shipDate: string;
  from: Address;
  to: Address;
  /** The order number and the customer's reference. */
  reference: string;
  handlingUnits: { weight: Weight; dimensions: Dimensions | null }[];
  description: string;
  accessorials: string[];
  cod: Money | null;
  declaredValue: Money | null;
  hazmat: boolean;
  /** Who pays the freight: the shipper (prepaid), the consignee (collect) or a third party. */
  terms: 'prepaid' | 'collect' | 'third_party';
  sample: boolean;
}

const W = 612;
const M = 30;
const lb = (w: Weight) => Math.round((toGrams(w) / 453.59237) * 10) / 10;
const ACCESSORIAL_NAMES: Record<string, string> = {
  liftgate: 'Liftgate at delivery', appointment: 'Delivery appointment', inside_delivery: 'Inside delivery', residential: 'Residential delivery',
  limited_access: 'Limited access', notify: 'Notify before delivery', curbside: 'Curbside delivery', white_glove: 'White glove',
};

export function renderBillOfLadingPdf(b: BillOfLading): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: M, info: { Title: `Bill of lading ${b.bolNumber}`, Producer: 'lastmile' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const box = (x: number, y: number, w: number, h: number, title?: string) => {
    doc.lineWidth(0.8).rect(x, y, w, h).stroke();
    if (title) {
      doc.rect(x, y, w, 12).fill('#000');
      doc.fill('#fff').font('Helvetica-Bold').fontSize(7.5).text(title, x + 4, y + 2.5, { width: w - 8, lineBreak: false });
      doc.fill('#000');
    }
  };
  const text = (s: string, x: number, y: number, w: number, o: { bold?: boolean; size?: number } = {}) =>
    doc.font(o.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(o.size ?? 8).text(s, x, y, { width: w, lineBreak: false, ellipsis: true });
  const addressLines = (a: Address) => [a.company ?? a.name ?? '', a.company && a.name ? `Attn: ${a.name}` : '', a.line1, a.line2 ?? '', `${a.city}${a.state ? `, ${a.state}` : ''} ${a.postal_code ?? ''}`, a.phone ?? ''].filter(Boolean);

  // Header: date, title, BOL number.
  text(`Date: ${b.shipDate}`, M, M, 150);
  doc.font('Helvetica-Bold').fontSize(15).text('BILL OF LADING', M, M - 3, { width: W - 2 * M, align: 'center' });
  text(`Page 1 of 1`, W - M - 100, M, 100);
  if (b.sample) {
    doc.fill('#b00').font('Helvetica-Bold').fontSize(9).text('SAMPLE - NOT FOR SHIPPING: a sample carrier account issued this PRO number', M, M + 16, { width: W - 2 * M, align: 'center' });
    doc.fill('#000');
  }
  const left = M;
  const half = (W - 2 * M) / 2;
  const right = M + half;
  let y = M + 30;

  box(left, y, half, 80, 'SHIP FROM');
  addressLines(b.from).forEach((l, k) => text(l, left + 4, y + 16 + k * 10, half - 8, { bold: k === 0 }));
  text(`SID#: ${b.reference}`, left + 4, y + 68, half - 8);
  box(right, y, half, 80, 'BILL OF LADING NUMBER');
  text(b.bolNumber, right + 4, y + 16, half - 8, { bold: true, size: 11 });
  text(`CARRIER NAME: ${b.carrierName}`, right + 4, y + 34, half - 8);
  text(`SCAC: ${b.scac ?? '—'}   TRAILER #: _______   SEAL #: _______`, right + 4, y + 46, half - 8);
  text('PRO NUMBER:', right + 4, y + 60, 60, { bold: true });
  text(b.pro, right + 66, y + 60, half - 70, { bold: true, size: 10 });
  y += 84;

  box(left, y, half, 80, 'SHIP TO');
  addressLines(b.to).forEach((l, k) => text(l, left + 4, y + 16 + k * 10, half - 8, { bold: k === 0 }));
  text(`CID#: ${b.reference}`, left + 4, y + 68, half - 8);
  // The PRO number as a Code 128 the driver scans (0.9 pt modules, 36 pt bars).
  box(right, y, half, 80);
  const sbs = code128Modules(b.pro);
  const modules = sbs.reduce((t, n) => t + n, 0);
  const mw = Math.min(1.2, (half - 20) / (modules + 20));
  let x = right + 10 + 10 * mw;
  for (let i = 0; i < sbs.length; i++) {
    if (i % 2 === 0) doc.rect(x, y + 10, sbs[i]! * mw, 44);
    x += sbs[i]! * mw;
  }
  doc.fill('#000');
  text(b.pro, right + 10 + 10 * mw, y + 58, half - 20, { size: 9 });
  y += 84;

  box(left, y, half, 52, 'THIRD PARTY FREIGHT CHARGES BILL TO');
  text(b.terms === 'third_party' ? 'See attached billing instructions' : '—', left + 4, y + 16, half - 8);
  box(right, y, half, 52, 'FREIGHT CHARGE TERMS (prepaid unless marked otherwise)');
  const mark = (on: boolean) => (on ? '[X]' : '[  ]');
  text(`Prepaid ${mark(b.terms === 'prepaid')}     Collect ${mark(b.terms === 'collect')}     3rd Party ${mark(b.terms === 'third_party')}`, right + 4, y + 18, half - 8, { bold: true });
  text(`Master bill of lading with attached underlying bills [  ]`, right + 4, y + 34, half - 8);
  y += 56;

  box(left, y, W - 2 * M, 40, 'SPECIAL INSTRUCTIONS AND ACCESSORIALS');
  const acc = b.accessorials.map((a) => ACCESSORIAL_NAMES[a] ?? a.replace(/_/g, ' '));
  text(acc.length ? acc.join('; ') : 'None', left + 4, y + 16, W - 2 * M - 8);
  if (b.hazmat) text('HAZARDOUS MATERIALS: see the emergency response information attached', left + 4, y + 27, W - 2 * M - 8, { bold: true });
  y += 44;

  // Customer order information.
  const totalLb = Math.round(b.handlingUnits.reduce((t, u) => t + lb(u.weight), 0) * 10) / 10;
  box(left, y, W - 2 * M, 40, 'CUSTOMER ORDER INFORMATION');
  const oc = [left + 4, left + 200, left + 280, left + 360, left + 440];
  ['CUSTOMER ORDER NUMBER', '# PKGS', 'WEIGHT', 'PALLET/SLIP', 'ADDITIONAL SHIPPER INFO'].forEach((h, k) => text(h, oc[k]!, y + 15, (oc[k + 1] ?? W - M) - oc[k]! - 4, { bold: true, size: 7 }));
  [b.reference, String(b.handlingUnits.length), `${totalLb} lb`, 'Y', ''].forEach((c, k) => text(c, oc[k]!, y + 27, k === 0 ? 190 : 78));
  y += 44;

  // Carrier information: one line per handling unit.
  const rows = b.handlingUnits.length;
  const h = 28 + rows * 12 + 14;
  box(left, y, W - 2 * M, h, 'CARRIER INFORMATION');
  const cc = [left + 4, left + 44, left + 84, left + 124, left + 164, left + 214, left + 234, left + 430, left + 490];
  ['H.U. QTY', 'TYPE', 'PKG QTY', 'TYPE', 'WEIGHT', 'H.M.', 'COMMODITY DESCRIPTION', 'NMFC #', 'CLASS'].forEach((t, k) => text(t, cc[k]!, y + 15, (cc[k + 1] ?? W - M) - cc[k]! - 2, { bold: true, size: 7 }));
  b.handlingUnits.forEach((u, k) => {
    const ry = y + 28 + k * 12;
    const cls = freightClassFor(u.weight, u.dimensions);
    [
      '1', 'PLT', '1', 'CTN', `${lb(u.weight)} lb`, b.hazmat ? 'X' : '',
      `${b.description}${u.dimensions ? ` (${u.dimensions.length}x${u.dimensions.width}x${u.dimensions.height} ${u.dimensions.unit})` : ''}`, '', cls,
    ].forEach((c, j) => text(c, cc[j]!, ry, (cc[j + 1] ?? W - M) - cc[j]! - 2));
  });
  text(`GRAND TOTAL: ${rows} handling ${rows === 1 ? 'unit' : 'units'}, ${totalLb} lb`, left + 4, y + h - 12, 300, { bold: true });
  y += h + 4;

  box(left, y, half, 44, 'DECLARED VALUE');
  text(b.declaredValue ? `Declared value ${formatMoney(b.declaredValue)}: the carrier's liability is limited unless declared and agreed in writing.` : 'Where the rate depends on value, shippers state the agreed or declared value in writing.', left + 4, y + 16, half - 8);
  box(right, y, half, 44, 'COD');
  text(b.cod ? `COD amount: ${formatMoney(b.cod)}   Fee terms: Collect [  ] Prepaid [X]` : 'COD amount: none', right + 4, y + 16, half - 8);
  y += 48;

  box(left, y, W - 2 * M, 24);
  doc.font('Helvetica').fontSize(6.5).text('NOTE: Liability limitation for loss or damage in this shipment may be applicable. See 49 U.S.C. 14706(c)(1)(A) and (B). RECEIVED, subject to individually determined rates or contracts that have been agreed upon in writing between the carrier and shipper, if applicable, otherwise to the rates, classifications and rules that have been established by the carrier and are available to the shipper, on request, and to all applicable state and federal regulations.', left + 4, y + 3, { width: W - 2 * M - 8 });
  y += 28;

  const third = (W - 2 * M) / 3;
  box(left, y, third, 60, 'SHIPPER SIGNATURE / DATE');
  doc.font('Helvetica').fontSize(6.5).text('This is to certify that the above named materials are properly classified, packaged, marked and labeled, and are in proper condition for transportation according to the applicable regulations of the DOT.', left + 4, y + 15, { width: third - 8 });
  box(left + third, y, third, 60, 'TRAILER LOADED / FREIGHT COUNTED');
  text('[  ] By shipper   [  ] By driver', left + third + 4, y + 18, third - 8);
  text('[  ] By shipper   [  ] By driver/pallets   [  ] By driver/pieces', left + third + 4, y + 32, third - 8, { size: 6.5 });
  box(left + 2 * third, y, third, 60, 'CARRIER SIGNATURE / PICKUP DATE');
  doc.font('Helvetica').fontSize(6.5).text('Carrier acknowledges receipt of packages and required placards. Property described above is received in good order, except as noted.', left + 2 * third + 4, y + 15, { width: third - 8 });
  y += 64;
  box(left, y, W - 2 * M, 36, 'CONSIGNEE RECEIPT (received in good order except as noted)');
  text('Signature: ______________________________     Date: ____________     Pieces: ______', left + 4, y + 20, W - 2 * M - 8);
  doc.end();
  return done;
}
