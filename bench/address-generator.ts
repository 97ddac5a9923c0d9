/**
 * US addresses generated with known components, for bench/address-roundtrip.ts and its test.
 * Each address is built from parts — a real ZIP with its state and place name, a house number
 * (sometimes with 1/2), directionals, a street name from common name words (many of them also
 * street types, places or unit words: PARK, SPRING, FRONT, CENTER…) and a Publication 28 street
 * type spelled out or abbreviated, or a highway-style name (COUNTY ROAD 12, US-101); or a PO
 * box, a rural route box or a military PSC/CMR/UNIT box; a unit (also PH 2, OFFICE 4) after the
 * street, before it, between number and name or after the ZIP; sometimes a recipient or firm
 * first (or after the ZIP), a remark in parentheses, a corner ("AT OAK AVE"), and the country
 * last — and written in one of several everyday layouts (commas or none, two lines, the last line
 * first, lower case,
 * state spelled out, ZIP+4), or as the separate fields a checkout sends (line 1, line 2, city,
 * state, ZIP). Numbers are sometimes "123 1/2" or Queens-style "45-18"; names include
 * abbreviated saints, mounts and forts (ST CHARLES). The parser must give back every part.
 * Unlike the tagged file (bench/address-accuracy.ts) nothing here was read while the rules were written; the
 * generator only makes addresses a person could write unambiguously.
 */
import type { UsZipDirectory } from '../src/addresses/ports.js';
import type { UsComponents } from '../src/addresses/us/components.js';
import type { UsStructuredInput } from '../src/addresses/us/parse.js';
import { STATE_NAMES, SUFFIX_NAMES } from '../src/addresses/us/pub28.js';
import { cleanText, standardStreetName } from '../src/addresses/us/standardize.js';

const title = (s: string) => s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
const NAME_WORDS = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Walnut', 'Chestnut', 'Washington', 'Lincoln', 'Jefferson', 'Madison', 'Monroe',
  'Jackson', 'Franklin', 'Wilson', 'Highland', 'Church', 'Market', 'Water', 'Bridge', 'Front', 'High', 'Broad', 'Union', 'Prospect',
  'Park', 'Lake', 'Spring', 'Valley', 'Forest', 'Ridge', 'Hill', 'Mill', 'Grove', 'Meadow', 'Orchard', 'Center', 'Point', 'Summit',
  'Sunset', 'Willow', 'Magnolia', 'Dogwood', 'Sycamore', 'Hickory', 'Laurel', 'Cherry', 'Birch', 'Aspen', 'Poplar', 'Holly',
  'Peachtree', 'Riverside', 'Lakeview', 'Hillcrest', 'Fairview', 'Greenwood', 'Brookside', 'Woodland', 'Country Club', 'Old Mill',
  'Lake Shore', 'Spring Valley', 'Forest Park', 'Cherry Hill', 'Martin Luther King Jr', 'Indian Creek', 'Deer Run', 'Fox Hollow',
  'Quail Ridge', 'Saint Andrews', 'Ocean', 'Bay', 'Harbor', 'Canyon', 'Mesa', 'Sierra', 'El Camino', 'Camino Real', 'Vista',
  'St Charles', 'Mt Vernon', 'Ft Worth', 'De La Vina', 'Van Buren', 'Old Post',
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
  ['PH', ['PH', 'Penthouse'], ['2', '1A']],
  ['OFC', ['Office', 'Ofc'], ['4', '210']],
];

export interface GeneratedAddress {
  /** Free text, or the fields a shop's checkout sends. */
  text: string | UsStructuredInput;
  expected: Partial<UsComponents>;
}

/** `count` addresses, the same for the same seed and reference data. */
export function generateUsAddresses(dir: UsZipDirectory, count: number, seed: number): GeneratedAddress[] {
  let state = seed >>> 0 || 1;
  const rnd = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const r: Random = { rnd, pick: (a) => a[Math.floor(rnd() * a.length)]!, chance: (p) => rnd() < p };
  const zips: string[] = [];
  const military: string[] = [];
  for (let z = 501; z <= 99950; z++) {
    const zip = String(z).padStart(5, '0');
    const info = dir.lookup(zip);
    if (info && !info.military && STATE_NAMES.has(info.state)) zips.push(zip);
    else if (info?.military && ['AA', 'AE', 'AP'].includes(info.state)) military.push(zip);
  }
  return Array.from({ length: count }, () => make(dir, zips, military, r));
}

