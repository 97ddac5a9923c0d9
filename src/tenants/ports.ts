import type { ApiKey, Tenant } from './tenant.schema.js';

export interface NewApiKeyRow {
  id: string;
  tenantId: string;
  name: string;
  mode: 'live' | 'test';
  displayPrefix: string;
  keyHash: string;
  scopes: string[];
}

export interface TenantRepo {
  findByName(name: string): Promise<Tenant | undefined>;
  getById(id: string): Promise<Tenant | undefined>;
  create(t: { id: string; name: string }): Promise<Tenant>;
  update(id: string, patch: { currency?: string; time_zone?: string | null }): Promise<Tenant | undefined>;
  count(): Promise<number>;
  list(): Promise<Tenant[]>;
}

export interface ApiKeyRepo {
  create(row: NewApiKeyRow): Promise<ApiKey>;
  /** Active (not revoked) key with this hash, with its tenant. */
  findActiveByHash(hash: string): Promise<{ key: ApiKey; tenantId: string } | undefined>;
  list(tenantId: string): Promise<ApiKey[]>;
  revoke(tenantId: string, id: string, at: Date): Promise<ApiKey | undefined>;
  touch(id: string, at: Date): Promise<void>;
}
