import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { serve, stop, type Served } from './helpers/processes.js';


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
    // The demo user signs in with the password printed once.
    const [, email, password] = /Demo sign-in \(shown once, stored hashed\): (\S+) \/ (\w+)/.exec(running.output()) ?? [];
    expect(email).toBe('demo@example.com');
    const login = await fetch(`${running.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(200);
    expect((await login.json()).user).toMatchObject({ email, role: 'owner' });
    await stop(running);

    // A second start finds data: it seeds nothing and prints no key.
    running = await serve(['--demo'], { LASTMILE_DATA_DIR: dataDir });
    expect(running.output()).not.toMatch(/lm_test_/);
    expect(running.output()).not.toMatch(/Demo sign-in/);
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
