import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

export const BIN = new URL('../../bin/lastmile', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Served {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts `lastmile serve` as a user would and waits until it says it is running. */
export async function serve(args: string[], env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--port', String(port), ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 90_000;
  while (!out.includes('lastmile is running at')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, url: `http://127.0.0.1:${port}` };
}

/** Stops a served process (SIGTERM) and waits for it to exit. */
export async function stop(s: Served | undefined) {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

/**
 * A fresh local data directory with tenant acme, warehouse ONT1 and the given orders imported
 * (our CSV template), driven through `bin/lastmile` as a user would.
 */
export function cliWorkspace(prefix: string, ordersCsv: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const run = (args: string[]) => spawnSync(BIN, args, { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LASTMILE_DATA_DIR: dir }, timeout: 120_000 });
  expect(run(['keys', 'create', '--tenant', 'acme', '--scopes', 'admin']).status).toBe(0);
  const wh = join(dir, 'wh.json');
  writeFileSync(wh, JSON.stringify({ code: 'ONT1', name: 'Ontario', address: { line1: '1 Dock Rd', city: 'Ontario', state: 'CA', postal_code: '91761', country: 'US' }, timezone: 'America/Los_Angeles' }));
  expect(run(['warehouses', 'create', wh]).status).toBe(0);
  const csv = join(dir, 'orders.csv');
  writeFileSync(csv, ordersCsv);
  expect(run(['orders', 'import', csv]).status).toBe(0);
  return { dir, run };
}

export const ORDERS_CSV_HEADER = 'external_id,ship_to_name,ship_to_line1,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,sku,quantity,weight,weight_unit,order_value,currency';

/** The CLI in a child process, awaited: for tests whose server or mock runs in this process (spawnSync would block it). */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
