import { AppError, notFound } from '../kernel/errors.js';
import type { Clock } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';
import { displayPrefix, generateApiKey, hashApiKey, hasScope, MIN_BOOTSTRAP_KEY_LENGTH, type KeyMode, type Scope } from './api-key.js';
import type { ApiKeyRepo, TenantRepo } from './ports.js';
import type { ApiKey, Principal, Tenant } from './tenant.schema.js';
import { tenantNameSchema, tenantSettingsSchema } from './tenant.schema.js';

export class TenantsService {
  // Last-used timestamps are written at most once a minute per key, not on every request.
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly tenants: TenantRepo,
    private readonly keys: ApiKeyRepo,
    private readonly clock: Clock,
  ) {}

  async ensureTenant(name: string): Promise<{ tenant: Tenant; created: boolean }> {
    const parsed = tenantNameSchema.safeParse(name);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', `Invalid tenant name "${name}"`, {
        errors: [{ path: 'tenant', message: parsed.error.issues[0]?.message ?? 'invalid' }],
      });
    }
    const existing = await this.tenants.findByName(name);
    if (existing) return { tenant: existing, created: false };
    return { tenant: await this.tenants.create({ id: newId('tenant'), name }), created: true };
  }

  async getTenant(id: string): Promise<Tenant> {
    const t = await this.tenants.getById(id);
    if (!t) throw notFound('tenant', id);
    return t;
  }

  /** The tenant's own settings: its default currency and the time zone its days are counted in. */
  async updateSettings(id: string, input: unknown): Promise<Tenant> {
    const p = tenantSettingsSchema.safeParse(input);
    if (!p.success) throw new AppError('VALIDATION_FAILED', 'The settings are not valid', { errors: p.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const patch = Object.fromEntries(Object.entries(p.data).filter(([, v]) => v !== undefined)) as { currency?: string; time_zone?: string | null };
    const t = await this.tenants.update(id, patch);
    if (!t) throw notFound('tenant', id);
    return t;
  }

  listTenants(): Promise<Tenant[]> {
    return this.tenants.list();
  }

  findTenantByName(name: string): Promise<Tenant | undefined> {
    return this.tenants.findByName(name);
  }

  async createApiKey(tenantId: string, input: { name: string; scopes: Scope[]; mode: KeyMode }): Promise<{ key: ApiKey; secret: string }> {
    const g = generateApiKey(input.mode);
    const key = await this.keys.create({
      id: newId('apiKey'),
      tenantId,
      name: input.name,
      mode: input.mode,
      displayPrefix: g.displayPrefix,
      keyHash: g.hash,
      scopes: [...new Set(input.scopes)],
    });
    return { key, secret: g.secret };
  }

  /**
   * On an empty database, creates tenant `default` with an admin key equal to the given secret,
   * so automation can start without a prompt. Does nothing once any tenant exists.
   */
  async bootstrap(secret: string): Promise<{ created: boolean; tenant?: Tenant }> {
    if (secret.length < MIN_BOOTSTRAP_KEY_LENGTH) {
      throw new AppError('CONFIGURATION', `LASTMILE_BOOTSTRAP_API_KEY must be at least ${MIN_BOOTSTRAP_KEY_LENGTH} characters`);
    }
    if ((await this.tenants.count()) > 0) return { created: false };
    const { tenant } = await this.ensureTenant('default');
    await this.keys.create({
      id: newId('apiKey'),
      tenantId: tenant.id,
      name: 'bootstrap',
      mode: secret.startsWith('lm_test_') ? 'test' : 'live',
      displayPrefix: displayPrefix(secret),
      keyHash: hashApiKey(secret),
      scopes: ['admin'],
    });
    return { created: true, tenant };
  }

  /** Resolves a bearer secret to its principal; undefined for unknown or revoked keys. */
  async authenticate(secret: string): Promise<Principal | undefined> {
    const found = await this.keys.findActiveByHash(hashApiKey(secret));
    if (!found) return undefined;
    const now = this.clock.now().getTime();
    const last = this.touched.get(found.key.id) ?? 0;
    if (now - last > 60_000) {
      this.touched.set(found.key.id, now);
      await this.keys.touch(found.key.id, new Date(now));
    }
    return { tenantId: found.tenantId, keyId: found.key.id, scopes: found.key.scopes };
  }

  authorize(principal: Principal, scope: Scope): void {
    if (!hasScope(principal.scopes, scope)) {
      throw new AppError('FORBIDDEN', principal.user ? `The ${principal.user.role} role may not do this (it needs "${scope}")` : `This API key lacks the "${scope}" scope`);
    }
  }

  listApiKeys(tenantId: string): Promise<ApiKey[]> {
    return this.keys.list(tenantId);
  }

  async revokeApiKey(tenantId: string, id: string): Promise<ApiKey> {
    const k = await this.keys.revoke(tenantId, id, this.clock.now());
    if (!k) throw notFound('api key', id);
    return k;
  }
}
