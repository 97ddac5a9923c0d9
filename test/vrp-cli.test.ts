import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseSolomon } from '../src/solvers/vrp/solomon.js';

const BIN = new URL('../bin/lastmile', import.meta.url).pathname;
const SHARED = new URL('../../shared/data/vrp/solomon/', import.meta.url).pathname;

function run(args: string[]) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Recomputes the distance of printed routes (each from and back to depot 0) from the instance. */
function recompute(text: string, routes: number[][]): { distance: number; visited: number[] } {
  const inst = parseSolomon(text);
  const at = new Map(inst.nodes.map((n) => [n.id, n]));
  let distance = 0;
  const visited: number[] = [];
  for (const r of routes) {
    const path = [0, ...r, 0];
    for (let i = 1; i < path.length; i++) {
      const a = at.get(path[i - 1]!)!;
      const b = at.get(path[i]!)!;
      distance += Math.hypot(a.x - b.x, a.y - b.y);
    }
    visited.push(...r);
  }
  return { distance, visited };
}

function smallInstance(): string {
  const lines = ['TINY12', '', 'VEHICLE', 'NUMBER     CAPACITY', '  4         50', '', 'CUSTOMER', 'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME', ''];
  lines.push('    0      50         50          0          0       1000          0');
  for (let i = 1; i <= 12; i++) {
    const x = 50 + Math.round(40 * Math.cos(i));
    const y = 50 + Math.round(40 * Math.sin(i * 1.3));
    lines.push(`   ${i}      ${x}         ${y}         ${5 + (i % 4) * 3}        ${(i * 37) % 300}        ${((i * 37) % 300) + 200}         10`);
  }
  return lines.join('\n');
}

describe('lastmile vrp solve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lastmile-vrp-'));
  const file = join(dir, 'tiny.txt');
  writeFileSync(file, smallInstance());

  test('--json prints vehicles, distance and routes; the distance is the routes’ own', () => {
    const r = run(['vrp', 'solve', '--solomon', file, '--time-limit', '600', '--max-iterations', '200', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['distance', 'routes', 'vehicles']);
    expect(out.vehicles).toBe(out.routes.length);
    const { distance, visited } = recompute(readFileSync(file, 'utf8'), out.routes);
    expect(out.distance).toBeCloseTo(distance, 9);
    expect(visited.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  test('--seed with --max-iterations gives the same answer every run', () => {
    const args = ['vrp', 'solve', '--solomon', file, '--time-limit', '60', '--seed', '9', '--max-iterations', '30', '--json'];
    expect(run(args).stdout).toBe(run(args).stdout);
  });

  test('bad input is a usage error', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'not an instance');
    const r = run(['vrp', 'solve', '--solomon', bad, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a Solomon instance');
    expect(run(['vrp', 'solve', '--solomon', join(dir, 'missing.txt')]).code).toBe(2);
    expect(run(['vrp', 'solve', '--solomon', file, '--objective', 'cheapest']).code).toBe(2);
  });

  test.runIf(existsSync(SHARED))('real Solomon instances give feasible plans near the best known', () => {
    for (const name of ['C101', 'R201', 'RC105']) {
      const text = readFileSync(join(SHARED, `${name}.txt`), 'utf8');
      const r = run(['vrp', 'solve', '--solomon', join(SHARED, `${name}.txt`), '--time-limit', '600', '--max-iterations', '300', '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      const { distance, visited } = recompute(text, out.routes);
      expect(out.distance).toBeCloseTo(distance, 9);
      const bks = readFileSync(join(SHARED, '../solomon_bks.csv'), 'utf8').split('\n').find((l) => l.startsWith(`${name},`) && l.includes(',distance_double,'))!;
      expect(out.distance).toBeLessThan(Number(bks.split(',')[2]) * 1.03);
      expect(new Set(visited).size).toBe(100);
      expect(visited).toHaveLength(100);
      // Feasibility of windows and capacity, simulated here independently of the solver.
      const inst = parseSolomon(text);
      const at = new Map(inst.nodes.map((n) => [n.id, n]));
      for (const route of out.routes as number[][]) {
        let t = 0;
        let load = 0;
        let prev = at.get(0)!;
        for (const id of route) {
          const c = at.get(id)!;
          t = Math.max(t + Math.hypot(prev.x - c.x, prev.y - c.y), c.ready);
          expect(t).toBeLessThanOrEqual(c.due + 1e-9);
          t += c.service;
          load += c.demand;
          prev = c;
        }
        expect(t + Math.hypot(prev.x - inst.nodes[0]!.x, prev.y - inst.nodes[0]!.y)).toBeLessThanOrEqual(inst.nodes[0]!.due + 1e-9);
        expect(load).toBeLessThanOrEqual(inst.capacity);
      }
    }
  });
});