interface Random {
  rnd(): number;
  pick<T>(a: readonly T[]): T;
  chance(p: number): boolean;
}

const NO_STREET = { number: null, predirectional: null, street_name: null, suffix: null, postdirectional: null } as const;
const PO_BOXES = ['PO Box', 'P.O. Box', 'P O Box', 'POB', 'Post Office Box', 'PO BOX'];
const HIGHWAYS = ['County Road', 'US Highway', 'State Route', 'Highway', 'FM', 'State Highway', 'County Rd', 'Hwy'];
const RECIPIENTS = ['Acme Corp', 'Attn: Jane Doe', 'c/o John Smith', 'Jane Doe', 'Blue Harbor Logistics LLC', 'ATTN RECEIVING'];
const REMARKS = ['(back door)', '(Rear entrance)', '(blue house)', '(Leave at side gate)', '(LOADING DOCK)'];
const AFTER_ZIP = ['Attn Receiving', 'Blue Harbor Logistics LLC', 'c/o Jane Doe'];

/** A street line: number, directionals, name and type, with what it must parse to. */
function streetLine(r: Random, e: Partial<UsComponents>): string {
  const { pick, chance, rnd } = r;
  const number = String(1 + Math.floor(rnd() ** 2 * 20000));
  // Sometimes "123 1/2", or a Queens-style hyphenated number ("45-18").
  const kind = rnd();
  const written = kind < 0.03 ? `${number} 1/2` : kind < 0.06 ? `${number}-${10 + Math.floor(rnd() * 80)}` : number;
  e.number = written;
  const parts: string[] = [written];
  if (chance(0.3)) {
    const [std, sp] = pick(DIRS);
    parts.push(pick(sp));
    e.predirectional = std;
  } else e.predirectional = null;
  if (chance(0.08)) {
    // A highway-style name: the type comes first and a number follows ("COUNTY ROAD 12").
    // Sometimes written with a hyphen ("US-101", "I-95", "FM-1960").
    const n = 1 + Math.floor(rnd() * 900);
    const hyphen = chance(0.25) ? pick(['US', 'SR', 'FM', 'I', 'SH', 'CR']) : null;
    const name = hyphen ? `${hyphen} ${n}` : `${pick(HIGHWAYS)} ${n}`;
    parts.push(hyphen ? `${hyphen}-${n}` : name);
    e.street_name = standardStreetName(name, true);
    e.suffix = null;
  } else {
    const name = chance(0.2) ? ORDINAL(1 + Math.floor(rnd() * 130)) : pick(NAME_WORDS);
    parts.push(name);
    e.street_name = cleanText(name);
    const type = chance(0.85) ? pick(COMMON_TYPES) : pick(ALL_TYPES);
    parts.push(chance(0.5) ? title(SUFFIX_NAMES.get(type)!) : chance(0.5) ? `${title(type)}.` : title(type));
    e.suffix = type;
  }
  if (chance(0.15)) {
    const [std, sp] = pick(DIRS);
    parts.push(pick(sp));
    e.postdirectional = std;
  } else e.postdirectional = null;
  return parts.join(' ');
}

