import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { StoredSession, StoredUser, UserRepo } from '../../../users/ports.js';
import type { Role } from '../../../users/roles.js';
import type { User } from '../../../users/user.schema.js';
import type { Db } from '../database.js';
import { userSessions, users, userTokens } from '../schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toUser(r: typeof users.$inferSelect): StoredUser {
  return {
    id: r.id, tenant_id: r.tenantId, email: r.email, name: r.name, role: r.role as Role, status: r.status as User['status'], locale: r.locale as User['locale'],
    created_at: r.createdAt.toISOString(), last_login_at: iso(r.lastLoginAt), password_hash: r.passwordHash, failed_logins: r.failedLogins, locked_until: iso(r.lockedUntil),
  };
}

/** Users, their sessions and one-time tokens. Every query names the tenant or a unique secret hash. */
export class DrizzleUserRepo implements UserRepo {
  constructor(private readonly db: Db) {}

  async create(u: Parameters<UserRepo['create']>[0]) {
    const rows = await this.db
      .insert(users)
      .values({ id: u.id, tenantId: u.tenantId, email: u.email, name: u.name, role: u.role, status: u.status, passwordHash: u.passwordHash, passwordChangedAt: u.passwordHash ? u.now : null, createdAt: u.now, updatedAt: u.now })
      .onConflictDoNothing()
      .returning();
    return rows[0] && toUser(rows[0]);
  }

  async byEmail(email: string) {
    const [r] = await this.db.select().from(users).where(eq(users.email, email));
    return r && toUser(r);
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    return r && toUser(r);
  }

  async list(tenantId: string) {
    return (await this.db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(users.createdAt, users.id)).map(toUser);
  }

  async countOwners(tenantId: string) {
    const [r] = await this.db.select({ n: count() }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.role, 'owner'), eq(users.status, 'active')));
    return Number(r?.n ?? 0);
  }

  async update(tenantId: string, id: string, c: Parameters<UserRepo['update']>[2], now: Date) {
    const [r] = await this.db
      .update(users)
      .set({
        updatedAt: now,
        ...(c.role !== undefined ? { role: c.role } : {}),
        ...(c.status !== undefined ? { status: c.status } : {}),
        ...(c.name !== undefined ? { name: c.name } : {}),
        ...(c.locale !== undefined ? { locale: c.locale } : {}),
        ...(c.passwordHash !== undefined ? { passwordHash: c.passwordHash } : {}),
        ...(c.passwordChangedAt !== undefined ? { passwordChangedAt: c.passwordChangedAt } : {}),
        ...(c.failedLogins !== undefined ? { failedLogins: c.failedLogins } : {}),
        ...(c.lockedUntil !== undefined ? { lockedUntil: c.lockedUntil } : {}),
        ...(c.lastLoginAt !== undefined ? { lastLoginAt: c.lastLoginAt } : {}),
      })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
      .returning();
    return r && toUser(r);
  }

  async failedLogin(id: string, limit: number, lockUntil: Date, now: Date) {
    // One statement: concurrent failures count each, and the lock starts at the limit.
    const [r] = await this.db
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${limit} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
        updatedAt: now,
      })
      .where(eq(users.id, id))
      .returning({ n: users.failedLogins });
    const n = r?.n ?? 0;
    // A lock that ran its course starts the count again.
    if (n > limit) {
      await this.db.update(users).set({ failedLogins: 1, lockedUntil: null }).where(eq(users.id, id));
      return 1;
    }
    return n;
  }

  async createSession(s: Parameters<UserRepo['createSession']>[0]) {
    await this.db.insert(userSessions).values({ id: s.id, tokenHash: s.tokenHash, userId: s.userId, tenantId: s.tenantId, createdAt: s.now, lastSeenAt: s.now, expiresAt: s.expiresAt });
  }

  async sessionByToken(tokenHash: string, now: Date): Promise<StoredSession | undefined> {
    const [r] = await this.db
      .select()
      .from(userSessions)
      .where(and(eq(userSessions.tokenHash, tokenHash), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now)));
    return r && { id: r.id, user_id: r.userId, tenant_id: r.tenantId, last_seen_at: r.lastSeenAt.toISOString(), expires_at: r.expiresAt.toISOString() };
  }

  async touchSession(id: string, now: Date, expiresAt: Date) {
    await this.db.update(userSessions).set({ lastSeenAt: now, expiresAt }).where(eq(userSessions.id, id));
  }

  async revokeSession(id: string, now: Date) {
    await this.db.update(userSessions).set({ revokedAt: now }).where(and(eq(userSessions.id, id), isNull(userSessions.revokedAt)));
  }

  async revokeSessions(userId: string, now: Date, except?: string) {
    const rows = await this.db
      .update(userSessions)
      .set({ revokedAt: now })
      .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now), ...(except ? [ne(userSessions.id, except)] : [])))
      .returning({ id: userSessions.id });
    return rows.length;
  }

  async createToken(t: Parameters<UserRepo['createToken']>[0]) {
    await this.db.insert(userTokens).values({ id: t.id, tokenHash: t.tokenHash, kind: t.kind, userId: t.userId, tenantId: t.tenantId, expiresAt: t.expiresAt, createdAt: t.now });
  }

  async findToken(tokenHash: string, kind: 'invite' | 'reset', now: Date) {
    const [r] = await this.db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.tokenHash, tokenHash), eq(userTokens.kind, kind), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)));
    return r && { userId: r.userId, tenantId: r.tenantId };
  }

  async useToken(tokenHash: string, kind: 'invite' | 'reset', now: Date) {
    const [r] = await this.db
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.tokenHash, tokenHash), eq(userTokens.kind, kind), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
      .returning();
    return r && { userId: r.userId, tenantId: r.tenantId };
  }
}
