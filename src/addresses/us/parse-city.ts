import type { UsZipDirectory } from '../ports.js';
import type { UsComponents } from './components.js';
import { DIRECTIONALS, STREET_SUFFIXES, UNIT_DESIGNATORS } from './pub28.js';
import { cityKey, ordinalNumber } from './standardize.js';
import type { Token } from './tokens.js';

const MAX_CITY_WORDS = 5;
/** Everyday short names of big cities, written where the city goes ("344 W 49TH ST NYC"), with their state. */
export const CITY_NICKNAMES: ReadonlyMap<string, string> = new Map([
  ['NYC', 'NY'], ['BK', 'NY'], ['BKLYN', 'NY'], ['SF', 'CA'], ['PHILLY', 'PA'], ['NOLA', 'LA'], ['LA', 'CA'],
  ['MPLS', 'MN'], ['INDPLS', 'IN'], ['SLC', 'UT'], ['STL', 'MO'], ['KC', 'MO'],
]);
/** ZIPs a place name needs to count as a city on its own, without a state or ZIP to back it. */
const BIG_PLACE_ZIPS = 15;

/**
 * Where the city starts in [from, end), the tokens left of the state and ZIP; `end` when there
 * is none. Reference place names decide first (the ZIP's own names, then any place in the
 * state, then a near miss of the ZIP's names); then a comma; otherwise the street grammar
 * decides (see parseStreet's `cityAfter`).
 */
export function findCity(
  toks: readonly Token[],
  from: number,
  end: number,
  c: UsComponents,
  dir: UsZipDirectory | undefined,
  lastLine: boolean,
  numbered: boolean,
): number {
  const lo = numbered ? from + 1 : from < end ? from : 0;
  const runKey = runKeys(toks, end);
  if (dir && lastLine) {
    const zipInfo = c.zip5 ? dir.lookup(c.zip5) : undefined;
    const zipKeys = zipInfo?.places.map(cityKey) ?? [];
    const state = c.state ?? zipInfo?.state;
    const known = (s: number) => {
      // "BLDG C ANTON": the letter is the unit's, though "C ANTON" has CANTON's key.
      const before = toks[s - 1]?.up;
      if (before && (before === '#' || UNIT_DESIGNATORS.get(before)?.range) && !toks[s - 1]!.brk && s > lo) return false;
      const key = runKey(s);
      // One of the ZIP's own names may start like a street type or unit (SPRING, DIVIDE,
      // LOWER WATERFORD): only digits and marks rule it out.
      if (zipKeys.includes(key)) return plainWords(toks, s, end);
      if (s === end - 1 && !!state && CITY_NICKNAMES.get(toks[s]!.up) === state) return true;
      return plausibleCity(toks, s, end) && !!state && dir.isPlaceInState(key, state);
    };
    // A near miss of one of the ZIP's names ("LOS ALAMO" for LOS ALAMOS), where the typed words
    // hold one.
    const nearMiss = () => {
      let best: { start: number; dist: number } | undefined;
      for (let k = Math.min(3, end - lo); k >= 1; k--) {
        if (!plainWords(toks, end - k, end)) continue;
        const key = runKey(end - k);
        if (key.length < 4) continue;
        for (const z of zipKeys) {
          const d = editDistance(key, z, 2);
          if (d <= (z.length <= 6 ? 1 : 2) && key[0] === z[0] && (!best || d < best.dist)) best = { start: end - k, dist: d };
        }
      }
      return best?.start;
    };
    for (let k = Math.min(MAX_CITY_WORDS, end - lo); k >= 1; k--) {
      const s = end - k;
      if (!known(s)) continue;
      // "LUCERNE DR S E GRAND RAPIDS": a directional split in two ("S E") is the street's,
      // even where "E GRAND RAPIDS" names a place too.
      if (k > 1 && /^[EW]$/.test(toks[s]!.up) && /^[NS]$/.test(toks[s - 1]?.up ?? '') && !toks[s - 1]!.brk && known(s + 1)) return s + 1;
      const key = runKey(s);
      // "20TH RD E PITTSBURGH PA 15227": a place named with a directional (EAST PITTSBURGH) that
      // has ZIPs of its own, but not this one, while the rest is this ZIP's name: the directional
      // is the street's.
      if (k > 1 && DIRECTIONALS.has(toks[s]!.up) && !zipKeys.includes(key) && state && known(s + 1) && zipKeys.includes(runKey(s + 1))) {
        const own = dir.zipsForPlace(key, state);
        if (own.length > 0 && !own.includes(c.zip5!)) return s + 1;
      }
      // Another place of the state, shorter than a near miss of the ZIP's own name around it
      // ("LOS ALAMO": ALAMO is a New Mexico place too): the near miss.
      if (!zipKeys.includes(key)) {
        const near = nearMiss();
        if (near !== undefined && near < s) return near;
      }
      return s;
    }
    const near = nearMiss();
    if (near !== undefined) return near;
    // USPS's 13-letter abbreviations: "FLOWERY BR" for FLOWERY BRANCH, "W BLOOMFLD TW".
    for (let k = Math.min(4, end - lo); k >= 1; k--) {
      if (!plausibleCity(toks, end - k, end)) continue;
      const typed = toks.slice(end - k, end).map((t) => t.up);
      if (zipInfo?.places.some((p) => abbreviates(typed, p.split(' ')))) return end - k;
    }
  }
  for (let i = end - 2; i >= lo - 1 && i >= 0; i--) {
    if (toks[i]!.brk) return plausibleCity(toks, i + 1, end) && (lastLine || i + 1 > from) ? i + 1 : end;
  }
  // No comma and no place of the ZIP or state: a large US place (one with many ZIPs) at the
  // very end, after a street that keeps a name of its own ("5429 WOODLAWN CHICAGO", "132 N 10
  // BROOKLYN"); small place names are too often street words ("134 GREY FOX").
  // "WHOLE FOODS NYC": a big city's nickname last (not LA: Louisiana, Los Angeles or an article).
  const last = toks[end - 1]?.up ?? '';
  if (end - 1 > lo && last !== 'LA' && CITY_NICKNAMES.has(last)) return end - 1;
  if (dir && numbered) {
    const minStart = from + 2 + (DIRECTIONALS.has(toks[from + 1]?.up ?? '') ? 1 : 0);
    for (let k = Math.min(3, end - minStart); k >= 1; k--) {
      if (!plausibleCity(toks, end - k, end) || (k === 1 && STREET_SUFFIXES.has(toks[end - 1]!.up))) continue;
      if (UNIT_DESIGNATORS.has(toks[end - k - 1]!.up) || toks[end - k - 1]!.up === '#') continue;
      if (dir.placeZipCount(runKey(end - k)) >= BIG_PLACE_ZIPS) {
        // "170TH STREET SOUTH HOLLAND": a directional before it that makes another place's name.
        const d = end - k - 1;
        if (d > minStart && DIRECTIONALS.has(toks[d]!.up) && !toks[d - 1]!.brk && dir.isPlace(runKey(d))) return d;
        return end - k;
      }
    }
  }
  return end;
}

