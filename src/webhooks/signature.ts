import { createHmac, timingSafeEqual } from 'node:crypto';

/** `Lastmile-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (CONVENTIONS.md). */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What a receiver does: the signature matches and is at most `toleranceS` old. */
export function verifyWebhook(secret: string, body: string, header: string, now: Date, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts['t']);
  if (!Number.isFinite(t) || Math.abs(now.getTime() / 1000 - t) > toleranceS || !parts['v1']) return false;
  const want = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return want.length === parts['v1'].length && timingSafeEqual(Buffer.from(want), Buffer.from(parts['v1']));
}
