import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { CHANNEL_FORMAT_NAMES, type ChannelFormat } from '../adapters/channels/index.js';
import type { ChannelImportSummary } from '../channels/channel-import.service.js';
import { AppError } from '../kernel/errors.js';
import { ulid } from '../kernel/ids.js';
import type { Page } from '../kernel/list.js';
import { CSV_FORMATS, type CsvFormat, type ImportSummary } from '../orders/import/order-import.service.js';
import { ORDER_STATUSES, type Order } from '../orders/order.schema.js';
import { remoteClient, resolveTenant, viaApiOrLocal, refuseTenantWithRemote, withLocal } from './context.js';
import { positiveInt } from './main.js';
import { EXIT, json, stderr, stdout } from './output.js';
import { ProgressBar } from './progress.js';

/** Counts newlines to size the progress bar; cheap next to parsing. */
async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

function printSummary(s: ImportSummary, seconds: number, asJson: boolean) {
  if (asJson) {
    json({ ...s, seconds: Math.round(seconds * 1000) / 1000 });
    return;
  }
  for (const e of s.errors.slice(0, 50)) stderr(`row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
  if (s.errors_total > 50) stderr(`… and ${s.errors_total - 50} more problems (use --json for all of them)`);
  const rate = Math.round(s.rows / Math.max(seconds, 0.001));
  const skipped = s.skipped_cancelled + s.skipped_fulfilled;
  stderr(
    `${s.orders_created.toLocaleString('en-US')} orders imported, ${s.duplicates_skipped.toLocaleString('en-US')} duplicates skipped, ` +
      `${s.orders_rejected.toLocaleString('en-US')} orders rejected (${s.rows_rejected.toLocaleString('en-US')} rows)` +
      `${skipped ? `, ${skipped} cancelled/fulfilled orders skipped` : ''} — ${s.rows.toLocaleString('en-US')} rows (${s.format}) in ${seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} rows/s`,
  );
}

/** A channel's JSON payload (shopify-json, amazon-json, tiktok-json, woo-json). */
async function importChannelFile(file: string, format: ChannelFormat, o: { tenant?: string; json?: boolean }) {
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError('VALIDATION_FAILED', missing ? `Cannot read ${file}` : `${file} is not JSON: ${(e as Error).message}`, { errors: [{ path: 'file', message: missing ? 'no such file' : 'not JSON' }] });
  }
  const s = await viaApiOrLocal<ChannelImportSummary>(
    o.tenant,
    (api) => api.request('POST', `/v1/orders/import/channel?format=${format}`, payload),
    (lm, tenantId) => lm.services.channelImport.importPayload(tenantId, format, payload, `import:cli_${ulid()}`),
  );
  if (o.json) json(s);
  else {
    for (const e of s.errors) stderr(`${e.external_id}: ${e.path ? `${e.path}: ` : ''}${e.reason}`);
    for (const u of s.unmapped) stderr(`note ${u.external_id}: ${u.path}: ${u.reason}`);
    stderr(`${s.orders_created} created, ${s.duplicates_skipped} duplicates skipped, ${s.skipped_cancelled} cancelled and ${s.skipped_fulfilled} fulfilled skipped, ${s.orders_rejected} rejected (of ${s.orders} ${format} orders)`);
  }
  if (s.orders_rejected > 0) process.exitCode = EXIT.problems;
}

export function registerOrderCommands(program: Command) {
  const orders = program.command('orders').description('orders: import, list, get');

  orders
    .command('import <file>')
    .description("import orders from our CSV template, a Shopify order export, or a channel's JSON payload; exit 1 if any row or order was rejected")
    .option('--format <format>', `${[...CSV_FORMATS, ...CHANNEL_FORMAT_NAMES].join(' | ')} (CSV default: detected from the header)`)
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (file: string, o: { format?: string; tenant?: string; json?: boolean }) => {
      if (o.format && (CHANNEL_FORMAT_NAMES as readonly string[]).includes(o.format)) {
        await importChannelFile(file, o.format as ChannelFormat, o);
        return;
      }
      if (o.format && !(CSV_FORMATS as readonly string[]).includes(o.format)) {
        throw new AppError('VALIDATION_FAILED', `Unknown --format ${o.format}; this command reads ${[...CSV_FORMATS, ...CHANNEL_FORMAT_NAMES].join(', ')}`, { errors: [{ path: '--format', message: 'unknown format' }] });
      }
      const format = o.format as CsvFormat | undefined;
      try {
        await stat(file);
      } catch {
        throw new AppError('VALIDATION_FAILED', `Cannot read ${file}`, { errors: [{ path: 'file', message: 'no such file' }] });
      }
      const started = Date.now();
      const bar = new ProgressBar('importing', null);
      const remote = remoteClient();
      let summary: ImportSummary;
      if (remote) {
        refuseTenantWithRemote(o.tenant);
        const q = format ? `?format=${format}` : '';
        const { job_id } = await remote.upload<{ job_id: string }>(`/v1/orders/import${q}`, file);
        const job = await remote.waitForJob(job_id, 'Import', (done, total) => bar.update(done, total)).finally(() => bar.finish());
        summary = job.result as ImportSummary;
      } else {
        const total = Math.max(0, (await countLines(file)) - 1);
        summary = await withLocal(async (lm) => {
          const tenant = await resolveTenant(lm, o.tenant);
          return lm.services.orderImport.importCsv(tenant.id, createReadStream(file), {
            format,
            sourceRef: `import:cli_${ulid()}`,
            onProgress: (done) => bar.update(done, Math.max(done, total)),
          });
        });
        bar.finish();
      }
      printSummary(summary, (Date.now() - started) / 1000, Boolean(o.json));
      if (summary.rows_rejected > 0) process.exitCode = EXIT.problems;
    });

  orders
    .command('list')
    .description('list orders, newest first')
    .option('--status <status>', ORDER_STATUSES.join(' | '))
    .option('--channel <channel>', 'e.g. shopify')
    .option('--tag <tag>', 'only orders with this tag')
    .option('--limit <n>', 'how many (max 500)', positiveInt, 20)
    .option('--cursor <cursor>', 'next_cursor of a previous page')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'machine-readable output')
    .action(async (o: { status?: string; channel?: string; tag?: string; limit: number; cursor?: string; tenant?: string; json?: boolean }) => {
      if (o.status && !(ORDER_STATUSES as readonly string[]).includes(o.status)) throw new AppError('VALIDATION_FAILED', `Unknown --status ${o.status}`);
      const limit = Math.min(Math.max(o.limit, 1), 500);
      const filters = { status: o.status as Order['status'] | undefined, channel: o.channel, tag: o.tag };
      const page = await viaApiOrLocal<Page<Order>>(
        o.tenant,
        (api) => {
          const q = new URLSearchParams({ limit: String(limit) });
          for (const [k, v] of Object.entries({ ...filters, cursor: o.cursor })) if (v) q.set(k, v);
          return api.request<Page<Order>>('GET', `/v1/orders?${q}`);
        },
        (lm, tenantId) => lm.services.orders.list(tenantId, filters, { limit, cursor: o.cursor }),
      );
      if (o.json) return json(page);
      for (const ord of page.data) {
        const t = ord.ship_to;
        stdout(`${ord.id}  ${ord.status.padEnd(14)} ${ord.channel.padEnd(12)} ${ord.external_id.padEnd(16)} ${t.city}, ${t.state ?? ''} ${t.postal_code ?? ''} ${t.country}  ${ord.lines.length} line(s)`);
      }
      if (page.next_cursor) stderr(`more: --cursor ${page.next_cursor}`);
    });

  orders
    .command('get <id>')
    .description('show one order as JSON')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .action(async (id: string, o: { tenant?: string }) => {
      json(
        await viaApiOrLocal(
          o.tenant,
          (api) => api.request<Order>('GET', `/v1/orders/${encodeURIComponent(id)}`),
          (lm, tenantId) => lm.services.orders.get(tenantId, id),
        ),
      );
    });
}
