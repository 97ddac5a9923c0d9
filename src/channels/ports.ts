import type { MapContext, MappedOrder } from './channel-order.js';

type Json = Record<string, unknown>;

export const CHANNEL_KINDS = ['shopify', 'amazon', 'tiktok', 'woocommerce'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface TrackingPush {
  carrier: string;
  service: string;
  trackingNumbers: string[];
  trackingUrls: string[];
  shipDate: string;
}

/** A thin client of one channel's API: pull changed orders, push tracking back. */
export interface ChannelClient {
  /** Orders changed since `cursor` (the channel's own paging inside), and the cursor to save. */
  pull(cursor: string | null): Promise<{ orders: Json[]; cursor: string | null }>;
  /** Sends tracking in the channel's format; must not send it twice for the same number. */
  pushTracking(refs: Record<string, unknown>, t: TrackingPush): Promise<void>;
  /** Checks a webhook's signature over the raw body (channels that sign them). */
  verifyWebhook?(raw: Buffer, headers: Record<string, string | string[] | undefined>): boolean;
  /** Maps one raw order. */
  map(o: Json, ctx: MapContext): MappedOrder;
  /** Orders inside a webhook body. */
  fromWebhook(body: unknown): Json[];
}

export class ChannelError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly status: number | null = null) {
    super(message);
  }
}
