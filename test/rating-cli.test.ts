import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const BIN = new URL('../bin/lastmile', import.meta.url).pathname;
const GRID = new URL('./fixtures/rate-grid.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lastmile-rating-cli-'));
const run = (args: string[]) => {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LASTMILE_DATA_DIR: dir }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('rating from the command line (embedded database)', () => {
  test('rate quotes the sample services, cheapest first, with the breakdown', () => {
    expect(run(['keys', 'create', '--tenant', 'acme', '--scopes', 'admin']).code).toBe(0);
    const r = run(['rate', '--from', '90001', '--to', '10001', '--weight', '5lb', '--dims', '12x10x8in', '--ship-date', '2026-06-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('90001 -> 10001 on 2026-06-01');
    expect(r.stdout).toMatch(/UPS Ground \(sample\)\s+\d+\.\d\d USD\s+zone 8 \(estimated\), 7 lb/);
    expect(r.stdout).toMatch(/base \d+\.\d\d USD \+ residential 6\.10 USD/);
    expect(r.stderr).toContain('note: zone estimated');
    const json = JSON.parse(run(['rate', '--from', '90001', '--to', '10001', '--weight', '5lb', '--commercial', '--zone', '5', '--json', '--services', 'sample-fedex-ground']).stdout);
    expect(json.services).toEqual([expect.objectContaining({ card: 'sample-fedex-ground', zone: '5', zone_source: 'given' })]);
    expect(json.services[0].packages[0].surcharges).toEqual([]);
  });

  test('rate-cards import reads YAML and a carrier CSV grid; bad input is a usage error', () => {
    const yaml = join(dir, 'card.yaml');
    writeFileSync(yaml, [
      'code: acme-ground', 'carrier: acme', 'service: ground', 'name: Acme Ground', 'currency: USD', 'effective_from: 2026-01-01',
      'weight_unit: lb', 'weight_steps:', '  - step: { value: 1, unit: lb }', 'dim: { divisor: 139, system: imperial }',
    ].join('\n'));
    const r = run(['rate-cards', 'import', yaml, '--prices', GRID]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^imported acme-ground effective 2026-01-01 \(rc_/);
    expect(run(['rate-cards', 'list']).stdout).toContain('acme-ground');
    const q = JSON.parse(run(['rate', '--from', '90001', '--to', '10001', '--weight', '3lb', '--zone', '4', '--services', 'acme-ground', '--json']).stdout);
    expect(q.services[0].packages[0].base).toEqual({ amount: 1253, currency: 'USD' });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Weight,Zone 2\n1,abc\n');
    const e = run(['rate-cards', 'import', yaml, '--prices', bad]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('prices_csv row 2, column 2');
    expect(run(['rate', '--from', '90001', '--to', '10001', '--weight', 'heavy']).code).toBe(2);
  });

  test('rate-cards lint: the findings with their paths, exit 1 when the card cannot be imported', () => {
    const card = { code: 'acme-lint', carrier: 'acme', service: 'ground', name: 'Acme', currency: 'USD', effective_from: '2026-01-01', weight_unit: 'lb', weight_steps: [{ step: { value: 1, unit: 'lb' } }] };
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ ...card, surcharges: [{ code: 'residential', args: { amount: { '2': 500, '9': 600 } } }] }));
    const ok = run(['rate-cards', 'lint', good, '--prices', GRID]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("warning  card.surcharges.0.args.amount.9: zone 9 is not priced by the card's grid");
    expect(ok.stdout).toContain(`${good}: acme-lint effective 2026-01-01 is valid, 2 warning(s)`);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...card, fuel_surcharge: 20 }));
    const r = run(['rate-cards', 'lint', bad, '--prices', GRID, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ valid: false, errors: [{ path: 'card.fuel_surcharge', message: expect.stringContaining('not part of the card format') }], warnings: [] });
  });

  test('zones import takes a carrier CSV table', () => {
    const csv = join(dir, 'zones.csv');
    writeFileSync(csv, 'origin,destination,zone\n900,100-119,7\n');
    expect(run(['zones', 'import', csv]).code).toBe(2);
    const r = run(['zones', 'import', csv, '--code', 'acme', '--effective-from', '2026-01-01']);
    expect(r.stdout).toContain('"origins":1');
  });
});
