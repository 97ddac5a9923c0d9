import { safeEqual } from '../../kernel/safe-equal.js';
import { ChannelError } from '../../channels/ports.js';

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

export async function call(f: typeof fetch, url: string, init: RequestInit, what: string): Promise<unknown> {
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

export const hmacEquals = (a: string, b: string) => safeEqual(a, b);
export const header = (h: Record<string, string | string[] | undefined>, k: string) => {
  const v = h[k.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

