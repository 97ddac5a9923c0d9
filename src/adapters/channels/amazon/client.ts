import { systemClock, type Clock } from '../../../kernel/clock.js';
import { ChannelError, type ChannelClient, type TrackingPush } from '../../../channels/ports.js';
import { call, type ConnectionSecrets } from '../http.js';
import { amazonOrders, mapAmazonOrder } from './map.js';

type Json = Record<string, unknown>;

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
  constructor(private readonly base: string, private readonly s: ConnectionSecrets, private readonly settings: Json, private readonly f: typeof fetch = fetch, private readonly clock: Clock = systemClock) {}

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

  private async get(path: string, token?: string) {
    return call(this.f, `${this.base.replace(/\/+$/, '')}${path}`, { headers: { 'x-amz-access-token': token ?? (await this.token()) } }, 'Amazon') as Promise<{ payload?: Json }>;
  }

  /**
   * A restricted data token for getOrders with the buyer's shipping address and contact: without
   * one Amazon leaves the address out (the order is then reported, not guessed). An app Amazon
   * has not approved for that data gets 403: the pull goes on with the plain token.
   */
  private async restrictedToken(): Promise<string | undefined> {
    try {
      const r = (await call(this.f, `${this.base.replace(/\/+$/, '')}/tokens/2021-03-01/restrictedDataToken`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': await this.token() },
        body: JSON.stringify({ restrictedResources: [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] }] }),
      }, 'Amazon tokens')) as { restrictedDataToken?: string };
      return r.restrictedDataToken;
    } catch (e) {
      if (e instanceof ChannelError && (e.status === 403 || e.status === 401)) return undefined;
      throw e;
    }
  }

  async pull(cursor: string | null) {
    const marketplaces = String(this.settings['marketplace_ids'] ?? 'ATVPDKIKX0DER');
    const orders: Json[] = [];
    let latest = cursor;
    let next: string | undefined;
    const rdt = await this.restrictedToken();
    for (let page = 0; page < 100; page++) {
      const q = new URLSearchParams({ MarketplaceIds: marketplaces, ...(next ? { NextToken: next } : { LastUpdatedAfter: cursor ?? new Date(this.clock.now().getTime() - 7 * 86_400_000).toISOString() }) });
      const r = await this.get(`/orders/v0/orders?${q}`, rdt);
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

