import { loadConfig, type Config } from '../config.js';
import { AppError } from '../kernel/errors.js';
import { buildLastmile, type Lastmile } from '../main.js';
import type { Tenant } from '../tenants/tenant.schema.js';
import { stderr } from './output.js';
import { RemoteClient } from './remote.js';

/** Runs a command against the database directly (no server), closing it afterwards. */
export async function withLocal<T>(fn: (lm: Lastmile, config: Config) => Promise<T>, config = loadConfig()): Promise<T> {
  const lm = await buildLastmile(config, { holder: { role: 'cli' } });
  try {
    return await fn(lm, config);
  } finally {
    await lm.close();
  }
}

/** The server to talk to when LASTMILE_URL and LASTMILE_API_KEY are set. */
export function remoteClient(config = loadConfig()): RemoteClient | undefined {
  return config.remote && new RemoteClient(config.remote.url, config.remote.apiKey);
}

/** `--tenant NAME`, LASTMILE_TENANT, or the only tenant there is. */
export async function resolveTenant(lm: Lastmile, name: string | undefined): Promise<Tenant> {
  const wanted = name ?? process.env['LASTMILE_TENANT'];
  if (wanted) {
    const t = await lm.services.tenants.findTenantByName(wanted);
    if (!t) throw new AppError('VALIDATION_FAILED', `No tenant named "${wanted}"`, { errors: [{ path: '--tenant', message: 'unknown tenant' }] });
    return t;
  }
  const all = await lm.services.tenants.listTenants();
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'There are no tenants yet: create one with `lastmile keys create --tenant NAME --scopes admin`');
  }
  throw new AppError('VALIDATION_FAILED', `Name the tenant with --tenant (one of: ${all.map((t) => t.name).join(', ')})`, {
    errors: [{ path: '--tenant', message: 'required when there is more than one tenant' }],
  });
}

/**
 * Runs a command through the server's API when LASTMILE_URL and LASTMILE_API_KEY are set, else
 * on the local database for the tenant named by --tenant (or the only one).
 */
export async function viaApiOrLocal<T>(
  tenant: string | undefined,
  remote: (client: RemoteClient) => Promise<T>,
  local: (lm: Lastmile, tenantId: string) => Promise<T>,
): Promise<T> {
  const client = remoteClient();
  if (client) {
    refuseTenantWithRemote(tenant);
    return remote(client);
  }
  return withLocal(async (lm) => local(lm, (await resolveTenant(lm, tenant)).id));
}

/**
 * With LASTMILE_URL the API key decides the tenant: a --tenant naming one is refused (a usage
 * error) instead of being ignored, so nothing lands in a tenant the user did not mean.
 */
export function refuseTenantWithRemote(tenant: string | undefined) {
  if (tenant) {
    throw new AppError('VALIDATION_FAILED', `--tenant ${tenant} cannot be used with LASTMILE_URL: the server acts for the tenant of LASTMILE_API_KEY. Drop --tenant, or unset LASTMILE_URL to work on the local database.`, {
      errors: [{ path: '--tenant', message: 'not with LASTMILE_URL' }],
    });
  }
}
