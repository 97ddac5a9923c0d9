import { readFileSync } from 'node:fs';
import semver from 'semver';
import { expect, test } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }> };

test('every installed package supports the oldest Node the README promises (npm install shows no EBADENGINE)', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;
  const unsupported = Object.entries(lock.packages)
    .filter(([path, p]) => path && !Array.isArray(p.engines) && p.engines?.node && !semver.satisfies(oldest, p.engines.node))
    .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')} wants node ${(p.engines as { node: string }).node}`);
  expect(unsupported).toEqual([]);
});
