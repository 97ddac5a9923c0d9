/**
 * The last line of a free-text US address, read right to left: the country, the ZIP (also one
 * that lost its leading zero), the state (code or name, typed twice, or before the city), a
 * county, and words written after it all (a firm, a unit, a phone number); and the token
 * passes that put a last line where it belongs first: an export's repeat of the address, the
 * last line written first, checkout lines that repeat the city, state and ZIP fields.
 */
import type { UsZipDirectory } from '../ports.js';
import { keepAside, type UsComponents } from './components.js';
import { MAX_STATE_WORDS, STATE_CODES, UNIT_DESIGNATORS } from './pub28.js';
import { FLOOR_WORDS, before0, cityKeyOf, isDir, isHouseNumber, isSuffix, isZip, lastPart, unitsIn } from './parse-words.js';
import { cleanText, ordinalNumber } from './standardize.js';
import { words, type Token } from './tokens.js';

/** Tokens before the ZIP that keep a 5-digit number from being a ZIP. */
const NOT_BEFORE_ZIP = new Set(['BOX', '#', 'HWY', 'HIGHWAY', 'ROUTE', 'RTE', 'RT', 'DRAWER', 'PSC', 'CMR', 'UNIT', 'SUITE', 'STE', 'APT', 'POB', 'PO', 'POBOX', 'BX', 'LOCKBOX', 'LBX', 'CALLER', 'NO']);

const COUNTRY_WORDS = ['UNITED STATES OF AMERICA', 'UNITED STATES', 'USA', 'US', 'U S A', 'U S', 'AMERICA'];

/** Two-letter codes that are more often a word or a street part than a state when nothing else says so. */
const WEAK_STATE_CODES = new Set(['IN', 'OR', 'ME', 'OK', 'HI', 'DE', 'LA', 'CO', 'PA', 'AS', 'MT', 'CT', 'PR', 'MS', 'AL', 'GA', 'ID']);

/**
 * Reads the last line of free text into `c` (ZIP, state, and a city written after the state)
 * and returns where the rest ends: the street and city come before `end`; `tail` holds words
 * written after the ZIP, read by wordsAfterAddress once the street is known.
 */
export function readLastLine(toks: Token[], c: UsComponents, dir?: UsZipDirectory): { end: number; tail?: { start: number; end: number } } {
  let end = stripCountry(toks, toks.length);
  const tail = wordsAfterLastLine(toks, end);
  end = tail?.start ?? end;

  const zipAt = end - 1;
  const zipTok = toks[zipAt]?.up;
  if (zipTok && zipAt >= 1 && isZip(zipTok) && !NOT_BEFORE_ZIP.has(toks[zipAt - 1]!.up)) {
    setZip(c, zipTok);
    end = zipAt;
  } else if (zipTok && zipAt >= 1 && /^\d{4}(-\d{4})?$/.test(zipTok) && /^[A-Z]{2}$/.test(toks[zipAt - 1]!.up) && STATE_CODES.has(toks[zipAt - 1]!.up)) {
    // A ZIP whose leading zero was lost ("MA 2108", "CA 9151-2100").
    setZip(c, `0${zipTok}`);
    end = zipAt;
  } else if (zipTok && zipAt >= 2 && /^\d{2}$/.test(zipTok) && /^\d{3}$/.test(toks[zipAt - 1]!.up) && STATE_CODES.has(toks[zipAt - 2]!.up)) {
    // A ZIP typed with a space inside ("ME 041 01").
    setZip(c, toks[zipAt - 1]!.up + zipTok);
    end = zipAt - 1;
  } else if (zipTok && zipAt >= 2 && /^\d{4}$/.test(zipTok) && /^\d{5}-?$/.test(toks[zipAt - 1]!.up)) {
    setZip(c, `${toks[zipAt - 1]!.up.replace('-', '')}-${zipTok}`);
    end = zipAt - 1;
  }
  const state = findState(toks, end, c.zip5, dir);
  const cityAfterState = state || !c.zip5 || !dir ? undefined : stateThenCity(toks, end, c.zip5, dir);
  if (state) {
    c.state = state.code;
    end = state.start;
    // "MEMPHIS TN, TN 38103": the state typed twice, once with the city.
    // ("SPRINGFIELD, IL, IL 62701": also after a comma, when a place of the state comes first.)
    if (end >= 2 && toks[end - 1]!.up === state.code && toks[end - 1]!.brk && (!toks[end - 2]!.brk || (dir && endsWithPlace(toks, end - 1, state.code, dir)))) end--;
    else if (dir) end = beforeStateName(toks, end, state.code, dir);
  } else if (cityAfterState) {
    c.state = cityAfterState.state;
    c.city = cleanText(words(toks, cityAfterState.city, end));
    end = cityAfterState.city - 1;
  } else if (c.zip5 !== null && end >= 2 && /^[A-Z]{2}$/.test(toks[end - 1]!.up) && toks[end - 2]!.brk) {
    // ", ZZ 99999": an unknown state, kept so that validation can say so.
    c.state = toks[end - 1]!.up;
    end--;
  }
  // "SEATTLE, KING COUNTY, WA": a county between the city and the state is dropped.
  // (Not a place called so: "PARISH, NY 13131".)
  if (end >= 2 && /^(COUNTY|CO|PARISH|BOROUGH)$/.test(toks[end - 1]!.up) && (c.state || c.zip5)) {
    const part = lastPart(toks, 0, end);
    // (The county is a short comma part of its own words: not "OFC 4, 9978 S VISTA PATH PARISH".)
    const countyPart = end - part <= 4 && !toks.slice(part, end).some((t) => /\d/.test(t.up));
    if (part > 0 && part < end - 1 && toks[part - 1]!.brk && countyPart) end = part;
  }
  return { end, tail };
}

