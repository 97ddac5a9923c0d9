import type { Address } from '../../addresses/address.schema.js';
import type { CarrierAddressCheck } from '../../addresses/address-check.js';
import type { SecretBox } from '../../kernel/secret-box.js';
import { CarrierError, type CarrierGateway, type LabelRequest, type ShipmentRepo, type StoredAccount } from '../../shipments/ports.js';
import { HttpCarrier, type HttpCarrierAuth } from './http-carrier.js';
import { OfflineCarrier, sampleNumbering, type OfflineNumbering } from './offline-carrier.js';
import { UpsCarrier } from './ups/carrier.js';
import type { ShopAnswer } from './native.js';
import { UPS_BASE_URLS, UpsClient } from './ups/client.js';
import { UspsCarrier } from './usps/carrier.js';
import { FedexCarrier } from './fedex/carrier.js';
import { FEDEX_BASE_URLS, FedexClient } from './fedex/client.js';
import { NATIVE_CARRIERS } from '../../rating/live-rates.js';
import { USPS_BASE_URLS, UspsClient } from './usps/client.js';

/** A native connector's rate shop: every service on the lane, by the carrier's codes, and our names for them. */
export interface LiveRater {
  shop(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted' | 'service'> & { service?: string | null }): Promise<ShopAnswer>;
  serviceName(code: string): string;
}

/** A FedEx account's settings as stored (the input without its secret). */
interface FedexStoredSettings {
  environment: 'sandbox' | 'production';
  base_url?: string;
  client_id: string;
  account_number: string;
  rate_type: 'account' | 'list';
  label_format: 'pdf' | 'zpl';
  services?: Record<string, string>;
  timeout_ms: number;
}

/** A USPS account's settings as stored (the input without its secret). */
interface UspsStoredSettings {
  environment: 'test' | 'production';
  base_url?: string;
  client_id: string;
  crid: string;
  mid: string;
  manifest_mid?: string;
  eps_account: string;
  price_type: 'COMMERCIAL' | 'RETAIL';
  label_format: 'pdf' | 'zpl';
  services?: Record<string, string>;
  timeout_ms: number;
}

/** A UPS account's settings as stored (the input without its secret). */
interface UpsStoredSettings {
  environment: 'sandbox' | 'production';
  base_url?: string;
  client_id: string;
  account_number: string;
  negotiated_rates: boolean;
  label_format: 'pdf' | 'zpl';
  services?: Record<string, string>;
  live_rates?: boolean;
  timeout_ms: number;
}

export interface ResolvedGateway {
  gateway: CarrierGateway;
  accountId: string | null;
  sample: boolean;
}

/**
 * Picks the adapter for a tenant's carrier: its configured account (offline numbering, the
 * HTTP contract or a native connector such as UPS), or the built-in sample account that prints SAMPLE labels with test numbers.
 * HTTP adapters are kept per account so OAuth2 tokens are reused.
 */
export class CarrierGateways {
  private readonly http = new Map<string, { at: string; gw: HttpCarrier }>();
  private readonly native = new Map<string, { at: string; gw: CarrierGateway }>();

  constructor(private readonly repo: ShipmentRepo, private readonly box: () => Promise<SecretBox>, private readonly opts: { fetch?: typeof fetch; backoffMs?: (attempt: number) => number; now?: () => number } = {}) {}

