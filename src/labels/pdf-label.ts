import PDFDocument from 'pdfkit';
import { code128Modules, dataMatrix, gs1128Modules } from './barcodes.js';
import { fontFor, scriptOf } from './fonts.js';
import { addressLines, bannerText, NO_POSTAGE_BANNER, needsPostageNotice, SAMPLE_BANNER, trackingBarcode, twoDPayload, weightText, type LabelData } from './label-data.js';

type Doc = InstanceType<typeof PDFDocument>;

/** 4 x 6 inch label in points. */
export const LABEL_W = 288;
export const LABEL_H = 432;

/** An empty 4×6 label document (pages added by the caller) and its bytes once it ends. */
export function labelDocument(title: string): { doc: Doc; done: Promise<Buffer> } {
  // No default font: the standard fonts come parsed from a cache (see standardFont).
  const doc = new PDFDocument({ size: [LABEL_W, LABEL_H], margin: 0, autoFirstPage: false, compress: true, font: null as unknown as string, info: { Title: title, Producer: 'lastmile' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/**
 * Renders labels (one page each) into one PDF: a 4x6 thermal-printer page with the sender,
 * recipient, service, weight, reference, a Code 128 barcode of the tracking number and a Data
 * Matrix with the routing data. Barcodes are drawn as vectors, so they stay sharp at any DPI.
 */
export function renderLabelsPdf(labels: readonly LabelData[], meta: { title?: string } = {}): Promise<Buffer> {
  const { doc, done } = labelDocument(meta.title ?? 'Shipping labels');
  const fonts = new FontSwitch(doc);
  for (const l of labels) {
    doc.addPage({ size: [LABEL_W, LABEL_H], margin: 0 });
    drawLabel(doc, fonts, l);
  }
  doc.end();
  return done;
}

/**
 * pdfkit parses a standard font's metrics file for every document that uses it (2 ms each, most
 * of a label's time). The parsed metrics never change, so documents share them: each gets its
 * own font object (own id and PDF dictionary) over one parsed metrics table. Relies on pdfkit's
 * font cache fields; pdfkit is pinned and the label tests would catch a change.
 */
const parsedStandard = new Map<string, object>();
interface PdfkitInternals { _fontFamilies: Record<string, unknown>; _fontCount: number; _font: unknown }

function standardFont(doc: Doc, name: 'Helvetica' | 'Helvetica-Bold'): void {
  const d = doc as unknown as PdfkitInternals;
  if (d._fontFamilies[name]) {
    doc.font(name);
    return;
  }
  let proto = parsedStandard.get(name);
  if (!proto) {
    const scratch = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    scratch.font(name);
    proto = (scratch as unknown as PdfkitInternals)._font as object;
    parsedStandard.set(name, proto);
  }
  const f = Object.create(Object.getPrototypeOf(proto)) as Record<string, unknown>;
  for (const k of ['name', 'font', 'ascender', 'descender', 'bbox', 'lineGap', 'xHeight', 'capHeight'] as const) f[k] = (proto as Record<string, unknown>)[k];
  f['document'] = doc;
  f['id'] = `F${++d._fontCount}`;
  d._fontFamilies[name] = f;
  doc.font(name);
}

class FontSwitch {
  private readonly registered = new Set<string>();
  constructor(private readonly doc: Doc) {}

  /** Sets a font able to print `text` (a system Unicode font when the standard one cannot). */
  use(text: string, bold = false): void {
    const script = scriptOf(text);
    const f = script ? fontFor(script) : null;
    if (!f) {
      standardFont(this.doc, bold ? 'Helvetica-Bold' : 'Helvetica');
      return;
    }
    const name = `u-${script}`;
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, f.path, f.family as string);
      this.registered.add(name);
    }
    this.doc.font(name);
  }
}

function text(doc: Doc, fonts: FontSwitch, s: string, x: number, y: number, size: number, opts: { bold?: boolean; width?: number; align?: 'left' | 'right' | 'center' } = {}) {
  fonts.use(s, opts.bold);
  doc.fontSize(size).text(s, x, y, { width: opts.width ?? LABEL_W - x - 10, align: opts.align ?? 'left', lineBreak: false, ellipsis: true });
}

function drawLabel(doc: Doc, fonts: FontSwitch, l: LabelData) {
  const M = 10;
  doc.lineWidth(1.5).rect(4, 4, LABEL_W - 8, LABEL_H - 8).stroke('#000');
  // Sender, top left; ship date and weight, top right.
  let y = 10;
  text(doc, fonts, 'FROM', M, y, 6, { bold: true });
  y += 8;
  for (const line of addressLines(l.from).slice(0, 5)) {
    text(doc, fonts, line, M, y, 7, { width: 170 });
    y += 8.5;
  }
  text(doc, fonts, l.shipDate, 180, 10, 7, { width: 98, align: 'right' });
  text(doc, fonts, weightText(l.weight), 180, 19, 9, { width: 98, align: 'right', bold: true });
  text(doc, fonts, `PKG ${l.packageIndex} OF ${l.packageCount}`, 180, 30, 7, { width: 98, align: 'right' });
  // Service banner.
  const bannerY = 62;
  doc.rect(4, bannerY, LABEL_W - 8, 30).fill('#000');
  doc.fillColor('#fff');
  text(doc, fonts, bannerText(l), M, bannerY + 9, 13, { bold: true, width: LABEL_W - 2 * M, align: 'center' });
  doc.fillColor('#000');
  // Recipient.
  y = bannerY + 38;
  text(doc, fonts, 'SHIP TO', M, y, 7, { bold: true });
  y += 11;
  for (const line of addressLines(l.to).slice(0, 6)) {
    text(doc, fonts, line, M + 8, y, 11, { width: LABEL_W - M - 18, bold: true });
    y += 14;
  }
  // 2D code and reference.
  const dmY = 215;
  drawMatrix(doc, twoDPayload(l), M + 2, dmY, 62);
  text(doc, fonts, 'REF', 90, dmY + 4, 7, { bold: true });
  text(doc, fonts, l.reference, 90, dmY + 13, 10, { width: 185 });
  if (l.sample || needsPostageNotice(l)) {
    doc.rect(88, dmY + 32, 190, 26).lineWidth(2).stroke('#000');
    text(doc, fonts, l.sample ? SAMPLE_BANNER : NO_POSTAGE_BANNER, 90, dmY + 41, l.sample ? 10.5 : 7.5, { bold: true, width: 186, align: 'center' });
  }
  // Tracking barcode.
  const bcY = 300;
  const bc = trackingBarcode(l);
  doc.moveTo(4, bcY - 8).lineTo(LABEL_W - 4, bcY - 8).lineWidth(1).stroke('#000');
  text(doc, fonts, l.carrier === 'usps' ? 'USPS TRACKING #' : 'TRACKING #', M, bcY - 4, 7, { bold: true });
  drawBars(doc, bc.kind === 'gs1-128' ? gs1128Modules(bc.text) : code128Modules(bc.text), 20, bcY + 8, LABEL_W - 40, 80);
  text(doc, fonts, spaced(l.trackingNumber), M, bcY + 94, 11, { bold: true, width: LABEL_W - 2 * M, align: 'center' });
  if (l.sample) {
    doc.save();
    doc.rotate(-35, { origin: [LABEL_W / 2, LABEL_H / 2] });
    standardFont(doc, 'Helvetica-Bold');
    doc.fillColor('#000').fillOpacity(0.12).fontSize(34).text('SAMPLE', 0, LABEL_H / 2 - 20, { width: LABEL_W, align: 'center', lineBreak: false });
    doc.restore();
    doc.fillOpacity(1);
  }
}

/** Groups of four, as carriers print them. */
function spaced(tn: string): string {
  return tn.replace(/(.{4})(?=.)/g, '$1 ');
}

function drawBars(doc: Doc, sbs: number[], x: number, y: number, maxWidth: number, height: number) {
  const modules = sbs.reduce((a, b) => a + b, 0);
  const m = Math.min(maxWidth / modules, 2.2);
  let cx = x + (maxWidth - m * modules) / 2;
  for (let i = 0; i < sbs.length; i++) {
    const w = sbs[i]! * m;
    if (i % 2 === 0) doc.rect(cx, y, w, height);
    cx += w;
  }
  doc.fill('#000');
}

function drawMatrix(doc: Doc, payload: string, x: number, y: number, size: number) {
  const dm = dataMatrix(payload);
  const m = size / Math.max(dm.size.cols, dm.size.rows);
  for (let r = 0; r < dm.size.rows; r++) {
    for (let c = 0; c < dm.size.cols; c++) if (dm.pixels[r * dm.size.cols + c]) doc.rect(x + c * m, y + r * m, m, m);
  }
  doc.fill('#000');
}