/**
 * cityKey of the words from s to `end`, for any s: a run's key is its words' keys joined, so
 * each word is keyed once and the runs are built from the end as they are asked for.
 */
function runKeys(toks: readonly Token[], end: number): (s: number) => string {
  const keys: string[] = [];
  return (s: number) => {
    for (let i = end - 1 - keys.length; i >= s; i--) keys.push(cityKey(toks[i]!.up) + (keys.at(-1) ?? ''));
    return s >= end ? '' : keys[end - 1 - s]!;
  };
}

/** Words that open an attention line or a care-of, never a city. */
/** Words that open a care-of or attention line ("C/O JOHN SMITH", "ATTN RECEIVING", "CARE OF"). */
export const CARE_OF_WORDS: ReadonlySet<string> = new Set(['ATTN', 'ATTENTION', 'C/O', 'CARE']);
const NOT_CITY_STARTS = new Set([...CARE_OF_WORDS, 'CO', 'ATT']);

/** Words without digits or marks, and no comma inside the run. */
function plainWords(toks: readonly Token[], from: number, end: number): boolean {
  if (from >= end) return false;
  for (let i = from; i < end; i++) {
    const t = toks[i]!.up;
    if (/\d/.test(t) || t === '#' || t === '&') return false;
    if (i < end - 1 && toks[i]!.brk) return false;
  }
  return true;
}

/**
 * A city has no digits and does not start like a unit, a directional alone or a street type,
 * nor end like a street ("WAY NE", whose key is WAYNE's).
 */
export { plausibleCity as plausibleCityWords };
function plausibleCity(toks: readonly Token[], from: number, end: number): boolean {
  if (!plainWords(toks, from, end)) return false;
  if (end - from >= 2 && /^(N|S|E|W|NE|NW|SE|SW)$/.test(toks[end - 1]!.up) && STREET_SUFFIXES.has(toks[end - 2]!.up)) return false;
  const first = toks[from]!.up;
  if (UNIT_DESIGNATORS.has(first) || ordinalNumber(first) || NOT_CITY_STARTS.has(first)) return false;
  if (end - from === 1 && (DIRECTIONALS.has(first) || STREET_SUFFIXES.has(first))) return false;
  return true;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Whether each typed word is the place's word or an abbreviation of it (first letter kept, letters in order). */
function abbreviates(typed: readonly string[], place: readonly string[]): boolean {
  if (typed.length !== place.length) return false;
  let shortened = false;
  for (let i = 0; i < typed.length; i++) {
    const a = typed[i]!;
    const b = place[i]!;
    if (a === b) continue;
    if (a[0] !== b[0] || a.length >= b.length) return false;
    let j = 0;
    for (const ch of b) if (ch === a[j]) j++;
    if (j !== a.length) return false;
    shortened = true;
  }
  return shortened;
}
