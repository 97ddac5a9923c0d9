import { expect, test } from 'vitest';
import { generateApiKey, hashApiKey, hasScope } from './api-key.js';

test('keys are prefixed by mode, random, and hashed with SHA-256', () => {
  const a = generateApiKey('live');
  const b = generateApiKey('test');
  expect(a.secret).toMatch(/^lm_live_[0-9A-Za-z]{32}$/);
  expect(b.secret).toMatch(/^lm_test_[0-9A-Za-z]{32}$/);
  expect(a.hash).toBe(hashApiKey(a.secret));
  expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(a.displayPrefix).toBe(`${a.secret.slice(0, 12)}…`);
  expect(generateApiKey('live').secret).not.toBe(a.secret);
});

test('admin grants everything; write grants read of the same resource only', () => {
  expect(hasScope(['admin'], 'orders:write')).toBe(true);
  expect(hasScope(['orders:write'], 'orders:read')).toBe(true);
  expect(hasScope(['orders:read'], 'orders:write')).toBe(false);
  expect(hasScope(['orders:write'], 'catalog:read')).toBe(false);
  expect(hasScope([], 'orders:read')).toBe(false);
});
