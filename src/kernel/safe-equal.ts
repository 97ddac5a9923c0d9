import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time comparison of two secrets or signatures. Compares bytes: two strings of the same
 * length in characters may differ in bytes (a non-ASCII character), which `timingSafeEqual`
 * would throw on.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const x = typeof a === 'string' ? Buffer.from(a) : a;
  const y = typeof b === 'string' ? Buffer.from(b) : b;
  return x.length === y.length && timingSafeEqual(x, y);
}
