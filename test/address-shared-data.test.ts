/**
 * Conformance with reference data nobody on the team wrote (../shared/data/address): runs when
 * that folder is present (always in CI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { libpostalAccuracy } from '../bench/address-libpostal.js';
import { messyInputs } from '../bench/address-messy.js';
import { differences, expectedComponents, readTagged } from '../bench/address-tags.js';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { checkPostcode, requiredFields } from '../src/addresses/intl/country-rules.js';
import type { UsZipDirectory } from '../src/addresses/ports.js';
import { componentsFromTags } from '../src/addresses/us/from-tags.js';
import { parseUsAddress } from '../src/addresses/us/parse.js';
import { decode, featurize, tagToken, trainTagger, type Tag } from '../src/addresses/us/tagger.js';
import { STATE_CODES, STREET_SUFFIXES, UNIT_DESIGNATORS } from '../src/addresses/us/pub28.js';

const DATA = new URL('../../shared/data/address/', import.meta.url).pathname;
const here = existsSync(DATA);
const csv = (file: string) =>
  readFileSync(`${DATA}pub28/${file}`, 'utf8')
    .replace(/\r/g, '')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

describe.runIf(here)('Publication 28 tables against the usaddress-scourgify transcription', () => {
  test('C1 street suffixes: every variant maps to the same standard abbreviation', () => {
    // CR, LA and TR are left out on purpose (County Road, the Spanish article, Trail/Terrace).
    const deliberate = new Set(['CR', 'LA', 'TR']);
    const rows = csv('c1_street_suffix_abbreviations.csv').filter(([v]) => !deliberate.has(v!));
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.filter(([v, std]) => STREET_SUFFIXES.get(v!) !== std)).toEqual([]);
  });

  test('C2 secondary unit designators', () => {
    // Pub 28 abbreviates UPPER as UPPR; the transcription keeps UPPER.
    const rows = csv('c2_secondary_unit_designators.csv').filter(([v]) => v !== 'UPPER');
    expect(rows.filter(([v, std]) => UNIT_DESIGNATORS.get(v!)?.std !== std)).toEqual([]);
    expect(UNIT_DESIGNATORS.get('UPPER')?.std).toBe('UPPR');
  });

  test('state names and abbreviations', () => {
    // COL, FLOR and IDA are too easily words or names to read as states.
    const rows = csv('state_abbreviations.csv').filter(([v]) => !['COL', 'FLOR', 'IDA'].includes(v!));
    expect(rows.filter(([v, code]) => STATE_CODES.get(v!) !== code)).toEqual([]);
  });
});

describe.runIf(here)('US parser component accuracy on usaddress tagged addresses', () => {
  let dir: UsZipDirectory;
  beforeAll(async () => {
    dir = await loadUsZipDirectory();
  });

  test('does not fall below the recorded level (bench/address-accuracy.ts prints the figures)', () => {
    const files = ['training_labeled.xml', 'training_multi_word_state_addresses.xml'];
    let total = 0;
    let right = 0;
    for (const f of files) {
      for (const a of readTagged(`${DATA}${f}`)) {
        total++;
        if (differences(expectedComponents(a), parseUsAddress(a.input, dir)).length === 0) right++;
      }
    }
    expect(total).toBe(1521);
    // Recorded in bench/RESULTS.md; the target in the issue (97 %) is not reached yet.
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });

  test('messy real inputs (training_unparseable.csv): none throws, three in four come out deliverable, foreign ones say so', () => {
    const m = messyInputs(`${DATA}training_unparseable.csv`, dir);
    expect(m.total).toBe(1322);
    // Recorded in bench/RESULTS.md (1,007 valid or corrected, 91 flagged as another country's).
    expect((m.verdicts.valid + m.verdicts.corrected) / m.total).toBeGreaterThanOrEqual(0.74);
    expect(m.foreign).toBeGreaterThanOrEqual(85);
  });

  test("libpostal's US parser cases, an independent set: at least 51 of 53 right", () => {
    const r = libpostalAccuracy(`${DATA}libpostal/libpostal_parser_test_cases.json`, dir);
    expect(r.total).toBe(53);
    expect(r.right, r.misses.join('\n')).toBeGreaterThanOrEqual(51);
  });

  test('the tagger trained on half the tagged addresses reads the other half (held out)', () => {
    const all = readTagged(`${DATA}training_labeled.xml`).map((a) => ({
      a,
      feats: featurize(a.tokens.map((t) => tagToken(t.text)), dir, parseUsAddress(a.input, dir)),
      tags: a.tokens.map((t) => t.tag as Tag),
    }));
    const train = all.filter((_, i) => i % 2 === 0);
    const test = all.filter((_, i) => i % 2 === 1);
    const model = trainTagger(train, { epochs: 10, seed: 3 });
    const right = test.filter((it) => {
      const path = decode(model, it.feats);
      const got = componentsFromTags(it.a.tokens.map((t, i) => ({ text: t.text, tag: model.tags[path[i]!]! })));
      return differences(expectedComponents(it.a), got).length === 0;
    }).length;
    // bench/address-tagger.ts measures 5-fold: ~86 %; half the data for training gives less.
    expect(right / test.length).toBeGreaterThanOrEqual(0.75);
  });
});

describe.runIf(here)('postcodes against postal-codes-js test data', () => {
  const formats = here ? (JSON.parse(readFileSync(`${DATA}postal_codes/postal-codes-js_2.5.2_formats.json`, 'utf8')) as Record<string, { format?: { TestData?: { Valid?: string[]; Invalid?: string[] } } }>) : {};
  const countries = Object.entries(formats).filter(([, f]) => (f.format?.TestData?.Valid?.length ?? 0) > 0 && (f.format?.TestData?.Invalid?.length ?? 0) > 0);

  test('covers more than 20 countries', () => {
    expect(countries.length).toBeGreaterThan(20);
  });

  test.each(countries.map(([code, f]) => [code, f.format!.TestData!] as const))('%s', (code, data) => {
    for (const valid of data.Valid!) expect(checkPostcode(code, valid), `${code} ${valid}`).toMatchObject({ ok: true });
    for (const invalid of data.Invalid!) {
      // We accept a missing separator or extra spaces and rewrite the code the post's way
      // (44100 -> 44-100): that is a correction, never a silent pass of the input as typed.
      const r = checkPostcode(code, invalid);
      if (r.ok) expect(r.postcode, `${code} ${invalid}`).not.toBe(invalid.trim());
      else expect(r.ok).toBe(false);
    }
  });
});

describe.runIf(here)('required fields against Google address metadata', () => {
  test('state and postcode requirements agree for the countries we list', () => {
    const google = JSON.parse(readFileSync(`${DATA}postal_codes/google_i18n_countries_summary.json`, 'utf8')) as Record<string, { require?: string }>;
    // Where we differ on purpose: Chile, Vietnam and the Philippines have postcodes carriers
    // ask for even though Google does not require them (we follow Google: not required), and
    // Ireland's Eircode is optional.
    const listed = ['US', 'CA', 'MX', 'BR', 'GB', 'DE', 'FR', 'NL', 'ES', 'IT', 'AU', 'JP', 'KR', 'CN', 'HK', 'SG', 'MY', 'ID', 'IN', 'AE'];
    const mismatches = listed.filter((c) => {
      const r = google[c]?.require ?? 'AC';
      const ours = requiredFields(c);
      return ours.state !== r.includes('S') || ours.postcode !== r.includes('Z');
    });
    expect(mismatches).toEqual([]);
  });
});
