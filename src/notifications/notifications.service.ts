import { z } from 'zod';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { assertPublicTarget, type HostCheck } from '../kernel/blocked-address.js';
import { newWebhookSecret } from '../webhooks/signature.js';
import { newId } from '../kernel/ids.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { OutboxRow } from '../outbox/ports.js';
import { PAGE_LANGUAGES, type PageLanguage } from '../tracking/page.js';
import type { TrackingStatus } from '../tracking/taxonomy.js';
import type { Notifier } from './ports.js';
import { languageForCountry, NOTIFICATION_KINDS, renderNotification, type NotificationKind } from './templates.js';

export const OUTBOX_NOTIFY = 'notify.send';


export const notificationSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  channel: z.enum(['log', 'webhook', 'smtp']).default('log'),
  kinds: z.array(z.enum(NOTIFICATION_KINDS)).default([...NOTIFICATION_KINDS]),
  language: z.enum(PAGE_LANGUAGES).nullish().describe("force one language; else from the destination country").transform((v) => v ?? null),
  webhook_url: z.url().nullish().transform((v) => v ?? null),
  smtp: z.object({
    host: z.string().min(1), port: z.number().int().min(1).max(65535).default(587), secure: z.boolean().default(false),
    user: z.string().optional(), password: z.string().optional().describe('stored encrypted, never returned'), from: z.string().min(3),
  }).nullish().transform((v) => v ?? null),
}).refine((s) => s.channel !== 'webhook' || s.webhook_url, { message: 'webhook_url is required for the webhook channel', path: ['webhook_url'] })
  .refine((s) => s.channel !== 'smtp' || s.smtp, { message: 'smtp settings are required for the smtp channel', path: ['smtp'] });
export type NotificationSettings = z.output<typeof notificationSettingsSchema>;
/** The settings as the API shows them: no secrets, only whether they are set. */
export const notificationSettingsViewSchema = z.object({
  enabled: z.boolean(),
  channel: z.enum(['log', 'webhook', 'smtp']),
  kinds: z.array(z.enum(NOTIFICATION_KINDS)),
  language: z.enum(PAGE_LANGUAGES).nullable(),
  webhook_url: z.string().nullable(),
  webhook_secret_set: z.boolean(),
  smtp: z.object({ host: z.string(), port: z.number(), secure: z.boolean(), user: z.string().optional(), from: z.string(), password_set: z.boolean() }).nullable(),
});
export type NotificationSettingsView = z.output<typeof notificationSettingsViewSchema>;
export type StoredNotificationSettings = Omit<NotificationSettings, 'smtp'> & {
  smtp: (Omit<NonNullable<NotificationSettings['smtp']>, 'password'> & { password_sealed?: string | undefined }) | null;
  /** The webhook channel's signing secret, sealed; shown once when made or rotated. */
  webhook_secret_sealed?: string | undefined;
};

export interface NotificationRecord {
  id: string;
  shipment_id: string;
  kind: NotificationKind;
  language: string;
  channel: string;
  recipient: string | null;
  subject: string;
  body: string;
  state: 'pending' | 'sent' | 'failed';
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationRepo {
  settings(tenantId: string): Promise<StoredNotificationSettings | undefined>;
  saveSettings(tenantId: string, s: StoredNotificationSettings): Promise<void>;
  /** Queues once per shipment and kind; returns the ids actually created. */
  enqueue(tenantId: string, rows: (Omit<NotificationRecord, 'state' | 'error' | 'created_at' | 'sent_at'> & { tracking_number: string })[]): Promise<string[]>;
  get(tenantId: string, id: string): Promise<NotificationRecord | undefined>;
  mark(tenantId: string, id: string, state: 'sent' | 'failed', error: string | null): Promise<void>;
  list(tenantId: string, shipmentId: string): Promise<NotificationRecord[]>;
}

export interface StatusChange {
  shipment_id: string;
  previous: TrackingStatus | null;
  status: TrackingStatus;
  tracking_number: string;
  carrier: string;
  email: string | null;
  country: string;
  expected: string | null;
}

/** The notification a status change calls for, if any. */
export function kindFor(previous: TrackingStatus | null, status: TrackingStatus): NotificationKind | null {
  if (previous === status) return null;
  if (status === 'in_transit' && (previous === null || previous === 'pending' || previous === 'info_received')) return 'shipped';
  if (status === 'out_for_delivery') return 'out_for_delivery';
  if (status === 'delivered') return 'delivered';
  if (status === 'exception' || status === 'attempt_failed' || status === 'returning') return 'problem';
  return null;
}

/**
 * Customer notifications: shipped, out for delivery, delivered, problem — rendered in the
 * customer's language and sent once each through the tenant's notifier (log, webhook, SMTP), via
 * the outbox so a failing mail server is retried.
 */
export class NotificationsService {
  private readonly cache = new Map<string, { at: number; s: StoredNotificationSettings | null }>();

  constructor(
    private readonly d: {
      repo: NotificationRepo;
      outbox: OutboxService;
      clock: Clock;
      seal: (s: string) => Promise<string>;
      /** Refuses a host that is not public (SSRF); resolves when it is, or cannot be resolved now. */
      checkHost: HostCheck;
      notifierFor: (tenantId: string, s: StoredNotificationSettings) => Promise<Notifier>;
      brandFor: (tenantId: string) => Promise<string>;
      publicUrl: string;
    },
  ) {
    d.outbox.register(OUTBOX_NOTIFY, { run: (row) => this.send(row), giveUp: (row, err) => this.d.repo.mark(row.tenant_id, String(row.payload['notification_id']), 'failed', (err as Error).message ?? String(err)) });
  }

