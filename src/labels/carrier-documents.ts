import { PDFDocument } from 'pdf-lib';
import { AppError } from '../kernel/errors.js';
import type { LabelDocument } from '../shipments/ports.js';
import { pdfToPng } from './png.js';

export type LabelFormat = 'pdf' | 'zpl' | 'png';

/** The ZPL labels of a document, one `^XA … ^XZ` each. */
export function zplLabels(zpl: string): string[] {
  return zpl.match(/\^XA[\s\S]*?\^XZ/g) ?? [];
}

/** Pages of PDFs in one document, in the order given. */
export async function mergePdfs(pdfs: readonly Buffer[], pages?: readonly (readonly number[] | undefined)[]): Promise<Buffer> {
  const out = await PDFDocument.create();
  for (const [k, pdf] of pdfs.entries()) {
    const src = await PDFDocument.load(pdf);
    const wanted = pages?.[k] ?? src.getPageIndices();
    for (const p of await out.copyPages(src, [...wanted])) out.addPage(p);
  }
  return Buffer.from(await out.save());
}

/**
 * A shipment's label in the format asked, from the documents the carrier drew: the whole
 * document, or one package's page (PDF, PNG) or label (ZPL). A PNG can come from the carrier's
 * PDF; a format the carrier did not send is refused, not drawn by lastmile (the carrier's
 * label carries its own barcodes and routing codes).
 */
export async function carrierLabel(
  docs: readonly LabelDocument[],
  format: LabelFormat,
  packageCount: number,
  pkg: number | undefined,
  ref: { shipmentId: string; carrier: string },
): Promise<{ body: Buffer | string; contentType: string }> {
  const of = (f: LabelFormat) => docs.find((d) => d.format === f);
  const refuse = () =>
    new AppError('INVALID_STATE', `${ref.carrier} sent the label of shipment ${ref.shipmentId} as ${docs.map((d) => d.format.toUpperCase()).join(' and ')}: ask for ${docs.map((d) => d.format).join(' or ')}`, {
      details: { formats: docs.map((d) => d.format) },
    });
  if (format === 'zpl') {
    const doc = of('zpl');
    if (!doc) throw refuse();
    const text = doc.data.toString('utf8');
    if (pkg === undefined) return { body: text, contentType: 'application/zpl; charset=utf-8' };
    const labels = zplLabels(text);
    if (labels.length !== packageCount) throw new AppError('INVALID_STATE', `${ref.carrier}'s ZPL for shipment ${ref.shipmentId} holds ${labels.length} labels for ${packageCount} packages: print it whole`);
    return { body: `${labels[pkg - 1]}\n`, contentType: 'application/zpl; charset=utf-8' };
  }
  const pdf = of('pdf');
  if (format === 'pdf') {
    if (!pdf) throw refuse();
    if (pkg === undefined) return { body: pdf.data, contentType: 'application/pdf' };
    const pages = (await PDFDocument.load(pdf.data)).getPageCount();
    if (pages !== packageCount) throw new AppError('INVALID_STATE', `${ref.carrier}'s PDF for shipment ${ref.shipmentId} has ${pages} pages for ${packageCount} packages: print it whole`);
    return { body: await mergePdfs([pdf.data], [[pkg - 1]]), contentType: 'application/pdf' };
  }
  const png = of('png');
  if (png && (pkg === undefined || pkg === 1) && packageCount === 1) return { body: png.data, contentType: 'image/png' };
  if (pdf) return { body: await pdfToPng(pdf.data, { page: pkg ?? 1 }), contentType: 'image/png' };
  throw refuse();
}
