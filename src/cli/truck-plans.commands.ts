import type { Command } from 'commander';
import type { z } from 'zod';
import { truckPlanCreateSchema, type TruckPlan, type TruckPlanResult, type truckPlanSummarySchema } from '../fleet/truck-plan.schema.js';
import { AppError } from '../kernel/errors.js';
import { remoteClient, resolveTenant, refuseTenantWithRemote, viaApiOrLocal, withLocal } from './context.js';

type TruckPlanSummary = z.output<typeof truckPlanSummarySchema>;
import { EXIT, json, stderr, stdout } from './output.js';

function printPlan(r: TruckPlanResult) {
  for (const route of r.routes) {
    stdout(`${route.vehicle_id} (${route.vehicle_type}): leave ${route.departure.slice(11, 16)}, back ${route.return.slice(11, 16)}, ${route.stops.length} stops, ${route.distance_km} km, ${route.load.weight_kg} kg`);
    for (const s of route.stops) {
      stdout(`  ${String(s.sequence).padStart(2)}. ${s.eta.slice(11, 16)}  window ${s.customer_window.start.slice(11, 16)}-${s.customer_window.end.slice(11, 16)}  ${s.external_id.padEnd(14)} ${s.address}`);
    }
  }
  for (const u of r.unassigned) stderr(`not planned: ${u.order_id}: ${u.reason}`);
  for (const w of r.warnings) stderr(`warning: ${w}`);
  stderr(`${r.totals.planned} of ${r.totals.orders} orders on ${r.totals.vehicles} trucks, ${r.totals.distance_km} km (${r.matrix})`);
}

export function registerTruckPlanCommands(program: Command) {
  const tp = program.command('truck-plans').description('truck delivery plans');
  tp.command('list')
    .description('the truck plans, newest first')
    .option('--warehouse <code>', 'only this warehouse')
    .option('--date <YYYY-MM-DD>', 'only this day')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'print the list as JSON')
    .action(async (o: { warehouse?: string; date?: string; tenant?: string; json?: boolean }) => {
      const q = { ...(o.warehouse ? { warehouse_id: o.warehouse } : {}), ...(o.date ? { date: o.date } : {}) };
      const data = await viaApiOrLocal(
        o.tenant,
        async (api) => (await api.request<{ data: TruckPlanSummary[] }>('GET', `/v1/truck-plans?${new URLSearchParams({ ...q, limit: '200' })}`)).data,
        async (lm, tenantId) => (await lm.services.truckPlans.list(tenantId, q, { limit: 200 })).data,
      );
      if (o.json) return json(data);
      for (const p of data) stdout(`${p.id}  ${p.date}  ${p.state.padEnd(9)} ${p.totals ? `${p.totals.planned} of ${p.totals.orders} orders on ${p.totals.vehicles} trucks, ${p.totals.distance_km} km` : ''}`);
    });
  tp.command('create')
    .description("plan a warehouse's truck deliveries for a day; exit 1 if some orders could not be planned")
    .requiredOption('--warehouse <code>', 'warehouse code or id (its fleet makes the trucks)')
    .requiredOption('--date <YYYY-MM-DD>', 'delivery day in the warehouse time zone')
    .option('--orders <ids>', 'comma-separated order ids (default: its open truck orders)')
    .option('--time-limit <seconds>', 'solver time', '10')
    .option('--max-iterations <n>', 'also stop after this many solver iterations (the same plan on every run)')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'print the plan as JSON on stdout')
    .action(async (o: { warehouse: string; date: string; orders?: string; timeLimit: string; maxIterations?: string; tenant?: string; json?: boolean }) => {
      const parsed = truckPlanCreateSchema.safeParse({
        warehouse_id: o.warehouse,
        date: o.date,
        ...(o.orders ? { order_ids: o.orders.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
        time_limit_seconds: Number(o.timeLimit),
        ...(o.maxIterations !== undefined ? { max_iterations: Number(o.maxIterations) } : {}),
      });
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', 'Invalid plan options', { errors: parsed.error.issues.map((i) => ({ path: `--${String(i.path[0]).replace(/_/g, '-')}`, message: i.message })) });
      }
      const remote = remoteClient();
      let result: TruckPlanResult;
      let planId: string;
      if (remote) {
        refuseTenantWithRemote(o.tenant);
        const { id } = await remote.request<{ id: string }>('POST', '/v1/truck-plans', parsed.data);
        let plan: TruckPlan;
        for (;;) {
          plan = await remote.request<TruckPlan>('GET', `/v1/truck-plans/${id}`);
          if (plan.state === 'succeeded' || plan.state === 'failed') break;
          await new Promise((r) => setTimeout(r, 300));
        }
        if (!plan.result) throw new AppError('INTERNAL', `Plan ${id} ${plan.state}`);
        result = plan.result;
        planId = id;
      } else {
        const plan = await withLocal(async (lm) => {
          const tenant = await resolveTenant(lm, o.tenant);
          const w = await lm.services.warehouses.resolve(tenant.id, parsed.data.warehouse_id);
          if (!w) throw new AppError('VALIDATION_FAILED', `Unknown warehouse ${parsed.data.warehouse_id}`, { errors: [{ path: '--warehouse', message: 'no such warehouse' }] });
          if (w.fleet.vehicle_types.length === 0) throw new AppError('VALIDATION_FAILED', `Warehouse ${w.code} has no trucks (fleet.vehicle_types is empty)`);
          if (process.stderr.isTTY) stderr(`planning ${w.code} for ${parsed.data.date} (${parsed.data.time_limit_seconds} s)…`);
          return lm.services.truckPlans.createNow(tenant.id, w, parsed.data);
        });
        result = plan.result!;
        planId = plan.id;
      }
      if (o.json) json({ id: planId, ...result });
      else {
        printPlan(result);
        stderr(`plan ${planId}: ./bin/lastmile truck-plans list, GET /v1/truck-plans/${planId}, route sheets at /v1/truck-plans/${planId}/sheets/<vehicle>`);
      }
      if (result.unassigned.length > 0) process.exitCode = EXIT.problems;
    });
}
