/** Solves one Solomon instance and prints one JSON line (used by bench/vrp.ts, one process each). */
import { readFileSync } from 'node:fs';
import { checkSolution } from '../src/solvers/vrp/check.js';
import { solveHgs } from '../src/solvers/vrp/hgs.js';
import { Problem } from '../src/solvers/vrp/problem.js';
import { parseSolomon, solomonToProblem } from '../src/solvers/vrp/solomon.js';

const [file, seconds, seed] = process.argv.slice(2);
const p = new Problem(solomonToProblem(parseSolomon(readFileSync(file!, 'utf8'))));
const t0 = performance.now();
const r = solveHgs(p, { seed: Number(seed ?? 1), timeLimitMs: Number(seconds ?? 10) * 1000 });
const check = checkSolution(p, r.routes, r.unassigned);
process.stdout.write(
  `${JSON.stringify({
    vehicles: r.routes.filter((x) => x.length > 0).length,
    distance: check.distance,
    feasible: check.feasible,
    violations: check.violations.slice(0, 3),
    iterations: r.iterations,
    seconds: (performance.now() - t0) / 1000,
  })}\n`,
);
