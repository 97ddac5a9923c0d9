/**
 * US addresses generated with known components, for bench/address-roundtrip.ts and its test.
 * Each address is built from parts — a real ZIP with its state and place name, a house number,
 * directionals, a street name from common name words (many of them also street types, places
 * or unit words: PARK, SPRING, FRONT, CENTER…), a Publication 28 street type spelled out or
 * abbreviated, a unit — and written in one of several everyday layouts (commas or none, lower
 * case, state spelled out, ZIP+4). The parser must give back every part. Unlike the tagged
 * file (bench/address-accuracy.ts) nothing here was read while the rules were written; the
 * generator only makes addresses a person could write unambiguously.
 */
import type { UsZipDirectory } from '../src/addresses/ports.js';
import type { UsComponents } from '../src/addresses/us/components.js';
import { STATE_NAMES, SUFFIX_NAMES } from '../src/addresses/us/pub28.js';
import { cleanText } from '../src/addresses/us/standardize.js';

const title = (s: string) => s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
const NAME_WORDS = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Walnut', 'Chestnut', 'Washington', 'Lincoln', 'Jefferson', 'Madison', 'Monroe',
  'Jackson', 'Franklin', 'Wilson', 'Highland', 'Church', 'Market', 'Water', 'Bridge', 'Front', 'High', 'Broad', 'Union', 'Prospect',
  'Park', 'Lake', 'Spring', 'Valley', 'Forest', 'Ridge', 'Hill', 'Mill', 'Grove', 'Meadow', 'Orchard', 'Center', 'Point', 'Summit',
  'Sunset', 'Willow', 'Magnolia', 'Dogwood', 'Sycamore', 'Hickory', 'Laurel', 'Cherry', 'Birch', 'Aspen', 'Poplar', 'Holly',
  'Peachtree', 'Riverside', 'Lakeview', 'Hillcrest', 'Fairview', 'Greenwood', 'Brookside', 'Woodland', 'Country Club', 'Old Mill',
  'Lake Shore', 'Spring Valley', 'Forest Park', 'Cherry Hill', 'Martin Luther King Jr', 'Indian Creek', 'Deer Run', 'Fox Hollow',
  'Quail Ridge', 'Saint Andrews', 'Ocean', 'Bay', 'Harbor', 'Canyon', 'Mesa', 'Sierra', 'El Camino', 'Camino Real', 'Vista',
];
const ORDINAL = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
const COMMON_TYPES = ['ST', 'AVE', 'RD', 'DR', 'LN', 'BLVD', 'CT', 'WAY', 'PL', 'CIR', 'TER', 'PKWY', 'TRL', 'HWY', 'LOOP', 'RUN', 'PATH', 'XING'];
// Landscape words that end many street names without being their type ("STONY ISLAND", "COTTAGE
// GROVE"): the parser keeps them in the name when nothing follows, so they are not generated as
// the last word, where a reader could not tell either.
const NAME_LIKE = new Set(['GRV', 'IS', 'HL', 'HLS', 'VLY', 'VLG', 'HOLW', 'PNE', 'PNES', 'LK', 'LKS', 'WL', 'WLS', 'DV']);
const ALL_TYPES = [...SUFFIX_NAMES.keys()].filter((t) => !NAME_LIKE.has(t));
const DIRS: [std: string, spellings: string[]][] = [
  ['N', ['N', 'N.', 'North']], ['S', ['S', 'S.', 'South']], ['E', ['E', 'E.', 'East']], ['W', ['W', 'W.', 'West']],
  ['NE', ['NE', 'N.E.', 'Northeast']], ['NW', ['NW', 'Northwest']], ['SE', ['SE', 'Southeast']], ['SW', ['SW', 'S.W.']],
];
const UNITS: [std: string, spellings: string[], ids: string[]][] = [
  ['APT', ['Apt', 'Apt.', 'Apartment', 'APT'], ['4B', '12', '305', 'C', '2R']],
  ['STE', ['Ste', 'Suite', 'STE'], ['200', '1450', 'B', '12A']],
  ['#', ['#'], ['12', '3C', '101']],
  ['UNIT', ['Unit'], ['5', '14', 'D']],
  ['FL', ['Fl', 'Floor'], ['3', '12']],
  ['RM', ['Rm', 'Room'], ['101', '2B']],
  ['BLDG', ['Bldg', 'Building'], ['C', '7']],
  ['LOT', ['Lot'], ['42', '7']],
];

