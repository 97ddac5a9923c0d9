import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const BIN = new URL('../bin/lastmile', import.meta.url).pathname;
const run = (args: string[]) => {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('address validate (offline, no database)', () => {
  test('one address: a readable result, or JSON with --json', () => {
    const human = run(['address', 'validate', '1600 pennsylvania avenue northwest apt 4b washington dc 20500']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('verdict: valid');
    expect(human.stdout).toContain('1600 PENNSYLVANIA AVE NW APT 4B');
    expect(human.stdout).toContain('WASHINGTON DC 20500');
    const json = run(['address', 'validate', '--json', '123 Main St, Evanston, WI 60201']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ verdict: 'corrected', standardized: { state: 'IL' } });
  });

  test('one address as the JSON fields a checkout sends; malformed JSON is a usage error naming the field', () => {
    const r = run(['address', 'validate', '--json', '{"line1": "Ste 200, 267 FM 339", "city": "Wyoming", "state": "MI", "postal_code": "49519"}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'valid', standardized: { line1: '267 FM 339 STE 200', city: 'WYOMING' } });
    const bad = run(['address', 'validate', '{"line1": 5}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line1');
    expect(run(['address', 'validate', '{"line1": "x"']).stderr).toContain('not');
  });

  test('an invalid address exits 1; no address at all is a usage error', () => {
    expect(run(['address', 'validate', '1 Main St, Nowhere, IL 00000']).code).toBe(1);
    const none = run(['address', 'validate']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give one address');
  });

  test('--input: one JSON line out per line in, bad lines as error lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lastmile-addr-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 1, address: 'PSC 1234 BOX 5678 APO AE 09012' }),
        JSON.stringify({ id: 'gb', address: { line1: '10 Downing St', city: 'London', postal_code: 'sw1a2aa', country: 'GB' } }),
        'not json',
        JSON.stringify({ id: 3 }),
        '',
        JSON.stringify({ id: 4, address: '1 Main St, Springfield, MA 62701' }),
      ].join('\n'),
    );
    const r = run(['address', 'validate', '--input', file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 1, verdict: 'valid', components: { military: 'PSC 1234', box: '5678' }, standardized: { city: 'APO', state: 'AE' } });
    expect(Object.keys(lines[0])).toEqual(expect.arrayContaining(['id', 'verdict', 'components', 'standardized', 'classification', 'issues']));
    expect(lines[1]).toMatchObject({ id: 'gb', verdict: 'corrected', standardized: { postal_code: 'SW1A 2AA', country: 'GB' } });
    expect(lines[2]).toMatchObject({ line: 3, error: { code: 'VALIDATION_FAILED' } });
    expect(lines[3]).toMatchObject({ line: 4, error: { message: expect.stringContaining('address: required') } });
    expect(lines[4]).toMatchObject({ id: 4, verdict: 'invalid' });
    expect(run(['address', 'validate', '--input', join(dir, 'missing.jsonl')]).code).toBe(2);
  });
});
