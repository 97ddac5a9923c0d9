import { z } from 'zod';
import type { Clock } from '../kernel/clock.js';
import { assertPublicTarget, type HostCheck } from '../kernel/blocked-address.js';
import { AppError, isAppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { orderCreateSchema, channelSchema } from '../orders/order.schema.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { OrderRepo } from '../orders/ports.js';
import type { ChannelWriteBack } from '../shipments/ports.js';
import { createMapped } from './channel-import.service.js';
import type { MapContext } from './channel-order.js';
import { CHANNEL_KINDS, ChannelError, type ChannelClient, type ChannelKind } from './ports.js';

type Json = Record<string, unknown>;

export const connectSchema = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: channelSchema.optional().describe('how orders from this connection are labelled (their `channel`); default: the kind'),
  base_url: z.url({ protocol: /^https?$/ }).max(2000).describe("the shop's API base (Shopify: https://{shop}.myshopify.com; WooCommerce: the site; Amazon: the SP-API regional endpoint; TikTok: the open API host)"),
  credentials: z.object({ key: z.string().max(2000).optional(), secret: z.string().max(4000).optional(), token: z.string().max(8000).optional(), webhook_secret: z.string().max(2000).optional() }).describe('stored encrypted, never returned'),
  settings: z.record(z.string().max(100), z.unknown()).refine((x) => JSON.stringify(x).length <= 64_000, 'at most 64 KB of settings').default({}).describe('marketplace_ids, token_url (Amazon); shop_cipher, shipping_providers (TikTok); api_version (Shopify)'),
});
export type ConnectInput = z.output<typeof connectSchema>;

export interface Connection {
  id: string;
  name: string;
  kind: ChannelKind;
  base_url: string;
  settings: Json;
  cursor: string | null;
  last_sync_at: string | null;
  last_error: string | null;
  created_at: string;
}

export interface ChannelsRepo {
  create(tenantId: string, c: Omit<Connection, 'cursor' | 'last_sync_at' | 'last_error' | 'created_at'> & { credentials: string }): Promise<Connection>;
  list(tenantId: string): Promise<Connection[]>;
  get(tenantId: string, idOrName: string): Promise<(Connection & { credentials: string }) | undefined>;
  /** Removes a connection and its order links; false when there was none. */
  remove(tenantId: string, id: string): Promise<boolean>;
  /** Every connection (the scheduled pull). */
  all(): Promise<{ tenant_id: string; id: string }[]>;
  /** The tenant a connection id belongs to (webhooks arrive without an API key). */
  tenantOf(id: string): Promise<string | undefined>;
  saveSync(tenantId: string, id: string, s: { cursor?: string | null; error: string | null }): Promise<void>;
  channelOrder(tenantId: string, connectionId: string, externalId: string): Promise<{ order_id: string; refs: Json; channel_updated_at: string | null } | undefined>;
  channelOrderByOrder(tenantId: string, orderId: string): Promise<{ connection_id: string; refs: Json } | undefined>;
  saveChannelOrder(tenantId: string, connectionId: string, externalId: string, orderId: string, refs: Json, updatedAt: string | null): Promise<void>;
}

export interface SyncSummary {
  connection: string;
  received: number;
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  stale: number;
  skipped_cancelled: number;
  skipped_fulfilled: number;
  rejected: number;
  errors: { external_id: string; path: string; reason: string }[];
  unmapped: { external_id: string; path: string; reason: string }[];
}

const emptySummary = (connection: string): SyncSummary => ({ connection, received: 0, created: 0, updated: 0, cancelled: 0, unchanged: 0, stale: 0, skipped_cancelled: 0, skipped_fulfilled: 0, rejected: 0, errors: [], unmapped: [] });

/**
 * Sales channel connections: orders pulled (saved cursor) or pushed by signed webhooks, mapped
 * and applied once, newest version wins (late or repeated deliveries change nothing); tracking
 * written back in the channel's own format through the outbox.
 */
