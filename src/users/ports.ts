import type { Role } from './roles.js';
import type { User } from './user.schema.js';

export interface StoredUser extends User {
  tenant_id: string;
  password_hash: string | null;
  failed_logins: number;
  locked_until: string | null;
}

export interface StoredSession {
  id: string;
  user_id: string;
  tenant_id: string;
  last_seen_at: string;
  expires_at: string;
}

export interface UserRepo {
  create(u: { id: string; tenantId: string; email: string; name: string | null; role: Role; status: User['status']; passwordHash: string | null; now: Date }): Promise<StoredUser | undefined>;
  byEmail(email: string): Promise<StoredUser | undefined>;
  get(tenantId: string, id: string): Promise<StoredUser | undefined>;
  list(tenantId: string): Promise<StoredUser[]>;
  countOwners(tenantId: string): Promise<number>;
  update(tenantId: string, id: string, change: Partial<{ role: Role; status: User['status']; name: string | null; locale: User['locale']; passwordHash: string; passwordChangedAt: Date; failedLogins: number; lockedUntil: Date | null; lastLoginAt: Date }>, now: Date): Promise<StoredUser | undefined>;
  /** Counts one more failed sign-in; locks the account until `lockUntil` when it reaches `limit`. Returns the count. */
  failedLogin(id: string, limit: number, lockUntil: Date, now: Date): Promise<number>;

  createSession(s: { id: string; tokenHash: string; userId: string; tenantId: string; now: Date; expiresAt: Date }): Promise<void>;
  /** A live session (not revoked, not expired at `now`) by its token's hash. */
  sessionByToken(tokenHash: string, now: Date): Promise<StoredSession | undefined>;
  touchSession(id: string, now: Date, expiresAt: Date): Promise<void>;
  revokeSession(id: string, now: Date): Promise<void>;
  /** Revokes every session of the user but `except`; returns how many. */
  revokeSessions(userId: string, now: Date, except?: string): Promise<number>;

  createToken(t: { id: string; tokenHash: string; kind: 'invite' | 'reset'; userId: string; tenantId: string; expiresAt: Date; now: Date }): Promise<void>;
  /** A valid token (unknown, used or expired: undefined), without using it. */
  findToken(tokenHash: string, kind: 'invite' | 'reset', now: Date): Promise<{ userId: string; tenantId: string } | undefined>;
  /** Marks a valid token used (once) and returns it; undefined when unknown, used or expired. */
  useToken(tokenHash: string, kind: 'invite' | 'reset', now: Date): Promise<{ userId: string; tenantId: string } | undefined>;
}

/** argon2id, behind a port so the domain does not load a native module. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** E-mail to people (invitations, resets): false when the tenant has no SMTP configured. */
export type AccountMailer = (tenantId: string, m: { to: string; subject: string; text: string }) => Promise<boolean>;
