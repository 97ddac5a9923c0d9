/**
 * A carrier-style GIF label for the mocks: a landscape 1200×800 white image (as UPS draws its
 * 4×6 label, on its side) with a Code 128 barcode of the tracking number, drawn by bwip-js and
 * written with omggif's GIF encoder in two colours.
 */
import bwipjs from 'bwip-js';
import { GifWriter } from 'omggif';
import { PNG } from 'pngjs';

export async function gifLabel(trackingNumber: string, size = { width: 1200, height: 800 }): Promise<Buffer> {
  const bar = PNG.sync.read(await bwipjs.toBuffer({ bcid: 'code128', text: trackingNumber, scale: 3, height: 22, includetext: true, paddingwidth: 10, paddingheight: 10, backgroundcolor: 'FFFFFF' }));
  const { width, height } = size;
  const pixels = new Array<number>(width * height).fill(0); // palette 0: white
  const x0 = Math.max(0, Math.floor((width - bar.width) / 2));
  const y0 = Math.max(0, Math.floor((height - bar.height) / 2));
  for (let y = 0; y < Math.min(bar.height, height); y++) {
    for (let x = 0; x < Math.min(bar.width, width); x++) {
      const i = (y * bar.width + x) * 4;
      const dark = bar.data[i + 3]! > 127 && bar.data[i]! + bar.data[i + 1]! + bar.data[i + 2]! < 384;
      if (dark) pixels[(y0 + y) * width + x0 + x] = 1;
    }
  }
  const out = Buffer.alloc(width * height + 4096);
  const w = new GifWriter(out, width, height, { palette: [0xffffff, 0x000000] });
  w.addFrame(0, 0, width, height, pixels);
  return out.subarray(0, w.end());
}
