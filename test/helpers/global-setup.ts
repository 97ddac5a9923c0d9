import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR } from '../../src/adapters/db/database.js';

/**
 * Creating a PGlite database takes seconds; every test file instead loads this migrated image.
 * Its name hashes the migrations, so a schema change builds a new one.
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) h.update(readFileSync(join(MIGRATIONS_DIR, f)));
  const path = join(tmpdir(), `lastmile-pglite-template-${h.digest('hex').slice(0, 16)}.tar.gz`);
  if (!existsSync(path)) {
    const pg = await PGlite.create();
    await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_DIR });
    const dump = await pg.dumpDataDir('gzip');
    writeFileSync(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await pg.close();
    const { renameSync } = await import('node:fs');
    renameSync(`${path}.tmp`, path);
  }
  provide('pgliteTemplate', path);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
