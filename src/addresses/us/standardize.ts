import { DIRECTIONALS, STATE_CODES, STREET_SUFFIXES, UNIT_DESIGNATORS } from './pub28.js';

/**
 * Letters without their accents and full-width forms as ASCII ("GERMÁN" -> "GERMAN", "１２３" ->
 * "123"): Publication 28 addresses are plain upper-case ASCII, and so are the ZIP place names.
 */
export function asciiFold(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
}

/**
 * Upper case, Publication 28 punctuation (none but hyphen and slash), single spaces; accents
 * folded unless `fold` is false (addresses abroad keep their letters).
 */
export function cleanText(text: string, fold = true): string {
  return (fold ? asciiFold(text) : text)
    .toUpperCase()
    .replace(/[.,;:()"`’\[\]{}<>!?*]/g, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const CITY_WORDS: Record<string, string> = {
  ST: 'SAINT', STE: 'SAINTE', FT: 'FORT', MT: 'MOUNT', MTN: 'MOUNTAIN', PT: 'POINT', N: 'NORTH', S: 'SOUTH',
  E: 'EAST', W: 'WEST', HTS: 'HEIGHTS', SPGS: 'SPRINGS', SPG: 'SPRING', CTR: 'CENTER', VLG: 'VILLAGE',
  BCH: 'BEACH', LK: 'LAKE', LKS: 'LAKES', CY: 'CITY', JCT: 'JUNCTION', PK: 'PARK', IS: 'ISLAND', TWP: 'TOWNSHIP',
};

/**
 * A key under which spellings of one place compare equal: "St. Louis", "SAINT LOUIS" and
 * "Saint-Louis" give the same key, as do "LaSalle" and "La Salle".
 */
export function cityKey(name: string): string {
  let key = cityKeys.get(name);
  if (key === undefined) {
    key = cleanText(name.replace(/-/g, ' '))
      .split(' ')
      .map((w) => CITY_WORDS[w] ?? w)
      .join('');
    // Parsing asks for the same few runs of words over and over: remembered, within bounds.
    if (cityKeys.size >= 20_000) cityKeys.clear();
    cityKeys.set(name, key);
  }
  return key;
}
const cityKeys = new Map<string, string>();

const ORDINAL_WORDS: Record<string, string> = {
  FIRST: '1', SECOND: '2', THIRD: '3', FOURTH: '4', FIFTH: '5', SIXTH: '6', SEVENTH: '7', EIGHTH: '8',
  NINTH: '9', TENTH: '10', ELEVENTH: '11', TWELFTH: '12',
};

/** "2ND", "SECOND" -> "2" (floors); anything else is returned as is. */
export function ordinalNumber(word: string): string | undefined {
  const w = word.toUpperCase();
  if (ORDINAL_WORDS[w]) return ORDINAL_WORDS[w];
  const m = /^(\d+)(ST|ND|RD|TH)$/.exec(w);
  return m ? m[1] : undefined;
}

export function standardDirectional(word: string): string | undefined {
  return DIRECTIONALS.get(cleanText(word).replace(/ /g, ''));
}

export function standardSuffix(word: string): string | undefined {
  const w = cleanText(word);
  return STREET_SUFFIXES.get(w) ?? misspelledSuffix(w);
}

/** Misspellings seen on labels that no edit-distance-1 rule catches. */
const MISSPELLED: Record<string, string> = { PY: 'PKWY', BVD: 'BLVD', BKVD: 'BLVD', BLV: 'BLVD', EXPWY: 'EXPY', HGWY: 'HWY', HGHWY: 'HWY', STEET: 'ST', STRE: 'ST', AVNE: 'AVE', DRV: 'DR', PKW: 'PKWY' };
const PRIMARY_NAMES = [...new Set(STREET_SUFFIXES.keys())].filter((k) => k.length >= 5);
/** Four-letter forms with a vowel after the first letter, for swapped-letter typos (ROAD, DRIV, LANE). */
const SHORT_NAMES = [...new Set(STREET_SUFFIXES.keys())].filter((k) => k.length === 4 && /[AEIOU]/.test(k.slice(1)));

/**
 * A street suffix misspelled by one letter ("BOULEVAR", "STREE"; "AVENEU" is two: no), two
 * neighbouring letters swapped ("RAOD", "DIRVE"), or a common abbreviation error (EXPWY, HGWY).
 * Only for the word where a suffix is expected.
 */
export function misspelledSuffix(word: string): string | undefined {
  if (MISSPELLED[word]) return MISSPELLED[word];
  if (word.length < 4 || /\d/.test(word)) return undefined;
  for (const name of word.length === 4 ? SHORT_NAMES : PRIMARY_NAMES) {
    if (name[0] !== word[0]) continue;
    if ((word.length >= 5 && Math.abs(name.length - word.length) <= 1 && withinOneEdit(word, name)) || swapped(word, name)) return STREET_SUFFIXES.get(name);
  }
  return undefined;
}

/** Two neighbouring letters swapped ("RAOD", "DIRVE", "STERET"). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** One letter missing or one too many; substitutions are not counted ("LANSING" is not LANDING). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) return false;
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

export function standardUnitType(word: string): string | undefined {
  return UNIT_DESIGNATORS.get(cleanText(word))?.std;
}

/** Unit identifier: no `#`, ordinal words as digits ("SECOND" floor -> 2). */
export function standardUnitId(id: string): string {
  const clean = cleanText(id).replace(/#/g, '').replace(/\s+/g, '').replace(/^-+|-+$/g, '');
  return ordinalNumber(clean) ?? clean;
}

export function standardState(name: string): string | undefined {
  const clean = cleanText(name);
  // "N.Y." -> "N Y" -> NY
  return STATE_CODES.get(clean) ?? (/^[A-Z] [A-Z]$/.test(clean) ? STATE_CODES.get(clean.replace(' ', '')) : undefined);
}

/**
 * Highway-style names are spelled out (Pub 28 section 234: HIGHWAY 101, STATE ROUTE 9,
 * COUNTY ROAD 12, US HIGHWAY 1); other words of a street name are never abbreviated.
 */
const NAME_WORDS: Record<string, string> = {
  HWY: 'HIGHWAY', HWAY: 'HIGHWAY', HIWAY: 'HIGHWAY', HIGHWY: 'HIGHWAY', HIWY: 'HIGHWAY', HGHWY: 'HIGHWAY', HGWY: 'HIGHWAY',
  RT: 'ROUTE', RTE: 'ROUTE', CO: 'COUNTY', CNTY: 'COUNTY', RD: 'ROAD', ST: 'STATE', FRWY: 'FREEWAY', FWY: 'FREEWAY',
  PKWY: 'PARKWAY', EXPY: 'EXPRESSWAY', TPKE: 'TURNPIKE', AVE: 'AVENUE', AV: 'AVENUE', BLVD: 'BOULEVARD', CR: 'COUNTY ROAD',
  SR: 'STATE ROUTE', IH: 'INTERSTATE',
};

/**
 * The street name as Publication 28 prints it. `preType` is true when the name starts with a
 * street type (HIGHWAY 54, AVENUE H, COUNTY ROAD 12); only then are type words spelled out.
 */
export function standardStreetName(text: string, preType: boolean): string {
  const words = cleanText(text)
    .replace(/#/g, ' ')
    .replace(/\bU S\b/g, 'US')
    .split(' ')
    .filter(Boolean);
  if (!preType) return words.join(' ');
  const firstDigit = words.findIndex((w) => /\d/.test(w));
  return words
    .filter((w, i) => !(w === 'NO' && i === firstDigit - 1))
    .map((w, i, all) => (i < (firstDigit < 0 ? all.length - 1 : all.findIndex((x) => /\d/.test(x))) ? NAME_WORDS[w] ?? w : w))
    .join(' ');
}

/** House number: "214 B" -> "214B", "2615 1/2" keeps its space, "#2" -> "2". */
export function standardNumber(parts: readonly string[]): string {
  let out = '';
  for (const raw of parts) {
    const p = cleanText(raw).replace(/#/g, '');
    if (p === '') continue;
    if (out === '') out = p;
    else if (/^[A-Z]$/.test(p) || /^-/.test(p)) out += p;
    else out += ` ${p}`;
  }
  return out;
}

/**
 * "60603", "60603-1234", "606031234"; a 4-digit ZIP is one that lost its leading zero in a
 * spreadsheet (New England, New Jersey, Puerto Rico): "7030" -> "07030".
 */
export function standardZip(text: string): { zip5: string; zip4: string | null } | undefined {
  const m = /^(\d{4,5})(?:-?(\d{4}))?$/.exec(text.trim());
  if (!m) return undefined;
  return { zip5: m[1]!.padStart(5, '0'), zip4: m[2] ?? null };
}
