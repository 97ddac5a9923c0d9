import { systemClock, type Clock } from '../../kernel/clock.js';
import type { ChannelClient, ChannelKind } from '../../channels/ports.js';
import { AmazonClient } from './amazon/client.js';
import type { ConnectionSecrets } from './http.js';
import { ShopifyClient } from './shopify/client.js';
import { TikTokClient } from './tiktok/client.js';
import { WooClient } from './woocommerce/client.js';

type Json = Record<string, unknown>;

export { amazonConfirmShipment } from './amazon/client.js';
export { tiktokSign } from './tiktok/client.js';
export type { ConnectionSecrets } from './http.js';

/** The client of a connection's channel. */
export function channelClient(kind: ChannelKind, base: string, secrets: ConnectionSecrets, settings: Json, f: typeof fetch = fetch, clock: Clock = systemClock): ChannelClient {
  switch (kind) {
    case 'shopify':
      return new ShopifyClient(base, secrets, f, String(settings['api_version'] ?? '2026-07'));
    case 'woocommerce':
      return new WooClient(base, secrets, f);
    case 'amazon':
      return new AmazonClient(base, secrets, settings, f, clock);
    case 'tiktok':
      return new TikTokClient(base, secrets, settings, f, clock);
  }
}
