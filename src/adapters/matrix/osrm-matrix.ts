import { AppError } from '../../kernel/errors.js';
import { haversineMatrix } from '../../fleet/haversine-matrix.js';
import type { DistanceMatrixPort, LatLon, TravelMatrix } from '../../fleet/ports.js';

interface OsrmTable {
  code: string;
  message?: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

/**
 * OSRM `table` service (LASTMILE_OSRM_URL). Large matrices are fetched in blocks of sources ×
 * destinations so each request stays under OSRM's max-table-size (100 by default). Pairs OSRM
 * cannot route (null) fall back to the haversine estimate and are counted in `source`.
 */
export class OsrmMatrix implements DistanceMatrixPort {
  constructor(
    private readonly baseUrl: string,
    private readonly opts: { profile?: string; block?: number; timeoutMs?: number; fetch?: typeof fetch } = {},
  ) {}

  async matrix(points: LatLon[]): Promise<TravelMatrix> {
    const n = points.length;
    const block = this.opts.block ?? 50;
    const distanceMeters = new Float64Array(n * n);
    const durationSeconds = new Float64Array(n * n);
    const fallback = haversineMatrix(points);
    let estimated = 0;
    for (let si = 0; si < n; si += block) {
      for (let di = 0; di < n; di += block) {
        const src = range(si, Math.min(n, si + block));
        const dst = range(di, Math.min(n, di + block));
        const ids = [...new Set([...src, ...dst])];
        const coords = ids.map((i) => `${points[i]!.lon.toFixed(6)},${points[i]!.lat.toFixed(6)}`).join(';');
        const pos = new Map(ids.map((id, k) => [id, k]));
        const url =
          `${this.baseUrl.replace(/\/+$/, '')}/table/v1/${this.opts.profile ?? 'driving'}/${coords}` +
          `?annotations=duration,distance&sources=${src.map((i) => pos.get(i)).join(';')}&destinations=${dst.map((i) => pos.get(i)).join(';')}`;
        const t = await this.get(url);
        src.forEach((i, a) =>
          dst.forEach((j, b) => {
            const dur = t.durations?.[a]?.[b];
            const dist = t.distances?.[a]?.[b];
            if (dur == null || dist == null) {
              estimated++;
              durationSeconds[i * n + j] = fallback.durationSeconds[i * n + j]!;
              distanceMeters[i * n + j] = fallback.distanceMeters[i * n + j]!;
            } else {
              durationSeconds[i * n + j] = dur;
              distanceMeters[i * n + j] = dist;
            }
          }),
        );
      }
    }
    return {
      size: n,
      distanceMeters,
      durationSeconds,
      source: `OSRM ${new URL(this.baseUrl).host}${estimated ? ` (${estimated} unroutable pairs estimated by haversine)` : ''}`,
    };
  }

  private async get(url: string): Promise<OsrmTable> {
    const f = this.opts.fetch ?? fetch;
    let res: Response;
    try {
      res = await f(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
    } catch (e) {
      throw new AppError('CONFIGURATION', `OSRM at LASTMILE_OSRM_URL did not answer: ${(e as Error).message}`, { cause: e });
    }
    const body = (await res.json().catch(() => ({ code: 'InvalidResponse' }))) as OsrmTable;
    if (!res.ok || body.code !== 'Ok') {
      throw new AppError('CONFIGURATION', `OSRM table request failed: ${res.status} ${body.code}${body.message ? ` ${body.message}` : ''}`);
    }
    return body;
  }
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
