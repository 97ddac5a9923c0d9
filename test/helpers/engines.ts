import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { buildLastmile, type BuildOptions, type Lastmile } from '../../src/main.js';

export type Engine = 'pglite' | 'postgres';
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: boolean | undefined;
/** PostgreSQL suites run when the server answers; in CI a missing server is a failure. */
export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    pgAvailable = true;
  } catch (e) {
    if (process.env['CI']) throw new Error(`PostgreSQL is required in CI at ${TEST_DATABASE_URL}: ${(e as Error).message}`);
    pgAvailable = false;
  }
  return pgAvailable;
}

/** A fresh PostgreSQL database for one test file; dropped by the returned function. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const dir = mkdtempSync(join(tmpdir(), 'lastmile-test-'));
  // Tests talk to mock carriers, shops and receivers on 127.0.0.1; the SSRF tests turn this off.
  return { ...loadConfig({ LASTMILE_DATA_DIR: dir }), logLevel: 'silent', allowPrivateTargets: true, ...overrides };
}

export interface TestLastmile {
  lm: Lastmile;
  close(): Promise<void>;
}

/** A migrated lastmile on the given engine: PGlite from the template, or a new PostgreSQL database. */
export async function startLastmile(engine: Engine, opts: BuildOptions & { config?: Partial<Config> } = {}): Promise<TestLastmile> {
  if (engine === 'pglite') {
    const image = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const lm = await buildLastmile(testConfig(opts.config), { ...opts, loadDataDir: image });
    return { lm, close: () => lm.close() };
  }
  const dbase = await createPostgresDatabase();
  const lm = await buildLastmile(testConfig({ databaseUrl: dbase.url, ...opts.config }), opts);
  return {
    lm,
    close: async () => {
      await lm.close();
      await dbase.drop();
    },
  };
}
