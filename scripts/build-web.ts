/**
 * Builds the dashboard into web/dist: the API's OpenAPI document → a typed client
 * (openapi-typescript), a type check of the app against it (a response the API does not describe
 * is a build error), then vite.
 *   node --import tsx scripts/build-web.ts [--if-needed]
 * `--if-needed` (what `npm start` runs) builds only when web/dist is missing or older than the
 * sources of the app or the API.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './openapi.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const out = join(web, 'dist', 'index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name === '.generated') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export async function buildWeb(opts: { ifNeeded?: boolean; log?: (s: string) => void } = {}): Promise<boolean> {
  const log = opts.log ?? ((s: string) => console.error(s));
  if (opts.ifNeeded && existsSync(out) && statSync(out).mtimeMs > Math.max(newest(join(web, 'src')), newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs)) return false;
  const gen = join(web, '.generated');
  mkdirSync(gen, { recursive: true });
  log('dashboard: OpenAPI document and typed client…');
  const doc = await openApiDocument();
  writeFileSync(join(gen, 'openapi.json'), doc);
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  writeFileSync(join(gen, 'schema.d.ts'), astToString(await openapiTS(JSON.parse(doc))));
  log('dashboard: type check…');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(web, 'tsconfig.json')], { stdio: 'inherit' });
  log('dashboard: vite build…');
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.ts'), root: web, logLevel: 'warn' });
  compressAssets(join(web, 'dist'));
  log(`dashboard: built into ${join(web, 'dist')}`);
  return true;
}

/** Brotli and gzip copies of the text files, served as they are to browsers that accept them. */
function compressAssets(dir: string) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) compressAssets(p);
    else if (/\.(js|css|json|html|svg|txt)$/.test(e.name) && statSync(p).size > 1024) {
      const body = readFileSync(p);
      writeFileSync(`${p}.br`, brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWeb({ ifNeeded: process.argv.includes('--if-needed') });
}
