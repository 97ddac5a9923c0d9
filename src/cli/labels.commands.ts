import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SandboxCarrier } from '../adapters/carriers/sandbox-carrier.js';
import { AppError } from '../kernel/errors.js';
import { ulid } from '../kernel/ids.js';
import type { BatchResult } from '../shipments/shipments.service.js';
import { remoteClient, resolveTenant, viaApiOrLocal, refuseTenantWithRemote, withLocal } from './context.js';
import { EXIT, json, stderr, stdout } from './output.js';
import { ProgressBar } from './progress.js';
import { idsFromFile } from './routing.commands.js';

function rate(name: string, v: string | undefined): number {
  const n = Number(v ?? 0);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new AppError('VALIDATION_FAILED', `${name} must be a number from 0 to 1`, { errors: [{ path: name, message: 'a share, such as 0.3' }] });
  return n;
}

export function registerLabelCommands(program: Command) {
  const labels = program.command('labels').description('buy and print shipping labels');
  labels
    .command('buy')
    .description('buy labels for decided orders (a shipment each), exactly once, and print them into one file')
    .option('--orders <file>', 'order ids, one per line or a JSON array')
    .option('--status <status>', 'decided: every decided order')
    .option('--out <file>', 'write every label into this file (PDF, or ZPL when it ends in .zpl)')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'print the per-order results as JSON')
    .addHelpText('after', '\nExit status: 0 when every order got its label; 1 when some did not (see the results).')
    .action(async (o: { orders?: string; status?: string; out?: string; tenant?: string; json?: boolean }) => {
      if (!o.orders === !o.status) throw new AppError('VALIDATION_FAILED', 'give --orders FILE or --status decided');
      if (o.status && o.status !== 'decided') throw new AppError('VALIDATION_FAILED', '--status must be decided', { errors: [{ path: '--status', message: 'decided' }] });
      const ids = o.orders ? await idsFromFile(o.orders) : undefined;
      const format = o.out?.toLowerCase().endsWith('.zpl') ? 'zpl' : 'pdf';
      const bar = new ProgressBar('labels', null);
      let result: BatchResult;
      let file: Buffer | string | undefined;
      const remote = remoteClient();
      if (remote) {
        refuseTenantWithRemote(o.tenant);
        const { job_id } = await remote.request<{ job_id: string }>('POST', '/v1/label-batches', ids ? { order_ids: ids } : { status: 'decided' });
        const job = await remote.waitForJob(job_id, 'Label batch', (done, total) => bar.update(done, total)).finally(() => bar.finish());
        result = job.result as unknown as BatchResult;
        if (o.out && result.results.some((r) => r.tracking_numbers.length)) file = await remote.download(`/v1/label-batches/${job_id}/labels?format=${format}`);
      } else {
        ({ result, file } = await withLocal(async (lm) => {
          const tenant = await resolveTenant(lm, o.tenant);
          const list = ids ?? (await lm.services.orders.idsInStatus(tenant.id, 'decided', 10_000, { withoutTruckPlan: true }));
          if (list.length === 0) throw new AppError('VALIDATION_FAILED', 'No decided orders to ship');
          // Purchases run through the outbox: work it in this process while the command runs.
          await lm.services.outbox.start();
          const batchId = `cli_${ulid()}`;
          const r = await lm.services.shipments.buyBatch(tenant.id, list, { batchId, actor: 'cli', onProgress: (done, total) => bar.update(done, total) });
          bar.finish();
          const doc = o.out && r.results.some((x) => x.tracking_numbers.length) ? (await lm.services.shipments.batchLabels(tenant.id, batchId, format)).body : undefined;
          return { result: r, file: doc };
        }));
      }
      if (o.out && file) {
        await writeFile(o.out, file);
        stderr(`labels written to ${o.out}`);
      }
      if (o.json) json(result);
      else {
        for (const r of result.results) {
          stdout(`${r.order_id}  ${r.status.padEnd(13)} ${r.tracking_numbers.join(' ')}${r.error ? `  ${r.error.message}` : ''}`);
        }
        stderr(Object.entries(result.counts).map(([k, v]) => `${k}: ${v}`).join(', '));
      }
      if (result.results.some((r) => r.status !== 'labeled')) process.exitCode = EXIT.problems;
    });

  const manifests = program.command('manifests').description('end-of-day manifests');
  manifests
    .command('close')
    .description("close out a carrier's labeled shipments at a warehouse: the manifest, and the shipments become manifested")
    .requiredOption('--carrier <code>', 'carrier code, as in the rate cards (ups, usps…)')
    .requiredOption('--warehouse <code>', 'warehouse code or id')
    .option('--pdf <file>', 'write the manifest PDF here')
    .option('--csv <file>', 'write the manifest CSV here')
    .option('--tenant <name>', 'tenant name')
    .action(async (o: { carrier: string; warehouse: string; pdf?: string; csv?: string; tenant?: string }) => {
      const out = await viaApiOrLocal<{ m: object; pdf: Buffer | string | undefined; csv: Buffer | string | undefined }>(
        o.tenant,
        async (api) => {
          const m = await api.request<{ id: string; summary: object }>('POST', '/v1/manifests', { carrier: o.carrier, warehouse_id: o.warehouse });
          return {
            m,
            pdf: o.pdf ? await api.download(`/v1/manifests/${m.id}?format=pdf`) : undefined,
            csv: o.csv ? await api.download(`/v1/manifests/${m.id}?format=csv`) : undefined,
          };
        },
        async (lm, tenantId) => {
          const m = await lm.services.shipments.closeManifest(tenantId, o.carrier.toLowerCase(), o.warehouse);
          return {
            m,
            pdf: o.pdf ? (await lm.services.shipments.manifestDocument(tenantId, m.id, 'pdf')).body : undefined,
            csv: o.csv ? (await lm.services.shipments.manifestDocument(tenantId, m.id, 'csv')).body : undefined,
          };
        },
      );
      if (o.pdf && out.pdf) await writeFile(o.pdf, out.pdf);
      if (o.csv && out.csv) await writeFile(o.csv, out.csv);
      json(out.m);
    });

  program
    .command('sandbox-carrier')
    .description('run a carrier sandbox that speaks the generic HTTP carrier contract, with faults on demand')
    .option('--port <port>', 'port to listen on', '4010')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--latency-ms <ms>', 'added to every answer', '0')
    .option('--error-rate <share>', 'share of requests answered 503 (0-1)', '0')
    .option('--timeout-rate <share>', 'share of requests carried out but never answered (0-1)', '0')
    .option('--duplicate-rate <share>', 'share of purchases delivered twice and webhooks sent twice (0-1)', '0')
    .option('--hang-ms <ms>', 'how long an unanswered request hangs', '60000')
    .option('--api-key <key>', 'require this bearer key')
    .option('--webhook-url <url>', 'send tracking webhooks here')
    .option('--webhook-secret <secret>', 'sign webhooks with this secret (HMAC-SHA256)')
    .option('--label-formats <list>', 'send the sandbox\'s own label documents in these formats (pdf,zpl), as carriers that draw their labels do')
    .action(async (o: { port: string; host: string; latencyMs: string; errorRate: string; timeoutRate: string; duplicateRate: string; hangMs: string; apiKey?: string; webhookUrl?: string; webhookSecret?: string; labelFormats?: string }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('VALIDATION_FAILED', '--port must be 0-65535');
      const formats = o.labelFormats ? o.labelFormats.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean) : [];
      const bad = formats.filter((x) => x !== 'pdf' && x !== 'zpl');
      if (bad.length) throw new AppError('VALIDATION_FAILED', `--label-formats takes pdf and zpl, not ${bad.join(', ')}`);
      const sandbox = new SandboxCarrier({
        port, host: o.host, latencyMs: Number(o.latencyMs) || 0, hangMs: Number(o.hangMs) || 60_000,
        errorRate: rate('--error-rate', o.errorRate), timeoutRate: rate('--timeout-rate', o.timeoutRate), duplicateRate: rate('--duplicate-rate', o.duplicateRate),
        ...(o.apiKey ? { apiKey: o.apiKey } : {}), ...(o.webhookUrl ? { webhookUrl: o.webhookUrl } : {}), ...(o.webhookSecret ? { webhookSecret: o.webhookSecret } : {}),
        labelFormats: formats as ('pdf' | 'zpl')[],
      });
      const url = await sandbox.listen();
      stdout(`sandbox carrier listening on ${url} (ledger: ${url}/_sandbox/labels, stats: ${url}/_sandbox/stats)`);
      await new Promise<void>((resolve) => {
        const stop = () => void sandbox.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
