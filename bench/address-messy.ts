/**
 * Messy real inputs: usaddress's `training_unparseable.csv` (1,322 lines its own parser could not
 * tag: addresses written twice, Canadian/British/Australian addresses, remittance lines, typos).
 * There are no tags to compare with, so this counts verdicts: how many come out deliverable
 * (valid or corrected), and how many of the rest say why. Used by bench/address-accuracy.ts and
 * test/address-shared-data.test.ts.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { UsZipDirectory } from '../src/addresses/ports.js';
import { validateAddress } from '../src/addresses/validate.js';

export interface MessyCounts {
  total: number;
  verdicts: Record<'valid' | 'corrected' | 'suspect' | 'invalid', number>;
  /** Invalid because the text is another country's address (FOREIGN_ADDRESS). */
  foreign: number;
}

export function messyInputs(file: string, dir: UsZipDirectory): MessyCounts {
  const rows: string[][] = parse(readFileSync(file), { relax_column_count: true });
  const out: MessyCounts = { total: 0, verdicts: { valid: 0, corrected: 0, suspect: 0, invalid: 0 }, foreign: 0 };
  for (const [text] of rows) {
    if (!text?.trim()) continue;
    out.total++;
    const r = validateAddress(text, dir);
    out.verdicts[r.verdict]++;
    if (r.issues.some((i) => i.code === 'FOREIGN_ADDRESS')) out.foreign++;
  }
  return out;
}
