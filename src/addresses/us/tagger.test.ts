import { describe, expect, test } from 'vitest';
import { smallZipDirectory } from '../../../test/helpers/zip-directory.js';
import { componentsFromTags } from './from-tags.js';
import { parseUsAddress } from './parse.js';
import { parseUsAddressHybrid } from './parse-hybrid.js';
import { decode, deserializeTagger, emissions, featurize, serializeTagger, tagTokens, trainTagger, viterbi, type Tag } from './tagger.js';
import { usAddressTagger } from './tagger-model.js';

const PLACES: [zip: string, state: string, place: string][] = [
  ['20500', 'DC', 'WASHINGTON'], ['60622', 'IL', 'CHICAGO'], ['09012', 'AE', 'APO'], ['05048', 'VT', 'HARTLAND'], ['37243', 'TN', 'NASHVILLE'],
];
const dir = smallZipDirectory(PLACES);

const ADDRESSES = [
  '1600 pennsylvania avenue northwest apt 4b washington dc 20500',
  'Acme Inc, 500 W Madison St # 12, Chicago, IL 60622',
  'WRS Tower, 10th Floor 312 Rosa L Parks Avenue Nashville TN 37243',
  'RR 2 Box 152, Hartland, VT 05048',
];

describe('address tagger', () => {
  test('tokens split like usaddress: # and & alone, punctuation kept with its word', () => {
    expect(tagTokens('500 W. Madison St., Apt#4B & Co').map((t) => t.raw)).toEqual(['500', 'W.', 'Madison', 'St.,', 'Apt', '#', '4B', '&', 'Co']);
    expect(tagTokens('St.,')[0]!.up).toBe('ST');
  });

  test('cached per-word scores give exactly the scores of the full feature lists', () => {
    const model = usAddressTagger();
    for (const text of ADDRESSES) {
      const toks = tagTokens(text);
      const rule = parseUsAddress(text, dir);
      const fast = emissions(model, toks, dir, rule);
      const full = featurize(toks, dir, rule);
      for (let i = 0; i < toks.length; i++) {
        const s = new Float64Array(model.tags.length);
        for (const f of full[i]!) model.weights.get(f)?.forEach((w, k) => (s[k]! += w));
        for (let k = 0; k < s.length; k++) expect(fast[i]![k]).toBeCloseTo(s[k]!, 9);
      }
      expect(viterbi(model, fast)).toEqual(decode(model, full));
    }
  });

  test('training learns a pattern it is shown, and the model survives JSON', () => {
    const ex = (text: string, tags: Tag[]) => ({ feats: featurize(tagTokens(text)), tags });
    const data = [
      ex('12 Oak St', ['AddressNumber', 'StreetName', 'StreetNamePostType']),
      ex('7 Elm Ave', ['AddressNumber', 'StreetName', 'StreetNamePostType']),
      ex('PO Box 9', ['USPSBoxType', 'USPSBoxType', 'USPSBoxID']),
      ex('PO Box 31', ['USPSBoxType', 'USPSBoxType', 'USPSBoxID']),
    ];
    const model = trainTagger(data, { epochs: 5, seed: 1 });
    const again = deserializeTagger(serializeTagger(model));
    for (const m of [model, again]) {
      expect(decode(m, featurize(tagTokens('40 Pine St'))).map((k) => m.tags[k])).toEqual(['AddressNumber', 'StreetName', 'StreetNamePostType']);
      expect(decode(m, featurize(tagTokens('PO Box 77'))).map((k) => m.tags[k])).toEqual(['USPSBoxType', 'USPSBoxType', 'USPSBoxID']);
    }
  });

  test('labelled words become Publication 28 components', () => {
    const w = (pairs: [string, string][]) => pairs.map(([text, tag]) => ({ text, tag }));
    expect(componentsFromTags(w([['PSC', 'USPSBoxType'], ['1234', 'USPSBoxID'], ['Box', 'USPSBoxType'], ['5678', 'USPSBoxID'], ['APO', 'PlaceName'], ['AE', 'StateName'], ['09012', 'ZipCode']])))
      .toMatchObject({ military: 'PSC 1234', box: '5678', city: 'APO', state: 'AE', zip5: '09012' });
    expect(componentsFromTags(w([['RR', 'USPSBoxGroupType'], ['2', 'USPSBoxGroupID'], ['Box', 'USPSBoxType'], ['152', 'USPSBoxID']])))
      .toMatchObject({ rural_route: 'RR 2', box: '152', po_box: null });
    expect(componentsFromTags(w([['12th', 'StreetName'], ['&', 'IntersectionSeparator'], ['Millard', 'StreetName'], ['Avenue', 'StreetNamePostType']])))
      .toMatchObject({ street_name: '12TH', cross_street: 'MILLARD AVE' });
    expect(componentsFromTags(w([['1', 'AddressNumber'], ['North', 'StreetNamePreDirectional'], ['Main', 'StreetName'], ['Street,', 'StreetNamePostType'], ['Ste', 'OccupancyType'], ['5', 'OccupancyIdentifier'], ['Bldg', 'SubaddressType'], ['C', 'SubaddressIdentifier'], ['Oregon,', 'StateName'], ['97212', 'ZipCode'], ['4321', 'ZipPlus4']])))
      .toMatchObject({ number: '1', predirectional: 'N', street_name: 'MAIN', suffix: 'ST', unit_type: 'STE', unit_number: '5', extra_units: ['BLDG C'], state: 'OR', zip5: '97212', zip4: '4321' });
    // Two designators are two units, each with its identifier; the most specific is the unit.
    expect(componentsFromTags(w([['14th', 'OccupancyIdentifier'], ['Floor,', 'OccupancyType'], ['Room', 'OccupancyType'], ['1418,', 'OccupancyIdentifier']])))
      .toMatchObject({ unit_type: 'RM', unit_number: '1418', extra_units: ['FL 14'] });
    expect(componentsFromTags(w([['#', 'OccupancyIdentifier'], ['APT', 'OccupancyType'], ['2', 'OccupancyIdentifier']])))
      .toMatchObject({ unit_type: 'APT', unit_number: '2', extra_units: [] });
    // A box letter written apart is the box number's; a state's name and code are one state.
    expect(componentsFromTags(w([['rr', 'USPSBoxGroupType'], ['4,', 'USPSBoxGroupID'], ['box', 'USPSBoxType'], ['164', 'USPSBoxID'], ['a', 'USPSBoxID']])))
      .toMatchObject({ rural_route: 'RR 4', box: '164A' });
    expect(componentsFromTags(w([['Roswell,', 'PlaceName'], ['Georgia,', 'StateName'], ['GA', 'StateName']]))).toMatchObject({ city: 'ROSWELL', state: 'GA' });
    expect(componentsFromTags(w([['Georgia,', 'StateName'], ['TN', 'StateName']])).state).toBe('GEORGIA TN');
    // Hyphens closing a word are punctuation, as the tokenizer reads them.
    expect(componentsFromTags(w([['439', 'AddressNumber'], ['B-', 'AddressNumberSuffix'], ['Monroe-', 'StreetName']]))).toMatchObject({ number: '439B', street_name: 'MONROE' });
    // A designator glued to its number and labelled as one identifier.
    expect(componentsFromTags(w([['Suite100', 'OccupancyIdentifier']]))).toMatchObject({ unit_type: 'STE', unit_number: '100' });
    expect(componentsFromTags(w([['D304', 'OccupancyIdentifier']]))).toMatchObject({ unit_type: null, unit_number: 'D304' });
    expect(componentsFromTags(w([['ste.5300', 'OccupancyIdentifier']]))).toMatchObject({ unit_type: 'STE', unit_number: '5300' });
    // "Lower level": LEVEL is no Publication 28 designator; LOWER is, and needs no number.
    expect(componentsFromTags(w([['Lower', 'OccupancyIdentifier'], ['level', 'OccupancyType']]))).toMatchObject({ unit_type: 'LOWR', unit_number: null });
  });

  test('the hybrid reader keeps what the rules read right and reads the issue examples', () => {
    expect(parseUsAddressHybrid('1600 pennsylvania avenue northwest apt 4b washington dc 20500', dir)).toMatchObject({
      number: '1600', street_name: 'PENNSYLVANIA', suffix: 'AVE', postdirectional: 'NW', unit_type: 'APT', unit_number: '4B', city: 'WASHINGTON', state: 'DC', zip5: '20500',
    });
    expect(parseUsAddressHybrid('PSC 1234 BOX 5678 APO AE 09012', dir)).toMatchObject({ military: 'PSC 1234', box: '5678', city: 'APO', state: 'AE' });
    expect(parseUsAddressHybrid('WRS Tower, 10th Floor 312 Rosa L Parks Avenue Nashville TN 37243', dir)).toMatchObject({
      number: '312', street_name: 'ROSA L PARKS', suffix: 'AVE', unit_type: 'FL', unit_number: '10', city: 'NASHVILLE',
    });
  });
});
