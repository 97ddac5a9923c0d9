import nodemailer from 'nodemailer';
import type { Notifier, OutgoingMessage } from '../../notifications/ports.js';
import { signWebhook } from '../../webhooks/signature.js';

/** Records the message (the notifications table is the log) and writes one line without personal data. */
export class LogNotifier implements Notifier {
  readonly channel = 'log' as const;
  constructor(private readonly log?: { info(obj: object, msg: string): void }) {}
  async send(m: OutgoingMessage): Promise<void> {
    this.log?.info({ kind: m.kind, shipment_id: m.shipment_id, language: m.language }, 'customer notification recorded');
  }
}

/** POSTs the rendered message, signed like every lastmile webhook, for the tenant's own messaging. */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;
  constructor(private readonly url: string, private readonly secret: string, private readonly fetchFn: typeof fetch = fetch) {}
  async send(m: OutgoingMessage): Promise<void> {
    const body = JSON.stringify({ type: 'notification', data: m });
    const res = await this.fetchFn(this.url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'lastmile-signature': signWebhook(this.secret, body, new Date()) }, body, signal: AbortSignal.timeout(10_000),
    }).catch((e: Error) => {
      throw Object.assign(new Error(`notification webhook not reachable: ${e.message}`), { retryable: true });
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
  private readonly transport;
  constructor(private readonly s: SmtpSettings) {
    this.transport = nodemailer.createTransport({
      host: s.host, port: s.port, secure: s.secure, ...(s.user ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
      connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
    });
  }
  async send(m: OutgoingMessage): Promise<void> {
    if (!m.to) throw Object.assign(new Error('the order has no e-mail address'), { retryable: false, code: 'NO_RECIPIENT' });
    try {
      await this.transport.sendMail({ from: this.s.from, to: m.to, subject: m.subject, text: m.text, headers: { 'Content-Language': m.language } });
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      throw Object.assign(new Error(`SMTP: ${(e as Error).message}`), { retryable: code === undefined || code >= 400 && code < 500 ? true : code < 500 });
    }
  }
}
