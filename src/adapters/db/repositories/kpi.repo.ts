import { sql } from 'drizzle-orm';
import type { DecayedTotals, OutcomeTotals } from '../../../kpis/carrier-kpis.js';
import type { KpiRepo, OverviewCounts } from '../../../kpis/ports.js';
import type { Db } from '../database.js';
import { rowsOf } from './outbox.repo.js';

/**
 * One row per shipment with what its outcome depends on: delivered (and when), lost (the
 * carrier said lost or damaged, or a "presumed lost" case was opened), returned, failed
 * attempts, and the promise's latest day from the order's decision.
 */
const outcomes = (tenantId: string, from: Date, to: Date) => sql`
  select s.carrier, s.card, s.service_name, s.cost->>'currency' as currency, (s.cost->>'amount')::bigint as cost_amount,
    greatest(cardinality(s.tracking_numbers), 1) as packages, s.labeled_at,
    (s.tracking->>'delivered_at')::timestamptz as delivered_at,
    coalesce(jsonb_array_length(case when jsonb_typeof(s.tracking->'attempts') = 'array' then s.tracking->'attempts' end), 0) as attempts,
    left(o.decision->'chosen'->'promise'->>'latest', 10) as latest,
    (coalesce(s.tracking->>'sub_status' in ('lost', 'damaged'), false) or exists (select 1 from cases c where c.tenant_id = s.tenant_id and c.shipment_id = s.id and c.rule = 'lost')) as lost,
    coalesce(s.tracking->>'status' in ('returning', 'returned'), false) as returned
  from shipments s join orders o on o.tenant_id = s.tenant_id and o.id = s.order_id
  where s.tenant_id = ${tenantId} and s.labeled_at >= ${from.toISOString()} and s.labeled_at < ${to.toISOString()} and s.status <> 'cancelled'`;

const n = (v: unknown) => Number(v ?? 0);

export class DrizzleKpiRepo implements KpiRepo {
  constructor(private readonly db: Db) {}

  async outcomeTotals(tenantId: string, from: Date, to: Date): Promise<OutcomeTotals[]> {
    const r = await this.db.execute(sql`
      with x as (${outcomes(tenantId, from, to)}),
      y as (select *, delivered_at is not null and not lost as is_delivered, to_char(delivered_at at time zone 'UTC', 'YYYY-MM-DD') as delivered_day from x)
      select carrier, card, min(service_name) as service_name, currency,
        count(*) as shipments, sum(packages) as packages,
        count(*) filter (where is_delivered) as delivered,
        count(*) filter (where is_delivered and latest is not null) as delivered_with_promise,
        count(*) filter (where is_delivered and latest is not null and delivered_day <= latest) as on_time,
        count(*) filter (where is_delivered and attempts = 0) as first_attempt,
        count(*) filter (where attempts > 0 and (is_delivered or lost or returned)) as failed_attempts,
        count(*) filter (where lost) as lost,
        count(*) filter (where returned and not lost) as returned,
        coalesce(sum(cost_amount), 0) as cost_amount,
        coalesce(sum(packages) filter (where cost_amount is not null), 0) as costed_packages,
        coalesce(sum(extract(epoch from (delivered_at - labeled_at)) / 86400) filter (where is_delivered), 0) as transit_days
      from y group by carrier, card, currency`);
    return rowsOf(r).map((x) => ({
      carrier: String(x['carrier']), card: String(x['card']), service_name: String(x['service_name']), currency: (x['currency'] as string | null) ?? null,
      shipments: n(x['shipments']), packages: n(x['packages']), delivered: n(x['delivered']), delivered_with_promise: n(x['delivered_with_promise']),
      on_time: n(x['on_time']), first_attempt: n(x['first_attempt']), failed_attempts: n(x['failed_attempts']), lost: n(x['lost']), returned: n(x['returned']),
      cost_amount: n(x['cost_amount']), costed_packages: n(x['costed_packages']), transit_days: n(x['transit_days']),
    }));
  }

  async overviewCounts(tenantId: string, since: Date): Promise<OverviewCounts> {
    const at = since.toISOString();
    const [byStatus, today, labels, cases] = await Promise.all([
      this.db.execute(sql`select status, count(*) as n from orders where tenant_id = ${tenantId} group by status`),
      this.db.execute(sql`select status, count(*) as n from orders where tenant_id = ${tenantId} and created_at >= ${at} group by status`),
      this.db.execute(sql`select count(*) as shipments, coalesce(sum(greatest(cardinality(tracking_numbers), 1)), 0) as packages from shipments where tenant_id = ${tenantId} and labeled_at >= ${at} and status <> 'cancelled'`),
      this.db.execute(sql`select count(*) as n from cases where tenant_id = ${tenantId} and state in ('open', 'acknowledged')`),
    ]);
    const counts = (r: unknown) => Object.fromEntries(rowsOf(r as never).map((x) => [String(x['status']), n(x['n'])]));
    const l = rowsOf(labels)[0] ?? {};
    return { orders_by_status: counts(byStatus), orders_since: counts(today), labels_since: { shipments: n(l['shipments']), packages: n(l['packages']) }, open_cases: n(rowsOf(cases)[0]?.['n']) };
  }

  async decayedTotals(tenantId: string, now: Date, halfLifeDays: number, horizonDays: number): Promise<DecayedTotals[]> {
    const from = new Date(now.getTime() - horizonDays * 86_400_000);
    const r = await this.db.execute(sql`
      with x as (${outcomes(tenantId, from, new Date(now.getTime() + 1))}),
      y as (
        select *, power(0.5, greatest(extract(epoch from (${now.toISOString()}::timestamptz - labeled_at)) / 86400, 0) / ${halfLifeDays}) as w,
          delivered_at is not null and not lost as is_delivered
        from x
      )
      select carrier, card,
        coalesce(sum(w) filter (where is_delivered or lost or returned), 0) as ended,
        coalesce(sum(w) filter (where attempts > 0 and (is_delivered or lost or returned)), 0) as failed_attempts,
        coalesce(sum(w) filter (where lost), 0) as lost,
        coalesce(sum(w) filter (where is_delivered and latest is not null and to_char(delivered_at at time zone 'UTC', 'YYYY-MM-DD') > latest), 0) as late
      from y group by carrier, card`);
    return rowsOf(r).map((x) => ({ carrier: String(x['carrier']), card: String(x['card']), ended: n(x['ended']), failed_attempts: n(x['failed_attempts']), lost: n(x['lost']), late: n(x['late']) }));
  }
}
