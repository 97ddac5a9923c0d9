import type { Command } from 'commander';
import { AppError } from '../kernel/errors.js';
import type { TrackingCase } from '../tracking/ports.js';
import { viaApiOrLocal } from './context.js';
import { json, stderr, stdout } from './output.js';

export function registerTrackingCommands(program: Command) {
  const tracking = program.command('tracking').description('parcel tracking and exception cases');
  tracking
    .command('scan')
    .description('run the exception rules, the time-based ones included (no scan, predicted late, lost…), on every parcel still moving; open and resolve cases')
    .option('--now <iso>', 'evaluate as of this instant (ISO 8601 with offset), for scenarios: a dry run unless --apply')
    .option('--apply', 'with --now: open and resolve the cases for real')
    .option('--poll', 'first ask carriers without webhooks (HTTP carrier accounts) for new events')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'print the result as JSON')
    .action(async (o: { now?: string; apply?: boolean; poll?: boolean; tenant?: string; json?: boolean }) => {
      if (o.now !== undefined && (!/T.*(Z|[+-]\d{2}:\d{2})$/.test(o.now) || Number.isNaN(Date.parse(o.now)))) {
        throw new AppError('VALIDATION_FAILED', '--now must be an ISO 8601 instant with an offset, such as 2026-11-30T12:00:00Z', { errors: [{ path: '--now', message: 'ISO 8601 with offset' }] });
      }
      if (o.apply && o.now === undefined) {
        throw new AppError('VALIDATION_FAILED', '--apply goes with --now (a scan at the current time always applies)', { errors: [{ path: '--apply', message: 'needs --now' }] });
      }
      const r = await viaApiOrLocal<{ shipments: number; applied: boolean; cases_opened: TrackingCase[]; cases_resolved: TrackingCase[]; polled: { polled: number; failed: number; accepted: number } | null }>(
        o.tenant,
        (api) => api.request('POST', '/v1/tracking/scan', { ...(o.now ? { now: o.now, apply: !!o.apply } : {}), poll: !!o.poll }),
        async (lm, tenantId) => {
          const polled = o.poll ? await lm.services.tracking.poll(tenantId) : null;
          return { ...(await lm.services.tracking.scan(tenantId, o.now ? { now: new Date(o.now), apply: !!o.apply } : {})), polled };
        },
      );
      if (o.json) json(r);
      else {
        const would = r.applied ? '' : 'would open: ';
        for (const c of r.cases_opened) stdout(`${would}${c.id || '-'}  ${c.rule.padEnd(24)} ${c.shipment_id}  ${c.title}`);
        for (const c of r.cases_resolved) stdout(`${r.applied ? 'resolved' : 'would resolve'}: ${c.id}  ${c.rule.padEnd(24)} ${c.shipment_id}  ${c.actions.at(-1)?.note ?? ''}`);
        if (r.polled) stderr(`polled ${r.polled.polled} parcels (${r.polled.failed} failed), ${r.polled.accepted} new events`);
        stderr(r.applied
          ? `${r.shipments} parcels checked, ${r.cases_opened.length} cases opened, ${r.cases_resolved.length} resolved`
          : `dry run as of ${o.now}: ${r.shipments} parcels checked, ${r.cases_opened.length} cases would open, ${r.cases_resolved.length} would resolve (--apply to save them)`);
      }
    });
}
