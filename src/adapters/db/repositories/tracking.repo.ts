import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { newId } from '../../../kernel/ids.js';
import { toPage } from '../../../kernel/list.js';
import type { ShipmentStatus } from '../../../shipments/lifecycle.js';
import type { Finding } from '../../../tracking/rules.js';
import type { IncomingEvent, ShipmentUpdate, StoredEvent, TrackedShipment, TrackingCase, TrackingConfig, TrackingRepo } from '../../../tracking/ports.js';
import type { Db } from '../database.js';
import { cases, trackingConfigs } from '../schema.js';
import { rowsOf } from './outbox.repo.js';

const SHIPMENT_COLUMNS = sql`s.id, s.tenant_id, s.order_id, s.carrier, s.account_id, s.status, s.tracking_numbers, s.labeled_at, s.options, s.ship_to, s.tracking,
  o.order_value_amount, o.decision->'chosen'->'promise' as promise`;

function toTracked(r: Record<string, unknown>): TrackedShipment & { tenant_id: string } {
  const shipTo = r['ship_to'] as { country?: string; state?: string | null; email?: string | null };
  const country = shipTo.country ?? 'US';
  const state = shipTo.state && /^[A-Z]{2}$/.test(shipTo.state) ? shipTo.state : null;
  const promise = (r['promise'] as { expected?: string; latest?: string } | null) ?? null;
  const options = r['options'] as { signature?: string | null };
  const labeled = r['labeled_at'];
  return {
    id: String(r['id']), tenant_id: String(r['tenant_id']), order_id: String(r['order_id']), carrier: String(r['carrier']), status: r['status'] as ShipmentStatus,
    tracking_numbers: r['tracking_numbers'] as string[], labeled_at: labeled ? new Date(labeled as string).toISOString() : null,
    signature_required: !!options?.signature, value: r['order_value_amount'] == null ? null : Number(r['order_value_amount']),
    destination_region: state && country === 'US' ? `US-${state}` : country,
    promise: { expected: promise?.expected ?? null, latest: promise?.latest ?? null }, tracking: (r['tracking'] as TrackedShipment['tracking']) ?? null,
    email: shipTo.email ?? null, country, account_id: (r['account_id'] as string | null) ?? null,
  };
}

