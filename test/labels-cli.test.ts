import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, cliWorkspace, freePort, ORDERS_CSV_HEADER } from './helpers/processes.js';

describe('./bin/lastmile labels buy and manifests close', () => {
  test('buys labels for the decided orders into one PDF, closes the day; usage errors exit 2', () => {
    const { dir, run } = cliWorkspace('lastmile-labels-', `${ORDERS_CSV_HEADER}\nR-1,Ana,12 Beacon St,Boston,MA,02108,US,,1,2,lb,10.00,USD\nR-2,Bo,1 Main St,Springfield,IL,62701,US,,1,3,lb,20.00,USD\n`);
    expect(run(['route', '--status', 'pending']).status).toBe(0);
    const out = join(dir, 'labels.pdf');
    const r = run(['labels', 'buy', '--status', 'decided', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.counts).toMatchObject({ orders: 2, labeled: 2 });
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    // Nothing is decided any more: a clear usage error.
    const again = run(['labels', 'buy', '--status', 'decided']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/No decided orders/);
    expect(run(['labels', 'buy']).status).toBe(2);
    // Close out the first order's carrier (whatever the decision chose) at ONT1.
    const m = run(['manifests', 'close', '--carrier', result.results[0].carrier, '--warehouse', 'ONT1', '--csv', join(dir, 'm.csv'), '--pdf', join(dir, 'm.pdf')]);
    expect(m.status, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout).summary.shipments).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(dir, 'm.csv'), 'utf8')).toContain(result.results[0].tracking_numbers[0]);
    expect(existsSync(join(dir, 'm.pdf'))).toBe(true);
    expect(run(['manifests', 'close', '--carrier', 'nobody', '--warehouse', 'ONT1']).status).toBe(1);
  }, 240_000);
});

describe('./bin/lastmile sandbox-carrier', () => {
  test('serves the contract with the faults asked for; bad rates are usage errors', async () => {
    const port = await freePort();
    const child = spawn(BIN, ['sandbox-carrier', '--port', String(port), '--error-rate', '1'], { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      for (let i = 0; i < 200 && !out.includes('listening'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain(`http://127.0.0.1:${port}`);
      const r = await fetch(`http://127.0.0.1:${port}/labels`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'a' }, body: '{}' });
      expect(r.status).toBe(503);
      expect(await (await fetch(`http://127.0.0.1:${port}/_sandbox/stats`)).json()).toMatchObject({ injected_errors: 1, labels_created: 0 });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    const bad = spawnSync(BIN, ['sandbox-carrier', '--error-rate', '3'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--error-rate/);
  }, 60_000);
});
