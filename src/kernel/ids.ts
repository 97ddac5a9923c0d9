import { randomBytes } from 'node:crypto';

/** Entity prefixes of public ids (CONVENTIONS.md). */
export const ID_PREFIXES = {
  tenant: 'ten',
  apiKey: 'key',
  warehouse: 'wh',
  sku: 'sku',
  order: 'ord',
  orderEvent: 'oev',
  job: 'job',
  truckPlan: 'tpl',
  rateCard: 'rc',
  zoneChart: 'zc',
  shipment: 'shp',
  shipmentEvent: 'sev',
  carrierAccount: 'ca',
  outbox: 'obx',
  manifest: 'man',
  trackingCase: 'case',
  webhook: 'whk',
  webhookDelivery: 'whd',
  notification: 'ntf',
  channel: 'chn',
  user: 'usr',
  userSession: 'ses',
  userToken: 'utk',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A ULID (48-bit ms time + 80 random bits, Crockford base32), monotonic within one
 * millisecond in this process. Ids therefore sort by creation time, which is what cursor
 * pagination relies on.
 */
export function ulid(now: number = Date.now()): string {
  if (now <= lastTime) {
    // Same (or earlier, clock skew) millisecond: increment the random part so order holds.
    now = lastTime;
    for (let i = lastRandom.length - 1; i >= 0; i--) {
      if (lastRandom[i]! < 31) {
        lastRandom[i]!++;
        break;
      }
      lastRandom[i] = 0;
    }
  } else {
    const bytes = randomBytes(16);
    lastRandom = Array.from({ length: 16 }, (_, i) => bytes[i]! & 31);
    // Leave headroom so increments within one ms do not overflow.
    lastRandom[0] = lastRandom[0]! & 15;
  }
  lastTime = now;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + lastRandom.map((d) => CROCKFORD[d]).join('');
}

export function newId(kind: IdKind, now?: number): string {
  return `${ID_PREFIXES[kind]}_${ulid(now)}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}

/** The millisecond time a ULID was made at (undefined when `s` is not a ULID). */
export function ulidTime(s: string): number | undefined {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(s)) return undefined;
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + CROCKFORD.indexOf(s[i]!);
  return t;
}
