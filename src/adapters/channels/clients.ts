import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MapContext } from '../../channels/channel-order.js';
import { ChannelError, type ChannelClient, type ChannelKind, type TrackingPush } from '../../channels/ports.js';
import { amazonOrders, mapAmazonOrder } from './amazon/map.js';
import { mapShopifyOrder, shopifyOrders } from './shopify/map.js';
import { mapTikTokOrder, tiktokOrders } from './tiktok/map.js';
import { mapWooOrder, wooOrders } from './woocommerce/map.js';

type Json = Record<string, unknown>;

export interface ConnectionSecrets {
  /** Shopify Admin API access token; WooCommerce consumer key; TikTok app key; Amazon LWA client id. */
  key?: string;
  /** WooCommerce consumer secret; TikTok app secret; Amazon LWA client secret; Shopify app secret (webhook HMAC). */
  secret?: string;
  /** TikTok and Amazon access or refresh token. */
  token?: string;
  /** Webhook signing secret (WooCommerce). */
  webhook_secret?: string;
}

async function call(f: typeof fetch, url: string, init: RequestInit, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await f(url, { ...init, signal: AbortSignal.timeout(20_000) });
  } catch (e) {
    throw new ChannelError(`${what}: not reachable (${((e as Error).cause as Error | undefined)?.message ?? (e as Error).message})`, true);
  }
  const text = await res.text();
  if (!res.ok) throw new ChannelError(`${what}: answered ${res.status} ${text.slice(0, 300)}`, res.status >= 500 || res.status === 429 || res.status === 408, res.status);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new ChannelError(`${what}: the answer is not JSON`, true, res.status);
  }
}

