/**
 * An independent check of the US parser: libpostal's US parser test cases
 * (../shared/data/address/libpostal/libpostal_parser_test_cases.json). An address counts as
 * right when house number, road (directionals, name and suffix, compared after standardizing
 * both), city (libpostal's city or city_district), state, ZIP and the presence of a unit and a
 * PO box all match.
 */
import { readFileSync } from 'node:fs';
import type { UsZipDirectory } from '../src/addresses/ports.js';
import type { UsComponents } from '../src/addresses/us/components.js';
import { parseUsAddress } from '../src/addresses/us/parse.js';
import { cleanText, standardState } from '../src/addresses/us/standardize.js';

interface Case { country: string; input: string; expected: { label: string; value: string }[] }

const road = (x: UsComponents) => [x.predirectional, x.street_name, x.suffix, x.postdirectional].filter(Boolean).join(' ');

export function libpostalAccuracy(
  file: string,
  dir: UsZipDirectory,
  parse: (text: string, dir: UsZipDirectory) => UsComponents = parseUsAddress,
): { total: number; right: number; misses: string[] } {
  const cases = (JSON.parse(readFileSync(file, 'utf8')) as Case[]).filter((c) => c.country === 'US');
  const misses: string[] = [];
  let right = 0;
  for (const c of cases) {
    const exp: Record<string, string> = {};
    for (const e of c.expected) exp[e.label] = e.value;
    const got = parse(c.input, dir);
    const diffs: string[] = [];
    if ((exp['house_number'] ? cleanText(exp['house_number']) : null) !== got.number) diffs.push(`number ${exp['house_number']} vs ${got.number}`);
    const expRoad = exp['road'] ? road(parseUsAddress(`1 ${exp['road']}`)) : '';
    if (expRoad !== road(got)) diffs.push(`road ${expRoad} vs ${road(got)}`);
    const city = exp['city'] ?? exp['city_district'];
    if ((city ? cleanText(city) : null) !== got.city) diffs.push(`city ${city} vs ${got.city}`);
    if ((exp['state'] ? standardState(exp['state']) ?? cleanText(exp['state']) : null) !== got.state) diffs.push(`state ${exp['state']} vs ${got.state}`);
    if ((exp['postcode'] ? exp['postcode'].slice(0, 5) : null) !== got.zip5) diffs.push(`zip ${exp['postcode']} vs ${got.zip5}`);
    if (!!(exp['unit'] ?? exp['level']) !== !!(got.unit_type ?? got.unit_number)) diffs.push('unit');
    if (!!exp['po_box'] !== !!got.po_box) diffs.push('po box');
    if (diffs.length === 0) right++;
    else misses.push(`${c.input}: ${diffs.join(' | ')}`);
  }
  return { total: cases.length, right, misses };
}
