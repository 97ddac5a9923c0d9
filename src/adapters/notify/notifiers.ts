import nodemailer from 'nodemailer';
import type { Notifier, OutgoingMessage } from '../../notifications/ports.js';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { signWebhook } from '../../webhooks/signature.js';
import { blockedCause } from '../net/outbound.js';

/** Records the message (the notifications table is the log) and writes one line without personal data. */
export class LogNotifier implements Notifier {
  readonly channel = 'log' as const;
  constructor(private readonly log?: { info(obj: object, msg: string): void }) {}
  async send(m: OutgoingMessage): Promise<void> {
    this.log?.info({ kind: m.kind, shipment_id: m.shipment_id, language: m.language }, 'customer notification recorded');
  }
}

/**
 * POSTs the rendered message for the tenant's own messaging, as every lastmile webhook:
 * `{id, type: "notification", created_at, data}` signed `Lastmile-Signature: t=…,v1=…`. The id is
 * the notification's, so a retried delivery carries the same id.
 */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;
  constructor(private readonly url: string, private readonly secret: string, private readonly fetchFn: typeof fetch = fetch, private readonly clock: Clock = systemClock) {}
  async send(m: OutgoingMessage): Promise<void> {
    const now = this.clock.now();
    const body = JSON.stringify({ id: m.id.replace(/^[a-z]+_/, 'evt_'), type: 'notification', created_at: now.toISOString(), data: m });
    const res = await this.fetchFn(this.url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'lastmile-signature': signWebhook(this.secret, body, now) }, body, signal: AbortSignal.timeout(10_000),
    }).catch((e: Error) => {
      const blocked = blockedCause(e);
      throw Object.assign(new Error(blocked ? `notification webhook refused: ${blocked.message}` : 'notification webhook not reachable'), { retryable: !blocked });
    });
    if (!res.ok) throw Object.assign(new Error(`notification webhook answered ${res.status}`), { retryable: res.status >= 500 || res.status === 429 });
  }
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
}

/** E-mail through the tenant's SMTP server. */
export class SmtpNotifier implements Notifier {
  readonly channel = 'smtp' as const;
  /** `resolve`: the SSRF check; the transport connects to the address it returns (not a second lookup). */
  constructor(private readonly s: SmtpSettings, private readonly resolve?: (host: string) => Promise<string>) {}

  private async transport() {
    const address = this.resolve ? await this.resolve(this.s.host) : this.s.host;
    return nodemailer.createTransport({
      host: address, port: this.s.port, secure: this.s.secure, ...(this.s.user ? { auth: { user: this.s.user, pass: this.s.password ?? '' } } : {}),
      // Certificates are still checked against the name the tenant gave.
      tls: { servername: this.s.host },
      connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
    });
  }

  /** A plain e-mail to a person (account invitations and password resets). */
  async sendText(to: string, subject: string, text: string): Promise<void> {
    const transport = await this.transport();
    await transport.sendMail({ from: this.s.from, to, subject, text });
  }

  async send(m: OutgoingMessage): Promise<void> {
    if (!m.to) throw Object.assign(new Error('the order has no e-mail address'), { retryable: false, code: 'NO_RECIPIENT' });
    let transport;
    try {
      transport = await this.transport();
    } catch (e) {
      const blocked = blockedCause(e);
      throw Object.assign(new Error(blocked ? `SMTP refused: ${blocked.message}` : `SMTP host not found: ${this.s.host}`), { retryable: !blocked });
    }
    try {
      await transport.sendMail({ from: this.s.from, to: m.to, subject: m.subject, text: m.text, headers: { 'Content-Language': m.language } });
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      throw Object.assign(new Error(`SMTP: ${(e as Error).message}`), { retryable: code === undefined || code >= 400 && code < 500 ? true : code < 500 });
    }
  }
}
