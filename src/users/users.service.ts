import { createHash } from 'node:crypto';
import type { Clock } from '../kernel/clock.js';
import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { safeEqual } from '../kernel/safe-equal.js';
import { randomBase62 } from '../tenants/api-key.js';
import type { Principal } from '../tenants/tenant.schema.js';
import type { TenantsService } from '../tenants/tenants.service.js';
import type { AccountMailer, PasswordHasher, StoredUser, UserRepo } from './ports.js';
import { canGrant, ROLE_SCOPES, type Role } from './roles.js';
import type { User, UserPatch } from './user.schema.js';

export interface UsersDeps {
  repo: UserRepo;
  hasher: PasswordHasher;
  tenants: TenantsService;
  clock: Clock;
  /** Where links in e-mails point (invitations, resets). */
  publicUrl: string;
  mail?: AccountMailer;
  /** Sessions end after this many days without use (default 14). */
  sessionDays?: number;
  /** Failed sign-ins before the account locks, and for how long (default 5, 15 minutes). */
  lockout?: { attempts: number; minutes: number };
}

const DAY = 86_400_000;
const hashToken = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
/**
 * The CSRF token of a session: derived from its (secret, httpOnly) cookie token, so the app can
 * fetch it again after a reload and a page on another site, which cannot read the cookie, cannot
 * compute it.
 */
export const csrfFor = (sessionToken: string) => createHash('sha256').update(`lastmile-csrf:${sessionToken}`, 'utf8').digest('base64url');
/** A password nobody chose (demo user, CLI reset): 20 characters of base62 ≈ 119 bits. */
export const generatedPassword = () => randomBase62(20);

export const publicUser = (u: StoredUser): User => ({
  id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, locale: u.locale, created_at: u.created_at, last_login_at: u.last_login_at,
});

/**
 * People who sign in to the dashboard: accounts per tenant with argon2id passwords, server-side
 * sessions (the cookie carries a random token; the database only its hash) with a CSRF token,
 * roles that map to the API keys' scopes, invitations and password resets by one-time links,
 * and lockout after repeated failures.
 */
