/**
 * US address parser: free text or checkout fields to Publication 28 components. The last line is
 * read right to left (parse-last-line.ts), the city found by the reference data (parse-city.ts),
 * and the delivery line left to right here: words before the address (recipient, firm, units
 * written first), box-style lines (parse-boxes.ts), house number, directionals, the street's name
 * and type, units, intersections and corners. Word-level tests live in parse-words.ts.
 */
import type { UsZipDirectory } from '../ports.js';
import { emptyComponents, keepAside, mainUnitIndex, type UsComponents } from './components.js';
import { DIRECTIONALS, STATE_CODES, STREET_SUFFIXES, UNIT_DESIGNATORS } from './pub28.js';
import { CARE_OF_WORDS, CITY_NICKNAMES, findCity, plausibleCityWords } from './parse-city.js';
import { generalDeliveryAt, hasPostOfficeBoxAfter, matchMilitary, matchPoBox, matchRural, postOfficeBoxAfter, postOfficeBoxAt } from './parse-boxes.js';
import { lastLineFirst, lastLineRepeated, readLastLine, setZip, wordsAfterAddress, withoutRepeat } from './parse-last-line.js';
import {
  ARTICLES,
  BUILDING_LIKE,
  COMMON_TYPES,
  HIGHWAY_MODIFIERS,
  NAME_LIKE_SUFFIXES,
  NUMBER_WORDS,
  before0,
  dirAt,
  isBareUnit,
  isDir,
  isFraction,
  isHouseNumber,
  isSuffix,
  isUnitId,
  isZip,
  lastPart,
  partEnd,
  preTypeAt,
  suffixBetween,
  unitAt,
} from './parse-words.js';
import { cityKey, cleanText, misspelledSuffix, ordinalNumber, standardNumber, standardStreetName, standardUnitId } from './standardize.js';
import { tokenize, words, type Token } from './tokens.js';

export interface UsStructuredInput {
  line1: string;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postal_code?: string | null;
}

/** Parses a free-form or structured US address. `dir` supplies place names to split street from city. */
export function parseUsAddress(input: string | UsStructuredInput, dir?: UsZipDirectory): UsComponents {
  if (typeof input !== 'string') return parseStructured(input, dir);
  const { text, remarks } = remarksAside(input);
  const c = parseFreeText(text, dir);
  keepAside(c, remarks);
  return c;
}

/**
 * "728 W ROOSEVELT RD (EAST SIDE) 2ND FLOOR": words in parentheses without a digit are a remark
 * for the driver, kept aside whole; with a digit they may be a unit ("(M/C 525)") and are read.
 */
function remarksAside(input: string): { text: string; remarks: string | null } {
  if (!input.includes('(')) return { text: input, remarks: null };
  const found: string[] = [];
  const text = input.replace(/\(([^()\d]*)\)/g, (_, inner: string) => {
    found.push(inner);
    return ' ';
  });
  const remarks = cleanText(found.join(' '));
  return { text, remarks: remarks || null };
}

function parseFreeText(input: string, dir?: UsZipDirectory): UsComponents {
  const toks = lastLineFirst(withoutRepeat(tokenize(input)));
  const c = emptyComponents();
  const { end, tail } = readLastLine(toks, c, dir);
  parseStreetAndCity(toks, 0, end, c, dir);
  if (tail) wordsAfterAddress(toks, tail, c);
  return c;
}

function parseStructured(input: UsStructuredInput, dir?: UsZipDirectory): UsComponents {
  const c = emptyComponents();
  // (Line 2 that only repeats line 1 adds nothing.)
  const line2 = input.line2?.trim() && cleanText(input.line2) !== cleanText(input.line1) ? input.line2 : null;
  const { text, remarks } = remarksAside(line2 ? `${input.line1}, ${line2}` : input.line1);
  const toks = lastLineRepeated(tokenize(text), input);
  const lead = firstAddressToken(toks, 0, toks.length);
  if (lead > 0) readBeforeStreet(toks, 0, lead, lead, c);
  parseStreet(toks, lead, toks.length, c, false);
  careOfAside(c);
  keepAside(c, remarks);
  if (input.state?.trim()) c.state = STATE_CODES.get(cleanText(input.state)) ?? cleanText(input.state);
  if (input.city?.trim()) c.city = cleanText(input.city);
  // A city field that repeats the state ("Memphis, TN").
  const withState = c.city && c.state ? / ([A-Z]{2})$/.exec(c.city) : null;
  if (withState && withState[1] === c.state) c.city = c.city!.slice(0, withState.index);
  const postal = input.postal_code?.trim().replace(/\s+/g, '');
  if (postal) {
    if (isZip(postal)) setZip(c, postal);
    else c.zip5 = postal.toUpperCase();
  }
  void dir;
  return c;
}




/** Words after the street that open a care-of or attention line ("C/O JOHN SMITH") are the recipient's. */
function careOfAside(c: UsComponents) {
  if (c.building && !c.recipient && CARE_OF_WORDS.has(c.building.split(' ')[0]!)) {
    c.recipient = c.building;
    c.building = null;
  }
}

/** "41ST FLOOR", "3 FL": a floor's number at k, written before FL (not "APT 3 FL 2"). */
function floorBefore(toks: Token[], k: number): boolean {
  if (ordinalNumber(toks[k]!.up)) return true;
  return /^\d+$/.test(toks[k]!.up) && !(k >= 1 && (toks[k - 1]!.up === '#' || UNIT_DESIGNATORS.get(toks[k - 1]!.up)?.range === true));
}

