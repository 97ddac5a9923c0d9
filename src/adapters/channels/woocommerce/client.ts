import { createHmac } from 'node:crypto';
import type { ChannelClient, TrackingPush } from '../../../channels/ports.js';
import { call, hmacEquals, header, type ConnectionSecrets } from '../http.js';
import { mapWooOrder, wooOrders } from './map.js';

type Json = Record<string, unknown>;

/** WooCommerce REST API v3 with consumer key and secret. */
export class WooClient implements ChannelClient {
  constructor(private readonly base: string, private readonly s: ConnectionSecrets, private readonly f: typeof fetch = fetch) {}

  private url(path: string) {
    return `${this.base.replace(/\/+$/, '')}/wp-json/wc/v3${path}`;
  }

  private get auth() {
    return { authorization: `Basic ${Buffer.from(`${this.s.key ?? ''}:${this.s.secret ?? ''}`).toString('base64')}` };
  }

  async pull(cursor: string | null) {
    const orders: Json[] = [];
    let latest = cursor;
    for (let page = 1; page <= 100; page++) {
      const q = new URLSearchParams({ per_page: '50', page: String(page), orderby: 'modified', order: 'asc', ...(cursor ? { modified_after: cursor } : {}) });
      const list = (await call(this.f, this.url(`/orders?${q}`), { headers: this.auth }, 'WooCommerce')) as Json[];
      for (const o of list) {
        orders.push(o);
        const u = o['date_modified_gmt'] as string | undefined;
        if (u && (!latest || u > latest)) latest = u;
      }
      if (list.length < 50) break;
    }
    return { orders, cursor: latest };
  }

  async pushTracking(refs: Record<string, unknown>, t: TrackingPush) {
    const id = String(refs['order_id']);
    const notes = (await call(this.f, this.url(`/orders/${id}/notes`), { headers: this.auth }, 'WooCommerce')) as { note?: string }[];
    if (notes.some((n) => t.trackingNumbers.every((tn) => (n.note ?? '').includes(tn)))) return;
    await call(this.f, this.url(`/orders/${id}`), {
      method: 'PUT', headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ meta_data: [{ key: '_lastmile_tracking', value: t.trackingNumbers.map((n, k) => ({ carrier: t.carrier, service: t.service, number: n, url: t.trackingUrls[k] })) }] }),
    }, 'WooCommerce');
    await call(this.f, this.url(`/orders/${id}/notes`), {
      method: 'POST', headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ note: `Shipped with ${t.carrier.toUpperCase()} (${t.service}): ${t.trackingNumbers.map((n, k) => `${n} ${t.trackingUrls[k]}`).join(', ')}`, customer_note: true }),
    }, 'WooCommerce');
  }

  /** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body with the webhook's secret. */
  verifyWebhook(raw: Buffer, headers: Record<string, string | string[] | undefined>) {
    const got = header(headers, 'x-wc-webhook-signature') ?? '';
    const secret = this.s.webhook_secret ?? this.s.secret;
    return !!secret && hmacEquals(got, createHmac('sha256', secret).update(raw).digest('base64'));
  }

  map(o: Json) {
    return mapWooOrder(o);
  }

  fromWebhook(body: unknown) {
    return wooOrders(body);
  }
}

