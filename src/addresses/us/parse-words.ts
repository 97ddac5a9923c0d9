/**
 * What the US address parser asks of single words and short runs of them: directionals, street
 * types, house numbers, unit designators with their identifiers, highway-style names. Shared by
 * parse.ts (the delivery line), parse-boxes.ts and parse-last-line.ts.
 */
import type { UsComponents } from './components.js';
import { DIRECTIONALS, STATE_CODES, STREET_SUFFIXES, UNIT_DESIGNATORS } from './pub28.js';
import { cityKey, ordinalNumber, standardUnitId } from './standardize.js';
import { PhraseIndex, words, type Token } from './tokens.js';

export const isDir = (t: Token | undefined) => !!t && DIRECTIONALS.has(t.up);

export const isSuffix = (t: Token | undefined) => !!t && STREET_SUFFIXES.has(t.up);

export const isZip = (s: string) => /^\d{5}(-?\d{4})?$/.test(s);

export const isHouseNumber = (s: string) =>
  /^\d+[A-Z]?(-\d+[A-Z]?|-[A-Z])?$/.test(s) || /^[NSEW]\d+[NSEW]\d+$/.test(s) || /^\d+-?[A-Z]\d*$/.test(s) || /^[NSEW]\d+[NSEW]?$/.test(s);

export const isFraction = (s: string) => /^\d+\/\d+$/.test(s);

export const NUMBER_WORDS = new Set(['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY', 'EIGHTY', 'NINETY', 'HUNDRED']);

/** A token with a digit that is not an ordinal street name ("608", "12C", "M-9"). */
export const isBareUnit = (s: string) => /\d/.test(s) && /^[A-Z0-9-]+$/.test(s) && !ordinalNumber(s) && s.length <= 10;

/** Street types common enough that "3001 N BOULEVARD" is a street named N, not North Boulevard. */
/** Street types that almost always end a street's name (ST is left out: it is also SAINT). */
export const COMMON_TYPES = new Set(['AVE', 'RD', 'DR', 'LN', 'BLVD', 'CT', 'WAY', 'PKWY', 'HWY', 'CIR', 'TER', 'FWY', 'EXPY']);

/** Words after a highway's number that name a variant of it ("ALT", "BUSINESS", "SERVICE" road). */
export const HIGHWAY_MODIFIERS = /^(ALT|ALTERNATE|BUS|BUSINESS|BSNSS|BUSN|BYP|BYPASS|SPUR|LOOP|EXT|TRUCK|SERVICE|FRONTAGE|EXPRESS)$/;

/** Street types that also name office complexes ("ONE FINANCIAL PLACE", "1 PIEDMONT CENTER"). */
export const BUILDING_LIKE = new Set(['CTR', 'CTRS', 'PLZ', 'SQ', 'MALL', 'PL']);

export const ARTICLES = new Set(['DE', 'DEL', 'LA', 'EL', 'LOS', 'LAS', 'DU', 'LE']);

/** Suffix words that, last and alone, usually end a street's name rather than type it. */
export const NAME_LIKE_SUFFIXES = new Set(['GRV', 'IS', 'HL', 'HLS', 'VLY', 'VLG', 'HOLW', 'PNE', 'PNES', 'LK', 'LKS', 'WL', 'WLS', 'DV']);

/** Floors named rather than numbered ("GROUND FLOOR"). */
export const FLOOR_WORDS = new Set(['GROUND', 'MAIN', 'TOP', 'LOWER', 'UPPER', 'MEZZANINE']);

export const isUnitId = (s: string) => /^[A-Z0-9][A-Z0-9/-]*$/.test(s) && (/\d/.test(s) || s.length <= 2 || /^[A-Z]-[A-Z]$/.test(s));

export const cityKeyOf = (toks: Token[], from: number, to: number) => cityKey(words(toks, from, to));

/** End of the comma part that starts at or before i. */
export function partEnd(toks: Token[], i: number, end: number): number {
  for (let m = i; m < end; m++) if (toks[m]!.brk) return m + 1;
  return end;
}