/** Index of the first token of the address proper; what comes before is a recipient or firm. */
function firstAddressToken(toks: Token[], from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const t = toks[i]!.up;
    const prev = toks[i - 1]?.up;
    // A number after APT/STE/# is the unit's, except after an ordinal floor ("41ST FLOOR 1221 …").
    const afterDesignator =
      prev !== undefined && (prev === '#' || UNIT_DESIGNATORS.get(prev)?.range === true || unitAt(toks, i - 1, end)?.len === 2) && i - 1 >= from && !toks[i - 1]!.brk && !(i >= 2 && UNIT_DESIGNATORS.get(prev)?.std === 'FL' && floorBefore(toks, i - 2));
    if (matchPoBox(toks, i, end) || matchRural(toks, i, end) || matchMilitary(toks, i, end) || generalDeliveryAt(toks, i, end)) return i;
    if (afterDesignator) continue;
    if (preTypeAt(toks, i, end) && !(i > from && isHouseNumber(toks[i - 1]!.up))) return i;
    if ((isHouseNumber(t) || (NUMBER_WORDS.has(t) && i === from)) && i + 1 < end && (!(UNIT_DESIGNATORS.get(toks[i + 1]!.up)?.range && unitAt(toks, i + 1, end)) || unitBeforeName(toks, i + 1, end))) {
      return postOfficeBoxAfter(toks, i, end) ?? laterAddress(toks, i, end) ?? i;
    }
    // ("#12 MAIN ST": the house number written with a number sign; but "KBA # 90688 815 W
    // MARKET ST" has its house number after the reference.)
    const numberAfter = i + 3 < end && isHouseNumber(toks[i + 2]!.up) && !isSuffix(toks[i + 3]) && !UNIT_DESIGNATORS.has(toks[i + 3]!.up);
    if (t === '#' && i + 2 < end && /^\d+$/.test(toks[i + 1]!.up) && !toks[i + 1]!.brk && !numberAfter) return postOfficeBoxAfter(toks, i + 1, end) ?? i;
  }
  // No number: a street on its own ("DRUM POINT RD, DEALE") or an intersection ("12TH & MILLARD",
  // "CORNER OF CAVE & ZERKEL STS"), from the start of its comma part.
  let part = from;
  // ("C/O LAWSON TARTER & CHARVET": a care-of or attention line is a name, not an intersection.)
  const named = (p: number) => CARE_OF_WORDS.has(toks[p]?.up ?? '');
  for (let i = from; i < end; i++) {
    if (named(part)) {
      if (toks[i]!.brk) part = i + 1;
      continue;
    }
    // Only a common street type makes a numberless street: "UNION STATION", "WRIGLEY FIELD" and
    // "VALLEY WEST MALL" are places, kept aside as the building.
    const std = STREET_SUFFIXES.get(toks[i]!.up);
    if (i > part && std && (COMMON_TYPES.has(std) || std === 'ST') && (i + 1 === end || toks[i]!.brk)) return part;
    if (i > part && (toks[i]!.up === '&' || toks[i]!.up === 'AND') && i + 1 < end && !toks[i - 1]!.brk && (streetLike(toks, part, i) || streetLike(toks, i + 1, partEnd(toks, i + 1, end)))) {
      if (toks[part]!.up === 'CORNER' && i > part + 1) return toks[part + 1]!.up === 'OF' && i > part + 2 ? part + 2 : part + 1;
      return part;
    }
    if (toks[i]!.brk) part = i + 1;
  }
  return end;
}

/** Whether [from, to) ends in a named street's type, and maybe a directional ("92ND CIR S"). */
function streetEndsAt(toks: Token[], from: number, to: number): boolean {
  let k = to - 1;
  if (k - 2 >= from && isDir(toks[k]) && isSuffix(toks[k - 1])) k--;
  return k - 1 >= from && isSuffix(toks[k]) && toks[k - 1]!.up !== 'THE';
}

/** A named street with its type from i to the end of its comma part ("VETERANS PKWY"). */
function crossStreetAt(toks: Token[], i: number, end: number): boolean {
  const to = partEnd(toks, i, end);
  // (FRONT, REAR and the like may begin a street's name; "AT APT 5" is no street.)
  return to - i >= 2 && to - i <= 5 && isSuffix(toks[to - 1]) && !/\d/.test(toks[i]!.up) && toks[i]!.up !== 'THE' && !unitAt(toks, i, to)?.id;
}

/**
 * Whether [from, to) has something of a street: a type, a number, a directional or a highway
 * ("12TH", "ZERKEL STS", "HWY 54"). "ROB NASH & JEAN PARKER" and "BARNES & NOBLE" are names,
 * not an intersection.
 */
function streetLike(toks: Token[], from: number, to: number): boolean {
  for (let m = from; m < to; m++) {
    if (isSuffix(toks[m]) || /\d/.test(toks[m]!.up) || (isDir(toks[m]) && m + 1 < to) || preTypeAt(toks, m, to)) return true;
  }
  return false;
}

/**
 * "1000 CATHEDRAL PL 925 W GEORGIA ST": a numbered building name, then the address. Returns the
 * second number when the words from the first end in a street type and a street follows it.
 */
