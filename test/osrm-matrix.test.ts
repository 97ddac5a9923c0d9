import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { OsrmMatrix } from '../src/adapters/matrix/osrm-matrix.js';

let server: Server;
let base: string;
const requests: string[] = [];

/** Answers like OSRM's table service: duration = 100 × |Δlon index|, distance = 10 × that; one pair unroutable. */
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url!);
    const u = new URL(req.url!, 'http://x');
    const m = /^\/table\/v1\/driving\/(.+)$/.exec(u.pathname);
    if (!m) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'InvalidUrl', message: 'bad path' }));
      return;
    }
    const coords = m[1]!.split(';').map((c) => c.split(',').map(Number) as [number, number]);
    const sources = u.searchParams.get('sources')!.split(';').map(Number);
    const dests = u.searchParams.get('destinations')!.split(';').map(Number);
    const key = (c: [number, number]) => Math.round(c[0] * 10);
    const durations = sources.map((s) => dests.map((d) => (key(coords[s]!) === 3 && key(coords[d]!) === 4 ? null : 100 * Math.abs(key(coords[s]!) - key(coords[d]!)))));
    const distances = durations.map((row) => row.map((v) => (v === null ? null : v * 10)));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'Ok', durations, distances }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const points = [0, 1, 2, 3, 4].map((i) => ({ lat: 34, lon: i / 10 }));

test('fetches the matrix in blocks and assembles it', async () => {
  requests.length = 0;
  const m = await new OsrmMatrix(base, { block: 2 }).matrix(points);
  expect(requests).toHaveLength(9); // 3 source blocks × 3 destination blocks
  expect(m.durationSeconds[0 * 5 + 2]).toBe(200);
  expect(m.distanceMeters[4 * 5 + 1]).toBe(3000);
  expect(m.durationSeconds[2 * 5 + 2]).toBe(0);
  // The unroutable pair (3 → 4) is estimated and said so.
  expect(m.durationSeconds[3 * 5 + 4]).toBeGreaterThan(0);
  expect(m.source).toContain('1 unroutable pairs estimated by haversine');
});

test('an OSRM error or an unreachable server is a clear configuration error', async () => {
  await expect(new OsrmMatrix(`${base}/nope`).matrix(points)).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining('InvalidUrl') });
  await expect(new OsrmMatrix('http://127.0.0.1:1').matrix(points)).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining('did not answer') });
});
