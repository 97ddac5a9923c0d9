import type { LaneStats } from '../routing/scoring.js';

/**
 * Carrier KPIs from shipment outcomes (docs/kpis.md). The database sums the outcomes of a
 * period per carrier service; this turns the sums into the figures people read.
 */

/** Counts of one carrier service (rate card) over a period, in one currency. */
export interface OutcomeTotals {
  carrier: string;
  card: string;
  service_name: string;
  currency: string | null;
  /** Shipments labelled in the period (not cancelled). */
  shipments: number;
  packages: number;
  delivered: number;
  /** Delivered with a promise to compare with. */
  delivered_with_promise: number;
  /** Delivered on or before the promise's latest day (UTC dates). */
  on_time: number;
  /** Delivered without a failed attempt first. */
  first_attempt: number;
  /** Ended shipments (delivered, lost or returned) with a failed attempt. */
  failed_attempts: number;
  lost: number;
  returned: number;
  /** Sum of label costs in minor units of `currency`, and the packages of the shipments with a cost. */
  cost_amount: number;
  costed_packages: number;
  /** Sum of days from label to delivery over delivered shipments. */
  transit_days: number;
}

export interface CarrierKpi {
  carrier: string;
  card: string;
  service_name: string;
  shipments: number;
  packages: number;
  delivered: number;
  in_flight: number;
  lost: number;
  returned: number;
  /** Shares in [0, 1], null when nothing to measure yet. */
  on_time_rate: number | null;
  first_attempt_rate: number | null;
  loss_rate: number | null;
  return_rate: number | null;
  /** Label cost per parcel (package). */
  cost_per_parcel: { amount: number; currency: string } | null;
  avg_transit_days: number | null;
  /** On-time rate against the tenant's SLA target, when one is given. */
  sla: { target: number; met: boolean } | null;
}

const rate = (k: number, n: number) => (n > 0 ? Math.round((k / n) * 10_000) / 10_000 : null);

/** KPIs per carrier service; `slaTarget` is the on-time share the tenant expects (e.g. 0.95). */
export function carrierKpis(rows: readonly OutcomeTotals[], slaTarget: number | null): CarrierKpi[] {
  return rows
    .map((r) => {
      const ended = r.delivered + r.lost + r.returned;
      const onTime = rate(r.on_time, r.delivered_with_promise);
      return {
        carrier: r.carrier, card: r.card, service_name: r.service_name,
        shipments: r.shipments, packages: r.packages, delivered: r.delivered, in_flight: Math.max(0, r.shipments - ended), lost: r.lost, returned: r.returned,
        on_time_rate: onTime,
        first_attempt_rate: rate(r.first_attempt, r.delivered),
        loss_rate: rate(r.lost, ended),
        return_rate: rate(r.returned, ended),
        cost_per_parcel: r.costed_packages > 0 && r.currency ? { amount: Math.round(r.cost_amount / r.costed_packages), currency: r.currency } : null,
        avg_transit_days: r.delivered > 0 ? Math.round((r.transit_days / r.delivered) * 10) / 10 : null,
        sla: slaTarget !== null && onTime !== null ? { target: slaTarget, met: onTime >= slaTarget } : null,
      };
    })
    .sort((a, b) => a.carrier.localeCompare(b.carrier) || a.card.localeCompare(b.card));
}

/** Decayed outcome counts of one carrier service (each shipment weighted by its age). */
export interface DecayedTotals {
  carrier: string;
  card: string;
  ended: number;
  failed_attempts: number;
  lost: number;
  late: number;
}

/** What the decision engine's scoring reads: per `carrier|card`, shrunk toward the priors there. */
export function laneStats(rows: readonly DecayedTotals[]): Map<string, LaneStats> {
  return new Map(rows.map((r) => [`${r.carrier}|${r.card}`, { shipments: r.ended, failedFirstAttempt: r.failed_attempts, lost: r.lost, late: r.late }]));
}

/**
 * Totals of several carrier services summed into one line per group (a carrier, or everything as
 * `all`), in the currency most of its packages were costed in (other currencies' costs are left
 * out of the cost per parcel rather than mixed).
 */
export function mergeTotals(rows: readonly OutcomeTotals[], groupOf: (r: OutcomeTotals) => string): OutcomeTotals[] {
  const groups = new Map<string, OutcomeTotals[]>();
  for (const r of rows) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
  return [...groups].map(([group, rs]) => {
    const byCurrency = new Map<string, number>();
    for (const r of rs) if (r.currency) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.costed_packages);
    const currency = [...byCurrency].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const sum = (k: keyof OutcomeTotals) => rs.reduce((n, r) => n + (r[k] as number), 0);
    const costed = rs.filter((r) => r.currency === currency);
    return {
      carrier: group, card: group, service_name: group, currency,
      shipments: sum('shipments'), packages: sum('packages'), delivered: sum('delivered'), delivered_with_promise: sum('delivered_with_promise'),
      on_time: sum('on_time'), first_attempt: sum('first_attempt'), failed_attempts: sum('failed_attempts'), lost: sum('lost'), returned: sum('returned'),
      cost_amount: costed.reduce((n, r) => n + r.cost_amount, 0), costed_packages: costed.reduce((n, r) => n + r.costed_packages, 0), transit_days: sum('transit_days'),
    };
  });
}
