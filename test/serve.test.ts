import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';

const BIN = new URL('../bin/lastmile', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Served {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts `lastmile serve` as a user would and waits until it says it is running. */
async function serve(args: string[], env: Record<string, string>): Promise<Served> {
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

async function stop(s: Served | undefined) {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

describe('serve', () => {
  let running: Served | undefined;
  afterEach(async () => stop(running));

  test('--demo on an empty database seeds demo data and prints a working key once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lastmile-serve-'));
    running = await serve(['--demo'], { LASTMILE_DATA_DIR: dataDir });
    const key = /Demo API key \(shown once, stored hashed\): (lm_test_\w+)/.exec(running.output())?.[1];
    expect(key).toBeDefined();
    expect(await (await fetch(`${running.url}/health`)).json()).toEqual({ status: 'ok' });
    const orders = await (await fetch(`${running.url}/v1/orders?limit=500`, { headers: { authorization: `Bearer ${key}` } })).json();
    expect(orders.data.length).toBeGreaterThanOrEqual(250);
    expect(orders.data.every((o: { tags: string[] }) => o.tags.includes('demo'))).toBe(true);
    const whs = await (await fetch(`${running.url}/v1/warehouses`, { headers: { authorization: `Bearer ${key}` } })).json();
    expect(whs.data.map((w: { code: string }) => w.code)).toEqual(['ONT1', 'EWR1']);
    await stop(running);

    // A second start finds data: it seeds nothing and prints no key.
    running = await serve(['--demo'], { LASTMILE_DATA_DIR: dataDir });
    expect(running.output()).not.toMatch(/lm_test_/);
    expect(running.output()).toContain('no demo data was seeded');
  });

  test('plain serve seeds nothing; LASTMILE_BOOTSTRAP_API_KEY creates the first admin key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lastmile-serve-'));
    const bootstrap = 'ci-bootstrap-key-0123456789abcdefghij';
    running = await serve([], { LASTMILE_DATA_DIR: dataDir, LASTMILE_BOOTSTRAP_API_KEY: bootstrap });
    expect(running.output()).toContain('Created tenant "default"');
    const r = await fetch(`${running.url}/v1/api-keys`, { headers: { authorization: `Bearer ${bootstrap}` } });
    expect(r.status).toBe(200);
    const orders = await (await fetch(`${running.url}/v1/orders`, { headers: { authorization: `Bearer ${bootstrap}` } })).json();
    expect(orders.data).toEqual([]);
  });
});
