import bwipjs from 'bwip-js';

/** Code 128 as bar/space widths in modules (bwip-js encodes; we draw vectors or ZPL ourselves). */
export function code128Modules(text: string): number[] {
  const [r] = bwipjs.raw({ bcid: 'code128', text }) as unknown as { sbs: number[] }[];
  return r!.sbs;
}

/** GS1-128 (with its FNC1s) as bar/space widths; `text` in the bracketed form, "(420)02108(92)…". */
export function gs1128Modules(text: string): number[] {
  const [r] = bwipjs.raw({ bcid: 'gs1-128', text }) as unknown as { sbs: number[] }[];
  return r!.sbs;
}

/** A Data Matrix as rows of dark (1) / light (0) modules. */
export function dataMatrix(text: string): { size: { cols: number; rows: number }; pixels: number[] } {
  const [r] = bwipjs.raw({ bcid: 'datamatrix', text }) as unknown as { pixs: number[]; pixx: number; pixy: number }[];
  return { size: { cols: r!.pixx, rows: r!.pixy }, pixels: r!.pixs };
}
