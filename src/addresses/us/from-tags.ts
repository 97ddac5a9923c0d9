import { emptyComponents, type UsComponents } from './components.js';
import { UNIT_DESIGNATORS } from './pub28.js';
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
} from './standardize.js';

/** A word of an address with its usaddress label. */
export interface TaggedWord {
  readonly tag: string;
  readonly text: string;
}

const RURAL: Record<string, string> = { RR: 'RR', 'RURAL ROUTE': 'RR', RFD: 'RR', ROUTE: 'RR', RTE: 'RR', RT: 'RR', HC: 'HC', HCR: 'HC', 'HIGHWAY CONTRACT': 'HC', 'STAR ROUTE': 'HC' };
const PRE_TYPE_TAGS = new Set(['StreetNamePreType']);
const NAME_TAGS = new Set(['StreetNamePreModifier', 'StreetNamePreType', 'StreetName', 'StreetNamePostModifier']);
const MILITARY_BOX = /^(PSC|CMR|UNIT)$/;

/**
 * Publication 28 components from labelled words (usaddress's labels): AddressNumber(+Prefix/
 * Suffix) -> number; StreetNamePreDirectional -> predirectional; StreetNamePreModifier/PreType/
 * StreetName/PostModifier -> street_name; StreetNamePostType -> suffix; StreetNamePostDirectional
 * -> postdirectional; OccupancyType/Identifier (else SubaddressType/Identifier) -> unit_type/
 * unit_number, the other pair to extra_units; USPSBoxType+ID -> po_box, or military (PSC/CMR/
 * UNIT) + box; USPSBoxGroupType/ID -> rural_route (+ USPSBoxID -> box); the street after an
 * IntersectionSeparator -> cross_street; PlaceName -> city; StateName -> state; ZipCode
 * (+ZipPlus4) -> zip5/zip4; Recipient -> recipient; BuildingName/LandmarkName -> building. Every value in its
 * standard form (C1 suffixes, C2 designators, state codes).
 */
export function componentsFromTags(words: readonly TaggedWord[]): UsComponents {
  const sep = words.findIndex((t) => t.tag === 'IntersectionSeparator');
  const main = sep < 0 ? words : words.slice(0, sep);
  const cross = sep < 0 ? [] : words.slice(sep + 1);
  const text = (tags: readonly TaggedWord[], ...names: string[]) =>
    tags.filter((t) => names.includes(t.tag)).map((t) => t.text).join(' ');
  const all = words;
  const street = (toks: readonly TaggedWord[]) => {
    const name = toks.filter((t) => NAME_TAGS.has(t.tag));
    return name.length ? standardStreetName(name.map((t) => t.text).join(' '), name.some((t) => PRE_TYPE_TAGS.has(t.tag))) || null : null;
  };
  const or = (s: string) => (cleanText(s) === '' ? null : cleanText(s));

  const e = emptyComponents();
  e.recipient = or(text(all, 'Recipient'));
  e.building = or(text(all, 'BuildingName', 'LandmarkName'));
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

  const unit = (uType: string, uId: string): [string | null, string | null] => {
    let type = uType ? standardUnitType(uType) ?? or(uType) : uId.includes('#') ? '#' : null;
    let id = uId ? standardUnitId(uId) || null : null;
    // "No. 102": the number sign written out.
    const no = !uType ? /^NO\.?\s*(\S.*)$/i.exec(uId.trim()) : null;
    if (no) [type, id] = ['#', standardUnitId(no[1]!)];
    // usaddress labels a stand-alone designator (REAR, FRNT, LOBBY) as an identifier; Pub 28 calls it the type.
    const alone = !uType && uId ? UNIT_DESIGNATORS.get(cleanText(uId)) : undefined;
    if (alone && !alone.range) [type, id] = [alone.std, null];
    return [type, id];
  };
  const occ: [string, string] = [text(all, 'OccupancyType'), text(all, 'OccupancyIdentifier')];
  const sub: [string, string] = [text(all, 'SubaddressType'), text(all, 'SubaddressIdentifier')];
  const [first, second] = occ[0] || occ[1] ? [occ, sub] : [sub, null];
  if (first[0] || first[1]) [e.unit_type, e.unit_number] = unit(first[0], first[1]);
  if (second && (second[0] || second[1])) {
    const [t, id] = unit(second[0], second[1]);
    e.extra_units = [[t, id].filter(Boolean).join(' ')];
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
  } else if (boxTypes.length && MILITARY_BOX.test(boxTypes[0]!)) {
    e.military = `${boxTypes[0]} ${boxIds[0] ?? ''}`.trim();
    e.box = boxIds[1] ?? null;
  } else if (boxIds.length) {
    e.po_box = boxIds.join(' ') || null;
  }

  e.city = or(text(all, 'PlaceName'));
  const state = text(all, 'StateName');
  e.state = state ? standardState(state) ?? or(state) : null;
  const plus4 = cleanText(text(all, 'ZipPlus4'));
  const zip = cleanText(text(all, 'ZipCode')).replace(/\s/g, '') + (plus4 ? `-${plus4}` : '');
  const z = standardZip(zip);
  e.zip5 = z ? z.zip5 : zip || null;
  e.zip4 = z?.zip4 ?? null;
  return e;
}