const hmacEquals = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const header = (h: Record<string, string | string[] | undefined>, k: string) => {
  const v = h[k.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

const SHOPIFY_ORDERS = `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { id name email phone createdAt updatedAt cancelledAt currencyCode tags note displayFinancialStatus displayFulfillmentStatus paymentGatewayNames
      totalPriceSet { shopMoney { amount currencyCode } } shippingLine { title code }
      shippingAddress { firstName lastName company address1 address2 city provinceCode zip countryCodeV2 phone latitude longitude }
      lineItems(first: 100) { nodes { id sku name quantity requiresShipping originalUnitPriceSet { shopMoney { amount } } } } }
  }
}`;
const SHOPIFY_FULFILLMENT_STATE = `query State($id: ID!) { order(id: $id) { fulfillments { trackingInfo { number } } fulfillmentOrders(first: 20) { nodes { id status } } } }`;
const SHOPIFY_FULFILL = `mutation Fulfill($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } } }`;

/** Shopify Admin GraphQL API (REST is legacy for Shopify). */
export class ShopifyClient implements ChannelClient {
  constructor(private readonly base: string, private readonly s: ConnectionSecrets, private readonly f: typeof fetch = fetch, private readonly version = '2026-07') {}

  private gql(query: string, variables: Json) {
    return call(this.f, `${this.base.replace(/\/+$/, '')}/admin/api/${this.version}/graphql.json`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': this.s.key ?? '' }, body: JSON.stringify({ query, variables }),
    }, 'Shopify') as Promise<{ data?: Json; errors?: unknown }>;
  }

  async pull(cursor: string | null) {
    const orders: Json[] = [];
    let after: string | null = null;
    let latest = cursor;
    for (let page = 0; page < 100; page++) {
      const r = await this.gql(SHOPIFY_ORDERS, { first: 50, after, query: cursor ? `updated_at:>'${cursor}'` : null });
      if (r.errors) throw new ChannelError(`Shopify: ${JSON.stringify(r.errors).slice(0, 300)}`, false);
      const conn = (r.data?.['orders'] ?? {}) as { nodes?: Json[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string } };
      for (const o of conn.nodes ?? []) {
        orders.push(o);
        const u = o['updatedAt'] as string | undefined;
        if (u && (!latest || u > latest)) latest = u;
      }
      if (!conn.pageInfo?.hasNextPage) break;
      after = conn.pageInfo.endCursor ?? null;
    }
    return { orders, cursor: latest };
  }

  async pushTracking(refs: Record<string, unknown>, t: TrackingPush) {
    const id = String(refs['order_gid']);
    const state = await this.gql(SHOPIFY_FULFILLMENT_STATE, { id });
    const order = state.data?.['order'] as { fulfillments?: { trackingInfo?: { number?: string }[] }[]; fulfillmentOrders?: { nodes?: { id: string; status: string }[] } } | undefined;
    if (!order) throw new ChannelError(`Shopify: order ${id} not found`, false);
    const sent = new Set((order.fulfillments ?? []).flatMap((f) => (f.trackingInfo ?? []).map((i) => i.number)));
    if (t.trackingNumbers.every((n) => sent.has(n))) return;
    const open = (order.fulfillmentOrders?.nodes ?? []).filter((n) => n.status === 'OPEN' || n.status === 'IN_PROGRESS');
    if (open.length === 0) throw new ChannelError(`Shopify: order ${id} has no open fulfillment order`, false);
    const r = await this.gql(SHOPIFY_FULFILL, {
      fulfillment: {
        lineItemsByFulfillmentOrder: open.map((n) => ({ fulfillmentOrderId: n.id })),
        trackingInfo: { company: t.carrier.toUpperCase(), numbers: t.trackingNumbers, urls: t.trackingUrls },
        notifyCustomer: true,
      },
    });
    const errs = ((r.data?.['fulfillmentCreate'] as { userErrors?: { message: string }[] } | undefined)?.userErrors ?? []);
    if (errs.length) throw new ChannelError(`Shopify: ${errs.map((e) => e.message).join('; ')}`, false);
  }

  /** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body with the app's secret. */
  verifyWebhook(raw: Buffer, headers: Record<string, string | string[] | undefined>) {
    const got = header(headers, 'x-shopify-hmac-sha256') ?? '';
    return !!this.s.secret && hmacEquals(got, createHmac('sha256', this.s.secret).update(raw).digest('base64'));
  }

  map(o: Json) {
    return mapShopifyOrder(o);
  }

  fromWebhook(body: unknown) {
    return shopifyOrders(body);
  }
}

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

/** The Amazon confirmShipment body (Orders v0), validated against Amazon's published model in the tests. */
export function amazonConfirmShipment(refs: Record<string, unknown>, t: TrackingPush, k = 0) {
  const items = (refs['items'] as { orderItemId: string; quantity: number }[] | undefined) ?? [];
  const known = ['UPS', 'USPS', 'FEDEX', 'DHL', 'ONTRAC'];
  const code = known.includes(t.carrier.toUpperCase()) ? (t.carrier.toUpperCase() === 'FEDEX' ? 'FedEx' : t.carrier.toUpperCase()) : 'Other';
  return {
    marketplaceId: String(refs['marketplace_id'] ?? 'ATVPDKIKX0DER'),
    packageDetail: {
      packageReferenceId: String(k + 1), carrierCode: code, ...(code === 'Other' ? { carrierName: t.carrier } : {}), shippingMethod: t.service,
      trackingNumber: t.trackingNumbers[k]!, shipDate: new Date(t.shipDate).toISOString(), orderItems: items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
    },
  };
}

/** Amazon SP-API Orders v0 (LWA refresh token exchanged for an access token). */
export class AmazonClient implements ChannelClient {
  private access: { token: string; until: number } | undefined;
  constructor(private readonly base: string, private readonly s: ConnectionSecrets, private readonly settings: Json, private readonly f: typeof fetch = fetch) {}

  private async token(): Promise<string> {
    if (this.access && this.access.until > Date.now() + 60_000) return this.access.token;
    const url = String(this.settings['token_url'] ?? 'https://api.amazon.com/auth/o2/token');
    const r = (await call(this.f, url, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.s.token ?? '', client_id: this.s.key ?? '', client_secret: this.s.secret ?? '' }).toString(),
    }, 'Amazon LWA')) as { access_token?: string; expires_in?: number };
    if (!r.access_token) throw new ChannelError('Amazon LWA: no access token', false);
    this.access = { token: r.access_token, until: Date.now() + (r.expires_in ?? 3600) * 1000 };
    return this.access.token;
  }

  private async get(path: string) {
    return call(this.f, `${this.base.replace(/\/+$/, '')}${path}`, { headers: { 'x-amz-access-token': await this.token() } }, 'Amazon') as Promise<{ payload?: Json }>;
  }

  async pull(cursor: string | null) {
    const marketplaces = String(this.settings['marketplace_ids'] ?? 'ATVPDKIKX0DER');
    const orders: Json[] = [];
    let latest = cursor;
    let next: string | undefined;
    for (let page = 0; page < 100; page++) {
      const q = new URLSearchParams({ MarketplaceIds: marketplaces, ...(next ? { NextToken: next } : { LastUpdatedAfter: cursor ?? new Date(Date.now() - 7 * 86_400_000).toISOString() }) });
      const r = await this.get(`/orders/v0/orders?${q}`);
      for (const o of amazonOrders(r)) {
        const items = await this.get(`/orders/v0/orders/${encodeURIComponent(String(o['AmazonOrderId']))}/orderItems`);
        orders.push({ ...o, OrderItems: (items.payload?.['OrderItems'] as Json[] | undefined) ?? [] });
        const u = o['LastUpdateDate'] as string | undefined;
        if (u && (!latest || u > latest)) latest = u;
      }
      next = r.payload?.['NextToken'] as string | undefined;
      if (!next) break;
    }
    return { orders, cursor: latest };
  }

  async pushTracking(refs: Record<string, unknown>, t: TrackingPush) {
    for (let k = 0; k < t.trackingNumbers.length; k++) {
      await call(this.f, `${this.base.replace(/\/+$/, '')}/orders/v0/orders/${encodeURIComponent(String(refs['order_id']))}/shipmentConfirmation`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': await this.token() }, body: JSON.stringify(amazonConfirmShipment(refs, t, k)),
      }, 'Amazon').catch((e: ChannelError) => {
        // A package confirmed before (a retry after a lost answer) is not an error.
        if (e.status === 400 && /already|duplicate/i.test(e.message)) return;
        throw e;
      });
    }
  }

  map(o: Json) {
    return mapAmazonOrder(o);
  }

  fromWebhook(body: unknown) {
    return amazonOrders(body);
  }
}