function laterAddress(toks: Token[], i: number, end: number): number | undefined {
  for (let j = i + 2; j < end - 1; j++) {
    const firstType = STREET_SUFFIXES.get(toks[j - 1]!.up);
    // "30 ALLEN PLAZA, SUITE 700, 30 IVAN ALLEN JR BLVD": the complex's unit may come between.
    if (firstType && BUILDING_LIKE.has(firstType) && toks[j - 1]!.brk) {
      const u = unitAt(toks, j, end);
      if (u && u.id !== null && toks[j + u.len - 1]!.brk && j + u.len < end - 1) j += u.len;
    }
    if (toks[j - 1]!.up === '#' || UNIT_DESIGNATORS.has(toks[j - 1]!.up)) return undefined;
    if (!isHouseNumber(toks[j]!.up) || UNIT_DESIGNATORS.has(toks[j + 1]!.up)) continue;
    // "US HIGHWAY 53", "COUNTY RD 729": the highway's number, not a second address.
    if (/^(HIGHWAY|HWY|ROUTE|RTE|RT|NO|I|INTERSTATE|FM|SR|CR)$/.test(toks[j - 1]!.up)) continue;
    if ([j - 3, j - 2].some((k) => k > i && preTypeAt(toks, k, end)?.len === j + 1 - k)) continue;
    if (!firstType || isSuffix(toks[j + 1])) return undefined;
    if (preTypeAt(toks, j + 1, end)) return j;
    // (The second street's type is looked for in its own comma part, not in the city after it.)
    for (let m = j + 2, to = partEnd(toks, j, end); m < to; m++) {
      const second = STREET_SUFFIXES.get(toks[m]!.up);
      if (!second) continue;
      // "3565 PIEDMONT RD, 1 PIEDMONT CTR": a street, then the complex on it: the street is the address.
      return (COMMON_TYPES.has(firstType) || firstType === 'ST') && BUILDING_LIKE.has(second) ? undefined : j;
    }
    // "ONE EXCHANGE PLAZA, 55 BROADWAY, NEW YORK": a complex set apart by a comma, then a
    // numbered street without a type in a comma part of its own.
    if (BUILDING_LIKE.has(firstType) && toks[j - 1]!.brk && partEnd(toks, j, end) < end && partEnd(toks, j, end) - j <= 4) return j;
    return undefined;
  }
  return undefined;
}

/** Words that put a reference number, not a unit, after them ("CUSTOMER # 55-0029084"). */
const REFERENCE_WORDS = new Set(['CUSTOMER', 'CUST', 'ACCT', 'ACCOUNT', 'CLIENT', 'REF', 'REFERENCE', 'INVOICE', 'INV', 'ORDER', 'MEMBER', 'ID', 'LOAN', 'POLICY', 'CASE', 'CLAIM', 'VENDOR']);

/**
 * The words in [from, start) before the street: units written first ("UNIT 111 501 S MILL ST",
 * "STE 201, 4401 N MESA"), a recipient, firm or building, or both; `stopAt` is where a city
 * found in them would begin (at most `start`).
 */
function readBeforeStreet(toks: Token[], from: number, start: number, stopAt: number, c: UsComponents) {
  // "CORNER OF" before an intersection says nothing more.
  if (/^CORNER( OF)?$/.test(words(toks, from, start))) return;
  // "UNIT 111 501 S MILL ST", "STE 201, 4401 N MESA": a unit written first.
  const before: { type: string; id: string | null }[] = [];
  let k = from;
  for (let u = unitAt(toks, k, start); u; u = unitAt(toks, k, start)) {
    before.push(u);
    k += u.len;
  }
  if (before.length && k < start) {
    // "14TH FLOOR L & C TOWER 401 CHURCH ST": a unit, then a building name.
    const main = before.at(-1)!;
    c.unit_type = main.type;
    c.unit_number = main.id;
    c.recipient = words(toks, k, stopAt) || null;
  } else if (before.length && k === start) {
    const main = [...before].reverse().find((u) => u.type !== 'BLDG') ?? before.at(-1)!;
    c.unit_type = main.type;
    c.unit_number = main.id;
    c.extra_units = before.filter((u) => u !== main).map((u) => [u.type, u.id].filter(Boolean).join(' '));
  } else {
    // "WRS TN TOWER, 10TH FLOOR 312 ROSA L PARKS AVE": a building or attention line, then a unit.
    let unitFrom = -1;
    for (let p = from + 1; p < stopAt && unitFrom < 0; p++) {
      let q = p;
      for (let u = unitAt(toks, q, stopAt); u; u = unitAt(toks, q, stopAt)) q += u.len;
      // ("KBA # 90688 815 W MARKET": a number sign after a name is the name's, unless a comma
      // sets the unit apart: "ATTN RECEIVING # 12, 15 55TH TRCE".)
      if (q === stopAt && q > p && (toks[p]!.up !== '#' || (toks[q - 1]!.brk && !REFERENCE_WORDS.has(toks[p - 1]!.up)))) unitFrom = p;
    }
    if (unitFrom > 0) {
      const u = unitAt(toks, unitFrom, stopAt)!;
      c.unit_type = u.type;
      c.unit_number = u.id;
      c.recipient = words(toks, from, unitFrom) || null;
    } else c.recipient = words(toks, from, stopAt) || null;
  }
}

