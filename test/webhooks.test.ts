import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolvePublic } from '../src/adapters/net/outbound.js';
import { verifyWebhook } from '../src/webhooks/signature.js';
import { WebhooksService } from '../src/webhooks/webhooks.service.js';
import { apiFixture, labeledShipment, type ApiFixture } from './helpers/api-fixture.js';
import { orderInput } from './helpers/factories.js';

interface Received { path: string; headers: IncomingMessage['headers']; body: string }

/** A receiver that records what it gets and answers with `status()`. */
async function receiver(status: () => number) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(status()).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Just enough SMTP to accept one message at a time. */
async function smtpServer() {
  const messages: string[] = [];
  const server: TcpServer = createTcpServer((sock) => {
    let data = false;
    let buf = '';
    sock.write('220 test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (data) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buf.slice(0, end));
          buf = buf.slice(end + 5);
          data = false;
          sock.write('250 queued\r\n');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') sock.write('250-test\r\n250 8BITMIME\r\n');
        else if (cmd === 'DATA') {
          data = true;
          sock.write('354 go\r\n');
        } else if (cmd === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { messages, port: (server.address() as { port: number }).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({ trackingScanMs: 0 });
});
afterAll(async () => f?.close());

const labeled = (over: Parameters<typeof orderInput>[0] = {}) => labeledShipment(f, over);
const inject = (tn: string, events: unknown[]) => f.app.inject({ method: 'POST', url: '/v1/tracking/events', headers: f.auth(), payload: { tracking_number: tn, events } });
const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean) => {
  let v = await fn();
  for (let i = 0; i < 200 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 50));
    v = await fn();
  }
  return v;
};

describe('outbound webhooks', () => {
  test('status changes and cases reach subscribed endpoints, signed; the test call and the delivery log', async () => {
    const rx = await receiver(() => 200);
    try {
      const created = await f.app.inject({ method: 'POST', url: '/v1/webhooks', headers: f.auth(), payload: { url: `${rx.url}/hooks` } });
      expect(created.statusCode).toBe(201);
      const { id, secret } = created.json();
      expect(secret).toMatch(/^whsec_/);
      expect((await f.app.inject({ url: '/v1/webhooks', headers: f.auth() })).json().data[0]).not.toHaveProperty('secret');
      const s = await labeled();
      await inject(s.tracking_numbers[0]!, [{ code: 'IN_TRANSIT', occurred_at: '2026-11-24T06:00:00Z' }, { code: 'RETURN_TO_SENDER', occurred_at: '2026-11-25T06:00:00Z' }]);
      await until(async () => rx.got.length, (n) => n >= 2);
      const types = rx.got.map((g) => JSON.parse(g.body).type).sort();
      expect(types).toEqual(['case.opened', 'shipment.tracking_updated']);
      for (const g of rx.got) {
        expect(verifyWebhook(secret, g.body, String(g.headers['lastmile-signature']), f.clock.now())).toBe(true);
        expect(verifyWebhook(secret, g.body, String(g.headers['lastmile-signature']), new Date(f.clock.now().getTime() + 6 * 60_000))).toBe(false);
      }
      const upd = JSON.parse(rx.got.find((g) => JSON.parse(g.body).type === 'shipment.tracking_updated')!.body);
      expect(upd.data).toMatchObject({ shipment_id: s.id, status: 'returning', previous_status: null });
      const t = await f.app.inject({ method: 'POST', url: `/v1/webhooks/${id}/test`, headers: f.auth() });
      expect(t.json()).toMatchObject({ ok: true, status: 200 });
      const log = await until(async () => (await f.app.inject({ url: `/v1/webhooks/${id}/deliveries`, headers: f.auth() })).json().data, (d: { state: string }[]) => d.every((x) => x.state === 'succeeded'));
      expect(log.length).toBe(2);
      expect(log[0]).toMatchObject({ state: 'succeeded', attempts: 1, last_status: 200 });
      expect((await f.app.inject({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: f.auth() })).statusCode).toBe(204);
    } finally {
      await rx.close();
    }
  });

  test('an endpoint failing 20 times in a row is disabled; enabling it resets the count', async () => {
    const rx = await receiver(() => 500);
    try {
      const { id } = (await f.app.inject({ method: 'POST', url: '/v1/webhooks', headers: f.auth(), payload: { url: rx.url, events: ['case.opened'] } })).json();
      for (let i = 0; i < 20; i++) {
        const s = await labeled();
        await inject(s.tracking_numbers[0]!, [{ code: 'RETURN_TO_SENDER', occurred_at: '2026-11-25T06:00:00Z' }]);
      }
      const ep = await until(async () => (await f.app.inject({ url: '/v1/webhooks', headers: f.auth() })).json().data.find((e: { id: string }) => e.id === id), (e: { enabled: boolean }) => !e.enabled);
      expect(ep).toMatchObject({ enabled: false, consecutive_failures: 20, disabled_at: expect.any(String) });
      const log = (await f.app.inject({ url: `/v1/webhooks/${id}/deliveries?limit=100`, headers: f.auth() })).json().data;
      expect(log[0]).toMatchObject({ last_status: 500, last_error: 'answered 500' });
      expect((await f.app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, headers: f.auth(), payload: { enabled: true } })).json()).toMatchObject({ enabled: true, consecutive_failures: 0 });
      await f.app.inject({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: f.auth() });
    } finally {
      await rx.close();
    }
  }, 60_000);

  test('private and loopback targets are refused unless allowed', async () => {
    const svc = new WebhooksService({ repo: {} as never, outbox: { register() {} } as never, clock: f.clock, seal: async (x) => x, open: async (x) => x, checkHost: async (h) => void (await resolvePublic(h)) });
    await expect(svc.create('ten_1', { url: 'http://127.0.0.1:9/x', events: ['*'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(svc.create('ten_1', { url: 'ftp://example.com/x', events: ['*'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('customer notifications', () => {
  test('off by default; once on, each kind is sent once, in the chosen language, through the webhook channel', async () => {
    const rx = await receiver(() => 200);
    try {
      const s = await labeled();
      await inject(s.tracking_numbers[0]!, [{ code: 'IN_TRANSIT', occurred_at: '2026-11-24T06:00:00Z' }]);
      expect((await f.app.inject({ url: `/v1/shipments/${s.id}/notifications`, headers: f.auth() })).json().data).toEqual([]);
      const bad = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: true, channel: 'webhook' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('webhook_url');
      const put = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: true, channel: 'webhook', webhook_url: `${rx.url}/notify`, language: 'vi' } });
      expect(put.statusCode).toBe(200);
      const s2 = await labeled();
      const tn = s2.tracking_numbers[0]!;
      await inject(tn, [{ code: 'IN_TRANSIT', occurred_at: '2026-11-24T06:00:00Z' }]);
      await inject(tn, [{ code: 'IN_TRANSIT', occurred_at: '2026-11-24T09:00:00Z' }, { code: 'OUT_FOR_DELIVERY', occurred_at: '2026-11-25T07:00:00Z' }]);
      const list = await until(async () => (await f.app.inject({ url: `/v1/shipments/${s2.id}/notifications`, headers: f.auth() })).json().data, (d: { state: string; kind: string }[]) => d.length === 2 && d.every((x) => x.state === 'sent'));
      expect(list.map((n: { kind: string }) => n.kind).sort()).toEqual(['out_for_delivery', 'shipped']);
      expect(list.find((n: { kind: string }) => n.kind === 'shipped')).toMatchObject({ language: 'vi', channel: 'webhook', state: 'sent', subject: expect.stringContaining('đang trên đường giao') });
      const got = rx.got.filter((g) => g.path === '/notify').map((g) => JSON.parse(g.body).data);
      expect(got.map((m: { kind: string }) => m.kind).sort()).toEqual(['out_for_delivery', 'shipped']);
      expect(got[0].text).toContain(`/t/${tn}`);
    } finally {
      await rx.close();
    }
  });

  test('an SMTP password is never shown and a save without it keeps it; a bad field is named', async () => {
    const smtp = { host: '127.0.0.1', port: 2525, secure: false, user: 'mailer', from: 'Acme <ship@acme.test>' };
    try {
      const put = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: false, channel: 'smtp', smtp: { ...smtp, password: 's3cret-pw' } } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.body).not.toContain('s3cret-pw');
      expect(put.json().smtp).toEqual({ ...smtp, password_set: true });
      // The dashboard's form sends the settings back without the password it never saw.
      const again = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: false, channel: 'smtp', kinds: ['delivered'], smtp } });
      expect(again.json()).toMatchObject({ kinds: ['delivered'], smtp: { password_set: true } });
      const bad = await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { channel: 'smtp', kinds: ['sometimes'] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('kinds[0]');
    } finally {
      await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: false } });
    }
  });

  test('SMTP: the delivered message goes out by e-mail to the order\'s address', async () => {
    const smtp = await smtpServer();
    try {
      await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: true, channel: 'smtp', kinds: ['delivered'], smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Acme <ship@acme.test>' } } });
      const settings = (await f.app.inject({ url: '/v1/notifications/settings', headers: f.auth() })).json();
      expect(settings).toMatchObject({ enabled: true, channel: 'smtp', smtp: { host: '127.0.0.1', password_set: false } });
      const s = await labeled({ ship_to: { name: 'Ana', line1: '12 Beacon St', city: 'Boston', state: 'MA', postal_code: '02108', country: 'US', email: 'ana@example.com' } });
      await inject(s.tracking_numbers[0]!, [{ code: 'DELIVERED', occurred_at: '2026-11-25T17:00:00Z', signed_by: 'ANA' }]);
      await until(async () => smtp.messages.length, (n) => n >= 1);
      expect(smtp.messages[0]).toContain('ana@example.com');
      expect(smtp.messages[0]).toMatch(/delivered/i);
      const list = await until(async () => (await f.app.inject({ url: `/v1/shipments/${s.id}/notifications`, headers: f.auth() })).json().data, (d: { state: string }[]) => d.every((x) => x.state === 'sent'));
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ kind: 'delivered', channel: 'smtp', recipient: 'ana@example.com', state: 'sent' });
    } finally {
      await f.app.inject({ method: 'PUT', url: '/v1/notifications/settings', headers: f.auth(), payload: { enabled: false } });
      await smtp.close();
    }
  });
});