export interface GeneratedAddress {
  text: string;
  expected: Partial<UsComponents>;
}

/** `count` addresses, the same for the same seed and reference data. */
export function generateUsAddresses(dir: UsZipDirectory, count: number, seed: number): GeneratedAddress[] {
  let state = seed >>> 0 || 1;
  const rnd = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const chance = (p: number) => rnd() < p;
  const zips: string[] = [];
  for (let z = 501; z <= 99950; z++) {
    const zip = String(z).padStart(5, '0');
    const info = dir.lookup(zip);
    if (info && !info.military && STATE_NAMES.has(info.state)) zips.push(zip);
  }
  return Array.from({ length: count }, () => make(dir, zips, pick, chance, rnd));
}

function make(
  dir: UsZipDirectory,
  zips: readonly string[],
  pick: <T>(a: readonly T[]) => T,
  chance: (p: number) => boolean,
  rnd: () => number,
): GeneratedAddress {
  const zip = pick(zips);
  const info = dir.lookup(zip)!;
  const city = pick(info.places);
  const e: Partial<UsComponents> = {};
  const number = String(1 + Math.floor(rnd() ** 2 * 20000));
  e.number = number;
  const parts: string[] = [number];
  if (chance(0.3)) {
    const [std, sp] = pick(DIRS);
    parts.push(pick(sp));
    e.predirectional = std;
  } else e.predirectional = null;
  const name = chance(0.2) ? ORDINAL(1 + Math.floor(rnd() * 130)) : pick(NAME_WORDS);
  parts.push(name);
  e.street_name = cleanText(name);
  const type = chance(0.85) ? pick(COMMON_TYPES) : pick(ALL_TYPES);
  parts.push(chance(0.5) ? title(SUFFIX_NAMES.get(type)!) : chance(0.5) ? `${title(type)}.` : title(type));
  e.suffix = type;
  if (chance(0.15)) {
    const [std, sp] = pick(DIRS);
    parts.push(pick(sp));
    e.postdirectional = std;
  } else e.postdirectional = null;
  let line1 = parts.join(' ');
  if (chance(0.35)) {
    const [std, sp, ids] = pick(UNITS);
    const id = pick(ids);
    line1 += `${chance(0.3) ? ',' : ''} ${pick(sp)} ${id}`;
    e.unit_type = std;
    e.unit_number = id.toUpperCase();
  } else {
    e.unit_type = null;
    e.unit_number = null;
  }
  e.city = cleanText(city);
  e.state = info.state;
  const plus4 = chance(0.2) ? String(1000 + Math.floor(rnd() * 9000)) : null;
  e.zip5 = zip;
  e.zip4 = plus4;
  const st = chance(0.15) ? title(STATE_NAMES.get(info.state)!) : info.state;
  const z = plus4 ? `${zip}-${plus4}` : zip;
  const cityText = title(city);
  const layout = Math.floor(rnd() * 4);
  let text =
    layout === 0 ? `${line1}, ${cityText}, ${st} ${z}` : layout === 1 ? `${line1} ${cityText} ${st} ${z}` : layout === 2 ? `${line1}, ${cityText} ${st} ${z}` : `${line1}, ${cityText}, ${st}, ${z}`;
  if (chance(0.2)) text = text.toLowerCase();
  else if (chance(0.1)) text = text.toUpperCase();
  return { text, expected: e };
}

