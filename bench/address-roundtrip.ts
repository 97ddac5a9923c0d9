/**
 * Round trip of the US address parser on generated addresses whose components are known:
 *   npm run bench:address-roundtrip [-- --count 20000] [-- --show 20] [-- --seed 1]
 * The addresses come from bench/address-generator.ts: real ZIPs with their state and place
 * names, house numbers, directionals, street names from common name words (many of them also
 * street types, places or unit words), Publication 28 street types spelled out or abbreviated,
 * units, in several everyday layouts. The parser must give back every part. Unlike the tagged
 * file (bench/address-accuracy.ts) nothing here was read while the rules were written.
 */
import { parseArgs } from 'node:util';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { parseUsAddress } from '../src/addresses/us/parse.js';
import type { UsComponents } from '../src/addresses/us/components.js';
import { generateUsAddresses } from './address-generator.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '20000' }, show: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' } },
});
const dir = await loadUsZipDirectory();
const count = Number(values.count);
const perField = new Map<string, number>();
const shown: string[] = [];
let right = 0;
for (const { text, expected } of generateUsAddresses(dir, count, Number(values.seed))) {
  const got = parseUsAddress(text, dir);
  const diff = Object.entries(expected).filter(([k, v]) => (got[k as keyof UsComponents] ?? null) !== v);
  if (diff.length === 0) right++;
  for (const [k] of diff) perField.set(k, (perField.get(k) ?? 0) + 1);
  if (diff.length && shown.length < Number(values.show)) {
    shown.push(`${typeof text === 'string' ? text : JSON.stringify(text)}\n${diff.map(([k, v]) => `    ${k}: expected ${JSON.stringify(v)} got ${JSON.stringify(got[k as keyof UsComponents])}`).join('\n')}`);
  }
}
for (const s of shown) console.log(s);
console.log('errors per component:', Object.fromEntries([...perField].sort((a, b) => b[1] - a[1])));
console.log(`generated addresses: ${count}, fully right: ${right} (${((100 * right) / count).toFixed(2)} %)`);