export class UsersService {
  // A verify against this keeps a sign-in with an unknown e-mail as slow as one with a known one.
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly d: UsersDeps) {}

  private now() {
    return this.d.clock.now();
  }

  private get lock() {
    return this.d.lockout ?? { attempts: 5, minutes: 15 };
  }

  /** A user with a password (the demo seed, the CLI); `invited` when no password is given. */
  async create(tenantId: string, i: { email: string; role: Role; name?: string | null; password?: string }): Promise<StoredUser> {
    const passwordHash = i.password ? await this.d.hasher.hash(i.password) : null;
    const u = await this.d.repo.create({ id: newId('user'), tenantId, email: i.email.toLowerCase(), name: i.name ?? null, role: i.role, status: passwordHash ? 'active' : 'invited', passwordHash, now: this.now() });
    if (!u) throw new AppError('CONFLICT', `A user with the e-mail ${i.email} exists already`, { errors: [{ path: 'email', message: 'taken' }] });
    return u;
  }

  /** Signs in: a new session (token for the cookie, CSRF token for the app). Wrong e-mail and wrong password look the same. */
  async login(email: string, password: string) {
    const now = this.now();
    const u = await this.d.repo.byEmail(email.toLowerCase());
    const wrong = () => new AppError('UNAUTHENTICATED', 'The e-mail or the password is wrong');
    if (!u || !u.password_hash || u.status !== 'active') {
      await this.d.hasher.verify(await (this.dummyHash ??= this.d.hasher.hash('not a password of anyone')), password);
      throw wrong();
    }
    if (u.locked_until && Date.parse(u.locked_until) > now.getTime()) {
      const retry = Math.ceil((Date.parse(u.locked_until) - now.getTime()) / 1000);
      throw new AppError('RATE_LIMITED', 'Too many failed sign-ins: the account is locked for a while', { details: { retry_after: retry } });
    }
    if (!(await this.d.hasher.verify(u.password_hash, password))) {
      const n = await this.d.repo.failedLogin(u.id, this.lock.attempts, new Date(now.getTime() + this.lock.minutes * 60_000), now);
      if (n >= this.lock.attempts) throw new AppError('RATE_LIMITED', 'Too many failed sign-ins: the account is locked for a while', { details: { retry_after: this.lock.minutes * 60 } });
      throw wrong();
    }
    await this.d.repo.update(u.tenant_id, u.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now }, now);
    return this.startSession(u);
  }

  private async startSession(u: StoredUser) {
    const now = this.now();
    const token = `lms_${randomBase62(40)}`;
    const expiresAt = new Date(now.getTime() + (this.d.sessionDays ?? 14) * DAY);
    await this.d.repo.createSession({ id: newId('userSession'), tokenHash: hashToken(token), userId: u.id, tenantId: u.tenant_id, now, expiresAt });
    return { token, expiresAt: expiresAt.toISOString(), tenantId: u.tenant_id, user: u };
  }

  /** The principal of a session cookie, or undefined when it is unknown, expired, revoked or its user is disabled. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const now = this.now();
    const s = await this.d.repo.sessionByToken(hashToken(token), now);
    if (!s) return undefined;
    const u = await this.d.repo.get(s.tenant_id, s.user_id);
    if (!u || u.status !== 'active') return undefined;
    // Sliding expiry, written at most every five minutes.
    if (now.getTime() - Date.parse(s.last_seen_at) > 5 * 60_000) await this.d.repo.touchSession(s.id, now, new Date(now.getTime() + (this.d.sessionDays ?? 14) * DAY));
    return { tenantId: u.tenant_id, keyId: u.id, scopes: [...ROLE_SCOPES[u.role]], user: { id: u.id, role: u.role, sessionId: s.id } };
  }

  /** Whether a request's CSRF header is the one of its session cookie. */
  csrfMatches(sessionToken: string, header: string | undefined): boolean {
    return typeof header === 'string' && header.length > 0 && header.length <= 200 && safeEqual(header, csrfFor(sessionToken));
  }

  /** What the app needs about a session: the user, the tenant, what the role may do, the CSRF token. */
  async sessionView(tenantId: string, userId: string, sessionToken: string) {
    const u = await this.get(tenantId, userId);
    const t = await this.d.tenants.getTenant(tenantId);
    return { user: publicUser(u), tenant: { id: t.id, name: t.name, currency: t.currency, time_zone: t.time_zone }, scopes: [...ROLE_SCOPES[u.role]], csrf_token: csrfFor(sessionToken) };
  }

  sessionUser(p: Principal) {
    if (!p.user) throw new AppError('FORBIDDEN', 'This needs a signed-in user (a session), not an API key');
    return p.user;
  }

  async logout(p: Principal): Promise<void> {
    await this.d.repo.revokeSession(this.sessionUser(p).sessionId, this.now());
  }

  /** Signs the user out on every device, this one included. */
  async logoutEverywhere(p: Principal): Promise<{ sessions_ended: number }> {
    return { sessions_ended: await this.d.repo.revokeSessions(this.sessionUser(p).id, this.now()) };
  }

  /** Changes the password; the user's other sessions end. */
  async changePassword(p: Principal, current: string, next: string): Promise<void> {
    const me = this.sessionUser(p);
    const u = await this.get(p.tenantId, me.id);
    if (!u.password_hash || !(await this.d.hasher.verify(u.password_hash, current))) {
      throw new AppError('VALIDATION_FAILED', 'The current password is wrong', { errors: [{ path: 'current_password', message: 'wrong password' }] });
    }
    await this.setPassword(u, next);
    await this.d.repo.revokeSessions(u.id, this.now(), me.sessionId);
  }

  private checkPassword(u: StoredUser, password: string, path = 'new_password') {
    const name = u.email.split('@')[0]!.toLowerCase();
    if (name.length >= 4 && password.toLowerCase().includes(name)) {
      throw new AppError('VALIDATION_FAILED', 'The password must not contain your e-mail name', { errors: [{ path, message: 'contains the e-mail name' }] });
    }
  }

  /** A one-time token's user, checked with the new password before the token is spent. */
  private async spendToken(token: string, kind: 'invite' | 'reset', password: string, path: string): Promise<StoredUser> {
    const what = kind === 'invite' ? 'invitation' : 'reset link';
    const invalid = () => new AppError('VALIDATION_FAILED', `The ${what} is not valid: it expired, was used, or was mistyped`, { errors: [{ path: 'token', message: 'invalid or expired' }] });
    const found = await this.d.repo.findToken(hashToken(token), kind, this.now());
    if (!found) throw invalid();
    this.checkPassword(await this.get(found.tenantId, found.userId), password, path);
    const t = await this.d.repo.useToken(hashToken(token), kind, this.now());
    if (!t) throw invalid();
    return this.get(t.tenantId, t.userId);
  }

  private async setPassword(u: StoredUser, password: string) {
    this.checkPassword(u, password);
    const now = this.now();
    await this.d.repo.update(u.tenant_id, u.id, { passwordHash: await this.d.hasher.hash(password), passwordChangedAt: now, failedLogins: 0, lockedUntil: null, status: u.status === 'invited' ? 'active' : u.status }, now);
  }

  /**
   * Sends a reset link when SMTP is configured for the user's tenant. The answer is the same
   * whether or not the e-mail is known (no account discovery); `emailed` is for logs and tests.
   */
  async requestPasswordReset(email: string): Promise<{ emailed: boolean }> {
    const u = await this.d.repo.byEmail(email.toLowerCase());
    if (!u || u.status !== 'active') return { emailed: false };
    const link = await this.oneTimeLink(u, 'reset', 60 * 60_000, '/reset-password');
    const sent = (await this.d.mail?.(u.tenant_id, {
      to: u.email,
      subject: 'Reset your lastmile password',
      text: `Someone (hopefully you) asked to reset the password of ${u.email} on lastmile.\n\nSet a new password within an hour: ${link}\n\nIf it was not you, ignore this e-mail; your password stays as it is.\n\n有人（希望是您）申请重置 lastmile 账户 ${u.email} 的密码。请在一小时内打开上面的链接设置新密码；如果不是您本人操作，请忽略此邮件。`,
    })) ?? false;
    return { emailed: sent };
  }

  async confirmPasswordReset(token: string, password: string) {
    const u = await this.spendToken(token, 'reset', password, 'new_password');
    await this.setPassword(u, password);
    await this.d.repo.revokeSessions(u.id, this.now());
    return this.startSession(await this.get(u.tenant_id, u.id));
  }

  /** The CLI's way out when no SMTP is configured: a new generated password, every session ended. */
  async resetPasswordByOperator(email: string): Promise<{ user: User; password: string }> {
    const u = await this.d.repo.byEmail(email.toLowerCase());
    if (!u) throw notFound('user', email);
    const password = generatedPassword();
    await this.setPassword({ ...u, status: u.status === 'disabled' ? 'disabled' : 'active' }, password);
    await this.d.repo.revokeSessions(u.id, this.now());
    return { user: publicUser((await this.d.repo.get(u.tenant_id, u.id))!), password };
  }

  /** Invites someone: an `invited` user and a link (shown once to the inviter; e-mailed when SMTP is configured). */
  async invite(p: Principal, i: { email: string; role: Role; name: string | null }): Promise<{ user: User; invite_url: string; emailed: boolean }> {
    const actorRole = (p.user?.role ?? 'admin') as Role;
    if (!canGrant(actorRole, i.role)) throw new AppError('FORBIDDEN', `An ${actorRole} cannot invite an ${i.role}`, { errors: [{ path: 'role', message: 'only owners make owners' }] });
    const u = await this.create(p.tenantId, { email: i.email, role: i.role, name: i.name });
    const link = await this.oneTimeLink(u, 'invite', 7 * DAY, '/accept-invite');
    const t = await this.d.tenants.getTenant(p.tenantId);
    const emailed = (await this.d.mail?.(p.tenantId, {
      to: u.email,
      subject: `You are invited to ${t.name} on lastmile`,
      text: `You are invited to join ${t.name} on lastmile as ${i.role}.\n\nChoose your password within 7 days: ${link}\n\n您被邀请以「${i.role}」角色加入 lastmile 上的 ${t.name}。请在 7 天内打开上面的链接设置密码。`,
    })) ?? false;
    return { user: publicUser(u), invite_url: link, emailed };
  }

  async acceptInvite(token: string, password: string, name?: string) {
    let u = await this.spendToken(token, 'invite', password, 'password');
    if (name) u = (await this.d.repo.update(u.tenant_id, u.id, { name }, this.now())) ?? u;
    await this.setPassword(u, password);
    return this.startSession(await this.get(u.tenant_id, u.id));
  }

  private async oneTimeLink(u: StoredUser, kind: 'invite' | 'reset', ttlMs: number, path: string): Promise<string> {
    const token = randomBase62(40);
    const now = this.now();
    await this.d.repo.createToken({ id: newId('userToken'), tokenHash: hashToken(token), kind, userId: u.id, tenantId: u.tenant_id, expiresAt: new Date(now.getTime() + ttlMs), now });
    return `${this.d.publicUrl.replace(/\/$/, '')}${path}#token=${token}`;
  }

  async list(tenantId: string): Promise<User[]> {
    return (await this.d.repo.list(tenantId)).map(publicUser);
  }

  async get(tenantId: string, id: string): Promise<StoredUser> {
    const u = await this.d.repo.get(tenantId, id);
    if (!u) throw notFound('user', id);
    return u;
  }

  /**
   * Changes a user's role, status, name or language. Only owners make or unmake owners; the last
   * active owner stays an active owner; a disabled user's sessions end.
   */
  async update(p: Principal, id: string, patch: UserPatch): Promise<User> {
    const u = await this.get(p.tenantId, id);
    const self = p.user?.id === id;
    const actorRole = (p.user?.role ?? 'admin') as Role;
    if (!self || patch.role !== undefined || patch.status !== undefined) {
      if (actorRole !== 'owner' && actorRole !== 'admin') throw new AppError('FORBIDDEN', 'Only owners and admins change other users');
    }
    if ((patch.role !== undefined && !canGrant(actorRole, patch.role)) || (u.role === 'owner' && actorRole !== 'owner' && (patch.role !== undefined || patch.status !== undefined))) {
      throw new AppError('FORBIDDEN', 'Only owners make or change owners', { errors: [{ path: 'role', message: 'only owners make owners' }] });
    }
    const losesOwner = u.role === 'owner' && u.status === 'active' && ((patch.role !== undefined && patch.role !== 'owner') || patch.status === 'disabled');
    if (losesOwner && (await this.d.repo.countOwners(p.tenantId)) <= 1) {
      throw new AppError('INVALID_STATE', 'The tenant needs at least one active owner: make someone else owner first', { errors: [{ path: patch.role !== undefined ? 'role' : 'status', message: 'last owner' }] });
    }
    if (u.status === 'invited' && patch.status === 'active') throw new AppError('INVALID_STATE', 'An invited user becomes active by accepting the invitation', { errors: [{ path: 'status', message: 'invitation not accepted yet' }] });
    const now = this.now();
    const updated = await this.d.repo.update(p.tenantId, id, { ...(patch.role !== undefined ? { role: patch.role } : {}), ...(patch.status ? { status: patch.status } : {}), ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.locale !== undefined ? { locale: patch.locale } : {}) }, now);
    if (patch.status === 'disabled') await this.d.repo.revokeSessions(id, now);
    return publicUser(updated!);
  }
}
