/**
 * Trains the US address tagger on usaddress's tagged addresses and measures it honestly:
 *   npm run bench:address-tagger -- --cv 5      K-fold: each address tagged by a model that never saw it
 *   npm run bench:address-tagger -- --write     train on all of them, write src/addresses/us/tagger-model.json
 * Accuracy is the share of addresses whose compared components all match the tags (the same
 * measure as bench/address-accuracy.ts).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { parseUsAddress } from '../src/addresses/us/parse.js';
import type { UsComponents } from '../src/addresses/us/components.js';
import { plausibility, settled } from '../src/addresses/us/plausibility.js';
import { componentsFromTags } from '../src/addresses/us/from-tags.js';
import { decode, featurize, tagToken, serializeTagger, TAGS, trainTagger, type Tag, type TaggerModel } from '../src/addresses/us/tagger.js';
import { COMPARED, differences, expectedComponents, readTagged, type TaggedAddress } from './address-tags.js';

const DATA = new URL('../../shared/data/address/', import.meta.url).pathname;
const MODEL = new URL('../src/addresses/us/tagger-model.json', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    cv: { type: 'string' },
    write: { type: 'boolean', default: false },
    epochs: { type: 'string', default: '12' },
    seed: { type: 'string', default: '7' },
    show: { type: 'string', default: '0' },
    rules: { type: 'boolean', default: true },
    'no-rules': { type: 'boolean', default: false },
    select: { type: 'boolean', default: false },
    gate: { type: 'boolean', default: false },
  },
});
const dir = await loadUsZipDirectory();
if (values['no-rules']) values.rules = false;
const known = new Set<string>(TAGS);
const addresses = [...readTagged(`${DATA}training_labeled.xml`), ...readTagged(`${DATA}training_multi_word_state_addresses.xml`)];
const items = addresses.map((a) => {
  const toks = a.tokens.map((t) => tagToken(t.text));
  for (const t of a.tokens) if (!known.has(t.tag)) throw new Error(`unknown tag ${t.tag}`);
  const rule = values.rules ? parseUsAddress(a.input, dir) : undefined;
  return { a, feats: featurize(toks, dir, rule), tags: a.tokens.map((t) => t.tag as Tag) };
});
const opts = { epochs: Number(values.epochs), seed: Number(values.seed) };

let onlyRule = 0;
let gated = 0;
let onlyTagger = 0;
function score(model: TaggerModel, subset: typeof items, shown: string[]) {
  let right = 0;
  const perField = new Map<string, number>();
  for (const it of subset) {
    const path = decode(model, it.feats);
    const tagged = componentsFromTags(it.a.tokens.map((t, i) => ({ text: t.text, tag: model.tags[path[i]!]! })));
    const ruleC = parseUsAddress(it.a.input, dir);
    const gate = values.gate && settled(ruleC, dir);
    const got = gate || (values.select && plausibility(ruleC, dir) > plausibility(tagged, dir)) ? ruleC : tagged;
    if (gate) gated++;
    const diff = differences(expectedComponents(it.a), got);
    if (diff.length === 0) right++;
    const ruleRight = differences(expectedComponents(it.a), ruleC).length === 0;
    if (ruleRight && diff.length) onlyRule++;
    if (!ruleRight && !diff.length) onlyTagger++;
    for (const d of diff) perField.set(d, (perField.get(d) ?? 0) + 1);
    if (diff.length && shown.length < Number(values.show)) shown.push(describe(it.a, path.map((k) => model.tags[k]!), diff));
  }
  return { right, perField };
}

function describe(a: TaggedAddress, got: string[], diff: string[]) {
  const words = a.tokens.map((t, i) => (t.tag === got[i] ? t.text : `${t.text}[${t.tag}→${got[i]}]`));
  return `${words.join(' ')}\n    ${diff.join(', ')}`;
}

if (values.cv) {
  const k = Number(values.cv);
  // Folds by position after a seeded shuffle, so every fold mixes the files.
  const order = items.map((_, i) => i);
  let r = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    r = (Math.imul(r, 1664525) + 1013904223) >>> 0;
    const j = r % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let right = 0;
  const perField = new Map<string, number>(COMPARED.map((c) => [c, 0]));
  const shown: string[] = [];
  for (let f = 0; f < k; f++) {
    const test = order.filter((_, i) => i % k === f).map((i) => items[i]!);
    const train = order.filter((_, i) => i % k !== f).map((i) => items[i]!);
    const model = trainTagger(train, opts);
    const s = score(model, test, shown);
    right += s.right;
    for (const [c, n] of s.perField) perField.set(c, perField.get(c)! + n);
  }
  for (const s of shown) console.log(s);
  console.log('errors per component:', Object.fromEntries([...perField].filter(([, n]) => n > 0)));
  console.log(`left to the rules without tagging: ${gated}`);
  console.log(`rules right where the tagger is wrong: ${onlyRule}; the tagger right where the rules are wrong: ${onlyTagger}`);
  console.log(`${k}-fold cross-validation: ${right} of ${items.length} fully right (${((100 * right) / items.length).toFixed(2)} %)`);
}
if (values.write) {
  const model = trainTagger(items, opts);
  writeFileSync(MODEL, `${serializeTagger(model)}\n`);
  const s = score(model, items, []);
  console.log(`wrote ${MODEL}: ${model.weights.size} features; on its own training addresses ${s.right} of ${items.length}`);
}
