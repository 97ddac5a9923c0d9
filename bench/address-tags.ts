/**
 * Reads usaddress's tagged training files (../shared/data/address/*.xml) and maps each tagged
 * address to our components, with the same standard forms our parser produces (C1 suffixes,
 * C2 designators, state codes). Used by bench/address-accuracy.ts and its test.
 *
 * Mapping: AddressNumber(+Prefix/Suffix) -> number; StreetNamePreDirectional -> predirectional;
 * StreetNamePreModifier/PreType/StreetName/PostModifier -> street_name; StreetNamePostType ->
 * suffix; StreetNamePostDirectional -> postdirectional; OccupancyType/Identifier (else
 * SubaddressType/Identifier) -> unit_type/unit_number; USPSBoxType+ID -> po_box, or military
 * (PSC/CMR/UNIT) + box; USPSBoxGroupType/ID -> rural_route (+ USPSBoxID -> box); the street
 * after an IntersectionSeparator -> cross_street; PlaceName -> city; StateName -> state;
 * ZipCode -> zip5/zip4. Recipient, BuildingName, LandmarkName, NotAddress, CornerOf and
 * CountryName map to no compared component: the parser must keep them out of all of them.
 */
import { readFileSync } from 'node:fs';
import { UNIT_DESIGNATORS } from '../src/addresses/us/pub28.js';
import type { UsComponents } from '../src/addresses/us/components.js';
import {
  cleanText,
  standardDirectional,
  standardNumber,
  standardState,
  standardStreetName,
  standardSuffix,
  standardUnitId,
  standardUnitType,
  standardZip,
} from '../src/addresses/us/standardize.js';

export const COMPARED = [
  'number', 'predirectional', 'street_name', 'suffix', 'postdirectional', 'unit_type', 'unit_number',
  'po_box', 'rural_route', 'box', 'military', 'cross_street', 'city', 'state', 'zip5', 'zip4',
] as const satisfies readonly (keyof UsComponents)[];
export type Compared = Record<(typeof COMPARED)[number], string | null>;

export interface TaggedAddress {
  input: string;
  tokens: { tag: string; text: string }[];
}

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

export function readTagged(file: string): TaggedAddress[] {
  const xml = readFileSync(file, 'utf8');
  const out: TaggedAddress[] = [];
  for (const m of xml.matchAll(/<AddressString>([\s\S]*?)<\/AddressString>/g)) {
    const body = m[1]!;
    const tokens = [...body.matchAll(/<(\w+)>([\s\S]*?)<\/\1>/g)].map((t) => ({ tag: t[1]!, text: unescape(t[2]!) }));
    out.push({ input: unescape(body.replace(/<\/?\w+>/g, '')), tokens });
  }
  return out;
}

const RURAL: Record<string, string> = { RR: 'RR', 'RURAL ROUTE': 'RR', RFD: 'RR', ROUTE: 'RR', RTE: 'RR', RT: 'RR', HC: 'HC', HCR: 'HC', 'HIGHWAY CONTRACT': 'HC', 'STAR ROUTE': 'HC' };
const PRE_TYPE_TAGS = new Set(['StreetNamePreType']);
const NAME_TAGS = new Set(['StreetNamePreModifier', 'StreetNamePreType', 'StreetName', 'StreetNamePostModifier']);

