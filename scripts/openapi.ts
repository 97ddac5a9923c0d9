/**
 * Writes the API's OpenAPI document to web/openapi.json (what the dashboard's typed client is
 * generated from: `npm run web:api`). A test checks the file is the live document, so an API
 * change that the app has not been regenerated for fails the suite.
 *   node --import tsx scripts/openapi.ts [out]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHttpApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { buildLastmile } from '../src/main.js';

export async function openApiDocument(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lastmile-openapi-'));
  const lm = await buildLastmile({ ...loadConfig({ LASTMILE_DATA_DIR: dir }), logLevel: 'silent' });
  try {
    const app = await buildHttpApp(lm, { logLevel: 'silent' });
    await app.ready();
    const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
    await app.close();
    return doc;
  } finally {
    await lm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'web/openapi.json';
  writeFileSync(out, await openApiDocument());
  console.log(`wrote ${out}`);
}
