import { beforeAll, describe, expect, test } from 'vitest';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import type { UsZipDirectory } from '../src/addresses/ports.js';
import type { UsComponents } from '../src/addresses/us/components.js';
import { parseUsAddress } from '../src/addresses/us/parse.js';
import { generateUsAddresses } from '../bench/address-generator.js';

// Generated addresses with known parts (real ZIPs and places, Pub 28 types, units, several
// layouts): the parser must give back every part. The full run is `npm run bench:address-roundtrip`.
let dir: UsZipDirectory;
beforeAll(async () => {
  dir = await loadUsZipDirectory();
});

describe('US parser round trip on generated addresses', () => {
  test('at least 99.5 % of 3,000 generated addresses come back whole', () => {
    const cases = generateUsAddresses(dir, 3000, 11);
    const wrong = cases.filter(({ text, expected }) => {
      const got = parseUsAddress(text, dir);
      return Object.entries(expected).some(([k, v]) => (got[k as keyof UsComponents] ?? null) !== v);
    });
    expect(wrong.length / cases.length, wrong.slice(0, 10).map((w) => JSON.stringify(w.text)).join('\n')).toBeLessThanOrEqual(0.005);
  });

  test('the generator writes what it says: same seed, same addresses; parts present in the text', () => {
    const a = generateUsAddresses(dir, 300, 3);
    expect(generateUsAddresses(dir, 300, 3)).toEqual(a);
    // Every kind of delivery line is drawn.
    expect(a.some((x) => x.expected.po_box)).toBe(true);
    expect(a.some((x) => x.expected.rural_route)).toBe(true);
    expect(a.some((x) => x.expected.street_name && x.expected.unit_type)).toBe(true);
    expect(a.some((x) => typeof x.text !== 'string')).toBe(true);
    for (const { text: input, expected } of a) {
      const text = typeof input === 'string' ? input : Object.values(input).join(' ');
      expect(text.toUpperCase()).toContain(expected.zip5!);
      for (const part of [expected.number, expected.po_box, expected.unit_number, expected.box]) if (part) expect(text.toUpperCase()).toContain(part);
    }
  });
});
