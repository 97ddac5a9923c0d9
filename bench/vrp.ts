/**
 * Solomon VRPTW benchmark (issue: truck routes). Solves every instance in
 * ../shared/data/vrp/solomon with the distance objective and prints vehicles, distance, the gap
 * to the `distance_double` best-known solution (rows marked SUSPECT are shown but left out of
 * the average) and time. Each instance runs in its own process with one core; `--jobs 2` runs
 * two at once on a 2-core machine.
 *
 *   npm run bench:vrp [-- --time-limit 10 --seed 1 --jobs 2 --only R1]
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const timeLimit = Number(arg('time-limit', '10'));
const seed = Number(arg('seed', '1'));
const jobs = Number(arg('jobs', '2'));
const only = arg('only', '');
const root = fileURLToPath(new URL('../', import.meta.url));
const dir = join(root, '../shared/data/vrp/solomon');
if (!existsSync(dir)) {
  console.log(`no instances: ${dir} is missing`);
  process.exit(0);
}

const bks = new Map<string, { distance: number; vehicles: number; suspect: boolean }>();
for (const line of readFileSync(join(dir, '../solomon_bks.csv'), 'utf8').split('\n').slice(1)) {
  const f = line.split(',');
  if (f[3] !== 'distance_double') continue;
  bks.set(f[0]!, { vehicles: Number(f[1]), distance: Number(f[2]), suspect: line.includes('SUSPECT') });
}

const files = readdirSync(dir).filter((f) => f.endsWith('.txt') && f.startsWith(only)).sort();
interface Row { name: string; vehicles: number; distance: number; feasible: boolean; gap: number | null; seconds: number; iterations: number; suspect: boolean }
const rows: Row[] = [];

function runOne(file: string): Promise<Row> {
  const name = file.replace(/\.txt$/, '');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/vrp-one.ts'), join(dir, file), String(timeLimit), String(seed)],
      { cwd: root, maxBuffer: 1 << 20 },
      (err, stdout) => {
        if (err) return reject(err);
        const r = JSON.parse(stdout.trim().split('\n').pop()!);
        const b = bks.get(name);
        resolve({
          name, vehicles: r.vehicles, distance: r.distance, feasible: r.feasible, iterations: r.iterations, seconds: r.seconds,
          gap: b ? (r.distance / b.distance - 1) * 100 : null, suspect: b?.suspect ?? false,
        });
      },
    );
  });
}

console.log(`Solomon VRPTW, distance objective, ${timeLimit} s per instance, seed ${seed}, ${jobs} at a time on ${cpus().length} cores`);
console.log('instance  veh   distance        bks     gap%    time  iterations');
const queue = [...files];
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const r = await runOne(f);
      rows.push(r);
      const b = bks.get(r.name);
      console.log(
        `${r.name.padEnd(8)} ${String(r.vehicles).padStart(4)} ${r.distance.toFixed(2).padStart(10)} ${(b?.distance.toFixed(2) ?? '-').padStart(10)} ` +
          `${r.gap === null ? '     -' : r.gap.toFixed(2).padStart(7)} ${r.seconds.toFixed(1).padStart(7)} ${String(r.iterations).padStart(11)}` +
          `${r.feasible ? '' : '  INFEASIBLE'}${r.suspect ? '  (BKS marked SUSPECT: not averaged)' : ''}`,
      );
    }
  }),
);
rows.sort((a, b) => a.name.localeCompare(b.name));
const counted = rows.filter((r) => r.gap !== null && !r.suspect);
const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const infeasible = rows.filter((r) => !r.feasible).length;
for (const family of ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2']) {
  const fam = counted.filter((r) => r.name.slice(0, -2) === family);
  if (fam.length) console.log(`  ${family.padEnd(4)} ${fam.length} instances, average gap ${avg(fam.map((r) => r.gap!)).toFixed(2)} %`);
}
console.log(
  `summary: ${rows.length} instances, average gap ${avg(counted.map((r) => r.gap!)).toFixed(3)} % over ${counted.length} (SUSPECT rows excluded), ` +
    `average vehicles ${avg(rows.map((r) => r.vehicles)).toFixed(2)}, average time ${avg(rows.map((r) => r.seconds)).toFixed(2)} s, infeasible ${infeasible}`,
);