export const before0 = (c: UsComponents) => c.unit_type === null && c.unit_number === null;

/** Start of the last comma-separated part of [from, end). */
export function lastPart(toks: Token[], from: number, end: number): number {
  for (let i = end - 2; i >= from; i--) if (toks[i]!.brk) return i + 1;
  return from;
}

const PRE_TYPES = [
  'UNITED STATES HIGHWAY', 'US HIGHWAY', 'US HWY', 'US ROUTE', 'US RTE', 'US RT', 'STATE ROUTE', 'STATE RTE', 'STATE ROAD', 'STATE HIGHWAY', 'STATE HWY',
  'STATE RT', 'ST RT', 'ST RTE', 'ST RD', 'COUNTY ROAD', 'COUNTY RD', 'CO RD', 'COUNTY HIGHWAY', 'COUNTY HWY', 'CO HWY', 'CNTY RD',
  'FARM TO MARKET ROAD', 'FARM TO MARKET', 'FARM ROAD', 'RANCH ROAD', 'RANCH TO MARKET ROAD', 'INTERSTATE HIGHWAY',
  'HIGHWAY', 'HWY', 'HIWAY', 'HGHWY', 'HGWY', 'ROUTE', 'RTE', 'RT', 'SR', 'CR', 'FM', 'RR', 'INTERSTATE', 'IH', 'I', 'SH', 'CTH', 'STH',
  'US', 'AVENUE', 'AVE', 'ROAD', 'RD', 'CALLE', 'PASEO', 'VIA', 'CAMINO', 'SPUR', 'LOOP', 'BUSINESS', 'FARM ROAD',
];

const PRE_TYPE_INDEX = new PhraseIndex(PRE_TYPES.map((h) => [h, h] as const));

/** "HIGHWAY 54", "US HWY 18", "AVENUE H", "COUNTY ROAD 12A": a street type followed by its number. */
export function preTypeAt(toks: Token[], i: number, end: number): { len: number } | undefined {
  // "IL ROUTE 2", "AL HIGHWAY 157": a state's own highway.
  const t = toks[i]?.up;
  if (t === 'OLD') {
    const inner = preTypeAt(toks, i + 1, end);
    if (inner) return { len: inner.len + 1 };
  }
  // (Not "NE HWY 826", north-east, nor "WASHINGTON HWY # 101", a unit.)
  for (let n = 1; n <= 2 && i + n < end; n++) {
    if (!/^(HIGHWAY|HWY|ROUTE|RTE|RT)$/.test(toks[i + n]!.up) || !STATE_CODES.has(words(toks, i, i + n))) continue;
    if ((n === 1 && isDir(toks[i])) || toks[i + n + 1]?.up === '#') continue;
    const inner = preTypeAt(toks, i + n, end);
    // ("WASHINGTON HIGHWAY E" is a named highway and its post-directional.)
    if (inner && /\d/.test(toks[i + n + inner.len - 1]!.up)) return { len: inner.len + n };
  }
  for (const { len: n } of PRE_TYPE_INDEX.matchesAt(toks, i, end)) {
    let j = i + n;
    if (j >= end) continue;
    if ((toks[j]!.up === '#' || toks[j]!.up === 'NO') && j + 1 < end) j++;
    const id = toks[j]!.up;
    const numberLike = /\d/.test(id) && /^[A-Z0-9-]+$/.test(id);
    const last = j + 1 === end || toks[j]!.brk;
    const letter = (/^[A-Z]{1,2}$/.test(id) && !DIRECTIONALS.has(id) && (id.length === 1 || n > 1 || /^(ROUTE|RTE|RT|HWY|HIGHWAY)$/.test(toks[i]!.up))) || (/^[NSEW]$/.test(id) && last);
    if (!(numberLike || letter)) continue;
    // "HIGHWAY 139 A"
    if (numberLike && j + 2 === end && /^[A-Z]$/.test(toks[j + 1]!.up) && !DIRECTIONALS.has(toks[j + 1]!.up)) j++;
    return { len: j + 1 - i };
  }
  return undefined;
}

