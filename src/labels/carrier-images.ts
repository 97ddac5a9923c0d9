/**
 * Labels carriers draw as images (UPS sends GIF) made into what lastmile stores and prints: a
 * 4×6 PDF with a page per package. The image is decoded (omggif), re-encoded as PNG (pngjs; PDF
 * embeds PNG, not GIF), turned upright when the carrier drew it landscape, and fitted to the page
 * without resampling, so its barcodes keep every module.
 */
import { GifReader } from 'omggif';
import { PNG } from 'pngjs';
import { LABEL_H, LABEL_W, labelDocument } from './pdf-label.js';

/** A GIF as PNG (first frame), with its size. */
export function gifToPng(gif: Buffer): { png: Buffer; width: number; height: number } {
  const reader = new GifReader(new Uint8Array(gif.buffer, gif.byteOffset, gif.byteLength));
  const { width, height } = reader;
  const png = new PNG({ width, height });
  reader.decodeAndBlitFrameRGBA(0, png.data);
  // Transparent pixels (alpha 0) print as paper: white.
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 0) png.data.fill(255, i, i + 4);
  }
  return { png: PNG.sync.write(png), width, height };
}

/** GIF labels, one per package, as one 4×6 PDF (a page each). Throws on an image that is not a GIF. */
export function gifLabelsToPdf(gifs: readonly Buffer[], meta: { title?: string } = {}): Promise<Buffer> {
  const { doc, done } = labelDocument(meta.title ?? 'Carrier labels');
  try {
    for (const gif of gifs) {
      const { png, width, height } = gifToPng(gif);
      doc.addPage({ size: [LABEL_W, LABEL_H], margin: 0 });
      if (width > height) {
        // Landscape (UPS draws its 4×6 label on its side): rotate a quarter turn to fill the page.
        doc.save().rotate(90, { origin: [0, 0] }).image(png, 0, -LABEL_W, { fit: [LABEL_H, LABEL_W], align: 'center', valign: 'center' }).restore();
      } else {
        doc.image(png, 0, 0, { fit: [LABEL_W, LABEL_H], align: 'center', valign: 'center' });
      }
    }
  } catch (e) {
    doc.end();
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  doc.end();
  return done;
}