/** Words written after the ZIP (`readLastLine`'s tail): a unit, or a firm, care-of or remark kept aside. */
export function wordsAfterAddress(toks: Token[], tail: { start: number; end: number }, c: UsComponents) {
  const units = unitsIn(toks, tail.start, tail.end);
  if (units?.length && before0(c)) {
    // "… CHICAGO IL 60614, APT 4": a unit written after the ZIP.
    const [main, ...more] = units;
    c.unit_type = main!.type;
    c.unit_number = main!.id;
    c.extra_units.push(...more.map((u) => [u.type, u.id].filter(Boolean).join(' ')));
  } else {
    // A name there is the recipient's when none came first, else a remark kept aside (so is
    // a phone number or e-mail address).
    const rest = words(toks, tail.start, tail.end);
    if (c.recipient === null && !contactAt(toks, tail.start, tail.end)) c.recipient = rest;
    else keepAside(c, rest);
  }
}

export function setZip(c: UsComponents, zip: string) {
  const digits = zip.replace('-', '');
  c.zip5 = digits.slice(0, 5);
  c.zip4 = digits.length === 9 ? digits.slice(5) : null;
}

/** Strips a trailing country name, also one written twice ("… 11797 UNITED STATES US"). */
function stripCountry(toks: Token[], end: number, again = true): number {
  for (const name of COUNTRY_WORDS) {
    const n = name.split(' ').length;
    if (end - n >= 2 && words(toks, end - n, end) === name) {
      const prev = toks[end - n - 1]!.up;
      if (isZip(prev) || /^\d{4}$/.test(prev) || STATE_CODES.has(prev) || toks[end - n - 1]!.brk) return end - n;
      const before = again ? stripCountry(toks, end - n, false) : end - n;
      if (before < end - n) return before;
    }
  }
  return end;
}

function findState(toks: Token[], end: number, zip5: string | null, dir?: UsZipDirectory) {
  for (let n = Math.min(MAX_STATE_WORDS, end - 1); n >= 1; n--) {
    const start = end - n;
    const code = STATE_CODES.get(words(toks, start, end));
    if (!code) continue;
    // "12 PEACHTREE RD NE, 10001": NE is the street's directional when the ZIP is not Nebraska's;
    // "1712 MADISON CT, 04554": CT is the street's type when the ZIP is not Connecticut's and no
    // Connecticut place comes before it.
    const zipState = zip5 && n === 1 && dir ? dir.lookup(zip5)?.state : undefined;
    if (zipState && zipState !== code) {
      if (isDir(toks[start]) && isSuffix(toks[start - 1])) continue;
      // (A place that leaves only a house number, and a directional, before it is the street's
      // name: "1712 MADISON CT", "39 W MONROE CT".)
      const place = placeEndingAt(toks, start, code, dir!);
      const onlyNumber = place >= 1 && place <= 2 && isHouseNumber(toks[0]!.up) && (place === 1 || isDir(toks[1]));
      if (isSuffix(toks[start]) && start >= 2 && (place < 0 || onlyNumber)) continue;
    }
    if (zip5 || start === 0) return { code, start };
    const prev = toks[start - 1]!;
    // Without a ZIP a trailing state must be set apart: by a comma, by being spelled out, or by
    // a known place of that state in front of it ("Chicago IL" but not "… Lake Shore Dr NE").
    if (n === 1 && isDir(toks[start])) {
      // "OMAHA, NE" but "PEACHTREE ST, NE": only a place of the state makes it one.
      if (dir && endsWithPlace(toks, start, code, dir)) return { code, start };
      continue;
    }
    if (dir && endsWithPlace(toks, start, code, dir)) return { code, start };
    if (prev.brk) return { code, start };
    // A spelled-out name after a street ("333 NORTH MICHIGAN") is the street's.
    if (n > 1 || toks[start]!.up.length > 2) {
      if (!dir) return { code, start };
      continue;
    }
    // "… DORAL FL": a unit designator that needs an identifier cannot end an address, so
    // last and after a word it is the state.
    const unitWord = UNIT_DESIGNATORS.get(toks[start]!.up);
    if (unitWord?.range && start === toks.length - 1 && !/\d/.test(prev.up) && !isSuffix(prev) && !ordinalNumber(prev.up) && !FLOOR_WORDS.has(prev.up)) return { code, start };
    if (isSuffix(toks[start]) || unitWord) continue;
    if (!WEAK_STATE_CODES.has(code) && !/\d/.test(prev.up)) return { code, start };
  }
  return undefined;
}