/** Parses the street part in [from, end) and finds the city at its end. */
function parseStreetAndCity(toks: Token[], from: number, end: number, c: UsComponents, dir?: UsZipDirectory) {
  const start = firstAddressToken(toks, from, end);
  const lastLine = c.zip5 !== null || c.state !== null;
  const t = toks[start]?.up ?? '';
  const numbered = isHouseNumber(t) || NUMBER_WORDS.has(t) || t === '#' || !!matchPoBox(toks, start, end) || !!matchRural(toks, start, end) || !!matchMilitary(toks, start, end) || generalDeliveryAt(toks, start, end) > 0;
  // A city already read (written after the state: see parseUsAddress) is not looked for.
  const cityKnown = c.city !== null;
  const cityStart = cityKnown ? end : findCity(toks, start, end, c, dir, lastLine, numbered);
  if (start > from) readBeforeStreet(toks, from, start, Math.min(start, cityStart), c);
  if (start === end && before0(c)) {
    // No street at all: a building and its unit ("TERMINAL TOWER STE 1100").
    const stopAt = Math.min(start, cityStart);
    for (let p = from + 1; p < stopAt; p++) {
      const u = unitAt(toks, p, stopAt);
      if (u && p + u.len === stopAt) {
        c.unit_type = u.type;
        c.unit_number = u.id;
        c.recipient = words(toks, from, p) || null;
        break;
      }
    }
  }
  const cityFromStreet = parseStreet(toks, start, cityStart, c, !cityKnown && cityStart === end);
  // "1700 WELLS FARGO TOWER": a building's name, not a street (no street type), with the suite
  // number in front of it. (CENTER is left a street type: the tagged file has it both ways.)
  if (c.street_name && !c.suffix && !c.predirectional && !c.postdirectional && !c.cross_street && /\b(TOWERS?|BLDG|BUILDING)$/.test(c.street_name)) {
    c.building = [c.number, c.street_name, c.building].filter(Boolean).join(' ');
    c.number = null;
    c.street_name = null;
  }
  let cs = cityKnown ? end : Math.min(cityFromStreet, cityStart);
  // Nothing but a place before the state and ZIP ("OREGON CITY, 97045").
  if (cs === end && !cityKnown && start === end && lastLine && c.recipient && plausibleCityWords(toks, lastPart(toks, from, end), end)) {
    cs = lastPart(toks, from, end);
    c.recipient = cs > from ? words(toks, from, cs) : null;
  }
  // "170TH STREET SOUTH HOLLAND": a directional read as the street's that begins a place's name.
  if (cs < end && cs > start + 1 && !lastLine && dir && c.postdirectional && isDir(toks[cs - 1]) && !toks[cs - 2]!.brk && dir.isPlace(cityKey(words(toks, cs - 1, end)))) {
    c.postdirectional = null;
    cs--;
  }
  if (cs < end && !lastLine && dir && !knownPlace(words(toks, cs, end), dir)) {
    // Without a state or ZIP, trailing words that name no US place are not a city: a short
    // one is the unit ("4315 WEBSTER AVE LH"), longer ones a building or remark.
    // A directional first is the street's ("PEACHTREE ROAD, N.E. CANTERBURY COURT").
    if (c.street_name && !c.postdirectional && cs + 1 < end && isDir(toks[cs]) && toks[cs]!.up.length <= 2) c.postdirectional = DIRECTIONALS.get(toks[cs++]!.up)!;
    const rest = words(toks, cs, end);
    if (cs + 1 === end && before0(c) && /^[A-Z0-9]{1,3}$/.test(rest) && (c.suffix || c.postdirectional)) c.unit_number = rest;
    else keepAside(c, rest);
    cs = end;
  }
  if (cs < end) c.city = cleanText(words(toks, cs, end));
  // "SETAUKET SETAUKET": the city's name typed twice (but WALLA WALLA is a place).
  const cityWords = c.city ? c.city.split(' ') : [];
  const half = cityWords.slice(0, cityWords.length / 2).join(' ');
  if (dir && cityWords.length >= 2 && cityWords.length % 2 === 0 && `${half} ${half}` === c.city && !knownPlace(c.city!, dir) && knownPlace(half, dir)) c.city = half;
  careOfAside(c);
  // Ships and units overseas: "USS NIMITZ FPO AP 96620".
  const mil = c.city ? /^(?:(.+) )?(APO|FPO|DPO)$/.exec(c.city) : null;
  if (mil) {
    c.city = mil[2]!;
    if (mil[1] && !c.military && !c.street_name) c.military = mil[1];
    if (!c.military && c.recipient && /^(USS|USNS|USCGC) /.test(c.recipient)) {
      c.military = c.recipient;
      c.recipient = null;
    }
  }
}

const knownPlace = (city: string, dir: UsZipDirectory) => CITY_NICKNAMES.has(city) || dir.isPlace(cityKey(city));

/**
 * Parses [i, end) as the delivery line(s). With `cityAfter`, words after a complete street are
 * the city (returned as its start index); otherwise they are kept as the building.
 */
