import { emptyComponents, mainUnitIndex, type UsComponents } from './components.js';
import { UNIT_DESIGNATORS } from './pub28.js';
import { HIGHWAY_HYPHEN, unglue } from './tokens.js';
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
export function componentsFromTags(tagged: readonly TaggedWord[]): UsComponents {
  // Hyphens and slashes that open or close a word are punctuation, as the parser's tokenizer
  // reads them ("MONROE- 40TH FLOOR", "439 B- WEST GRANT").
  const words = tagged
    .map((t) => ({ ...t, text: t.text.replace(/^[-/]+/, '').replace(/[-/]+([,;.]*)$/, '$1') }))
    .filter((t) => t.text.trim() !== '' || t.tag === 'IntersectionSeparator');
  const sep = words.findIndex((t) => t.tag === 'IntersectionSeparator');
  const main = sep < 0 ? words : words.slice(0, sep);
  const cross = sep < 0 ? [] : words.slice(sep + 1);
  const text = (tags: readonly TaggedWord[], ...names: string[]) =>
    tags.filter((t) => names.includes(t.tag)).map((t) => t.text).join(' ');
  const all = words;
  const street = (toks: readonly TaggedWord[]) => {
    const name = toks.filter((t) => NAME_TAGS.has(t.tag));
    // ("I-80" is the highway I 80, as the parser writes it.)
    const text = name.map((t) => (HIGHWAY_HYPHEN.test(cleanText(t.text)) ? cleanText(t.text).replace('-', ' ') : t.text));
    return name.length ? standardStreetName(text.join(' '), name.some((t) => PRE_TYPE_TAGS.has(t.tag))) || null : null;
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
    // As a designator, ST can only be a suite's abbreviation.
    let type = uType ? standardUnitType(uType) ?? (cleanText(uType) === 'ST' ? 'STE' : or(uType)) : uId.includes('#') ? '#' : null;
    let id = uId ? standardUnitId(uId) || null : null;
    // "No. 102": the number sign written out.
    const no = !uType ? /^NO\.?\s*(\S.*)$/i.exec(uId.trim()) : null;
    if (no) [type, id] = ['#', standardUnitId(no[1]!)];
    // usaddress labels a stand-alone designator (REAR, FRNT, LOBBY) as an identifier; Pub 28 calls it the type.
    const alone = !uType && uId ? UNIT_DESIGNATORS.get(cleanText(uId)) : undefined;
    if (alone && !alone.range) [type, id] = [alone.std, null];
    // "SUITE100" labelled as one identifier: the designator typed without its space.
    const joined = cleanText(uId).replace(/\s+/g, '');
    const glued = !uType && /^[A-Z]+\d/.test(joined) ? unglue(joined) : undefined;
    if (glued && UNIT_DESIGNATORS.has(glued[0])) [type, id] = [standardUnitType(glued[0])!, standardUnitId(glued[1])];
    // "LOWER LEVEL" labelled identifier + type: LEVEL is no Publication 28 designator, LOWER is (LOWR).
    const named = uType && uId && !UNIT_DESIGNATORS.has(cleanText(uType)) ? UNIT_DESIGNATORS.get(cleanText(uId)) : undefined;
    if (named && !named.range) [type, id] = [named.std, null];
    return [type, id];
  };
  // Each designator with its identifier, in the order written ("14TH FLOOR, ROOM 1418" is two);
  // as the parser does, the most specific one is the unit and the others are extra units.
  const occ = unitGroups(all, 'OccupancyType', 'OccupancyIdentifier');
  const sub = unitGroups(all, 'SubaddressType', 'SubaddressIdentifier');
  const units = (occ.length ? [...sub, ...occ] : sub).map(([t, id]) => unit(t, id));
  let pick = mainUnitIndex(units);
  if (occ.length) pick = Math.max(pick, sub.length);
  if (pick >= 0) {
    [e.unit_type, e.unit_number] = units[pick]!;
    e.extra_units = units.filter((_, k) => k !== pick).map(([t, id]) => [t, id].filter(Boolean).join(' '));
  }

  const boxTypes = all.filter((t) => t.tag === 'USPSBoxType').map((t) => cleanText(t.text));
  const boxIds = all
    .filter((t) => t.tag === 'USPSBoxID')
    .map((t) => cleanText(t.text).replace(/#/g, '').trim())
    .filter(Boolean);
  // "BOX 164 A": a letter written apart from the box number is the number's, as in a unit.
  for (let k = boxIds.length - 1; k > 0; k--) {
    if (/^[A-Z]$/.test(boxIds[k]!) && /^\d+$/.test(boxIds[k - 1]!)) boxIds.splice(k - 1, 2, boxIds[k - 1]! + boxIds[k]!);
  }
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
  e.state = state ? standardState(state) ?? sameStateTwice(state) ?? or(state) : null;
  const plus4 = cleanText(text(all, 'ZipPlus4'));
  const zip = cleanText(text(all, 'ZipCode')).replace(/\s/g, '').replace(/[\u2012-\u2015\u2212]/g, '-') + (plus4 ? `-${plus4}` : '');
  const z = standardZip(zip);
  e.zip5 = z ? z.zip5 : zip || null;
  e.zip4 = z?.zip4 ?? null;
  return e;
}

/** "GEORGIA, GA": a state's name and its code, the same state written twice. */
function sameStateTwice(text: string): string | undefined {
  const parts = cleanText(text).split(' ');
  const code = standardState(parts.at(-1)!);
  return code && parts.length > 1 && standardState(parts.slice(0, -1).join(' ')) === code ? code : undefined;
}

/**
 * The words of one kind of unit (occupancy or subaddress) as [designator, identifier] pairs in
 * text order: a designator opens a unit unless it names one whose identifier came first ("9TH
 * FLOOR") or continues a designator ("CONFERENCE ROOM"); identifiers written together are one.
 */
function unitGroups(words: readonly TaggedWord[], typeTag: string, idTag: string): [string, string][] {
  const groups: { type: string[]; id: string[] }[] = [];
  const isSign = (t: string) => t.trim().replace(/[.,;]$/, '') === '#';
  let prevTag = '';
  for (const word of words) {
    // A lone "#" labelled as an identifier ("# APT 2") is the number sign, a designator.
    const w = word.tag === idTag && isSign(word.text) ? { ...word, tag: typeTag } : word;
    const cur = groups.at(-1);
    if (w.tag === typeTag) {
      if (cur && prevTag === typeTag && cur.id.length === 0 && !/[,;]$/.test(cur.type.at(-1)!)) cur.type.push(w.text);
      else if (cur && cur.type.length === 0 && prevTag === idTag) cur.type.push(w.text);
      else groups.push({ type: [w.text], id: [] });
    } else if (w.tag === idTag) {
      if (cur && (prevTag === idTag || (prevTag === typeTag && cur.id.length === 0))) cur.id.push(w.text);
      else groups.push({ type: [], id: [w.text] });
    }
    prevTag = w.tag;
  }
  // "STE # 2", "# APT 2": the number sign beside a designator adds nothing to it.
  return groups.map((g) => [(g.type.some((t) => !isSign(t)) ? g.type.filter((t) => !isSign(t)) : g.type).join(' '), g.id.join(' ')]);
}
