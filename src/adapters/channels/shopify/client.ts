import { createHmac } from 'node:crypto';
import { ChannelError, type ChannelClient, type TrackingPush } from '../../../channels/ports.js';
import { call, hmacEquals, header, type ConnectionSecrets } from '../http.js';
import { mapShopifyOrder, shopifyOrders } from './map.js';

type Json = Record<string, unknown>;

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