function parseStreet(toks: Token[], i: number, end: number, c: UsComponents, cityAfter: boolean): number {
  const leftovers: string[] = [];
  // Box-style lines first; a street may still follow ("PO BOX 628 HWY 231").
  for (let guard = 0; guard < 3 && i < end; guard++) {
    const general = generalDeliveryAt(toks, i, end);
    if (general) {
      c.general_delivery = true;
      i += general;
      continue;
    }
    const mil = matchMilitary(toks, i, end);
    if (mil) {
      c.military = mil.unit;
      c.box = mil.box;
      i += mil.len;
      continue;
    }
    const rural = matchRural(toks, i, end);
    if (rural) {
      c.rural_route = rural.route;
      c.box = rural.box;
      i += rural.len;
      continue;
    }
    const box = matchPoBox(toks, i, end);
    if (box) {
      // A second box is a unit of the first ("PO BOX 850001 BOX # 0123"), and so is a lockbox,
      // bare box or drawer before a post office box ("DRAWER 368 PO BOX 11407"); alone, it is
      // the box.
      const head = toks[i]!.up;
      if (c.po_box !== null || (!postOfficeBoxAt(toks, i, end) && hasPostOfficeBoxAfter(toks, i + box.len, end))) {
        if (c.unit_type !== null) c.extra_units.push([c.unit_type, c.unit_number].filter(Boolean).join(' '));
        c.unit_type = /^(LOCKBOX|LBX|LOCK)$/.test(head) ? 'LOCKBOX' : head === 'DRAWER' ? 'DRAWER' : 'BOX';
        c.unit_number = box.id;
      } else c.po_box = box.id;
      i += box.len;
      continue;
    }
    break;
  }
  if (i >= end) return end;
  if (c.po_box || c.rural_route || c.military || c.general_delivery) {
    // "PO BOX 4869 DEPT 541", "PO BOX 60000 FILE 73484": units of the box.
    for (let u = unitAt(toks, i, end); u && !isHouseNumber(toks[i]!.up); u = unitAt(toks, i, end)) {
      if (c.unit_type !== null) c.extra_units.push([c.unit_type, c.unit_number].filter(Boolean).join(' '));
      c.unit_type = u.type;
      c.unit_number = u.id;
      i += u.len;
    }
    if (i >= end) return end;
    // "RR 422 BOX, DOUGLASSVILLE": a box word whose number is missing adds nothing; a letter
    // left after the box number is the number's ("BOX 103 A").
    if (i + 1 === end && /^(BOX|BX)$/.test(toks[i]!.up)) return end;
    if (i + 1 === end && /^[A-Z]$/.test(toks[i]!.up) && (c.box ?? c.po_box) !== null && /^\d+$/.test((c.box ?? c.po_box)!)) {
      if (c.box !== null) c.box += toks[i]!.up;
      else c.po_box += toks[i]!.up;
      return end;
    }
    if (cityAfter && !startsStreet(toks, i, end) && plausibleCityWords(toks, i, end)) return i;
  }

  // House number, with "#" in front, a fraction or a letter after it.
  if (toks[i]!.up === '#' && i + 1 < end && /^\d+$/.test(toks[i + 1]!.up)) i++;
  if ((isHouseNumber(toks[i]!.up) || NUMBER_WORDS.has(toks[i]!.up)) && i + 1 < end && !(toks[i]!.brk && !isSuffix(toks[i + 1]))) {
    const parts = [toks[i]!.up];
    i++;
    // "W211 N16601 GLENCOE LN": a grid address written in two parts.
    if (/^[NSEW]\d+[NSEW]?$/.test(parts[0]!) && i < end && /^[NSEW]\d+$/.test(toks[i]!.up)) parts.push(toks[i++]!.up);
    if (i < end && isFraction(toks[i]!.up)) parts.push(toks[i++]!.up);
    else if (i + 1 < end && /^[A-Z]$/.test(toks[i]!.up) && !DIRECTIONALS.has(toks[i]!.up) && !toks[i]!.brk) {
      // "214 B SOUTH BLVD", "11719 B JEFFERSON AVE": a letter between the number and a name
      // belongs to the number; it starts the street's name when a street type, another letter,
      // a number or an article follows ("123 B ST", "2964 L B J FWY", "11745 I 10 W", "1180 P DE LEON BLVD").
      const next = toks[i + 1]!.up;
      const streetLetter = isSuffix(toks[i + 1]) || /^[A-Z]$/.test(next) || /\d/.test(next) || ARTICLES.has(next) || next === 'AND' || next === '&' || !!preTypeAt(toks, i, end);
      if (!streetLetter) parts.push(toks[i++]!.up);
    }
    c.number = standardNumber(parts);
    // "6910 # G MARY CAROLINE CIRCLE": a unit between the number and a street with its type.
    if (unitBeforeName(toks, i, end) && before0(c)) {
      c.unit_type = '#';
      c.unit_number = standardUnitId(toks[i + 1]!.up);
      i += 2;
    }
  }
  if (i >= end) return end;

  // Where the street words stop: at the first unit, or at a comma once a street word was read.
  let stop = i;
  // A highway-style name at the start may have "#" or "NO" before its number ("ROUTE # A").
  const leadingType = preTypeAt(toks, isDir(toks[i]) ? i + 1 : i, end);
  const typeEnd = leadingType ? (isDir(toks[i]) ? i + 1 : i) + leadingType.len : i;
  while (stop < end) {
    // A designator that needs no number (FRONT, REAR, SIDE) before a street type or more name
    // words is the street's ("N FRONT RD").
    // So is one followed by a unit before any street type ("4004 OCEAN FRONT APT 410").
    const nameWord =
      UNIT_DESIGNATORS.get(toks[stop]!.up)?.range === false &&
      stop + 1 < end &&
      !unitAt(toks, stop, end)?.id &&
      !toks[stop]!.brk &&
      (isSuffix(toks[stop + 1]) || (!unitAt(toks, stop + 1, end) && !cityAfter) || (UNIT_DESIGNATORS.get(toks[stop + 1]!.up)?.range === true && !suffixBetween(toks, i, stop)));
    if (stop > i && stop >= typeEnd && unitAt(toks, stop, end) && !nameWord && !typeNotUnit(toks, stop, end)) break;
    if (stop > i + 1 && suiteAsSt(toks, stop, end)) break;
    if (stop > i && matchPoBox(toks, stop, end)) break;
    // "1234 CALLE LUNA URB LAS GLADIOLAS": a Puerto Rican urbanization after the street is kept aside.
    if (stop > i && (toks[stop]!.up === 'URB' || toks[stop]!.up === 'URBANIZACION')) break;
    if (stop > i + 1 && c.rural_route === null && /^(RR|RFD|HC|HCR)$/.test(toks[stop]!.up) && matchRural(toks, stop, end)?.box) break;
    if (stop > i && (toks[stop]!.up === '&' || toks[stop]!.up === 'AND' || toks[stop]!.up === 'AT') && c.number === null) break;
    // "1601 JUMER DR AT VETERANS PKWY": a numbered street at its corner with another.
    if (stop > i + 1 && toks[stop]!.up === 'AT' && streetEndsAt(toks, i, stop) && crossStreetAt(toks, stop + 1, end)) break;
    stop++;
    if (toks[stop - 1]!.brk && stop - i >= 1 && !(stop - i === 1 && isDir(toks[stop - 1]))) break;
  }

  let j = i;
  const pre = preTypeAt(toks, j, stop);
  // A spelled-out directional before a lone suffix is the street's name ("123 NORTH ST");
  // an abbreviated one is a directional ("1520 N WELLS").
  // A directional before a lone common type is the street's name ("123 NORTH ST", "3001 N
  // BOULEVARD"), as is the first of two directionals ("4400 EAST WEST HWY"); before any other
  // word it is a directional ("1520 N WELLS", "10 EAST LAKE").
  const loneType = STREET_SUFFIXES.get(toks[j + 1]?.up ?? '');
  // A one-letter name between a street type and a post-directional is a lettered street ("641 S
  // ST NW", "306 N AVE NW"), not a directional: a street has a name.
  const lone =
    (j + 2 === stop && loneType !== undefined && (COMMON_TYPES.has(loneType) || loneType === 'ST')) ||
    (j + 3 === stop && loneType !== undefined && toks[j]!.up.length === 1 && isDir(toks[j + 2]) && !toks[j + 1]!.brk) ||
    (isDir(toks[j + 1]) && toks[j]!.up.length > 2 && toks[j + 1]!.up.length > 2 && j + 2 < stop && isSuffix(toks[j + 2]));
  if (!pre && isDir(toks[j]) && j + 1 < stop && !lone) {
    c.predirectional = DIRECTIONALS.get(toks[j]!.up)!;
    j++;
  }
  const nameStart = j;
  let cityStart = end;
  const pt = preTypeAt(toks, j, stop);
  if (pt) {
    let nameEnd = j + pt.len;
    // "HIGHWAY A1A ALT", "ROUTE 9 BYPASS"
    while (nameEnd < stop && HIGHWAY_MODIFIERS.test(toks[nameEnd]!.up)) nameEnd++;
    // "I 49 S SERVICE RD", "US HIGHWAY 53 BSNSS RTE N": a frontage or business road of the
    // highway, its type last.
    let m = j + pt.len;
    while (m < stop && (HIGHWAY_MODIFIERS.test(toks[m]!.up) || isDir(toks[m]))) m++;
    const roadType = m > j + pt.len && m < stop && isSuffix(toks[m]) && (m + 1 === stop || (m + 2 === stop && isDir(toks[m + 1]))) && HIGHWAY_MODIFIERS.test(toks[m - 1]!.up);
    if (roadType) {
      c.street_name = standardStreetName(words(toks, j, m), true);
      c.suffix = STREET_SUFFIXES.get(toks[m]!.up)!;
      j = m + 1;
    } else {
      c.street_name = standardStreetName(words(toks, j, nameEnd), true);
      j = nameEnd;
    }
  } else {
    // The suffix is the first suffix word after the name that another suffix word does not
    // follow ("LAKE SHORE BLVD", "GREEN BAY RD HIGHLAND PARK").
    // The suffix is the last suffix word that ends the street cleanly (only a directional or a
    // bare unit number after it: "FOGGY BOTTOM FARM RD"); failing that, when a city may follow,
    // the first suffix word that another does not follow ("LAKE SHORE BLVD EVANSTON").
    let k = -1;
    // A suffix and a directional with more words after them: the street ends there and the rest
    // is a building ("PEACHTREE RD NE TOWER PLACE").
    for (let m = nameStart + 1; m < stop && k < 0; m++) {
      const d = isSuffix(toks[m]) ? dirAt(toks, m + 1, stop) : undefined;
      if (d && m + 1 + d.len < stop && !isSuffix(toks[m + 1 + d.len])) k = m;
    }
    // Name words before a highway-style type and its number: "ANDERSON COUNTY RD 312",
    // "SCENIC HWY 98".
    for (let m = nameStart + 1; m < stop && k === -1; m++) {
      const inner = /^(AVE|AVENUE)$/.test(toks[m]!.up) ? undefined : preTypeAt(toks, m, stop);
      if (inner && /\d/.test(toks[m + inner.len - 1]!.up) && (m + inner.len === stop || (m + inner.len + 1 === stop && isDir(toks[stop - 1])))) {
        // "ENGLEWOOD ROAD ROUTE 776": a street with its type, then the highway it also is: the
        // street, with the route kept aside.
        if (m - 1 > nameStart && isSuffix(toks[m - 1]) && !preTypeAt(toks, m - 1, stop)) {
          k = m - 1;
          break;
        }
        c.street_name = `${standardStreetName(words(toks, nameStart, m), false)} ${standardStreetName(words(toks, m, m + inner.len), true)}`;
        k = -2;
        j = m + inner.len;
      }
    }
    // A common street type followed by two or more other words: the street ends there and the
    // words are a building or complex ("CAMPBELL AVE LUXE LOGAN SQUARE").
    for (let m = nameStart + 1; m < stop - 2 && k === -1; m++) {
      const std = STREET_SUFFIXES.get(toks[m]!.up);
      // ("440 LASALLE ST 1 FINANCIAL PL": a numbered complex after the street.)
      const complex = (std === 'ST' || !!std && COMMON_TYPES.has(std)) && isHouseNumber(toks[m + 1]!.up) && stop - m >= 4 && BUILDING_LIKE.has(STREET_SUFFIXES.get(toks[stop - 1]!.up) ?? '');
      if (std && COMMON_TYPES.has(std) && !isSuffix(toks[m + 1]) && !isDir(toks[m + 1]) && !/\d/.test(toks[m + 1]!.up)) k = m;
      else if (complex) k = m;
    }
    for (let m = stop - 1; m > nameStart && k === -1; m--) {
      if (!isSuffix(toks[m])) continue;
      let after = m + 1;
      const d = dirAt(toks, after, stop);
      if (d) after += d.len;
      if (after < stop && isBareUnit(toks[after]!.up)) after++;
      if (after === stop) k = m;
    }
    // "PALM BEACH LAKES BOULEVAR": a misspelled type at the end beats a type word inside the name.
    let last = stop;
    if (last - nameStart >= 2 && isDir(toks[last - 1])) last--;
    const typoAtEnd = last - 1 > nameStart && !isSuffix(toks[last - 1]) && !!misspelledSuffix(toks[last - 1]!.up);
    for (let m = nameStart + 1; m < stop && k === -1 && !typoAtEnd; m++) {
      if (!isSuffix(toks[m])) continue;
      if (m + 1 < stop && isSuffix(toks[m + 1]) && !toks[m]!.brk) continue;
      k = m;
    }
    if (k >= 0 && NAME_LIKE_SUFFIXES.has(STREET_SUFFIXES.get(toks[k]!.up)!) && k + 1 === stop) {
      // "COTTAGE GROVE", "STONY ISLAND", "BARN HILL": a landscape word closing the name, with no
      // street type after it, is part of the name.
      c.street_name = standardStreetName(words(toks, nameStart, k + 1), false);
      j = k + 1;
    } else if (k >= 0) {
      // "SAINT JOHN W ST", "AVALON PARK SOUTH BLVD": a directional between the name and the
      // suffix is the post-directional, written before the type.
      // Abbreviated only: spelled out, it is usually part of the name ("OCEAN ISLE WEST BLVD"), as
      // it is after a numbered grid street ("2900 E RD").
      const inner =
        k - nameStart >= 2 && isDir(toks[k - 1]) && toks[k - 1]!.up.length <= 2 && !isDir(toks[k - 2]) && !/^\d+$/.test(toks[k - 2]!.up)
          ? DIRECTIONALS.get(toks[k - 1]!.up)!
          : null;
      c.street_name = standardStreetName(words(toks, nameStart, inner ? k - 1 : k), false);
      c.suffix = STREET_SUFFIXES.get(toks[k]!.up)!;
      if (inner) c.postdirectional = inner;
      j = k + 1;
    } else if (k === -1) {
      let e = stop;
      // "4715 F 41", "M 22": a lettered county road or state trunkline is a letter and a number.
      const letterRoad = e - nameStart === 2 && /^[A-Z]$/.test(toks[nameStart]!.up) && !isDir(toks[nameStart]) && /^\d{1,3}$/.test(toks[e - 1]!.up);
      if (e - nameStart >= 2 && isBareUnit(toks[e - 1]!.up) && !letterRoad) e--;
      // "1056 W NORTHSHORE 1 W": a number and a one-letter directional are a unit (1W), read below.
      // (Not after initials, a grid road: "E C R 850 N".)
      const named = toks.slice(nameStart, e - 2).some((t) => /^[A-Z]{3,}$/.test(t.up));
      if (e - nameStart >= 3 && e === stop && named && /^[NSEW]$/.test(toks[e - 1]!.up) && /^\d+$/.test(toks[e - 2]!.up)) e -= 2;
      else if (e - nameStart >= 3 && dirAt(toks, e - 2, e)?.len === 2) e -= 2;
      else if (e - nameStart >= 2 && isDir(toks[e - 1])) e--;
      const typo = e - nameStart >= 2 ? misspelledSuffix(toks[e - 1]!.up) : undefined;
      if (typo) {
        c.street_name = standardStreetName(words(toks, nameStart, e - 1), false);
        c.suffix = typo;
      } else {
        c.street_name = standardStreetName(words(toks, nameStart, e), false) || null;
      }
      j = e;
    }
  }
  // Post-directional, even across a comma ("1800 M STREET, NW, WASHINGTON").
  const post = c.street_name && !c.postdirectional ? dirAt(toks, j, end) : undefined;
  if (post && (j < stop || toks[j + post.len - 1]!.brk || j + post.len === end || post.dir.length === 2 || !!unitAt(toks, j + post.len, end))) {
    c.postdirectional = post.dir;
    j += post.len;
  }
  // A bare number right after the street is a unit ("203 N WABASH 608", "111 W MONROE, 12C").
  const bare = toks[j]?.up ?? '';
  if (j < end && (isBareUnit(bare) || (/^[A-Z]$/.test(bare) && (c.suffix || c.postdirectional) && j + 1 === end)) && (j + 1 === end || toks[j]!.brk || j + 1 === stop)) {
    c.unit_number = standardUnitId(toks[j]!.up);
    j++;
  } else if (j + 1 < end && /^\d+$/.test(bare) && /^[A-Z]$/.test(toks[j + 1]!.up) && !toks[j]!.brk && (j + 2 === end || toks[j + 1]!.brk)) {
    // "106 D" -> 106D
    c.unit_number = bare + toks[j + 1]!.up;
    j += 2;
  }
  if (j < stop) {
    // Words after a complete street: the city when a state or ZIP follows or nothing else does;
    // otherwise a building name.
    const restIsUnits = (() => {
      for (let m = j; m < end; m++) if (unitAt(toks, m, end)) return true;
      return false;
    })();
    if (cityAfter && !restIsUnits && plausibleCityWords(toks, j, end)) {
      cityStart = j;
    }
  }
  if (cityStart < end) return cityStart;
  for (let m = j; m < stop; m++) leftovers.push(toks[m]!.up);
  j = Math.max(j, stop);

  // Intersection: "MAIN ST & 1ST AVE".
  if (j < end && (['&', 'AND', 'AT'].includes(toks[j]!.up) && c.number === null || (toks[j]!.up === 'AT' && crossStreetAt(toks, j + 1, end)))) {
    const cross = emptyComponents();
    const cityAt = parseStreet(toks, j + 1, end, cross, cityAfter);
    c.cross_street = [cross.predirectional, cross.street_name, cross.suffix, cross.postdirectional].filter(Boolean).join(' ') || null;
    if (leftovers.length) c.building = leftovers.join(' ');
    return cityAt;
  }

  // Units, then whatever is left: more building words, or the city.
  const units: string[][] = [];
  let lastUnitEnd = j;
  let boxAfterStreet = false;
  while (j < end) {
    // "104 S WALNUT RR 1 BOX 297": a rural route box beside the street.
    const rural = c.rural_route === null && /^(RR|RFD|HC|HCR)$/.test(toks[j]!.up) ? matchRural(toks, j, end) : undefined;
    if (rural?.box) {
      c.rural_route = rural.route;
      c.box = rural.box;
      j += rural.len;
      lastUnitEnd = j;
      boxAfterStreet = true;
      continue;
    }
    const box = c.po_box === null ? matchPoBox(toks, j, end) : undefined;
    if (box) {
      c.po_box = box.id;
      j += box.len;
      lastUnitEnd = j;
      boxAfterStreet = true;
      continue;
    }
    const u = c.suffix && suiteAsSt(toks, j, end) ? { type: 'STE', id: standardUnitId(toks[j + 1]!.up), len: 2 } : unitAt(toks, j, end);
    // "SUITE 1515 ACCT # 4398032": a reference number after a reference word is no unit.
    if (u && u.type === '#' && j > 0 && REFERENCE_WORDS.has(toks[j - 1]!.up)) {
      leftovers.push(...toks.slice(j, j + u.len).map((t) => t.up));
      j += u.len;
      continue;
    }
    if (u) {
      units.push(u.id === null ? [u.type] : [u.type, u.id]);
      j += u.len;
      lastUnitEnd = j;
      continue;
    }
    leftovers.push(toks[j]!.up);
    j++;
  }
  // Words after the last unit: the city ("STE 200 ATLANTA GA"), unless they look like more address.
  if (cityAfter && (units.length > 0 || boxAfterStreet) && lastUnitEnd < end && plausibleCityWords(toks, lastUnitEnd, end)) {
    leftovers.length -= end - lastUnitEnd;
    cityStart = lastUnitEnd;
  }
  // "718 DORCHESTER PL NE UNIT": a designator whose number is missing is still the unit's type.
  const bareDesignator = leftovers.length === 1 && units.length === 0 && before0(c) ? UNIT_DESIGNATORS.get(leftovers[0]!) : undefined;
  if (bareDesignator?.range) {
    units.push([bareDesignator.std]);
    leftovers.length = 0;
  }
  // The most specific designator is the unit (APT, STE, RM…); a building goes to extra_units.
  // ("APT 4" in line 1 and again in line 2 is one unit.)
  for (let k = units.length - 1; k > 0; k--) if (units.slice(0, k).some((u) => u.join(' ') === units[k]!.join(' '))) units.splice(k, 1);
  const pickAt = mainUnitIndex(units);
  const unit = pickAt >= 0 ? units.splice(pickAt, 1)[0] : undefined;
  if (unit && c.unit_number !== null && c.unit_type === null) {
    units.push(unit);
  } else if (unit) {
    c.unit_type = unit[0]!;
    c.unit_number = unit[1] ?? null;
  }
  c.extra_units = [...c.extra_units, ...units.map((u) => u.join(' '))];
  if (leftovers.length) c.building = leftovers.join(' ');
  return cityStart;
}

