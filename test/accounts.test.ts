import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Argon2Hasher } from '../src/adapters/crypto/argon2-hasher.js';
import { DrizzleUserRepo } from '../src/adapters/db/repositories/users.repo.js';
import { buildHttpApp } from '../src/api/app.js';
import { orderCreateSchema } from '../src/orders/order.schema.js';
import { UsersService } from '../src/users/users.service.js';
import { apiFixture, MUG, type ApiFixture } from './helpers/api-fixture.js';
import { orderInput } from './helpers/factories.js';

// Accounts for the dashboard: sign-in with server-side sessions, CSRF on every state-changing
// request made with the cookie, roles enforced by the API itself, invitations, password change
// and reset, lockout, sign-out everywhere — and no password in any log.

let f: ApiFixture;
const log = new PassThrough();
let logged = '';
log.on('data', (c: Buffer) => (logged += c.toString()));
let app: Awaited<ReturnType<typeof buildHttpApp>>;

const OWNER = { email: 'owner@acme.example', password: 'correct horse battery' };

beforeAll(async () => {
  f = await apiFixture({});
  // The same service with a second app that logs at info into a buffer we can read.
  app = await buildHttpApp(f.t.lm, { logLevel: 'info', logStream: log });
  await f.t.lm.services.users.create(f.tenantId, { email: OWNER.email, role: 'owner', name: 'Owner', password: OWNER.password });
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

type Session = { cookie: string; csrf: string; body: Record<string, any> };

async function login(email: string, password: string): Promise<Session> {
  const r = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
  expect(r.statusCode).toBe(200);
  const set = r.headers['set-cookie'];
  const raw = Array.isArray(set) ? set[0]! : set!;
  return { cookie: raw.split(';')[0]!, csrf: r.json().csrf_token, body: r.json() };
}
const as = (s: Session, csrf = true) => ({ cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) });
const newOrder = async () => (await f.t.lm.services.orders.create(f.tenantId, orderCreateSchema.parse(orderInput({ warehouse_id: 'ONT1', lines: MUG })), 'test')).order;

describe('signing in', () => {
  test('a session cookie (httpOnly, SameSite=Lax) and a CSRF token; the session reads the API like a key', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'OWNER@acme.example', password: OWNER.password } });
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^lm_session=lms_\w+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
    expect(r.json()).toMatchObject({ user: { email: OWNER.email, role: 'owner', status: 'active' }, tenant: { id: f.tenantId, name: 'acme' }, scopes: ['admin'], csrf_token: expect.any(String) });
    const s = { cookie: cookie.split(';')[0]!, csrf: r.json().csrf_token };
    const me = await app.inject({ url: '/v1/auth/session', headers: { cookie: s.cookie } });
    expect(me.json()).toMatchObject({ user: { email: OWNER.email }, csrf_token: s.csrf });
    expect((await app.inject({ url: '/v1/orders?limit=1', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    // An API key is not a session.
    expect((await app.inject({ url: '/v1/auth/session', headers: f.auth() })).statusCode).toBe(403);
  });

  test('a wrong password and an unknown e-mail get the same answer', async () => {
    const a = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: OWNER.email, password: 'wrong password!' } });
    const b = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@acme.example', password: 'wrong password!' } });
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json().detail).toBe(b.json().detail);
    expect(a.headers['set-cookie']).toBeUndefined();
    const bad = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'not-an-email', password: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('email');
  });

  test('every state-changing request with the cookie needs the CSRF token, and same-site origin', async () => {
    const s = await login(OWNER.email, OWNER.password);
    const body = orderInput({ warehouse_id: 'ONT1', lines: MUG });
    const none = await app.inject({ method: 'POST', url: '/v1/orders', headers: as(s, false), payload: body });
    expect(none.statusCode).toBe(403);
    expect(none.json().detail).toContain('CSRF');
    const wrong = await app.inject({ method: 'POST', url: '/v1/orders', headers: { ...as(s, false), 'x-csrf-token': 'x'.repeat(43) }, payload: body });
    expect(wrong.statusCode).toBe(403);
    const other = await app.inject({ method: 'POST', url: '/v1/orders', headers: { ...as(s), origin: 'https://evil.example', host: 'lastmile.example' }, payload: body });
    expect(other.statusCode).toBe(403);
    const garbled = await app.inject({ method: 'POST', url: '/v1/orders', headers: { ...as(s), origin: 'http://[::1' }, payload: body });
    expect(garbled.statusCode).toBe(403);
    const ok = await app.inject({ method: 'POST', url: '/v1/orders', headers: as(s), payload: body });
    expect(ok.statusCode).toBe(201);
    // The audit trail names the user.
    expect((await app.inject({ method: 'PATCH', url: `/v1/orders/${ok.json().id}`, headers: as(s), payload: { tags: ['vip'] } })).statusCode).toBe(200);
    const events = (await app.inject({ url: `/v1/orders/${ok.json().id}/events`, headers: as(s) })).json().data;
    expect(events.at(-1)).toMatchObject({ type: 'order.updated', actor: `user:${s.body.user.id}` });
  });

  test('failed sign-ins lock the account for a while; the right password waits too', async () => {
    await f.t.lm.services.users.create(f.tenantId, { email: 'locky@acme.example', role: 'viewer', password: 'the right password' });
    for (let i = 0; i < 4; i++) expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'locky@acme.example', password: `wrong ${i} attempt` } })).statusCode).toBe(401);
    const fifth = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'locky@acme.example', password: 'wrong 5 attempt' } });
    expect(fifth.statusCode).toBe(429);
    const right = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'locky@acme.example', password: 'the right password' } });
    expect(right.statusCode).toBe(429);
    expect(right.json().retry_after).toBeGreaterThan(0);
    f.clock.advance(16 * 60_000);
    expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'locky@acme.example', password: 'the right password' } })).statusCode).toBe(200);
  });

  test('passwords never reach the log', () => {
    expect(logged).toContain('/v1/auth/login');
    for (const p of [OWNER.password, 'wrong password!', 'the right password']) expect(logged).not.toContain(p);
  });
});

