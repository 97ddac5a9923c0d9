import type { Command } from 'commander';
import { AppError } from '../kernel/errors.js';
import type { TrackingCase } from '../tracking/ports.js';
import { viaApiOrLocal } from './context.js';
import { json, stderr, stdout } from './output.js';

export function registerTrackingCommands(program: Command) {
  const tracking = program.command('tracking').description('parcel tracking and exception cases');
  tracking
    .command('scan')
    .description('run the time-based exception rules (no scan, predicted late, lost…) on every parcel still moving; open cases')
    .option('--now <iso>', 'evaluate as of this instant (ISO 8601 with offset), for scenarios')
    .option('--poll', 'first ask carriers without webhooks (HTTP carrier accounts) for new events')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'print the result as JSON')
    .action(async (o: { now?: string; poll?: boolean; tenant?: string; json?: boolean }) => {
      if (o.now !== undefined && (!/T.*(Z|[+-]\d{2}:\d{2})$/.test(o.now) || Number.isNaN(Date.parse(o.now)))) {
        throw new AppError('VALIDATION_FAILED', '--now must be an ISO 8601 instant with an offset, such as 2026-11-30T12:00:00Z', { errors: [{ path: '--now', message: 'ISO 8601 with offset' }] });
      }
      const r = await viaApiOrLocal<{ shipments: number; cases_opened: TrackingCase[]; polled: { polled: number; failed: number; accepted: number } | null }>(
        o.tenant,
        (api) => api.request('POST', '/v1/tracking/scan', { ...(o.now ? { now: o.now } : {}), poll: !!o.poll }),
        async (lm, tenantId) => {
          const polled = o.poll ? await lm.services.tracking.poll(tenantId) : null;
          return { ...(await lm.services.tracking.scan(tenantId, o.now ? { now: new Date(o.now) } : {})), polled };
        },
      );
      if (o.json) json(r);
      else {
        for (const c of r.cases_opened) stdout(`${c.id}  ${c.rule.padEnd(24)} ${c.shipment_id}  ${c.title}`);
        if (r.polled) stderr(`polled ${r.polled.polled} parcels (${r.polled.failed} failed), ${r.polled.accepted} new events`);
        stderr(`${r.shipments} parcels checked, ${r.cases_opened.length} cases opened`);
      }
    });
}
