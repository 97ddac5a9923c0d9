import { systemClock, type Clock } from '../../../kernel/clock.js';
import { createHmac } from 'node:crypto';
import type { MapContext } from '../../../channels/channel-order.js';
import { ChannelError, type ChannelClient, type TrackingPush } from '../../../channels/ports.js';
import { call, type ConnectionSecrets } from '../http.js';
import { mapTikTokOrder, tiktokOrders } from './map.js';

type Json = Record<string, unknown>;

/** TikTok Shop request signature (202309): HMAC-SHA256 over secret + path + sorted params + body + secret. */
export function tiktokSign(secret: string, path: string, params: Record<string, string>, body: string): string {
  const keys = Object.keys(params).filter((k) => k !== 'sign' && k !== 'access_token').sort();
  const input = `${secret}${path}${keys.map((k) => `${k}${params[k]}`).join('')}${body}${secret}`;
  return createHmac('sha256', secret).update(input).digest('hex');
}

/** TikTok Shop Partner API 202309. */
export class TikTokClient implements ChannelClient {
  constructor(private readonly base: string, private readonly s: ConnectionSecrets, private readonly settings: Json, private readonly f: typeof fetch = fetch, private readonly clock: Clock = systemClock) {}

  private async req(method: 'GET' | 'POST', path: string, extra: Record<string, string>, body: Json | null) {
    const params: Record<string, string> = { app_key: this.s.key ?? '', timestamp: String(Math.floor(this.clock.now().getTime() / 1000)), ...(this.settings['shop_cipher'] ? { shop_cipher: String(this.settings['shop_cipher']) } : {}), ...extra };
    const raw = body ? JSON.stringify(body) : '';
    params['sign'] = tiktokSign(this.s.secret ?? '', path, params, raw);
    const r = (await call(this.f, `${this.base.replace(/\/+$/, '')}${path}?${new URLSearchParams(params)}`, {
      method, headers: { 'content-type': 'application/json', 'x-tts-access-token': this.s.token ?? '' }, ...(raw ? { body: raw } : {}),
    }, 'TikTok Shop')) as { code?: number; message?: string; data?: Json };
    if (r.code !== undefined && r.code !== 0) throw new ChannelError(`TikTok Shop: ${r.code} ${r.message ?? ''}`, false);
    return r.data ?? {};
  }

  async pull(cursor: string | null) {
    const orders: Json[] = [];
    let latest = cursor;
    let token = '';
    for (let page = 0; page < 100; page++) {
      const since = cursor ? Math.floor(Date.parse(cursor) / 1000) : Math.floor(this.clock.now().getTime() / 1000) - 7 * 86_400;
      const data = await this.req('POST', '/order/202309/orders/search', { page_size: '50', ...(token ? { page_token: token } : {}) }, { update_time_ge: since });
      for (const o of tiktokOrders({ data })) {
        orders.push(o);
        const u = typeof o['update_time'] === 'number' ? new Date((o['update_time'] as number) * 1000).toISOString() : null;
        if (u && (!latest || u > latest)) latest = u;
      }
      token = String(data['next_page_token'] ?? '');
      if (!token) break;
    }
    return { orders, cursor: latest };
  }

  async pushTracking(refs: Record<string, unknown>, t: TrackingPush) {
    const packages = (refs['package_ids'] as string[] | undefined) ?? [];
    if (packages.length === 0) throw new ChannelError('TikTok Shop: the order has no package to ship (pull it again once TikTok has created one)', false);
    const providers = (this.settings['shipping_providers'] as Record<string, string> | undefined) ?? {};
    const provider = providers[t.carrier] ?? providers['*'];
    if (!provider) throw new ChannelError(`TikTok Shop: no shipping_provider_id configured for ${t.carrier} (settings.shipping_providers)`, false);
    for (const [k, pkg] of packages.entries()) {
      await this.req('POST', `/fulfillment/202309/packages/${encodeURIComponent(pkg)}/ship`, {}, { handover_method: 'DROP_OFF', self_shipment: { tracking_number: t.trackingNumbers[k] ?? t.trackingNumbers[0], shipping_provider_id: provider } })
        .catch((e: ChannelError) => {
          // Shipped before (a retry after a lost answer): done, not an error.
          if (/already|has been shipped/i.test(e.message)) return;
          throw e;
        });
    }
  }

  map(o: Json, ctx: MapContext) {
    return mapTikTokOrder(o, ctx);
  }

  fromWebhook(body: unknown) {
    return tiktokOrders(body);
  }
}