/**
 * "ROSWELL, GEORGIA, GA 30075": the state's name, set apart by commas, before its code. Returns
 * where the name starts when a place of the state stands before it (not "NEW YORK, NY", where
 * the name is the city), else `end`.
 */
function beforeStateName(toks: Token[], end: number, code: string, dir: UsZipDirectory): number {
  if (end < 2 || !toks[end - 1]!.brk) return end;
  for (let n = Math.min(MAX_STATE_WORDS, end - 1); n >= 1; n--) {
    const start = end - n;
    if (!toks[start - 1]!.brk || STATE_CODES.get(words(toks, start, end)) !== code || words(toks, start, end).length <= 2) continue;
    return endsWithPlace(toks, start, code, dir) ? start : end;
  }
  return end;
}

/**
 * "… UNIT 17771 CA LONG BEACH 90807": the ZIP's state code written before a place of that state
 * that runs up to the ZIP. Returns where the city starts, or undefined.
 */
function stateThenCity(toks: Token[], end: number, zip5: string, dir: UsZipDirectory): { state: string; city: number } | undefined {
  const state = dir.lookup(zip5)?.state;
  if (!state) return undefined;
  for (let k = 1; k <= 4 && end - k - 1 >= 1; k++) {
    if (toks[end - k - 1]!.up === state && dir.isPlaceInState(cityKeyOf(toks, end - k, end), state)) return { state, city: end - k };
  }
  return undefined;
}

function endsWithPlace(toks: Token[], end: number, state: string, dir: UsZipDirectory): boolean {
  return placeEndingAt(toks, end, state, dir) >= 0;
}

/** Start of the shortest run of up to four words ending at `end` that names a place of the state; -1 if none. */
function placeEndingAt(toks: Token[], end: number, state: string, dir: UsZipDirectory): number {
  for (let n = 1; n <= 4 && end - n >= 0; n++) {
    if (dir.isPlaceInState(cityKeyOf(toks, end - n, end), state)) return end - n;
  }
  return -1;
}

/**
 * "… COLUMBIA MO 65202 BALLENGER PROPANE INC", "… CHICAGO IL 60614, APT 4": words after the
 * state and ZIP that are units, or hold no number (a firm, a remark), are not the last line's.
 * Returns where they start, or undefined.
 */
function wordsAfterLastLine(toks: Token[], end: number): { start: number; end: number } | undefined {
  if (end < 4 || isZip(toks[end - 1]!.up)) return undefined;
  for (let z = end - 2; z >= 2 && z >= end - 7; z--) {
    if (!isZip(toks[z]!.up) || !stateEndingAt(toks, z)) continue;
    // ("… 73770, # 101 USA": the country may still close the line.)
    let to = end;
    for (const name of COUNTRY_WORDS) {
      const n = name.split(' ').length;
      if (to - n > z + 1 && words(toks, to - n, to) === name) {
        to -= n;
        break;
      }
    }
    let digits = false;
    for (let m = z + 1; m < to; m++) digits ||= /\d/.test(toks[m]!.up);
    return !digits || unitsIn(toks, z + 1, to) || contactAt(toks, z + 1, to) ? { start: z + 1, end: to } : undefined;
  }
  return undefined;
}

/** A phone number or an e-mail address pasted after the address ("(555) 123-4567"). */
function contactAt(toks: Token[], from: number, to: number): boolean {
  const text = words(toks, from, to);
  if (text.includes('@')) return true;
  const digits = text.replace(/\D/g, '').length;
  return /^\+?[\d -]+$/.test(text) && digits >= 7 && digits <= 15;
}

