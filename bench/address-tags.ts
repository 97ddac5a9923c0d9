/**
 * Reads usaddress's tagged training files (../shared/data/address/*.xml) and maps each tagged
 * address to our components, with the same standard forms our parser produces (C1 suffixes,
 * C2 designators, state codes). Used by bench/address-accuracy.ts and its test.
 *
 * The mapping is `componentsFromTags` (src/addresses/us/from-tags.ts). Recipient, BuildingName,
 * LandmarkName, NotAddress, CornerOf and CountryName map to no compared component: the parser
 * must keep them out of all of them.
 */
import { readFileSync } from 'node:fs';
import type { UsComponents } from '../src/addresses/us/components.js';
import { componentsFromTags } from '../src/addresses/us/from-tags.js';

export const COMPARED = [
  'number', 'predirectional', 'street_name', 'suffix', 'postdirectional', 'unit_type', 'unit_number',
  'po_box', 'rural_route', 'box', 'military', 'cross_street', 'city', 'state', 'zip5', 'zip4',
] as const satisfies readonly (keyof UsComponents)[];
export type Compared = Record<(typeof COMPARED)[number], string | null>;

export interface TaggedAddress {
  input: string;
  tokens: { tag: string; text: string }[];
}

const unescape = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

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

/** The components the tags say the address has (only the compared ones). */
export function expectedComponents(a: TaggedAddress): Compared {
  const all = componentsFromTags(a.tokens);
  return Object.fromEntries(COMPARED.map((k) => [k, all[k]])) as Compared;
}

/** The fields where `actual` differs from `expected`. */
export function differences(expected: Compared, actual: UsComponents): string[] {
  return COMPARED.filter((k) => (expected[k] ?? null) !== (actual[k] ?? null));
}