export class ChannelsService {
  constructor(
    private readonly d: {
      repo: ChannelsRepo;
      orders: OrdersService;
      orderRepo: OrderRepo;
      clock: Clock;
      /** Refuses shop base URLs that are not public (SSRF); absent: no check. */
      checkHost?: HostCheck;
      seal: (s: string) => Promise<string>;
      open: (s: string) => Promise<string>;
      client: (kind: ChannelKind, baseUrl: string, secrets: Json, settings: Json) => ChannelClient;
      context: () => Promise<MapContext>;
      /** Where tracking goes for orders of no connection (and always, as the tenant's export). */
      csv: ChannelWriteBack;
    },
  ) {}

  async connect(tenantId: string, input: ConnectInput): Promise<Connection> {
    const name = input.name ?? input.kind;
    if (await this.d.repo.get(tenantId, name)) throw new AppError('CONFLICT', `A connection named ${name} exists; choose another name`);
    await assertPublicTarget(this.d.checkHost, new URL(input.base_url).hostname, 'base_url');
    return this.d.repo.create(tenantId, { id: newId('channel'), name, kind: input.kind, base_url: input.base_url, settings: input.settings, credentials: await this.d.seal(JSON.stringify(input.credentials)) });
  }

  list(tenantId: string) {
    return this.d.repo.list(tenantId);
  }

  /**
   * Disconnects a channel: no more pulls, webhooks or tracking write-back through it, and its
   * credentials are gone. The orders it brought stay, and a new connection to the same shop does
   * not import them twice (orders are unique per channel and external id).
   */
  async disconnect(tenantId: string, idOrName: string): Promise<void> {
    const c = await this.d.repo.get(tenantId, idOrName);
    if (!c || !(await this.d.repo.remove(tenantId, c.id))) throw notFound('channel connection', idOrName);
  }

  private async clientFor(tenantId: string, idOrName: string) {
    const c = await this.d.repo.get(tenantId, idOrName);
    if (!c) throw notFound('channel connection', idOrName);
    const secrets = JSON.parse(await this.d.open(c.credentials)) as Json;
    return { c, client: this.d.client(c.kind, c.base_url, secrets, c.settings) };
  }

  /** Pulls what changed since the saved cursor and applies it. */
  async sync(tenantId: string, idOrName: string): Promise<SyncSummary> {
    const { c, client } = await this.clientFor(tenantId, idOrName);
    let pulled;
    try {
      pulled = await client.pull(c.cursor);
    } catch (e) {
      await this.d.repo.saveSync(tenantId, c.id, { error: (e as Error).message });
      if (e instanceof ChannelError) throw new AppError('CONFLICT', `Pulling from ${c.name} failed: ${e.message}`);
      throw e;
    }
    const s = await this.apply(tenantId, c, client, pulled.orders);
    await this.d.repo.saveSync(tenantId, c.id, { cursor: pulled.cursor, error: null });
    return s;
  }

  /** The scheduled pull: every connection of every tenant; a failing one keeps its error and the rest go on. */
  async syncAll(): Promise<{ synced: number; failed: number }> {
    let synced = 0;
    let failed = 0;
    for (const c of await this.d.repo.all()) {
      try {
        await this.sync(c.tenant_id, c.id);
        synced++;
      } catch {
        failed++;
      }
    }
    return { synced, failed };
  }

