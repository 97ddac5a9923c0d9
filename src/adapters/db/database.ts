import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { schema } from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Raw SQL for adapters that bring their own queries (pg-boss). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Db;
  readonly executeSql: ExecuteSql;
  /** Where the data lives, for logs and errors (no credentials). */
  readonly location: string;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenOptions {
  /** postgres://… ; when absent the embedded database in dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Who holds the embedded database, for the message another process sees. */
  holder?: { role: 'server' | 'cli'; url?: string };
  /** A migrated template (`PGlite.dumpDataDir()`), for fast test databases; in-memory only. */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  let location = 'memory';
  if (opts.dataDir && !opts.loadDataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    lock = acquireDataDirLock(opts.dataDir, opts.holder ?? { role: 'cli' });
    location = opts.dataDir;
    try {
      client = await PGlite.create(`${opts.dataDir}/pgdata`);
    } catch (e) {
      lock.release();
      throw e;
    }
  } else {
    client = await PGlite.create(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const executeSql: ExecuteSql = async (text, values) => {
    // pg-boss sends multi-statement scripts without parameters; only the simple protocol runs those.
    if (!values || values.length === 0) {
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    }
    return client.query(text, values as unknown[]);
  };
  return {
    engine: 'pglite',
    db,
    executeSql,
    location,
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // bigint columns come back as strings from node-postgres; ours are mapped to numbers
  // explicitly in drizzle, and count() results are converted where they are read.
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  // A checked-out client (a transaction between statements) whose connection the server ends
  // (a restart, a failover) emits 'error' with nobody listening: an uncaught exception that would
  // end the process. The failure reaches its caller through the next query instead.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const probe = await pool.connect().catch((e: unknown) => {
    void pool.end();
    throw e;
  });
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const u = new URL(url);
  return {
    engine: 'postgres',
    db,
    executeSql: (text, values) => pool.query(text, values as unknown[]),
    location: `postgres://${u.host}${u.pathname}`,
    close: () => pool.end(),
  };
}

/** Applies pending migrations; safe to run on every start and from several processes at once. */
export async function migrate(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // Serialize concurrent starts on PostgreSQL; the advisory lock is held on one connection.
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const conn = await pool.connect();
  try {
    await conn.query('select pg_advisory_lock(726354001)');
    const db = drizzlePg(conn, { schema });
    await migratePg(db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await conn.query('select pg_advisory_unlock(726354001)').catch(() => undefined);
    conn.release();
  }
}