/** TikTok Shop request signature (202309): HMAC-SHA256 over secret + path + sorted params + body + secret. */
export function tiktokSign(secret: string, path: string, params: Record<string, string>, body: string): string {
  const keys = Object.keys(params).filter((k) => k !== 'sign' && k !== 'access_token').sort();
  const input = `${secret}${path}${keys.map((k) => `${k}${params[k]}`).join('')}${body}${secret}`;
  return createHmac('sha256', secret).update(input).digest('hex');
}

/** TikTok Shop Partner API 202309. */
export class TikTokClient implements ChannelClient {
  constructor(private readonly base: string, private readonly s: ConnectionSecrets, private readonly settings: Json, private readonly f: typeof fetch = fetch) {}

  private async req(method: 'GET' | 'POST', path: string, extra: Record<string, string>, body: Json | null) {
    const params: Record<string, string> = { app_key: this.s.key ?? '', timestamp: String(Math.floor(Date.now() / 1000)), ...(this.settings['shop_cipher'] ? { shop_cipher: String(this.settings['shop_cipher']) } : {}), ...extra };
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
      const since = cursor ? Math.floor(Date.parse(cursor) / 1000) : Math.floor(Date.now() / 1000) - 7 * 86_400;
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
      await this.req('POST', `/fulfillment/202309/packages/${encodeURIComponent(pkg)}/ship`, {}, { handover_method: 'DROP_OFF', self_shipment: { tracking_number: t.trackingNumbers[k] ?? t.trackingNumbers[0], shipping_provider_id: provider } });
    }
  }

  map(o: Json, ctx: MapContext) {
    return mapTikTokOrder(o, ctx);
  }

  fromWebhook(body: unknown) {
    return tiktokOrders(body);
  }
}

export function channelClient(kind: ChannelKind, base: string, secrets: ConnectionSecrets, settings: Json, f: typeof fetch = fetch): ChannelClient {
  switch (kind) {
    case 'shopify':
      return new ShopifyClient(base, secrets, f, String(settings['api_version'] ?? '2026-07'));
    case 'woocommerce':
      return new WooClient(base, secrets, f);
    case 'amazon':
      return new AmazonClient(base, secrets, settings, f);
    case 'tiktok':
      return new TikTokClient(base, secrets, settings, f);
  }
}
