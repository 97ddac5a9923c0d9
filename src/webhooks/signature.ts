import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../kernel/safe-equal.js';

/** `Lastmile-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (CONVENTIONS.md). */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What a receiver does: the signature matches and is at most `toleranceS` old. */
export function verifyWebhook(secret: string, body: string | Buffer, header: string, now: Date, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => { const i = p.indexOf('='); return [p.slice(0, i).trim(), p.slice(i + 1).trim()]; }));
  const t = Number(parts['t']);
  if (!Number.isFinite(t) || Math.abs(now.getTime() / 1000 - t) > toleranceS || !parts['v1']) return false;
  return safeEqual(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'), parts['v1']);
}

/** A new endpoint signing secret (`whsec_…`), shown to the tenant once. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;