  /**
   * `accountId`: undefined for "whatever is configured now" (a new shipment); null for the
   * sample account; an id for the account a shipment was created with (it must still exist).
   */
  async for(tenantId: string, carrier: string, accountId?: string | null): Promise<ResolvedGateway> {
    const allocate = (key: string, count: number, range: { first: number; last: number }) => this.repo.allocateSerials(tenantId, key, count, range);
    const account = accountId === null ? undefined : await this.repo.accountFor(tenantId, carrier);
    if (accountId && account?.id !== accountId) {
      throw new CarrierError('CONFIGURATION', `The ${carrier} account ${accountId} this shipment was created with is gone; cancel the shipment and create it again`, false);
    }
    if (!account) {
      const numbering = sampleNumbering(carrier);
      // Sample ranges share one prefix, so they share one counter: no two carriers print the same number.
      const serialKey = numbering.format === 'range' ? 'sample:range' : `sample:${carrier}`;
      return { gateway: new OfflineCarrier({ carrier, numbering, sample: true, serialKey, allocate }), accountId: null, sample: true };
    }
    if (account.kind === 'offline') {
      const numbering = account.settings['numbering'] as OfflineNumbering;
      return { gateway: new OfflineCarrier({ carrier, numbering, sample: false, serialKey: `account:${account.id}`, allocate }), accountId: account.id, sample: false };
    }
    if (account.kind === 'ups') return { gateway: await this.upsGateway(account), accountId: account.id, sample: false };
    if (account.kind === 'usps') return { gateway: await this.uspsGateway(account), accountId: account.id, sample: false };
    if (account.kind === 'fedex') return { gateway: await this.fedexGateway(account), accountId: account.id, sample: false };
    return { gateway: await this.httpGateway(account), accountId: account.id, sample: false };
  }

  /** The tenant's native account for a carrier (UPS, USPS, FedEx) as a live rater, or null when it has none. */
  async liveRater(tenantId: string, carrier: string): Promise<{ rater: LiveRater; accountId: string; liveRates: boolean; timeoutMs: number } | null> {
    if (!(NATIVE_CARRIERS as readonly string[]).includes(carrier)) return null;
    const account = await this.repo.accountFor(tenantId, carrier);
    if (!account || account.kind !== carrier) return null;
    const s = account.settings as unknown as { live_rates?: boolean; timeout_ms: number };
    const rater = account.kind === 'ups' ? await this.upsGateway(account) : account.kind === 'usps' ? await this.uspsGateway(account) : await this.fedexGateway(account);
    return { rater, accountId: account.id, liveRates: s.live_rates !== false, timeoutMs: s.timeout_ms };
  }

  /** A native connector built once per account version (its OAuth2 token is reused), with its secret opened. */
  private async nativeGateway<T extends CarrierGateway>(a: StoredAccount, build: (secret: string) => T): Promise<T> {
    const version = `${a.created_at}:${JSON.stringify(a.settings)}:${a.secret ?? ''}`;
    const cached = this.native.get(a.id);
    if (cached && cached.at === version) return cached.gw as T;
    const gw = build(a.secret ? (await this.box()).open(a.secret) : '');
    this.native.set(a.id, { at: version, gw });
    return gw;
  }

