import type { MapContext, MappedOrder } from '../../channels/channel-order.js';
import { amazonOrders, mapAmazonOrder } from './amazon/map.js';
import { mapShopifyOrder, shopifyOrders } from './shopify/map.js';
import { mapTikTokOrder, tiktokOrders } from './tiktok/map.js';
import { mapWooOrder, wooOrders } from './woocommerce/map.js';

type Json = Record<string, unknown>;

/** Channel payload formats `orders import --format` reads: how to list the orders and map one. */
export const CHANNEL_FORMATS = {
  'shopify-json': { channel: 'shopify', list: shopifyOrders, map: (o: Json) => mapShopifyOrder(o) },
  'amazon-json': { channel: 'amazon', list: amazonOrders, map: (o: Json) => mapAmazonOrder(o) },
  'tiktok-json': { channel: 'tiktok', list: tiktokOrders, map: (o: Json, ctx: MapContext) => mapTikTokOrder(o, ctx) },
  'woo-json': { channel: 'woocommerce', list: wooOrders, map: (o: Json) => mapWooOrder(o) },
} as const satisfies Record<string, { channel: string; list: (p: unknown) => Json[]; map: (o: Json, ctx: MapContext) => MappedOrder }>;

export type ChannelFormat = keyof typeof CHANNEL_FORMATS;
export const CHANNEL_FORMAT_NAMES = Object.keys(CHANNEL_FORMATS) as ChannelFormat[];
