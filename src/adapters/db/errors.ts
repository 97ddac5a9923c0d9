import { sqlState } from '../../kernel/errors.js';

/** PostgreSQL unique_violation, through drizzle's wrapper or straight from the driver. */
export function isUniqueViolation(e: unknown): boolean {
  return sqlState(e) === '23505';
}
