/**
 * Component accuracy of the US address parser on usaddress's tagged addresses:
 *   npm run bench:address-accuracy [-- --show 20] [-- --file path.xml]
 * Prints the share of addresses whose compared components all match the tags (see
 * bench/address-tags.ts for the mapping) and the errors per component.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { parseUsAddress } from '../src/addresses/us/parse.js';
import { libpostalAccuracy } from './address-libpostal.js';
import { messyInputs } from './address-messy.js';
import { COMPARED, differences, expectedComponents, readTagged } from './address-tags.js';

const DATA = new URL('../../shared/data/address/', import.meta.url).pathname;
const { values } = parseArgs({
  options: { show: { type: 'string', default: '0' }, file: { type: 'string', multiple: true } },
});
const files = values.file ?? [`${DATA}training_labeled.xml`, `${DATA}training_multi_word_state_addresses.xml`];
for (const f of files) if (!existsSync(f)) throw new Error(`${f} not found: this benchmark needs ../shared/data`);

const dir = await loadUsZipDirectory();
let total = 0;
let right = 0;
const perField = new Map<string, number>(COMPARED.map((k) => [k, 0]));
const shown: string[] = [];
for (const file of files) {
  for (const a of readTagged(file)) {
    total++;
    const expected = expectedComponents(a);
    const actual = parseUsAddress(a.input, dir);
    const diff = differences(expected, actual);
    if (diff.length === 0) right++;
    for (const d of diff) perField.set(d, perField.get(d)! + 1);
    if (diff.length && shown.length < Number(values.show)) {
      shown.push(
        `${a.input.replace(/\s+/g, ' ').trim()}\n${diff.map((d) => `    ${d}: expected ${JSON.stringify(expected[d as keyof typeof expected])} got ${JSON.stringify(actual[d as keyof typeof actual])}`).join('\n')}`,
      );
    }
  }
}
for (const s of shown) console.log(s);
console.log('errors per component:', Object.fromEntries([...perField].filter(([, n]) => n > 0)));
const lp = libpostalAccuracy(`${DATA}libpostal/libpostal_parser_test_cases.json`, dir);
if (Number(values.show) > 0) for (const m of lp.misses) console.log(`libpostal miss: ${m}`);
console.log(`independent check, libpostal US parser cases: ${lp.right} of ${lp.total} fully right`);
const m = messyInputs(`${DATA}training_unparseable.csv`, dir);
console.log(
  `messy real inputs (training_unparseable.csv, ${m.total}): ${m.verdicts.valid} valid, ${m.verdicts.corrected} corrected, ${m.verdicts.suspect} suspect, ${m.verdicts.invalid} invalid (${m.foreign} of them another country's address)`,
);
console.log(`addresses: ${total}, fully right: ${right} (${((100 * right) / total).toFixed(2)} %)`);
