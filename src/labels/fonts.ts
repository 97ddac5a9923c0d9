import { existsSync } from 'node:fs';

/**
 * Unicode fonts for names the PDF standard fonts cannot print (CJK, Thai, Vietnamese and other
 * Latin beyond WinAnsi), used where the system has them. Paths are those of Debian's fonts-noto-cjk,
 * fonts-noto-core, fonts-thai-tlwg and fonts-dejavu-core; LASTMILE_LABEL_FONT_DIR adds one more
 * place to look (files with the same names).
 */
export interface FontFile {
  path: string;
  /** The face inside a collection (.ttc). */
  family?: string;
}

const CANDIDATES: Record<'cjk' | 'thai' | 'latin', FontFile[]> = {
  cjk: [
    { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
    { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
    { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  ],
  thai: [
    { path: '/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf' },
    { path: '/usr/share/fonts/truetype/tlwg/Loma.ttf' },
    { path: '/usr/share/fonts/truetype/tlwg/Garuda.ttf' },
  ],
  latin: [
    { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' },
    { path: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf' },
    { path: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf' },
  ],
};

const found = new Map<string, FontFile | null>();

export function fontFor(kind: 'cjk' | 'thai' | 'latin'): FontFile | null {
  if (found.has(kind)) return found.get(kind)!;
  const extra = process.env['LASTMILE_LABEL_FONT_DIR'];
  const list = extra ? [...CANDIDATES[kind].map((f) => ({ ...f, path: `${extra}/${f.path.split('/').pop()}` })), ...CANDIDATES[kind]] : CANDIDATES[kind];
  const f = list.find((c) => existsSync(c.path)) ?? null;
  found.set(kind, f);
  return f;
}

// WinAnsi (the standard fonts' encoding) covers Latin-1 plus a few typographic characters.
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);

/** Which script a text needs beyond the standard fonts, if any. */
export function scriptOf(text: string): 'cjk' | 'thai' | 'latin' | null {
  let other = false;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef)) return 'cjk';
    if (c >= 0x0e00 && c <= 0x0e7f) return 'thai';
    if (c > 0xff && !WIN_ANSI_EXTRA.has(ch)) other = true;
  }
  return other ? 'latin' : null;
}