function make(dir: UsZipDirectory, zips: readonly string[], military: readonly string[], r: Random): GeneratedAddress {
  const { pick, chance, rnd } = r;
  const e: Partial<UsComponents> = { unit_type: null, unit_number: null, po_box: null, rural_route: null, box: null, military: null, cross_street: null };
  const kind = rnd();
  let line1: string;
  let line2: string | null = null;
  let unitAfterZip: string | null = null;
  let corner = false;
  const structured = chance(0.2);
  if (kind < 0.03 && military.length) {
    const zip = pick(military);
    const info = dir.lookup(zip)!;
    const head = pick(['PSC', 'CMR', 'Unit']);
    const unit = String(1000 + Math.floor(rnd() * 9000));
    const box = String(1 + Math.floor(rnd() * 9999));
    Object.assign(e, NO_STREET, { military: `${head.toUpperCase()} ${unit}`, box, city: info.places[0]!, state: info.state, zip5: zip, zip4: null });
    const text = `${head} ${unit} Box ${box}${chance(0.5) ? ',' : ''} ${info.places[0]} ${info.state} ${zip}`;
    return { text: chance(0.2) ? text.toLowerCase() : text, expected: e };
  }
  const zip = pick(zips);
  const info = dir.lookup(zip)!;
  const city = pick(info.places);
  if (kind < 0.12) {
    Object.assign(e, NO_STREET, { po_box: String(1 + Math.floor(rnd() * 99999)) });
    line1 = `${pick(PO_BOXES)} ${e.po_box}`;
  } else if (kind < 0.16) {
    const [head, std] = pick([['RR', 'RR'], ['Rural Route', 'RR'], ['HC', 'HC'], ['Hc', 'HC']] as const);
    const route = String(1 + Math.floor(rnd() * 20));
    Object.assign(e, NO_STREET, { rural_route: `${std} ${route}`, box: String(1 + Math.floor(rnd() * 999)) });
    line1 = `${head} ${route} Box ${e.box}`;
  } else {
    line1 = streetLine(r, e);
    if (chance(0.35)) {
      const [std, sp, ids] = pick(UNITS);
      const id = pick(ids);
      e.unit_type = std;
      e.unit_number = id.toUpperCase();
      // Usually after the street, sometimes on a line of its own before it, between the number
      // and the name ("6910 # G MARY CAROLINE CIR"), after the ZIP, or in a second field.
      const unit = std === '#' && chance(0.5) ? `#${id}` : `${pick(sp)} ${id}`;
      const where = rnd();
      if (structured && where < 0.6) line2 = `${pick(sp)} ${id}`;
      else if (!structured && where < 0.04) unitAfterZip = unit;
      else if (std === '#' && where < 0.15 && /^\d+$/.test(e.number!) && e.suffix) line1 = line1.replace(/^(\d+) /, `$1 ${unit} `);
      else line1 = where < 0.25 ? `${unit}, ${line1}` : `${line1}${chance(0.3) ? ',' : ''} ${unit}`;
    } else if (chance(0.03) && e.street_name && e.suffix) {
      // A numbered street at its corner with another, set apart by a comma or the end of the field.
      const other = pick(NAME_WORDS);
      const type = pick(COMMON_TYPES);
      e.cross_street = `${cleanText(other)} ${type}`;
      line1 = `${line1} ${pick(['at', 'AT', 'At'])} ${other} ${title(type)}`;
      corner = true;
    }
    // A remark for the driver in parentheses.
    if (chance(0.03)) line1 = `${line1} ${pick(REMARKS)}`;
  }
  if (chance(0.07)) line1 = `${pick(RECIPIENTS)}${chance(0.5) ? ',' : ''} ${line1}`;
  e.city = cleanText(city);
  e.state = info.state;
  const plus4 = chance(0.2) ? String(1000 + Math.floor(rnd() * 9000)) : null;
  e.zip5 = zip;
  e.zip4 = plus4;
  const st = chance(0.15) ? title(STATE_NAMES.get(info.state)!) : info.state;
  const z = plus4 ? `${zip}-${plus4}` : zip;
  const cityText = title(city);
  if (structured) return { text: { line1, line2, city: cityText, state: st, postal_code: z }, expected: e };
  // (Without a comma after it, a corner's street would run into the city: not generated so.)
  const layout = corner ? pick([0, 2, 3, 4]) : Math.floor(rnd() * 5);
  const layouts = [
    `${line1}, ${cityText}, ${st} ${z}`,
    `${line1} ${cityText} ${st} ${z}`,
    `${line1}, ${cityText} ${st} ${z}`,
    `${line1}, ${cityText}, ${st}, ${z}`,
    `${line1}\n${cityText}, ${st} ${z}`,
  ];
  let text = layouts[layout]!;
  // Sometimes the last line first ("Springfield, IL 62701, 123 Main St"), when the street opens line 1.
  if (!corner && !unitAfterZip && /^\d/.test(line1) && !line1.includes('/') && chance(0.04)) text = `${cityText}, ${st} ${z}${chance(0.5) ? ',' : ''} ${line1}`;
  // A unit, or a firm or care-of line, written after the ZIP.
  if (unitAfterZip) text += `${chance(0.5) ? ',' : ''} ${unitAfterZip}`;
  else if (chance(0.02)) text += `${chance(0.5) ? ',' : ''} ${pick(AFTER_ZIP)}`;
  if (chance(0.05)) text += pick([', USA', ' USA', ', United States']);
  if (chance(0.2)) text = text.toLowerCase();
  else if (chance(0.1)) text = text.toUpperCase();
  return { text, expected: e };
}