  /** A channel's webhook: signature checked on the raw body, then the orders in it applied. */
  async receiveWebhook(connectionId: string, raw: Buffer, headers: Record<string, string | string[] | undefined>): Promise<SyncSummary> {
    const tenantId = await this.d.repo.tenantOf(connectionId);
    if (!tenantId) throw notFound('channel connection', connectionId);
    const { c, client } = await this.clientFor(tenantId, connectionId);
    if (!client.verifyWebhook) throw new AppError('VALIDATION_FAILED', `${c.kind} connections take no webhooks here: use sync`);
    if (!client.verifyWebhook(raw, headers)) throw new AppError('UNAUTHENTICATED', 'The webhook signature does not match');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError('VALIDATION_FAILED', 'The webhook body is not JSON');
    }
    return this.apply(tenantId, c, client, client.fromWebhook(body));
  }

  private async apply(tenantId: string, c: Connection, client: ChannelClient, raws: Json[]): Promise<SyncSummary> {
    const s = emptySummary(c.name);
    const ctx = await this.d.context();
    for (const raw of raws) {
      s.received++;
      const m = client.map(raw, ctx);
      for (const u of m.unmapped) s.unmapped.push({ external_id: m.external_id, ...u });
      const known = await this.d.repo.channelOrder(tenantId, c.id, m.external_id);
      if (known) {
        // Out of order or repeated: an older or the same version changes nothing.
        if (known.channel_updated_at && m.updated_at && m.updated_at <= known.channel_updated_at) {
          s[m.updated_at < known.channel_updated_at ? 'stale' : 'unchanged']++;
          continue;
        }
        if (m.state.cancelled) {
          try {
            await this.d.orders.cancel(tenantId, known.order_id, `cancelled in ${c.name}`, `channel:${c.name}`);
            s.cancelled++;
          } catch (e) {
            if (!isAppError(e)) throw e;
            s.errors.push({ external_id: m.external_id, path: 'status', reason: `cancelled in the channel, but: ${e.message}` });
          }
        } else if (m.order) {
          try {
            const current = await this.d.orders.get(tenantId, known.order_id);
            if (JSON.stringify(current.ship_to) !== JSON.stringify(orderCreateSchema.parse({ ...m.order, channel: c.name }).ship_to) && ['new', 'address_review', 'ready', 'decided'].includes(current.status)) {
              await this.d.orders.update(tenantId, known.order_id, { ship_to: orderCreateSchema.parse(m.order).ship_to }, `channel:${c.name}`);
              s.updated++;
            } else s.unchanged++;
          } catch (e) {
            if (!isAppError(e)) throw e;
            s.errors.push({ external_id: m.external_id, path: '', reason: e.message });
          }
        }
        await this.d.repo.saveChannelOrder(tenantId, c.id, m.external_id, known.order_id, { ...known.refs, ...m.refs }, m.updated_at);
        continue;
      }
      const r = await createMapped(this.d.orders, tenantId, m, c.name, `channel:${c.id}`);
      s.errors.push(...r.errors);
      if (r.outcome === 'created') s.created++;
      else if (r.outcome === 'duplicate') s.unchanged++;
      else if (r.outcome === 'cancelled') s.skipped_cancelled++;
      else if (r.outcome === 'fulfilled') s.skipped_fulfilled++;
      else s.rejected++;
      if (r.order) await this.d.repo.saveChannelOrder(tenantId, c.id, m.external_id, r.order.id, m.refs, m.updated_at);
    }
    return s;
  }

  /** The channel port's adapter: the connection's own format when the order came from one, the CSV export always. */
  writeBack(): ChannelWriteBack {
    return {
      pushTracking: async (tenantId, item) => {
        await this.d.csv.pushTracking(tenantId, item);
        const link = await this.d.repo.channelOrderByOrder(tenantId, item.orderId);
        if (!link) return;
        const { c, client } = await this.clientFor(tenantId, link.connection_id);
        await client.pushTracking(link.refs, { carrier: item.carrier, service: item.service, trackingNumbers: item.trackingNumbers, trackingUrls: item.trackingUrls, shipDate: this.d.clock.now().toISOString() });
        await this.d.orderRepo.addEvent(tenantId, item.orderId, { type: 'order.tracking_written_back', data: { channel: c.name, kind: c.kind, tracking_numbers: item.trackingNumbers }, actor: 'system' });
      },
    };
  }
}
