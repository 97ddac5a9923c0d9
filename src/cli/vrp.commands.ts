import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../kernel/errors.js';
import { parseSolomon, solomonToProblem } from '../solvers/vrp/solomon.js';
import { solve } from '../solvers/vrp/solve.js';
import { positiveInt } from './main.js';
import { json, stderr, stdout } from './output.js';

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!(n > 0)) throw new AppError('VALIDATION_FAILED', `"${v}" is not a positive number of seconds`);
  return n;
}

export function registerVrpCommands(program: Command) {
  const vrp = program.command('vrp').description('the vehicle routing solver');
  vrp
    .command('solve')
    .description('solve a Solomon-format VRPTW instance (exact Euclidean distances, travel time = distance)')
    .requiredOption('--solomon <file>', 'instance in the Solomon text format')
    .option('--time-limit <seconds>', 'wall-clock budget', positiveNumber, 10)
    .option('--seed <n>', 'random seed; with --max-iterations the result is the same on every run', positiveInt, 1)
    .option('--max-iterations <n>', 'stop after this many offspring', positiveInt)
    .option('--objective <objective>', 'distance (default) or vehicles (fewest vehicles, then distance)', 'distance')
    .option('--json', 'print {"vehicles","distance","routes"} on stdout')
    .action(async (o: { solomon: string; timeLimit: number; seed: number; maxIterations?: number; objective: string; json?: boolean }) => {
      if (o.objective !== 'distance' && o.objective !== 'vehicles') throw new AppError('VALIDATION_FAILED', '--objective must be distance or vehicles');
      let text: string;
      try {
        text = await readFile(o.solomon, 'utf8');
      } catch {
        throw new AppError('VALIDATION_FAILED', `Cannot read ${o.solomon}`);
      }
      let input;
      try {
        input = solomonToProblem(parseSolomon(text));
      } catch (e) {
        throw new AppError('VALIDATION_FAILED', `${o.solomon}: ${(e as Error).message}`);
      }
      if (o.objective === 'vehicles') {
        // A vehicle costs more than any route could: fewer vehicles first, then distance.
        const n = input.stops.length + 1;
        let bound = 0;
        for (let i = 1; i < n; i++) bound += 2 * input.distance[i]!;
        for (const v of input.vehicles) v.fixedCost = bound;
      }
      const s = solve(input, { seed: o.seed, timeLimitMs: o.timeLimit * 1000, ...(o.maxIterations !== undefined ? { maxIterations: o.maxIterations } : {}) });
      const routes = s.routes.map((r) => r.stops.map((x) => Number(x.id)));
      if (o.json) return json({ vehicles: s.vehicles, distance: s.distance, routes });
      stdout(`${s.vehicles} vehicles, distance ${s.distance.toFixed(2)} (${s.iterations} iterations in ${(s.elapsed_ms / 1000).toFixed(1)} s)`);
      routes.forEach((r, i) => stdout(`  route ${i + 1}: 0 ${r.join(' ')} 0`));
      if (s.unassigned.length > 0) stderr(`${s.unassigned.length} stops unassigned: ${s.unassigned.map((u) => `${u.id} (${u.reason})`).join('; ')}`);
    });
}
