/** One word of an address, with what separated it from the next. */
export interface Token {
  /** Upper case, periods and stray punctuation removed ("P.O." -> "PO", "St." -> "ST"). */
  readonly up: string;
  /** A comma, semicolon or line break follows this token. */
  readonly brk: boolean;
}

/**
 * Splits an address into tokens. `#` and `&` become tokens of their own ("APT#4B" -> APT # 4B);
 * hyphens and slashes inside a word stay ("2274-2284", "1/2", "C-2").
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const pieces = text
    .replace(/[\r\n]+/g, ' , ')
    .replace(/[#&]/g, (c) => ` ${c} `)
    .replace(/[,;]/g, ' , ')
    .split(/\s+/);
  for (const piece of pieces) {
    if (piece === '') continue;
    if (piece === ',') {
      const last = out.at(-1);
      if (last && !last.brk) out[out.length - 1] = { up: last.up, brk: true };
      continue;
    }
    const up = piece
      .toUpperCase()
      .replace(/[.()"'`’\[\]{}<>:!?*]/g, '')
      .replace(/^[-/]+|[-/]+$/g, '');
    if (up === '') continue;
    out.push({ up, brk: false });
  }
  return out;
}

export const words = (tokens: readonly Token[], from: number, to: number): string =>
  tokens
    .slice(from, to)
    .map((t) => t.up)
    .join(' ');
