import type { SecretBox } from '../../kernel/secret-box.js';
import { CarrierError, type CarrierGateway, type ShipmentRepo, type StoredAccount } from '../../shipments/ports.js';
import { HttpCarrier, type HttpCarrierAuth } from './http-carrier.js';
import { OfflineCarrier, sampleNumbering, type OfflineNumbering } from './offline-carrier.js';

export interface ResolvedGateway {
  gateway: CarrierGateway;
  accountId: string | null;
  sample: boolean;
}

/**
 * Picks the adapter for a tenant's carrier: its configured account (offline numbering or the
 * HTTP contract), or the built-in sample account that prints SAMPLE labels with test numbers.
 * HTTP adapters are kept per account so OAuth2 tokens are reused.
 */
export class CarrierGateways {
  private readonly http = new Map<string, { at: string; gw: HttpCarrier }>();

  constructor(private readonly repo: ShipmentRepo, private readonly box: () => Promise<SecretBox>, private readonly opts: { fetch?: typeof fetch } = {}) {}

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
    return { gateway: await this.httpGateway(account), accountId: account.id, sample: false };
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
