import { describe, test } from 'vitest';
import { postgresAvailable } from './helpers/engines.js';
import { repositorySuite } from './repositories.suite.js';

// Runs against TEST_DATABASE_URL (a new database per run); required in CI, skipped elsewhere
// when no server answers.
if (await postgresAvailable()) {
  repositorySuite('postgres');
} else {
  describe.skip('repositories on PostgreSQL (no server at TEST_DATABASE_URL)', () => test('skipped', () => undefined));
}
