import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../kernel/errors.js';
import { packRequestSchema, type PackResponse } from '../packing/pack.schema.js';
import { planRequest } from '../packing/plan-request.js';
import { SAMPLES } from '../rating/card-import.js';
import { compileCard } from '../rating/quote.js';
import { viaApiOrLocal } from './context.js';
import { EXIT, json, stderr, stdout } from './output.js';

function print(r: PackResponse) {
  const u = r.units;
  r.packages.forEach((p, i) => {
    stdout(`package ${i + 1}: ${p.box_id ?? 'own container'}  ${p.dimensions.length}×${p.dimensions.width}×${p.dimensions.height} ${u.length}, ${p.gross_weight} ${u.weight} gross, ${p.billable_weight} ${u.weight} billable${p.shipping_cost !== null ? `, ${p.shipping_cost.toFixed(2)} to ship` : ''}`);
    for (const a of p.items) stdout(`  ${a.item_id}#${a.unit + 1} at (${a.position.x}, ${a.position.y}, ${a.position.z}) as ${a.dimensions.length}×${a.dimensions.width}×${a.dimensions.height}`);
  });
  for (const x of r.unpacked) stderr(`not packed: ${x.item_id}#${x.unit + 1}: ${x.reason}`);
  for (const a of r.alternatives) stderr(`compared: ${a.description}${a.cost !== null ? ` (${a.cost.toFixed(2)})` : ''}`);
  for (const n of r.notes) stderr(`note: ${n}`);
}

export function registerPackingCommands(program: Command) {
  program
    .command('pack')
    .description('choose boxes and place items (offline; a rate card that is not a sample needs the database or LASTMILE_URL)')
    .requiredOption('--input <file>', 'JSON: {"items": […], "boxes": […], "units": {"length", "weight"}, "dim_divisor"?, "service"?}')
    .option('--tenant <name>', 'tenant name, for its own rate cards')
    .option('--json', 'print the plan as JSON')
    .addHelpText('after', '\nExit status: 0 when everything is packed; 1 when an item fits no box.')
    .action(async (o: { input: string; tenant?: string; json?: boolean }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(o.input, 'utf8'));
      } catch (e) {
        throw new AppError('VALIDATION_FAILED', `Cannot read ${o.input} as JSON: ${(e as Error).message}`);
      }
      const parsed = packRequestSchema.safeParse(raw);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', `${o.input} is not a packing request`, { errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      }
      const req = parsed.data;
      if (req.boxes.length === 0) throw new AppError('VALIDATION_FAILED', 'No boxes to pack into', { errors: [{ path: 'boxes', message: 'give at least one box' }] });
      const today = new Date().toISOString().slice(0, 10);
      const sample = req.service ? SAMPLES.find((c) => c.code === req.service) : undefined;
      const r =
        !req.service || sample
          ? planRequest(req, sample ? compileCard(sample) : undefined, today)
          : await viaApiOrLocal(o.tenant, (c) => c.request<PackResponse>('POST', '/v1/packing/plan', req), (lm, t) => lm.services.packing.plan(t, req));
      if (o.json) json(r);
      else print(r);
      if (r.unpacked.length > 0) process.exitCode = EXIT.problems;
    });
}