/** "7777 BONHOMME AVE ST 1400", "BOUNDARY TERRACE, ST 2": ST after a street type and before a number is a suite. */
function suiteAsSt(toks: Token[], i: number, end: number): boolean {
  return i < end && toks[i]!.up === 'ST' && i + 1 < end && /^\d+[A-Z]?$/.test(toks[i + 1]!.up) && (isSuffix(toks[i - 1]) || !!toks[i - 1]?.brk) && (i + 2 === end || toks[i + 1]!.brk);
}

/** "# G" at i with a name and its street type after it, in the same comma part ("6910 # G MARY CAROLINE CIR"). */
function unitBeforeName(toks: Token[], i: number, end: number): boolean {
  if (i + 3 >= end || toks[i]!.up !== '#' || !isUnitId(toks[i + 1]!.up) || toks[i]!.brk || toks[i + 1]!.brk) return false;
  for (let m = i + 3; m < end; m++) {
    if (isSuffix(toks[m])) return true;
    if (toks[m]!.brk) return false;
  }
  return false;
}

/**
 * KEY and TRAILER are a street type and a unit designator both: the type when a directional, a
 * unit or the end follows ("HARBOR KEY NE", "OCEAN TRLR # 3C"), the unit before its number.
 */
function typeNotUnit(toks: Token[], i: number, end: number): boolean {
  if (!isSuffix(toks[i])) return false;
  const next = i + 1;
  if (next === end || toks[i]!.brk || toks[next]!.up === '#' || UNIT_DESIGNATORS.has(toks[next]!.up)) return true;
  // ("WATER KEY AT CHURCH LN": a corner follows the street.)
  if (toks[next]!.up === 'AT' && crossStreetAt(toks, next + 1, end)) return true;
  return isDir(toks[next]) && (next + 1 === end || toks[next]!.brk || !!unitAt(toks, next + 1, end));
}

/** Whether a street (a number, a highway, or a name with a suffix) starts at i. */
function startsStreet(toks: Token[], i: number, end: number): boolean {
  if (isHouseNumber(toks[i]!.up) || preTypeAt(toks, i, end)) return true;
  for (let m = i + 1; m < end; m++) if (isSuffix(toks[m])) return true;
  return false;
}