/** A secondary unit starting at i: its type, identifier and length, or undefined. */
export function unitAt(toks: Token[], i: number, end: number): { type: string; id: string | null; len: number } | undefined {
  const t = toks[i]?.up;
  if (t === undefined || i >= end) return undefined;
  const next = i + 1 < end ? toks[i + 1]!.up : undefined;
  if (t === '#' || (t === 'NO' && next && /\d/.test(next))) {
    if (next && isUnitId(next)) {
      const tail = i + 2 < end && /^\d+$/.test(next) && (/^[A-Z]$/.test(toks[i + 2]!.up) || DIRECTIONALS.has(toks[i + 2]!.up)) && (i + 3 === end || toks[i + 2]!.brk);
      return { type: '#', id: standardUnitId(tail ? next + toks[i + 2]!.up : next), len: tail ? 3 : 2 };
    }
    return undefined;
  }
  const ord = ordinalNumber(t) ?? (FLOOR_WORDS.has(t) || /^\d+$/.test(t) ? t : undefined);
  if (ord && next && UNIT_DESIGNATORS.get(next)?.std === 'FL') return { type: 'FL', id: ord, len: 2 };
  const d = UNIT_DESIGNATORS.get(t);
  if (!d) return undefined;
  if (d.range) {
    if (toks[i]!.brk) return undefined;
    let j = i + 1;
    // "APT # 5", "APT NO 5"
    if ((toks[j]?.up === '#' || (toks[j]?.up === 'NO' && /\d/.test(toks[j + 1]?.up ?? ''))) && j + 1 < end) j++;
    const id = j < end ? toks[j]!.up : undefined;
    if (id && (isUnitId(id) || ordinalNumber(id))) {
      // "APT 13 C" -> 13C
      const letter = j + 1 < end && /^\d+$/.test(id) && (/^[A-Z]$/.test(toks[j + 1]!.up) || DIRECTIONALS.has(toks[j + 1]!.up)) && (j + 2 === end || toks[j + 1]!.brk);
      return { type: d.std, id: standardUnitId(letter ? id + toks[j + 1]!.up : id), len: j + 1 - i + (letter ? 1 : 0) };
    }
    return undefined;
  }
  // "PH 2", "OFFICE 4": Publication 28 does not require a number after these, but one may follow.
  const optional = (d.std === 'PH' || d.std === 'OFC') && next && !toks[i]!.brk && /\d/.test(next) && isUnitId(next) && !ordinalNumber(next);
  if (optional) return { type: d.std, id: standardUnitId(next), len: 2 };
  return { type: d.std, id: null, len: 1 };
}

/** [from, to) read as nothing but units, or undefined. */
export function unitsIn(toks: Token[], from: number, to: number) {
  const out: { type: string; id: string | null }[] = [];
  let k = from;
  for (let u = unitAt(toks, k, to); u; u = unitAt(toks, k, to)) {
    out.push(u);
    k += u.len;
  }
  return k === to && out.length ? out : undefined;
}

export function suffixBetween(toks: Token[], from: number, to: number): boolean {
  for (let m = from; m < to; m++) if (isSuffix(toks[m])) return true;
  return false;
}

/** A directional at i, one token ("NW", "NORTH") or two ("S W", "NORTH EAST"). */
export function dirAt(toks: Token[], i: number, end: number): { dir: string; len: number } | undefined {
  const a = toks[i];
  if (!a || i >= end || !DIRECTIONALS.has(a.up)) return undefined;
  // "NO" is North only when no number follows ("21ST AVE NO STE 130" but "17TH ST NO 2202").
  if (a.up === 'NO' && i + 1 < end && /\d/.test(toks[i + 1]!.up)) return undefined;
  const b = i + 1 < end && !a.brk ? toks[i + 1] : undefined;
  const first = DIRECTIONALS.get(a.up)!;
  const second = b ? DIRECTIONALS.get(b.up) : undefined;
  if ((first === 'N' || first === 'S') && (second === 'E' || second === 'W') && b!.up.length <= a.up.length) {
    return { dir: first + second, len: 2 };
  }
  return { dir: first, len: 1 };
}
