import type { UsZipDirectory } from '../ports.js';
import type { UsComponents } from './components.js';
import { componentsFromTags } from './from-tags.js';
import { parseUsAddress } from './parse.js';
import { plausibility, settled } from './plausibility.js';
import { tagAddress } from './tagger.js';
import { usAddressTagger } from './tagger-model.js';

/**
 * Free text read twice: by the rule parser and by the trained tagger, which sees the rules'
 * reading as features. The tagger's reading wins unless the rules' reading fits the reference
 * data better (`plausibility`); a rules' reading the reference data fully backs is kept without
 * tagging (`settled`).
 *
 * Not the default reader: measured on usaddress's tagged addresses it is right on 88.6 % held
 * out (5-fold, `npm run bench:address-tagger -- --cv 5 --select --gate`), the same as the rules
 * (read on the whole file while they were written), 48 of 53 libpostal cases against 52, 99.84 %
 * of generated addresses against 99.99 %, and it is ~2.4x slower (bench/RESULTS.md).
 */
export function parseUsAddressHybrid(text: string, dir: UsZipDirectory): UsComponents {
  const rules = parseUsAddress(text, dir);
  if (settled(rules, dir)) return rules;
  const tagged = componentsFromTags(tagAddress(usAddressTagger(), text, dir, rules));
  return plausibility(rules, dir) > plausibility(tagged, dir) ? rules : tagged;
}
