import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { SkuImportResult } from '../catalog/catalog.service.js';
import type { Job } from '../jobs/job.schema.js';
import { loadConfig } from '../config.js';
import { AppError } from '../kernel/errors.js';
import { warehouseCreateSchema, type Warehouse } from '../warehouses/warehouse.schema.js';
import { remoteClient, resolveTenant, viaApiOrLocal, refuseTenantWithRemote, withLocal } from './context.js';
import { EXIT, json, stderr, stdout } from './output.js';

async function readable(file: string) {
  try {
    await stat(file);
  } catch {
    throw new AppError('VALIDATION_FAILED', `Cannot read ${file}`, { errors: [{ path: 'file', message: 'no such file' }] });
  }
}

export function registerDataCommands(program: Command) {
  program
    .command('migrate')
    .description('apply database migrations (serve does this on start too)')
    .action(async () => {
      const config = loadConfig();
      await withLocal(async (lm) => stderr(`Database is up to date (${lm.database.engine}: ${lm.database.location})`), config);
    });

  const wh = program.command('warehouses').description('ship-from warehouses');
  wh.command('list')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'machine-readable output')
    .action(async (o: { tenant?: string; json?: boolean }) => {
      const list = await viaApiOrLocal(
        o.tenant,
        async (api) => (await api.request<{ data: Warehouse[] }>('GET', '/v1/warehouses?limit=500')).data,
        async (lm, tenantId) => (await lm.services.warehouses.list(tenantId, { limit: 500 })).data,
      );
      if (o.json) return json(list);
      for (const w of list) stdout(`${w.id}  ${w.code.padEnd(8)} ${w.name}  (${w.address.city}, ${w.address.state ?? ''} ${w.address.country}, ${w.timezone})`);
    });
  wh.command('create <file>')
    .description('create a warehouse from a JSON file shaped like POST /v1/warehouses')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .action(async (file: string, o: { tenant?: string }) => {
      await readable(file);
      let body: unknown;
      try {
        body = JSON.parse(await readFile(file, 'utf8'));
      } catch (e) {
        throw new AppError('VALIDATION_FAILED', `${file} is not JSON: ${(e as Error).message}`);
      }
      const remote = remoteClient();
      if (remote) {
        refuseTenantWithRemote(o.tenant);
        return json(await remote.request('POST', '/v1/warehouses', body));
      }
      const parsed = warehouseCreateSchema.safeParse(body);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', `${file} is not a valid warehouse`, {
          errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      json(await withLocal(async (lm) => lm.services.warehouses.create((await resolveTenant(lm, o.tenant)).id, parsed.data)));
    });

  const catalog = program.command('catalog').description('the SKU catalog');
  catalog
    .command('import <file>')
    .description('add or update SKUs from a CSV file; exit 1 if any row was rejected')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (file: string, o: { tenant?: string; json?: boolean }) => {
      await readable(file);
      const r = await viaApiOrLocal(
        o.tenant,
        (api) => api.upload<SkuImportResult>('/v1/skus/import', file),
        (lm, tenantId) => lm.services.catalog.importCsv(tenantId, createReadStream(file)),
      );
      if (o.json) json(r);
      else {
        for (const e of r.errors.slice(0, 50)) stderr(`row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
        stderr(`${r.created} SKUs created, ${r.updated} updated, ${r.rejected} rows rejected of ${r.rows}`);
      }
      if (r.rejected > 0) process.exitCode = EXIT.problems;
    });

  program
    .command('jobs')
    .description('background jobs')
    .command('show <id>')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .action(async (id: string, o: { tenant?: string }) => {
      json(
        await viaApiOrLocal(
          o.tenant,
          (api) => api.request<Job>('GET', `/v1/jobs/${encodeURIComponent(id)}`),
          (lm, tenantId) => lm.services.jobs.get(tenantId, id),
        ),
      );
    });
}