/** The components the tags say the address has. */
export function expectedComponents(a: TaggedAddress): Compared {
  const sep = a.tokens.findIndex((t) => t.tag === 'IntersectionSeparator');
  const main = sep < 0 ? a.tokens : a.tokens.slice(0, sep);
  const cross = sep < 0 ? [] : a.tokens.slice(sep + 1);
  const text = (tags: readonly { tag: string; text: string }[], ...names: string[]) =>
    tags.filter((t) => names.includes(t.tag)).map((t) => t.text).join(' ');
  const all = a.tokens;
  const street = (toks: typeof all) => {
    const name = toks.filter((t) => NAME_TAGS.has(t.tag));
    return name.length ? standardStreetName(name.map((t) => t.text).join(' '), name.some((t) => PRE_TYPE_TAGS.has(t.tag))) || null : null;
  };
  const or = (s: string) => (cleanText(s) === '' ? null : cleanText(s));

  const e: Compared = Object.fromEntries(COMPARED.map((k) => [k, null])) as Compared;
  const number = standardNumber(main.filter((t) => t.tag.startsWith('AddressNumber')).map((t) => t.text));
  e.number = number || null;
  const pre = text(main, 'StreetNamePreDirectional');
  e.predirectional = pre ? standardDirectional(pre) ?? or(pre) : null;
  e.street_name = street(main);
  const suffix = text(main, 'StreetNamePostType');
  e.suffix = suffix ? standardSuffix(suffix) ?? or(suffix) : null;
  const post = text(main, 'StreetNamePostDirectional');
  e.postdirectional = post ? standardDirectional(post) ?? or(post) : null;
  if (cross.length) {
    const parts = [text(cross, 'StreetNamePreDirectional'), street(cross) ?? '', text(cross, 'StreetNamePostType'), text(cross, 'StreetNamePostDirectional')];
    e.cross_street = or(
      [parts[0] ? standardDirectional(parts[0]) ?? parts[0] : '', parts[1], parts[2] ? standardSuffix(parts[2]) ?? parts[2] : '', parts[3] ? standardDirectional(parts[3]) ?? parts[3] : '']
        .filter(Boolean)
        .join(' '),
    );
  }

  const occType = text(all, 'OccupancyType');
  const occId = text(all, 'OccupancyIdentifier');
  const [uType, uId] = occType || occId ? [occType, occId] : [text(all, 'SubaddressType'), text(all, 'SubaddressIdentifier')];
  if (uType || uId) {
    e.unit_type = uType ? standardUnitType(uType) ?? or(uType) : uId.includes('#') ? '#' : null;
    e.unit_number = uId ? standardUnitId(uId) || null : null;
    // "No. 102": the number sign written out.
    const no = !uType ? /^NO\.?\s*(\S.*)$/i.exec(uId.trim()) : null;
    if (no) [e.unit_type, e.unit_number] = ['#', standardUnitId(no[1]!)];
    // usaddress tags a stand-alone designator (REAR, FRNT, LOBBY) as an identifier; Pub 28 calls it the type.
    const alone = !uType && uId ? UNIT_DESIGNATORS.get(cleanText(uId)) : undefined;
    if (alone && !alone.range) [e.unit_type, e.unit_number] = [alone.std, null];
  }

  const boxTypes = all.filter((t) => t.tag === 'USPSBoxType').map((t) => cleanText(t.text));
  const boxIds = all
    .filter((t) => t.tag === 'USPSBoxID')
    .map((t) => cleanText(t.text).replace(/#/g, '').trim())
    .filter(Boolean);
  const groupType = text(all, 'USPSBoxGroupType');
  if (groupType) {
    const g = cleanText(groupType);
    const std = /\b(HC|HCR|CONTRACT|STAR)\b/.test(g) ? 'HC' : RURAL[g.split(' ')[0]!] ?? RURAL[g] ?? g;
    e.rural_route = or(`${std} ${cleanText(text(all, 'USPSBoxGroupID')).replace(/#/g, '')}`);
    e.box = boxIds.at(-1) || null;
  } else if (boxTypes.length && /^(PSC|CMR|UNIT)$/.test(boxTypes[0]!)) {
    e.military = `${boxTypes[0]} ${boxIds[0]}`;
    e.box = boxIds[1] ?? null;
  } else if (boxIds.length) {
    e.po_box = boxIds.join(' ') || null;
  }

  e.city = or(text(all, 'PlaceName'));
  const state = text(all, 'StateName');
  e.state = state ? standardState(state) ?? or(state) : null;
  const zip = cleanText(text(all, 'ZipCode')).replace(/\s/g, '');
  const z = standardZip(zip);
  e.zip5 = z ? z.zip5 : zip || null;
  e.zip4 = z?.zip4 ?? null;
  return e;
}

/** The fields where `actual` differs from `expected`. */
export function differences(expected: Compared, actual: UsComponents): string[] {
  return COMPARED.filter((k) => (expected[k] ?? null) !== (actual[k] ?? null));
}