/** Whether a state's code or name ends right before `end`. */
function stateEndingAt(toks: Token[], end: number): boolean {
  for (let n = 1; n <= MAX_STATE_WORDS && end - n >= 1; n++) if (STATE_CODES.has(words(toks, end - n, end))) return true;
  return false;
}

/**
 * "123 MAIN ST, SPRINGFIELD, IL 62701" in line 1 beside city, state and ZIP fields that say the
 * same: the repeated last line is dropped from the lines. Only when the ZIP or the state matches
 * a field (a street named like the city stays: "123 SPRINGFIELD AVE").
 */
export function lastLineRepeated(toks: Token[], input: { city?: string | null; state?: string | null; postal_code?: string | null }): Token[] {
  let end = toks.length;
  const zip = input.postal_code?.replace(/\D/g, '').slice(0, 5);
  // (Not a box or unit number that happens to be the ZIP's digits: "PO BOX 34445".)
  const before = toks[end - 2]?.up ?? '';
  const zipFound = end > 1 && !!zip && zip.length === 5 && isZip(toks[end - 1]!.up) && toks[end - 1]!.up.startsWith(zip) && !NOT_BEFORE_ZIP.has(before) && !UNIT_DESIGNATORS.has(before);
  if (zipFound) end--;
  const state = input.state?.trim() ? STATE_CODES.get(cleanText(input.state)) : undefined;
  const city = input.city?.trim() ? cleanText(input.city) : '';
  const cityBefore = (at: number) => !!city && at - city.split(' ').length >= 1 && words(toks, at - city.split(' ').length, at) === city;
  for (let n = 3; n >= 1 && state; n--) {
    if (end - n < 1 || STATE_CODES.get(words(toks, end - n, end)) !== state) continue;
    // A bare code is also a street word ("1712 MADISON CT", "… ST NE"): without the ZIP after
    // it, it must follow a comma or the city.
    if (zipFound || n > 1 || toks[end - n]!.up.length > 2 || toks[end - n - 1]!.brk || cityBefore(end - n)) end -= n;
    break;
  }
  if (end === toks.length) return toks;
  if (cityBefore(end)) end -= city.split(' ').length;
  return toks.slice(0, end).map((t, k) => (k === end - 1 ? { up: t.up, brk: false } : t));
}

/**
 * "100 DIAMOND ST SAN FRANCISCO, CA, 94114 SAN FRANCISCO 100 DIAMOND ST CA 94114": an export
 * that wrote the address, then its parts again, ending in the same ZIP. The repeat adds nothing
 * (all its words came before) and is dropped.
 */
export function withoutRepeat(toks: Token[]): Token[] {
  const n = toks.length;
  if (n < 6 || !isZip(toks[n - 1]!.up)) return toks;
  const zip = toks[n - 1]!.up.replace('-', '');
  for (let k = 2; k < n - 2; k++) {
    if (!isZip(toks[k]!.up) || toks[k]!.up.replace('-', '') !== zip) continue;
    const before = new Set(toks.slice(0, k).map((t) => t.up));
    return toks.slice(k + 1, n - 1).every((t) => before.has(t.up)) ? toks.slice(0, k + 1) : toks;
  }
  return toks;
}

/**
 * "SPRINGFIELD, IL 62701, 123 MAIN ST": the last line written first. When a state and ZIP open
 * the text and a house number follows them, the street part is moved in front.
 */
export function lastLineFirst(toks: Token[]): Token[] {
  const n = toks.length;
  if (n < 5 || isZip(toks[n - 1]!.up) || /\d/.test(toks[0]!.up)) return toks;
  for (let z = 1; z < Math.min(n - 2, 8); z++) {
    // (Only a city before it: "123 MAIN ST … IL 62701 555 123-4567" has its street first.)
    if (/\d/.test(toks[z]!.up) && !isZip(toks[z]!.up)) return toks;
    if (!isZip(toks[z]!.up) || !stateEndingAt(toks, z)) continue;
    if (!isHouseNumber(toks[z + 1]!.up) || toks[z + 1]!.brk || n - z - 1 < 2) return toks;
    // (Not the ZIP+4 written apart, then the country: "62701 1234 US".)
    if (/^\d{4}$/.test(toks[z + 1]!.up) && COUNTRY_WORDS.includes(words(toks, z + 2, n))) return toks;
    const street = toks.slice(z + 1).map((t, k, all) => (k === all.length - 1 ? { up: t.up, brk: true } : t));
    return [...street, ...toks.slice(0, z), { up: toks[z]!.up, brk: false }];
  }
  return toks;
}
