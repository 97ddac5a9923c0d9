import { createHash, randomBytes } from 'node:crypto';

export const SCOPES = [
  'orders:read', 'orders:write', 'catalog:read', 'catalog:write', 'warehouses:read', 'warehouses:write',
  'addresses:read', 'rates:read', 'rates:write', 'routing:write', 'shipments:write', 'tracking:write', 'admin',
] as const;
export type Scope = (typeof SCOPES)[number];
export type KeyMode = 'live' | 'test';

export function isScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

/** `admin` grants everything; `x:write` grants `x:read` too. */
export function hasScope(granted: readonly string[], required: Scope): boolean {
  if (granted.includes('admin') || granted.includes(required)) return true;
  if (required.endsWith(':read')) return granted.includes(required.replace(/:read$/, ':write'));
  return false;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 32 random characters of base62 ≈ 190 bits: unguessable, so SHA-256 is a sufficient hash. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length)) {
      if (b < 248 && out.length < length) out += BASE62[b % 62];
    }
  }
  return out;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface GeneratedKey {
  secret: string;
  hash: string;
  displayPrefix: string;
}

export function generateApiKey(mode: KeyMode): GeneratedKey {
  const secret = `lm_${mode}_${randomBase62(32)}`;
  return { secret, hash: hashApiKey(secret), displayPrefix: displayPrefix(secret) };
}

export function displayPrefix(secret: string): string {
  return `${secret.slice(0, Math.min(12, secret.length - 4))}…`;
}

export const MIN_BOOTSTRAP_KEY_LENGTH = 32;
