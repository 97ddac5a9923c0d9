import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { localToUtcMs } from '../kernel/zoned-time.js';
import type { LaneStats } from '../routing/scoring.js';
import { carrierKpis, laneStats, mergeTotals, type CarrierKpi } from './carrier-kpis.js';
import type { KpiRepo } from './ports.js';

export interface KpisDeps {
  repo: KpiRepo;
  clock: Clock;
  /** How long the decision engine's lane statistics are reused before they are summed again. */
  statsTtlMs?: number;
}

const DAY = 86_400_000;

/** Carrier KPIs for people, and the observed outcomes the decision engine scores with. */
export class KpisService {
  private readonly cache = new Map<string, { at: number; stats: ReadonlyMap<string, LaneStats> }>();

  constructor(private readonly d: KpisDeps) {}

  /** Per carrier service: on-time, first-attempt, loss and return rates, cost per parcel, transit, SLA, over shipments labelled in [from, to). */
  async carriers(tenantId: string, q: { from?: string | undefined; to?: string | undefined; sla?: number | undefined }): Promise<{ from: string; to: string; carriers: CarrierKpi[] }> {
    const now = this.d.clock.now();
    // Up to and including this instant (a label bought a moment ago counts).
    const to = q.to ? new Date(`${q.to}T00:00:00Z`).getTime() + DAY : now.getTime() + 1;
    const from = q.from ? new Date(`${q.from}T00:00:00Z`).getTime() : to - 30 * DAY;
    if (!(from < to)) throw new AppError('VALIDATION_FAILED', 'from must be before to', { errors: [{ path: 'from', message: 'on or before to' }] });
    if (to - from > 366 * DAY) throw new AppError('VALIDATION_FAILED', 'at most a year at a time', { errors: [{ path: 'from', message: 'at most 366 days before to' }] });
    const rows = await this.d.repo.outcomeTotals(tenantId, new Date(from), new Date(to));
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), carriers: carrierKpis(rows, q.sla ?? null) };
  }

  /** The overview: the order queue by state, today's orders and labels (from local midnight in `tz`), open cases. */
  async overview(tenantId: string, q: { tz: string }) {
    const now = this.d.clock.now().getTime();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: q.tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    const since = localToUtcMs(today, 0, q.tz);
    return { time_zone: q.tz, today, since: new Date(since).toISOString(), ...(await this.d.repo.overviewCounts(tenantId, new Date(since))) };
  }

  /**
   * The KPIs week by week (weeks start on Monday, UTC), the last `weeks` of them up to this one,
   * for all shipments together (`by: 'all'`) or per carrier: the charts of the overview and analytics.
   */
  async weekly(tenantId: string, q: { weeks: number; by: 'all' | 'carrier' }): Promise<{ weeks: { week: string; kpis: CarrierKpi[] }[] }> {
    const now = this.d.clock.now().getTime();
    const today = Math.floor(now / DAY) * DAY;
    const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
    const weeks: { week: string; kpis: CarrierKpi[] }[] = [];
    for (let i = q.weeks - 1; i >= 0; i--) {
      const from = monday - i * 7 * DAY;
      const rows = await this.d.repo.outcomeTotals(tenantId, new Date(from), new Date(Math.min(from + 7 * DAY, now + 1)));
      weeks.push({ week: new Date(from).toISOString().slice(0, 10), kpis: carrierKpis(mergeTotals(rows, (r) => (q.by === 'all' ? 'all' : r.carrier)), null) });
    }
    return { weeks };
  }

  /**
   * Outcomes per `carrier|card` over four half-lives, each shipment weighted by its age: what
   * the decision engine shrinks toward its priors. Summed again at most every `statsTtlMs`.
   */
  /** Sums a tenant's lane statistics again on next use (after outcomes were corrected, or in tests). */
  forget(tenantId: string) {
    for (const key of this.cache.keys()) if (key.startsWith(`${tenantId}|`)) this.cache.delete(key);
  }

  async laneStats(tenantId: string, halfLifeDays: number): Promise<ReadonlyMap<string, LaneStats>> {
    const key = `${tenantId}|${halfLifeDays}`;
    const now = this.d.clock.now();
    const hit = this.cache.get(key);
    if (hit && now.getTime() - hit.at < (this.d.statsTtlMs ?? 300_000)) return hit.stats;
    const stats = laneStats(await this.d.repo.decayedTotals(tenantId, now, halfLifeDays, Math.ceil(4 * halfLifeDays)));
    this.cache.set(key, { at: now.getTime(), stats });
    return stats;
  }
}