  private clientOptions() {
    return { ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}), ...(this.opts.backoffMs ? { backoffMs: this.opts.backoffMs } : {}) };
  }

  /**
   * The tenant's online address validation: the named carrier's account, else the first of USPS
   * (the authority on US delivery points), UPS and FedEx it has; null when it has none.
   */
  async validateAddress(tenantId: string, address: Address, carrier?: string): Promise<Omit<CarrierAddressCheck, 'checked_at'> | null> {
    for (const c of carrier ? [carrier] : ['usps', 'ups', 'fedex']) {
      const account = await this.repo.accountFor(tenantId, c);
      if (!account || account.kind !== c) continue;
      const messages = (m: { code: string; message: string }[]) => m.map((x) => ({ code: x.code, message: x.message }));
      if (account.kind === 'ups') {
        const r = await (await this.upsGateway(account)).validateAddress(address);
        const first = r.candidates[0];
        return { carrier: 'ups', verdict: r.verdict, classification: r.classification, standardized: first ? { line1: first.line1, line2: first.line2, city: first.city, state: first.state, postal_code: first.postal_code } : null, messages: messages(r.messages) };
      }
      const r = account.kind === 'usps' ? await (await this.uspsGateway(account)).validateAddress(address) : await (await this.fedexGateway(account)).validateAddress(address);
      return { carrier: account.kind as 'usps' | 'fedex', verdict: r.verdict, classification: r.classification, standardized: r.standardized ? { line2: null, ...r.standardized } : null, messages: messages(r.messages) };
    }
    return null;
  }

  /** A carrier's pickup locations near a ZIP Code, from the tenant's account (USPS post offices today); null when it has none. */
  async pickupPoints(tenantId: string, carrier: string, zip: string, radiusKm: number) {
    if (carrier !== 'usps') return null;
    const account = await this.repo.accountFor(tenantId, carrier);
    if (!account || account.kind !== 'usps') return null;
    return (await this.uspsGateway(account)).pickupPoints(zip, radiusKm / 1.609344);
  }

  private uspsGateway(a: StoredAccount): Promise<UspsCarrier> {
    const s = a.settings as unknown as UspsStoredSettings;
    const payer = { crid: s.crid, mid: s.mid, manifestMid: s.manifest_mid ?? null, epsAccount: s.eps_account };
    return this.nativeGateway(a, (secret) => new UspsCarrier(
      new UspsClient({ baseUrl: s.base_url ?? USPS_BASE_URLS[s.environment], clientId: s.client_id, clientSecret: secret, payer, timeoutMs: s.timeout_ms, ...this.clientOptions() }),
      { ...payer, priceType: s.price_type, labelFormat: s.label_format, services: s.services ?? {} }, this.opts.now ? { now: this.opts.now } : {},
    ));
  }

  private fedexGateway(a: StoredAccount): Promise<FedexCarrier> {
    const s = a.settings as unknown as FedexStoredSettings;
    return this.nativeGateway(a, (secret) => new FedexCarrier(
      new FedexClient({ baseUrl: s.base_url ?? FEDEX_BASE_URLS[s.environment], clientId: s.client_id, clientSecret: secret, timeoutMs: s.timeout_ms, ...this.clientOptions() }),
      { accountNumber: s.account_number, rateType: s.rate_type === 'list' ? 'LIST' : 'ACCOUNT', labelFormat: s.label_format, services: s.services ?? {} }, this.opts.now ? { now: this.opts.now } : {},
    ));
  }

  private upsGateway(a: StoredAccount): Promise<UpsCarrier> {
    const s = a.settings as unknown as UpsStoredSettings;
    return this.nativeGateway(a, (secret) => new UpsCarrier(
      new UpsClient({ baseUrl: s.base_url ?? UPS_BASE_URLS[s.environment], clientId: s.client_id, clientSecret: secret, timeoutMs: s.timeout_ms, ...this.clientOptions() }),
      { shipperNumber: s.account_number, negotiatedRates: s.negotiated_rates, labelFormat: s.label_format, services: s.services ?? {} },
    ));
  }

  private async httpGateway(a: StoredAccount): Promise<HttpCarrier> {
    const cached = this.http.get(a.id);
    const version = `${a.created_at}:${JSON.stringify(a.settings)}:${a.secret ?? ''}`;
    if (cached && cached.at === version) return cached.gw;
    const s = a.settings as { base_url: string; auth: { type: string; header?: string; token_url?: string; client_id?: string; scope?: string }; timeout_ms: number };
    const secret = a.secret ? (await this.box()).open(a.secret) : '';
    const auth: HttpCarrierAuth =
      s.auth.type === 'api_key' ? { type: 'api_key', header: s.auth.header ?? 'authorization', key: secret }
        : s.auth.type === 'oauth2' ? { type: 'oauth2', token_url: s.auth.token_url!, client_id: s.auth.client_id!, client_secret: secret, scope: s.auth.scope }
        : { type: 'none' };
    const gw = new HttpCarrier({ baseUrl: s.base_url, auth, timeoutMs: s.timeout_ms, retries: 1, ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}) });
    this.http.set(a.id, { at: version, gw });
    return gw;
  }
}
