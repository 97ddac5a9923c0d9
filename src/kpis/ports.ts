import type { DecayedTotals, OutcomeTotals } from './carrier-kpis.js';

/** What the overview counts: the queue now, and what happened since a moment (local midnight). */
export interface OverviewCounts {
  orders_by_status: Record<string, number>;
  orders_since: Record<string, number>;
  labels_since: { shipments: number; packages: number };
  open_cases: number;
}

export interface KpiRepo {
  overviewCounts(tenantId: string, since: Date): Promise<OverviewCounts>;
  /** Outcome counts per carrier service and currency of the shipments labelled in [from, to). */
  outcomeTotals(tenantId: string, from: Date, to: Date): Promise<OutcomeTotals[]>;
  /** Ended shipments' outcomes per carrier service, each weighted 0.5^(age / halfLifeDays), over `horizonDays`. */
  decayedTotals(tenantId: string, now: Date, halfLifeDays: number, horizonDays: number): Promise<DecayedTotals[]>;
}
