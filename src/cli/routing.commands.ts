import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../kernel/errors.js';
import { formatMoney } from '../routing/explain.js';
import type { PlanResult } from '../routing/routing.service.js';
import { remoteClient, resolveTenant, refuseTenantWithRemote, withLocal } from './context.js';
import { EXIT, json, stderr, stdout } from './output.js';

export async function idsFromFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AppError('VALIDATION_FAILED', `Cannot read ${file}`, { errors: [{ path: '--orders', message: 'no such file' }] });
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const v = JSON.parse(trimmed) as unknown;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new AppError('VALIDATION_FAILED', `${file}: expected a JSON array of order ids`);
    return v;
  }
  return trimmed.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

export function registerRoutingCommands(program: Command) {
  program
    .command('route')
    .description('decide orders in a batch: mode and carrier service under the daily quotas, saved on the orders')
    .option('--orders <file>', 'order ids, one per line or a JSON array')
    .option('--status <status>', 'pending (the ready orders) or decided (decide again)')
    .option('--dry-run', 'show the plan without saving the decisions')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'print the plan as JSON')
    .option('--lang <lang>', 'language of the explanations: en or zh', 'en')
    .addHelpText('after', '\nPrints one line per order: its id and the sentence that explains its service and price.\nExit status: 0 when every order was placed; 1 when some could not be.')
    .action(async (o: { orders?: string; status?: string; dryRun?: boolean; tenant?: string; json?: boolean; lang: string }) => {
      if (o.lang !== 'en' && o.lang !== 'zh') throw new AppError('VALIDATION_FAILED', '--lang must be en or zh', { errors: [{ path: '--lang', message: 'en or zh' }] });
      const lang = o.lang;
      if (!o.orders === !o.status) throw new AppError('VALIDATION_FAILED', 'give --orders FILE or --status pending');
      const status = o.status === 'pending' || o.status === 'ready' ? 'ready' : o.status === 'decided' ? 'decided' : undefined;
      if (o.status && !status) throw new AppError('VALIDATION_FAILED', '--status must be pending or decided');
      const ids = o.orders ? await idsFromFile(o.orders) : undefined;
      const apply = !o.dryRun;
      let result: PlanResult;
      const remote = remoteClient();
      if (remote) {
        refuseTenantWithRemote(o.tenant);
        const { job_id } = await remote.request<{ job_id: string }>('POST', '/v1/routing/plan', { ...(ids ? { order_ids: ids } : { status }), apply });
        const job = await remote.waitForJob(job_id, 'Routing plan');
        result = job.result as unknown as PlanResult;
      } else {
        result = await withLocal(async (lm) => {
          const tenant = await resolveTenant(lm, o.tenant);
          const list = ids ?? (await lm.services.orders.idsInStatus(tenant.id, status!, 100_000));
          return lm.services.routing.plan(tenant.id, list, {
            apply, actor: 'cli',
            onProgress: (done, total) => process.stderr.isTTY && stderr(`\r${done}/${total}`),
          });
        });
      }
      if (o.json) json(result);
      else {
        for (const a of result.assignments) stdout(`${a.order_id}  ${a.explanation?.[lang] ?? a.card}`);
        for (const u of result.unplaced) stderr(`not placed: ${u.order_id}: ${u.reason}`);
        for (const q of result.quotas) stderr(`quota ${q.service}${q.warehouse_id ? ` at ${q.warehouse_id}` : ''}: ${q.used} of ${q.capacity}`);
        stderr(`${result.assignments.length} of ${result.orders} orders placed; expected cost ${formatMoney(result.total_cost)} (greedy ${formatMoney(result.greedy_cost)})${result.applied ? '; decisions saved' : '; dry run'}`);
      }
      if (result.unplaced.length > 0) process.exitCode = EXIT.problems;
    });
}
