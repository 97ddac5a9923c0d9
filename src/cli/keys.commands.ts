import type { Command } from 'commander';
import { SCOPES, isScope, type Scope } from '../tenants/api-key.js';
import type { ApiKey } from '../tenants/tenant.schema.js';
import { AppError } from '../kernel/errors.js';
import { remoteClient, viaApiOrLocal, refuseTenantWithRemote, withLocal } from './context.js';
import { json, stderr, stdout } from './output.js';

function parseScopes(v: string): Scope[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !isScope(s));
  if (bad.length > 0 || list.length === 0) {
    throw new AppError('VALIDATION_FAILED', `Unknown scope(s): ${bad.join(', ') || '(none given)'}`, {
      errors: [{ path: '--scopes', message: `one or more of ${SCOPES.join(', ')}` }],
    });
  }
  return list as Scope[];
}

const row = (k: ApiKey) => `${k.id}  ${k.display_prefix.padEnd(14)} ${k.mode.padEnd(5)} ${k.revoked_at ? 'revoked ' : 'active  '}${k.scopes.join(',')}  ${k.name}`;

export function registerKeyCommands(program: Command) {
  const keys = program.command('keys').description('API keys: create, list, revoke');

  keys
    .command('create')
    .description('create an API key (creates the tenant if it is new); prints only the key on stdout')
    .option('--tenant <name>', 'tenant name, e.g. acme (required on the local database; with LASTMILE_URL the key is made in the API key\'s tenant)')
    .requiredOption('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`)
    .option('--name <name>', 'a label for the key', 'cli')
    .option('--mode <mode>', 'live or test', 'live')
    .action(async (o: { tenant?: string; scopes: string; name: string; mode: string }) => {
      const scopes = parseScopes(o.scopes);
      if (o.mode !== 'live' && o.mode !== 'test') throw new AppError('VALIDATION_FAILED', '--mode must be live or test');
      const remote = remoteClient();
      if (remote) {
        refuseTenantWithRemote(o.tenant);
        const k = await remote.request<{ secret: string }>('POST', '/v1/api-keys', { name: o.name, scopes, mode: o.mode });
        stdout(k.secret);
        return;
      }
      const tenantName = o.tenant;
      if (!tenantName) throw new AppError('VALIDATION_FAILED', 'keys create needs --tenant NAME on the local database', { errors: [{ path: '--tenant', message: 'required' }] });
      await withLocal(async (lm) => {
        const { tenant, created } = await lm.services.tenants.ensureTenant(tenantName);
        const { key, secret } = await lm.services.tenants.createApiKey(tenant.id, { name: o.name, scopes, mode: o.mode as 'live' | 'test' });
        stderr(`${created ? 'Created tenant' : 'Tenant'} ${tenant.name}; key ${key.id} with scopes ${key.scopes.join(',')}. Store it now: it is not shown again.`);
        stdout(secret);
      });
    });

  keys
    .command('list')
    .description("list a tenant's API keys (never their secrets)")
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'machine-readable output')
    .action(async (o: { tenant?: string; json?: boolean }) => {
      const list = await viaApiOrLocal(
        o.tenant,
        async (api) => (await api.request<{ data: ApiKey[] }>('GET', '/v1/api-keys')).data,
        (lm, tenantId) => lm.services.tenants.listApiKeys(tenantId),
      );
      if (o.json) json(list);
      else for (const k of list) stdout(row(k));
    });

  keys
    .command('revoke <id>')
    .description('revoke an API key')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .action(async (id: string, o: { tenant?: string }) => {
      const k = await viaApiOrLocal(
        o.tenant,
        (api) => api.request<ApiKey>('DELETE', `/v1/api-keys/${encodeURIComponent(id)}`),
        (lm, tenantId) => lm.services.tenants.revokeApiKey(tenantId, id),
      );
      stderr(`Revoked ${k.id}`);
    });
}
