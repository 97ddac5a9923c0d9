import type { DecayedTotals, OutcomeTotals } from './carrier-kpis.js';

export interface KpiRepo {
  /** Outcome counts per carrier service and currency of the shipments labelled in [from, to). */
  outcomeTotals(tenantId: string, from: Date, to: Date): Promise<OutcomeTotals[]>;
  /** Ended shipments' outcomes per carrier service, each weighted 0.5^(age / halfLifeDays), over `horizonDays`. */
  decayedTotals(tenantId: string, now: Date, halfLifeDays: number, horizonDays: number): Promise<DecayedTotals[]>;
}
