import { DIRECTIONALS, STATE_CODES, UNIT_DESIGNATORS } from './pub28.js';
import { asciiFold } from './standardize.js';

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
  const pieces = asciiFold(text)
    // Figure, en and em dashes and the minus sign are hyphens ("94103—1612").
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    // (Also a line break written out by an export: "196 HUME ROAD\n#1".)
    .replace(/(?:[\r\n]|\\[rn])+/g, ' , ')
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
    // Words typed without their space: "123MAIN", "APT4B", "IL62701"; highways written with a
    // hyphen ("US-101", "I-95", "CTH-K").
    // (Where a street begins: first, after a house number, a directional, a comma or "&" — not
    // a unit after a street: "LASALLE ST M-9".)
    const prev = out.at(-1);
    const streetStart = !prev || prev.brk || /\d/.test(prev.up) || DIRECTIONALS.has(prev.up) || prev.up === '&' || prev.up === 'AND';
    const highway = up.includes('-') && streetStart ? HIGHWAY_HYPHEN.exec(up) : null;
    const glued = highway ? [highway[1]!, highway[2]!] : /\d/.test(up) && /[A-Z]/.test(up) ? unglue(up) : undefined;
    if (glued) for (const part of glued) out.push({ up: part, brk: false });
    else out.push({ up, brk: false });
  }
  return out;
}

export const HIGHWAY_HYPHEN = /^(US|SR|CR|FM|I|IH|SH|HWY|RTE|RT|CTH|STH|M)-(\d+[A-Z]?|[A-Z]{1,2})$/;

/** A glued word's parts, or undefined: a house number and a name, a designator and its id, a state and its ZIP. */
export function unglue(up: string): [string, string] | undefined {
  // (Three letters or more: 1ST, 12TH and 4B stay whole.)
  const name = /^(\d+)([A-Z]{3,})$/.exec(up);
  if (name) return [name[1]!, name[2]!];
  const zip = /^([A-Z]{2})(\d{5}(?:-\d{4})?)$/.exec(up);
  if (zip && STATE_CODES.has(zip[1]!)) return [zip[1]!, zip[2]!];
  const unit = /^([A-Z]{2,9})(\d[A-Z0-9-]{0,5})$/.exec(up);
  if (unit && UNIT_DESIGNATORS.get(unit[1]!)?.range) return [unit[1]!, unit[2]!];
  return undefined;
}

export const words = (tokens: readonly Token[], from: number, to: number): string =>
  tokens
    .slice(from, to)
    .map((t) => t.up)
    .join(' ');

/**
 * Phrases indexed by their first word, longest first, so that matching at a position costs a
 * map lookup and a few comparisons instead of joining words for every candidate.
 */
export class PhraseIndex<V> {
  private readonly byFirst = new Map<string, { words: string[]; value: V }[]>();

  constructor(entries: Iterable<readonly [phrase: string, value: V]>) {
    for (const [phrase, value] of entries) {
      const w = phrase.split(' ');
      const list = this.byFirst.get(w[0]!) ?? [];
      list.push({ words: w, value });
      this.byFirst.set(w[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Every phrase that starts at i and ends before `end`, longest first. */
  *matchesAt(tokens: readonly Token[], i: number, end: number): Generator<{ len: number; value: V }> {
    const first = tokens[i];
    if (!first || i >= end) return;
    const list = this.byFirst.get(first.up);
    if (!list) return;
    outer: for (const { words, value } of list) {
      if (i + words.length > end) continue;
      for (let k = 1; k < words.length; k++) if (tokens[i + k]!.up !== words[k]) continue outer;
      yield { len: words.length, value };
    }
  }
}
