import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Connection, SyncSummary } from '../channels/channels.service.js';
import { connectSchema } from '../channels/channels.service.js';
import { AppError } from '../kernel/errors.js';
import { viaApiOrLocal } from './context.js';
import { EXIT, json, stderr, stdout } from './output.js';

export function registerChannelCommands(program: Command) {
  const channels = program.command('channels').description('sales channel connections: Shopify, Amazon, TikTok Shop, WooCommerce');

  channels
    .command('connect <file>')
    .description('connect a channel from a JSON file ({kind, name?, base_url, credentials, settings}); credentials are stored encrypted')
    .option('--tenant <name>', 'tenant name')
    .action(async (file: string, o: { tenant?: string }) => {
      let body: unknown;
      try {
        body = JSON.parse(await readFile(file, 'utf8'));
      } catch (e) {
        throw new AppError('VALIDATION_FAILED', `Cannot read ${file}: ${(e as Error).message}`, { errors: [{ path: 'file', message: 'a JSON file' }] });
      }
      const p = connectSchema.safeParse(body);
      if (!p.success) throw new AppError('VALIDATION_FAILED', `${file} is not a channel connection`, { errors: p.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      const c = await viaApiOrLocal<Connection>(o.tenant, (api) => api.request('POST', '/v1/channels', p.data), (lm, tenantId) => lm.services.channels.connect(tenantId, p.data));
      json(c);
    });

  channels
    .command('list')
    .description('connections with their last sync')
    .option('--tenant <name>', 'tenant name')
    .action(async (o: { tenant?: string }) => {
      const list = await viaApiOrLocal<Connection[]>(o.tenant, async (api) => (await api.request<{ data: Connection[] }>('GET', '/v1/channels')).data, (lm, tenantId) => lm.services.channels.list(tenantId));
      for (const c of list) stdout(`${c.id}  ${c.name.padEnd(20)} ${c.kind.padEnd(12)} last sync ${c.last_sync_at ?? 'never'}${c.last_error ? `  error: ${c.last_error}` : ''}`);
    });

  channels
    .command('sync <name>')
    .description('pull the orders changed since the last sync (by name or id); exit 1 if some were rejected')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'print the summary as JSON')
    .action(async (name: string, o: { tenant?: string; json?: boolean }) => {
      const s = await viaApiOrLocal<SyncSummary>(o.tenant, (api) => api.request('POST', `/v1/channels/${encodeURIComponent(name)}/sync`), (lm, tenantId) => lm.services.channels.sync(tenantId, name));
      if (o.json) json(s);
      else {
        for (const e of s.errors) stderr(`${e.external_id}: ${e.path ? `${e.path}: ` : ''}${e.reason}`);
        stderr(`${s.connection}: ${s.received} received, ${s.created} created, ${s.updated} updated, ${s.cancelled} cancelled, ${s.unchanged} unchanged, ${s.stale} stale, ${s.rejected} rejected`);
      }
      if (s.rejected > 0) process.exitCode = EXIT.problems;
    });
}