const jsonArray = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
/** A text[] parameter (a PostgreSQL array literal), so that indexes on array columns apply. */
const textArray = (v: readonly string[]) => sql`${`{${v.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;

type CaseRow = typeof cases.$inferSelect;
const toCase = (r: CaseRow): TrackingCase => ({
  id: r.id, shipment_id: r.shipmentId, order_id: r.orderId, rule: r.rule, title: r.title, state: r.state as TrackingCase['state'], owner: r.owner,
  evidence: r.evidence as Record<string, unknown>, actions: r.actions as TrackingCase['actions'], opened_at: r.openedAt.toISOString(), updated_at: r.updatedAt.toISOString(),
  resolved_at: r.resolvedAt ? r.resolvedAt.toISOString() : null,
});

export class DrizzleTrackingRepo implements TrackingRepo {
  constructor(private readonly db: Db) {}

  async shipmentsByTracking(tenantId: string, trackingNumbers: string[]) {
    if (trackingNumbers.length === 0) return [];
    const r = await this.db.execute(sql`select distinct on (s.id) ${SHIPMENT_COLUMNS} from parcels p join shipments s on s.id = p.shipment_id join orders o on o.id = s.order_id
      where p.tenant_id = ${tenantId} and p.tracking_number = any(${textArray(trackingNumbers)}) and s.status <> 'cancelled'`);
    return rowsOf(r).map(toTracked);
  }

  async insertEvents(tenantId: string, rows: (IncomingEvent & { shipment_id: string; dedupe_key: string })[]) {
    if (rows.length === 0) return new Set<string>();
    const r = await this.db.execute(sql`
      insert into tracking_events (tenant_id, shipment_id, tracking_number, carrier, code, description, occurred_at, location, status, sub_status, known, proof, source, dedupe_key)
      select ${tenantId}, shipment_id, tracking_number, carrier, code, description, occurred_at, location, status, sub_status, known, proof, source, dedupe_key
      from jsonb_to_recordset(${jsonArray(rows)}) as x(shipment_id text, tracking_number text, carrier text, code text, description text, occurred_at timestamptz,
        location text, status text, sub_status text, known boolean, proof jsonb, source text, dedupe_key text)
      on conflict (tenant_id, dedupe_key) do nothing
      returning dedupe_key`);
    return new Set(rowsOf(r).map((x) => String(x['dedupe_key'])));
  }

  async eventsFor(tenantId: string, shipmentIds: string[]) {
    const out = new Map<string, StoredEvent[]>();
    if (shipmentIds.length === 0) return out;
    const r = await this.db.execute(sql`select shipment_id, tracking_number, carrier, code, description, occurred_at, location, status, sub_status, known, proof, source, received_at
      from tracking_events where tenant_id = ${tenantId} and shipment_id = any(${textArray(shipmentIds)})
      order by occurred_at desc, id desc`);
    for (const x of rowsOf(r)) {
      const id = String(x['shipment_id']);
      const list = out.get(id) ?? [];
      list.push({
        tracking_number: String(x['tracking_number']), carrier: String(x['carrier']), code: String(x['code']), description: String(x['description']),
        occurred_at: new Date(x['occurred_at'] as string).toISOString(), location: (x['location'] as string | null) ?? null,
        status: (x['status'] as StoredEvent['status']) ?? null, sub_status: (x['sub_status'] as StoredEvent['sub_status']) ?? null, known: Boolean(x['known']),
        proof: (x['proof'] as StoredEvent['proof']) ?? null, source: String(x['source']), received_at: new Date(x['received_at'] as string).toISOString(),
      });
      out.set(id, list);
    }
    return out;
  }

  async applyUpdates(tenantId: string, updates: ShipmentUpdate[]) {
    if (updates.length === 0) return;
    // One statement: shipments take their summary (and status, if still where we saw it), the
    // moves are audited, orders follow (fulfilling -> shipped when the parcel moves, shipped ->
    // delivered when it arrives).
    const rows = updates.map((u) => ({
      id: u.id, tracking: u.tracking, from_status: u.from, to_status: u.to, order_id: u.order_id,
      event_id: u.to && u.to !== u.from ? newId('shipmentEvent') : null, ship_event_id: newId('orderEvent'), deliver_event_id: newId('orderEvent'),
    }));
    await this.db.execute(sql`
      with x as (select * from jsonb_to_recordset(${jsonArray(rows)}) as x(id text, tracking jsonb, from_status text, to_status text, order_id text, event_id text, ship_event_id text, deliver_event_id text)),
      moved as (
        update shipments s set tracking = x.tracking, status = coalesce(x.to_status, s.status), updated_at = now()
        from x where s.id = x.id and s.tenant_id = ${tenantId} and s.status = x.from_status
        returning s.id, x.from_status, x.to_status, x.order_id, x.event_id, x.ship_event_id, x.deliver_event_id, x.tracking),
      audit as (
        insert into shipment_events (id, tenant_id, shipment_id, type, data, actor)
        select event_id, ${tenantId}, id, 'shipment.status_changed',
          jsonb_build_object('from', from_status, 'to', to_status, 'tracking_status', tracking->>'status', 'sub_status', tracking->>'sub_status'), 'tracking'
        from moved where to_status is not null and to_status <> from_status),
      shipped as (
        update orders o set status = case when m.to_status = 'delivered' then 'delivered' else 'shipped' end, updated_at = now()
        from moved m where o.id = m.order_id and o.tenant_id = ${tenantId}
          and ((o.status = 'fulfilling' and m.to_status in ('in_transit', 'delivered', 'exception')) or (o.status = 'shipped' and m.to_status = 'delivered'))
        returning o.id, o.status as new_status, m.ship_event_id, m.deliver_event_id)
      insert into order_events (id, tenant_id, order_id, type, data, actor)
      select case when new_status = 'delivered' then deliver_event_id else ship_event_id end, ${tenantId}, id, 'order.' || new_status, '{}'::jsonb, 'tracking' from shipped`);
  }

  async openCases(tenantId: string, list: { shipment: TrackedShipment; finding: Finding }[], at: Date) {
    if (list.length === 0) return [];
    const now = at.toISOString();
    const rows = list.map(({ shipment, finding }) => ({ id: newId('trackingCase'), shipment_id: shipment.id, order_id: shipment.order_id, rule: finding.rule, title: finding.title, evidence: finding.evidence }));
    const r = await this.db.execute(sql`insert into cases (id, tenant_id, shipment_id, order_id, rule, title, state, evidence, opened_at, updated_at)
      select id, ${tenantId}, shipment_id, order_id, rule, title, 'open', evidence, ${now}::timestamptz, ${now}::timestamptz from jsonb_to_recordset(${jsonArray(rows)}) as x(id text, shipment_id text, order_id text, rule text, title text, evidence jsonb)
      on conflict (tenant_id, shipment_id, rule) where state <> 'resolved' do nothing
      returning id`);
    const ids = new Set(rowsOf(r).map((x) => String(x['id'])));
    return rows.filter((x) => ids.has(x.id)).map((x) => ({ ...x, state: 'open' as const, owner: null, actions: [], opened_at: now, updated_at: now, resolved_at: null }));
  }

  async listCases(tenantId: string, f: { state?: string | undefined; shipment_id?: string | undefined; rule?: string | undefined }, beforeId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), f.state === 'unresolved' ? ne(cases.state, 'resolved') : f.state ? eq(cases.state, f.state) : undefined, f.shipment_id ? eq(cases.shipmentId, f.shipment_id) : undefined, f.rule ? eq(cases.rule, f.rule) : undefined, beforeId ? lt(cases.id, beforeId) : undefined))
      .orderBy(desc(cases.id))
      .limit(limit + 1);
    return toPage(rows.map(toCase), limit);
  }

  async getCase(tenantId: string, id: string) {
    const [r] = await this.db.select().from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
    return r ? toCase(r) : undefined;
  }

  async unresolvedCases(tenantId: string, shipmentIds: string[]) {
    if (shipmentIds.length === 0) return [];
    const rows = await this.db.select().from(cases)
      .where(and(eq(cases.tenantId, tenantId), ne(cases.state, 'resolved'), inArray(cases.shipmentId, shipmentIds)));
    return rows.map(toCase);
  }

  async saveCase(tenantId: string, c: TrackingCase, now: Date) {
    const [r] = await this.db
      .update(cases)
      .set({ state: c.state, owner: c.owner, actions: c.actions, updatedAt: now, resolvedAt: c.state === 'resolved' ? now : null })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, c.id)))
      .returning();
    return toCase(r!);
  }

  async getConfig(tenantId: string) {
    const [r] = await this.db.select().from(trackingConfigs).where(eq(trackingConfigs.tenantId, tenantId));
    return r ? (r.config as TrackingConfig) : undefined;
  }

  async saveConfig(tenantId: string, config: TrackingConfig) {
    await this.db.insert(trackingConfigs).values({ tenantId, config }).onConflictDoUpdate({ target: trackingConfigs.tenantId, set: { config, updatedAt: sql`now()` } });
  }

  async openShipments(tenantId: string | null, afterId: string | null, limit: number) {
    const r = await this.db.execute(sql`select ${SHIPMENT_COLUMNS} from shipments s join orders o on o.id = s.order_id
      where s.status in ('labeled', 'manifested', 'in_transit', 'exception', 'returning')
        ${tenantId ? sql`and s.tenant_id = ${tenantId}` : sql``} ${afterId ? sql`and s.id > ${afterId}` : sql``}
      order by s.id limit ${limit}`);
    return rowsOf(r).map(toTracked);
  }

  async findPublic(trackingNumber: string) {
    const r = await this.db.execute(sql`select ${SHIPMENT_COLUMNS}, t.name as tenant_name from parcels p join shipments s on s.id = p.shipment_id join orders o on o.id = s.order_id join tenants t on t.id = s.tenant_id
      where p.tracking_number = ${trackingNumber} and s.status <> 'cancelled' order by s.id desc limit 1`);
    const row = rowsOf(r)[0];
    if (!row) return undefined;
    const shipTo = row['ship_to'] as { city?: string; country?: string; postal_code?: string | null };
    return { tenant_id: String(row['tenant_id']), tenant_name: String(row['tenant_name']), shipment: toTracked(row), ship_to_city: shipTo.city ?? null, ship_to_country: shipTo.country ?? 'US', ship_to_postal_code: shipTo.postal_code ?? null };
  }
}