  async settings(tenantId: string): Promise<NotificationSettingsView> {
    const base: StoredNotificationSettings = (await this.d.repo.settings(tenantId)) ?? { ...notificationSettingsSchema.parse({}), smtp: null };
    const { webhook_secret_sealed, smtp, ...rest } = base;
    return {
      ...rest, webhook_secret_set: !!webhook_secret_sealed,
      smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, ...(smtp.user ? { user: smtp.user } : {}), from: smtp.from, password_set: !!smtp.password_sealed } : null,
    };
  }

  /**
   * Saves the settings. The webhook channel's first save makes its signing secret and returns it
   * once (`webhook_secret`); later saves keep it (rotate with `rotateWebhookSecret`).
   */
  async saveSettings(tenantId: string, input: unknown): Promise<NotificationSettingsView & { webhook_secret?: string }> {
    const p = notificationSettingsSchema.safeParse(input);
    if (!p.success) throw new AppError('VALIDATION_FAILED', 'The notification settings are not valid', { errors: p.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const { smtp, ...rest } = p.data;
    if (rest.webhook_url) await assertPublicTarget(this.d.checkHost, new URL(rest.webhook_url).hostname, 'webhook_url');
    if (smtp) await assertPublicTarget(this.d.checkHost, smtp.host, 'smtp.host');
    const before = await this.d.repo.settings(tenantId);
    let secret: string | undefined;
    let sealedSecret = before?.webhook_secret_sealed;
    if (rest.channel === 'webhook' && !sealedSecret) {
      secret = newWebhookSecret();
      sealedSecret = await this.d.seal(secret);
    }
    const stored: StoredNotificationSettings = {
      ...rest, webhook_secret_sealed: sealedSecret,
      // A save without the SMTP password keeps the stored one (the form never sees it to send it back).
      smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user, from: smtp.from, password_sealed: smtp.password ? await this.d.seal(smtp.password) : before?.smtp?.password_sealed } : null,
    };
    await this.d.repo.saveSettings(tenantId, stored);
    this.cache.delete(tenantId);
    return { ...(await this.settings(tenantId)), ...(secret ? { webhook_secret: secret } : {}) };
  }

  /** A new signing secret for the notification webhook, returned once; the old one stops at once. */
  async rotateWebhookSecret(tenantId: string): Promise<{ webhook_secret: string }> {
    const before = await this.d.repo.settings(tenantId);
    if (!before || before.channel !== 'webhook') throw new AppError('INVALID_STATE', 'Notifications do not use the webhook channel; set channel "webhook" first');
    const secret = newWebhookSecret();
    await this.d.repo.saveSettings(tenantId, { ...before, webhook_secret_sealed: await this.d.seal(secret) });
    this.cache.delete(tenantId);
    return { webhook_secret: secret };
  }

  private async cached(tenantId: string): Promise<StoredNotificationSettings | null> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < 5000) return hit.s;
    const s = (await this.d.repo.settings(tenantId)) ?? null;
    this.cache.set(tenantId, { at: Date.now(), s });
    return s;
  }

  /** Status changes from tracking: queues what the tenant asked to send. */
  async onChanges(tenantId: string, changes: StatusChange[]): Promise<number> {
    const s = await this.cached(tenantId);
    if (!s?.enabled || changes.length === 0) return 0;
    const brand = await this.d.brandFor(tenantId);
    const rows = [];
    for (const c of changes) {
      const kind = kindFor(c.previous, c.status);
      if (!kind || !s.kinds.includes(kind)) continue;
      const lang: PageLanguage = s.language ?? languageForCountry(c.country);
      const msg = renderNotification(kind, lang, { brand, tracking_number: c.tracking_number, carrier: c.carrier, url: `${this.d.publicUrl}/t/${encodeURIComponent(c.tracking_number)}?lang=${lang}`, expected: c.expected });
      rows.push({ id: newId('notification'), shipment_id: c.shipment_id, kind, language: lang, channel: s.channel, recipient: c.email, subject: msg.subject, body: msg.body, tracking_number: c.tracking_number });
    }
    if (rows.length === 0) return 0;
    const created = await this.d.repo.enqueue(tenantId, rows);
    if (created.length) this.d.outbox.kick();
    return created.length;
  }

  list(tenantId: string, shipmentId: string) {
    return this.d.repo.list(tenantId, shipmentId);
  }

  private async send(row: OutboxRow): Promise<void> {
    const id = String(row.payload['notification_id']);
    const n = await this.d.repo.get(row.tenant_id, id);
    if (!n || n.state !== 'pending') return;
    const s = await this.d.repo.settings(row.tenant_id);
    if (!s) throw Object.assign(new Error('notifications are not configured'), { retryable: false });
    const notifier = await this.d.notifierFor(row.tenant_id, { ...s, channel: n.channel as StoredNotificationSettings['channel'] });
    await notifier.send({ id: n.id, to: n.recipient, subject: n.subject, text: n.body, language: n.language, kind: n.kind, shipment_id: n.shipment_id, tracking_number: String(row.payload['tracking_number'] ?? '') });
    await this.d.repo.mark(row.tenant_id, id, 'sent', null);
  }
}
