import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addressRange, blockedCause, guardedFetch } from '../src/adapters/net/outbound.js';
import { apiFixture, type ApiFixture } from './helpers/api-fixture.js';

/** A local service an attacker would like to reach; it counts every request it gets. */
let hits = 0;
let server: Server;
let port: number;
let f: ApiFixture;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200).end('internal');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  f = await apiFixture({ allowPrivateTargets: false, trackingScanMs: 0 });
});
afterAll(async () => {
  await f?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

const LOCAL_FORMS = () => [
  `http://127.0.0.1:${port}/`,
  `http://[::ffff:127.0.0.1]:${port}/`,
  `http://[0:0:0:0:0:ffff:7f00:1]:${port}/`,
  `http://localhost:${port}/`, // a name that resolves to loopback (/etc/hosts)
  `http://[::]:${port}/`,
  `http://0.0.0.0:${port}/`,
  `http://2130706433:${port}/`, // 127.0.0.1 as one number
  `http://[fe80::1]:${port}/`,
  `http://100.64.0.1:${port}/`,
  `http://169.254.169.254:${port}/`,
  `http://10.1.2.3:${port}/`,
  `http://[fd00::1]:${port}/`,
  `http://[64:ff9b::7f00:1]:${port}/`, // NAT64 of 127.0.0.1
];

describe('outbound requests reach public addresses only', () => {
  test('the ranges: IPv4 written as IPv6 is judged as IPv4; only unicast is public', () => {
    expect(addressRange('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressRange('0:0:0:0:0:ffff:7f00:1')).toBe('loopback');
    expect(addressRange('::')).toBe('unspecified');
    expect(addressRange('fe80::1')).toBe('linkLocal');
    expect(addressRange('100.64.0.1')).toBe('carrierGradeNat');
    expect(addressRange('8.8.8.8')).toBe('unicast');
    expect(addressRange('2001:4860:4860::8888')).toBe('unicast');
    expect(addressRange('not an address')).toBe('invalid');
  });

  test('the guarded fetch refuses every local form at connect time; the local service is never reached', async () => {
    const fetchPublic = guardedFetch({ allowPrivate: false, connectTimeoutMs: 2000 });
    const before = hits;
    for (const url of LOCAL_FORMS()) {
      const err = await fetchPublic(url, { signal: AbortSignal.timeout(5000) }).then(() => null, (e: unknown) => e);
      expect(blockedCause(err), url).toBeDefined();
    }
    expect(hits).toBe(before);
  });

  test('webhooks, notification webhooks, SMTP hosts, HTTP carriers and channel base URLs naming local addresses are 400 naming the field', async () => {
    for (const url of LOCAL_FORMS()) {
      const r = await f.app.inject({ method: 'POST', url: '/v1/webhooks', headers: f.auth(), payload: { url, events: ['*'] } });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().errors[0].path).toBe('url');
    }
    const n = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: true, channel: 'webhook', webhook_url: `http://localhost:${port}/n` } });
    expect(n.statusCode).toBe(400);
    expect(n.json().errors[0].path).toBe('webhook_url');
    const smtp = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: true, channel: 'smtp', smtp: { host: '[::ffff:127.0.0.1]', port, from: 'a@b.test' } } });
    expect(smtp.statusCode).toBe(400);
    expect(smtp.json().errors[0].path).toBe('smtp.host');
    const carrier = await f.app.inject({ method: 'PUT', url: '/v1/carrier-accounts', headers: f.auth(), payload: { kind: 'http', carrier: 'metro', base_url: `http://[0:0:0:0:0:ffff:7f00:1]:${port}`, auth: { type: 'none' } } });
    expect(carrier.statusCode).toBe(400);
    expect(carrier.json().errors[0].path).toBe('base_url');
    const shop = await f.app.inject({ method: 'POST', url: '/v1/channels', headers: f.auth(), payload: { kind: 'shopify', base_url: `http://localhost:${port}`, credentials: { token: 't' } } });
    expect(shop.statusCode).toBe(400);
    expect(shop.json().errors[0].path).toBe('base_url');
    expect(hits).toBe(0);
  });

  test('a target that passed the check and later points at a local address (rebinding, or edited in place) is refused when it connects; the test call is no port probe', async () => {
    // A name that does not resolve here passes at subscription (it is checked at every connection).
    const created = await f.app.inject({ method: 'POST', url: '/v1/webhooks', headers: f.auth(), payload: { url: 'http://hooks.example.invalid/x', events: ['*'] } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    await f.t.lm.database.executeSql('update webhook_endpoints set url = $1 where id = $2', [`http://localhost:${port}/`, id]);
    const t = (await f.app.inject({ method: 'POST', url: `/v1/webhooks/${id}/test`, headers: f.auth() })).json();
    expect(t).toMatchObject({ ok: false, status: null });
    expect(t.error).toMatch(/^refused: localhost resolves to 127\.0\.0\.1, a loopback address/);
    // A closed port and an unresolvable name say the same thing: nothing about ports or errno.
    await f.t.lm.database.executeSql('update webhook_endpoints set url = $1 where id = $2', ['http://hooks.example.invalid/x', id]);
    const gone = (await f.app.inject({ method: 'POST', url: `/v1/webhooks/${id}/test`, headers: f.auth() })).json();
    expect(gone).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/^not reachable( \(timed out\))?$/) });
    expect(hits).toBe(0);
  });
});