describe('roles are enforced by the API', () => {
  test('an invited viewer reads but cannot buy labels; an operator decides but cannot edit rules', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const inv = await app.inject({ method: 'POST', url: '/v1/users/invitations', headers: as(owner), payload: { email: 'viewer@acme.example', role: 'viewer' } });
    expect(inv.statusCode).toBe(201);
    expect(inv.json()).toMatchObject({ user: { email: 'viewer@acme.example', role: 'viewer', status: 'invited' }, emailed: false, invite_url: expect.stringMatching(/\/accept-invite#token=\w{40}$/) });
    const token = inv.json().invite_url.split('#token=')[1];
    // Invited: no sign-in until the invitation is accepted.
    expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'viewer@acme.example', password: 'anything at all' } })).statusCode).toBe(401);
    // A password that contains the e-mail's name is refused.
    const weak = await app.inject({ method: 'POST', url: '/v1/auth/invitations/accept', payload: { token, password: 'viewer password' } });
    expect(weak.json().errors[0]).toEqual({ path: 'password', message: 'contains the e-mail name' });
    const accepted = await app.inject({ method: 'POST', url: '/v1/auth/invitations/accept', payload: { token, password: 'sunlit meadow 42', name: 'Vi' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ role: 'viewer', status: 'active', name: 'Vi' });
    expect((await app.inject({ method: 'POST', url: '/v1/auth/invitations/accept', payload: { token, password: 'sunlit meadow 43' } })).statusCode).toBe(400);

    const viewer = await login('viewer@acme.example', 'sunlit meadow 42');
    const order = await newOrder();
    expect((await app.inject({ url: `/v1/orders/${order.id}`, headers: as(viewer) })).statusCode).toBe(200);
    await f.t.lm.services.routing.decideOrder(f.tenantId, order.id, 'test');
    const buy = await app.inject({ method: 'POST', url: '/v1/shipments', headers: as(viewer), payload: { order_id: order.id } });
    expect(buy.statusCode).toBe(403);
    expect(buy.json().detail).toBe('The viewer role may not do this (it needs "shipments:write")');
    expect((await app.inject({ url: '/v1/users', headers: as(viewer) })).statusCode).toBe(403);
    // A viewer may change their own language, not their role.
    const self = await app.inject({ method: 'PATCH', url: `/v1/users/${viewer.body.user.id}`, headers: as(viewer), payload: { locale: 'zh-CN' } });
    expect(self.json()).toMatchObject({ locale: 'zh-CN', role: 'viewer' });
    expect((await app.inject({ method: 'PATCH', url: `/v1/users/${viewer.body.user.id}`, headers: as(viewer), payload: { role: 'admin' } })).statusCode).toBe(403);

    await f.t.lm.services.users.create(f.tenantId, { email: 'op@acme.example', role: 'operator', password: 'operator password' });
    const op = await login('op@acme.example', 'operator password');
    const o2 = await newOrder();
    expect((await app.inject({ method: 'POST', url: `/v1/orders/${o2.id}/decide`, headers: as(op) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/shipments', headers: as(op), payload: { order_id: o2.id, purchase: false } })).statusCode).toBe(201);
    expect((await app.inject({ method: 'PUT', url: '/v1/routing/rules', headers: as(op), payload: {} })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/v1/users/invitations', headers: as(op), payload: { email: 'x@acme.example', role: 'viewer' } })).statusCode).toBe(403);
  });

  test('only owners make owners; the last active owner stays one; a disabled user is signed out', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    await f.t.lm.services.users.create(f.tenantId, { email: 'admin@acme.example', role: 'admin', password: 'admin password 1' });
    const admin = await login('admin@acme.example', 'admin password 1');
    expect((await app.inject({ method: 'POST', url: '/v1/users/invitations', headers: as(admin), payload: { email: 'boss@acme.example', role: 'owner' } })).statusCode).toBe(403);
    const demote = await app.inject({ method: 'PATCH', url: `/v1/users/${owner.body.user.id}`, headers: as(owner), payload: { role: 'admin' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().detail).toContain('at least one active owner');
    const disable = await app.inject({ method: 'PATCH', url: `/v1/users/${admin.body.user.id}`, headers: as(owner), payload: { status: 'disabled' } });
    expect(disable.json()).toMatchObject({ status: 'disabled' });
    expect((await app.inject({ url: '/v1/orders?limit=1', headers: as(admin) })).statusCode).toBe(401);
    const list = (await app.inject({ url: '/v1/users', headers: as(owner) })).json().data;
    expect(list.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([OWNER.email, 'admin@acme.example']));
    expect(JSON.stringify(list)).not.toMatch(/argon2|password/);
  });
});

describe('passwords and sessions', () => {
  test('changing the password ends the other sessions; signing out everywhere ends all', async () => {
    await f.t.lm.services.users.create(f.tenantId, { email: 'pat@acme.example', role: 'operator', password: 'first password' });
    const a = await login('pat@acme.example', 'first password');
    const b = await login('pat@acme.example', 'first password');
    const wrong = await app.inject({ method: 'POST', url: '/v1/auth/password', headers: as(a), payload: { current_password: 'nope nope nope', new_password: 'second password' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('current_password');
    const short = await app.inject({ method: 'POST', url: '/v1/auth/password', headers: as(a), payload: { current_password: 'first password', new_password: 'short' } });
    expect(short.json().errors[0]).toEqual({ path: 'new_password', message: 'at least 10 characters' });
    expect((await app.inject({ method: 'POST', url: '/v1/auth/password', headers: as(a), payload: { current_password: 'first password', new_password: 'second password' } })).statusCode).toBe(204);
    expect((await app.inject({ url: '/v1/auth/session', headers: as(a) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/auth/session', headers: as(b) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'pat@acme.example', password: 'first password' } })).statusCode).toBe(401);
    const c = await login('pat@acme.example', 'second password');
    const out = await app.inject({ method: 'POST', url: '/v1/auth/logout-everywhere', headers: as(c) });
    expect(out.json()).toEqual({ sessions_ended: 2 });
    expect(String(out.headers['set-cookie'])).toMatch(/^lm_session=;/);
    for (const s of [a, c]) expect((await app.inject({ url: '/v1/auth/session', headers: as(s) })).statusCode).toBe(401);
    const d = await login('pat@acme.example', 'second password');
    expect((await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: as(d) })).statusCode).toBe(204);
    expect((await app.inject({ url: '/v1/auth/session', headers: as(d) })).statusCode).toBe(401);
  });

  test('a reset link by e-mail (when SMTP is set up): one use, an hour, the old password and sessions gone', async () => {
    const sent: { tenantId: string; to: string; subject: string; text: string }[] = [];
    const mailing = new UsersService({
      repo: new DrizzleUserRepo(f.t.lm.database.db), hasher: new Argon2Hasher(), tenants: f.t.lm.services.tenants, clock: f.clock, publicUrl: 'https://ship.acme.example',
      mail: async (tenantId, m) => (sent.push({ tenantId, ...m }), true),
    });
    await f.t.lm.services.users.create(f.tenantId, { email: 'rita@acme.example', role: 'viewer', password: 'forgotten password' });
    const old = await login('rita@acme.example', 'forgotten password');
    expect(await mailing.requestPasswordReset('nobody@acme.example')).toEqual({ emailed: false });
    expect(await mailing.requestPasswordReset('Rita@acme.example')).toEqual({ emailed: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ tenantId: f.tenantId, to: 'rita@acme.example', subject: 'Reset your lastmile password' });
    const token = /reset-password#token=(\w+)/.exec(sent[0]!.text)![1]!;
    // Without SMTP the API answers the same, and nothing tells whether the e-mail exists.
    const r = await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: 'rita@acme.example' } });
    expect(r.statusCode).toBe(202);
    const ok = await app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, new_password: 'remembered password' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('rita@acme.example');
    expect((await app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, new_password: 'another password' } })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/auth/session', headers: as(old) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'rita@acme.example', password: 'forgotten password' } })).statusCode).toBe(401);
    await login('rita@acme.example', 'remembered password');
    // Links expire after an hour.
    await mailing.requestPasswordReset('rita@acme.example');
    const late = /reset-password#token=(\w+)/.exec(sent[1]!.text)![1]!;
    f.clock.advance(61 * 60_000);
    expect((await app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token: late, new_password: 'too late password' } })).statusCode).toBe(400);
  });

  test('an operator resets a password from the command line: a new one, sessions ended, unlocked', async () => {
    await f.t.lm.services.users.create(f.tenantId, { email: 'cli@acme.example', role: 'viewer', password: 'cli password 1' });
    const s = await login('cli@acme.example', 'cli password 1');
    const { password, user } = await f.t.lm.services.users.resetPasswordByOperator('cli@acme.example');
    expect(user.email).toBe('cli@acme.example');
    expect(password).toMatch(/^\w{20}$/);
    expect((await app.inject({ url: '/v1/auth/session', headers: as(s) })).statusCode).toBe(401);
    await login('cli@acme.example', password);
  });
});
