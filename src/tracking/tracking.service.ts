import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../kernel/clock.js';
import { AppError, notFound } from '../kernel/errors.js';
import { decodeCursor } from '../kernel/list.js';
import { canTransition, type ShipmentStatus } from '../shipments/lifecycle.js';
import type { CaseAction, IncomingEvent, ParseResult, TrackingEvent, ShipmentUpdate, StoredEvent, TrackedShipment, TrackingCase, TrackingRepo, TrackingSummary } from './ports.js';
import { DEFAULT_RULES, evaluate, trackingRuleSchema, type Finding, type TrackingRule } from './rules.js';
import { currentStatus, type TrackingStatus } from './taxonomy.js';

export interface IngestResult {
  received: number;
  accepted: number;
  duplicates: number;
  /** Tracking numbers no shipment of the tenant has (their events are not stored). */
  unmatched: string[];
  unknown_codes: number;
  shipments_updated: number;
  cases_opened: number;
}

/** The shipment status a tracking status moves a shipment to (null: stays). */
const SHIPMENT_FOR: Partial<Record<TrackingStatus, ShipmentStatus>> = {
  in_transit: 'in_transit', out_for_delivery: 'in_transit', available_for_pickup: 'in_transit', attempt_failed: 'in_transit',
  delivered: 'delivered', exception: 'exception', returning: 'returning', returned: 'returned',
};

/** The next shipment status on the way to `target`, through in_transit when the table needs it. */
export function shipmentStatusFor(current: ShipmentStatus, tracking: TrackingStatus): ShipmentStatus | null {
  const target = SHIPMENT_FOR[tracking];
  if (!target || target === current) return null;
  if (canTransition(current, target)) return target;
  if (canTransition(current, 'in_transit') && canTransition('in_transit', target)) return target;
  return null;
}

export function summarize(events: readonly StoredEvent[], estimated: string | null, previous: TrackingSummary | null): TrackingSummary {
  const { status, sub_status } = currentStatus(events);
  const scans = events.filter((e) => e.status !== null || !e.known);
  const last = scans.reduce<string | null>((m, e) => (m === null || e.occurred_at > m ? e.occurred_at : m), null);
  const delivered = events.filter((e) => e.status === 'delivered').sort((a, b) => b.occurred_at.localeCompare(a.occurred_at))[0];
  return {
    status, sub_status, last_scan_at: last, estimated_delivery: estimated ?? previous?.estimated_delivery ?? null,
    delivered_at: status === 'delivered' ? (delivered?.occurred_at ?? null) : null, proof: status === 'delivered' ? (delivered?.proof ?? null) : null,
    events: events.length, unknown_codes: events.filter((e) => !e.known).length,
  };
}

/**
 * Tracking: one timeline per parcel across carriers. Events from webhooks, polling and the API
 * go through one pipeline: matched to shipments by tracking number, deduplicated, stored; the
 * parcel's status is recomputed from all its events (so late and out-of-order events never move
 * it backwards), the shipment and order follow, and the exception rules open cases.
 */
export class TrackingService {
  constructor(private readonly d: { repo: TrackingRepo; clock: Clock; webhookSecret: (tenantId: string) => Promise<string> }) {}

  async rules(tenantId: string): Promise<TrackingRule[]> {
    return (await this.d.repo.getConfig(tenantId))?.rules ?? DEFAULT_RULES;
  }

  async branding(tenantId: string) {
    return (await this.d.repo.getConfig(tenantId))?.branding ?? {};
  }

  async saveBranding(tenantId: string, branding: { name?: string | undefined; color?: string | undefined }) {
    const cfg = (await this.d.repo.getConfig(tenantId)) ?? {};
    await this.d.repo.saveConfig(tenantId, { ...cfg, branding });
    return branding;
  }

  async saveRules(tenantId: string, rules: unknown[]): Promise<TrackingRule[]> {
    const parsed = rules.map((r, i) => {
      const p = trackingRuleSchema.safeParse(r);
      if (!p.success) throw new AppError('VALIDATION_FAILED', 'A tracking rule is not valid', { errors: p.error.issues.map((x) => ({ path: `rules[${i}].${x.path.join('.')}`, message: x.message })) });
      return p.data;
    });
    const codes = parsed.map((r) => r.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) throw new AppError('VALIDATION_FAILED', `Rule ${dup} is listed twice`, { errors: [{ path: 'rules', message: `${dup} twice` }] });
    const cfg = (await this.d.repo.getConfig(tenantId)) ?? {};
    await this.d.repo.saveConfig(tenantId, { ...cfg, rules: parsed });
    return parsed;
  }

  /** Carrier parse results (webhooks, polling) into the pipeline. */
  ingestParsed(tenantId: string, parsed: ParseResult, source: string, carrier?: string): Promise<IngestResult> {
    const events: IncomingEvent[] = [];
    const estimated = new Map<string, string>();
    for (const p of parsed.parcels) {
      if (p.estimated_delivery) estimated.set(p.tracking_number, p.estimated_delivery);
      for (const e of p.events) events.push(toIncoming(p.tracking_number, carrier ?? p.carrier, e, source));
    }
    return this.ingest(tenantId, events, estimated);
  }

  async ingest(tenantId: string, events: IncomingEvent[], estimated = new Map<string, string>()): Promise<IngestResult> {
    const tns = [...new Set(events.map((e) => e.tracking_number))];
    const shipments = await this.d.repo.shipmentsByTracking(tenantId, tns);
    const byTn = new Map<string, TrackedShipment>();
    for (const s of shipments) for (const tn of s.tracking_numbers) byTn.set(tn, s);
    const rows: (IncomingEvent & { shipment_id: string; dedupe_key: string })[] = [];
    const unmatched = new Set<string>();
    for (const e of events) {
      const s = byTn.get(e.tracking_number);
      if (!s) {
        unmatched.add(e.tracking_number);
        continue;
      }
      rows.push({ ...e, shipment_id: s.id, dedupe_key: dedupeKey(e) });
    }
    const { inserted, changed } = await this.d.repo.insertEvents(tenantId, rows);
    const result = await this.refresh(tenantId, shipments.filter((s) => changed.has(s.id) || s.tracking_numbers.some((tn) => estimated.has(tn))), estimated, true);
    return {
      received: events.length, accepted: inserted, duplicates: rows.length - inserted, unmatched: [...unmatched],
      unknown_codes: rows.filter((r) => !r.known).length, shipments_updated: result.updated, cases_opened: result.cases.length,
    };
  }

  /** Recomputes status, moves shipments and orders, runs the rules. */
  private async refresh(tenantId: string, shipments: TrackedShipment[], estimated: Map<string, string>, moveStatus: boolean): Promise<{ updated: number; cases: TrackingCase[] }> {
    if (shipments.length === 0) return { updated: 0, cases: [] };
    const events = await this.d.repo.eventsFor(tenantId, shipments.map((s) => s.id));
    const rules = await this.rules(tenantId);
    const now = this.d.clock.now();
    const updates: ShipmentUpdate[] = [];
    const findings: { shipment: TrackedShipment; finding: Finding }[] = [];
    for (const s of shipments) {
      const list = events.get(s.id) ?? [];
      const est = s.tracking_numbers.map((tn) => estimated.get(tn)).find(Boolean) ?? null;
      const summary = summarize(list, est, s.tracking);
      updates.push({ id: s.id, tracking: summary, from: s.status, to: moveStatus ? shipmentStatusFor(s.status, summary.status) : null, order_id: s.order_id });
      for (const f of evaluate(rules, factsOf(s, summary, list), now)) findings.push({ shipment: s, finding: f });
    }
    await this.d.repo.applyUpdates(tenantId, updates);
    const opened = await this.d.repo.openCases(tenantId, findings);
    return { updated: updates.filter((u) => u.to).length, cases: opened };
  }

  /**
   * The scheduled pass: time-based rules (no scan, predicted late, lost) on every parcel still
   * moving, at `now` (the clock, or a given instant for scenario tests).
   */
  async scan(tenantId: string | null, opts: { now?: Date } = {}): Promise<{ shipments: number; cases_opened: TrackingCase[] }> {
    const now = opts.now ?? this.d.clock.now();
    let after: string | null = null;
    let count = 0;
    const opened: TrackingCase[] = [];
    const rulesCache = new Map<string, TrackingRule[]>();
    for (;;) {
      const page = await this.d.repo.openShipments(tenantId, after, 500);
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      count += page.length;
      const byTenant = new Map<string, typeof page>();
      for (const s of page) byTenant.set(s.tenant_id, [...(byTenant.get(s.tenant_id) ?? []), s]);
      for (const [tid, list] of byTenant) {
        let rules = rulesCache.get(tid);
        if (!rules) rulesCache.set(tid, (rules = await this.rules(tid)));
        const events = await this.d.repo.eventsFor(tid, list.map((s) => s.id));
        const findings: { shipment: TrackedShipment; finding: Finding }[] = [];
        for (const s of list) {
          const ev = events.get(s.id) ?? [];
          const summary = s.tracking ?? summarize(ev, null, null);
          for (const f of evaluate(rules, factsOf(s, summary, ev), now)) findings.push({ shipment: s, finding: f });
        }
        opened.push(...(await this.d.repo.openCases(tid, findings)));
      }
    }
    return { shipments: count, cases_opened: opened };
  }

  async timeline(tenantId: string, shipment: { id: string; tracking_numbers: string[] }) {
    const [s] = await this.d.repo.shipmentsByTracking(tenantId, shipment.tracking_numbers.slice(0, 1));
    const events = (await this.d.repo.eventsFor(tenantId, [shipment.id])).get(shipment.id) ?? [];
    return { shipment_id: shipment.id, tracking_numbers: shipment.tracking_numbers, summary: s?.tracking ?? summarize(events, null, null), events };
  }

  /** The public page's data: status, expected date and scans, nothing about the customer or seller beyond the brand. */
  async publicView(trackingNumber: string) {
    const found = await this.d.repo.findPublic(trackingNumber);
    if (!found) throw notFound('tracking number', trackingNumber);
    const events = (await this.d.repo.eventsFor(found.tenant_id, [found.shipment.id])).get(found.shipment.id) ?? [];
    const summary = found.shipment.tracking ?? summarize(events, null, null);
    const branding = await this.branding(found.tenant_id);
    return {
      tracking_number: trackingNumber,
      carrier: found.shipment.carrier,
      brand: branding.name ?? found.tenant_name,
      brand_color: branding.color ?? null,
      status: summary.status,
      sub_status: summary.sub_status,
      expected: summary.estimated_delivery ?? found.shipment.promise.latest?.slice(0, 10) ?? null,
      delivered_at: summary.delivered_at,
      destination: { city: found.ship_to_city, country: found.ship_to_country },
      events: events.filter((e) => e.tracking_number === trackingNumber || found.shipment.tracking_numbers.includes(e.tracking_number))
        .map((e) => ({ occurred_at: e.occurred_at, status: e.status, sub_status: e.sub_status, description: e.description, location: e.location })),
    };
  }

  // ---- cases -----------------------------------------------------------------------------------

  listCases(tenantId: string, f: { state?: string | undefined; shipment_id?: string | undefined; rule?: string | undefined }, q: { limit: number; cursor?: string | undefined }) {
    return this.d.repo.listCases(tenantId, f, decodeCursor(q.cursor), q.limit);
  }

  async getCase(tenantId: string, id: string): Promise<TrackingCase> {
    const c = await this.d.repo.getCase(tenantId, id);
    if (!c) throw notFound('case', id);
    return c;
  }

  /** Acknowledge, assign, record an action taken, resolve. A resolved case stays resolved. */
  async updateCase(tenantId: string, id: string, change: { state?: 'acknowledged' | 'resolved' | undefined; owner?: string | null | undefined; action?: { type: CaseAction['type']; note?: string | null | undefined } | undefined }, actor: string): Promise<TrackingCase> {
    const c = await this.getCase(tenantId, id);
    if (c.state === 'resolved') throw new AppError('INVALID_STATE', `Case ${id} is resolved`);
    const next: TrackingCase = { ...c, actions: [...c.actions] };
    if (change.owner !== undefined) next.owner = change.owner;
    if (change.action) next.actions.push({ type: change.action.type, note: change.action.note ?? null, actor, at: this.d.clock.now().toISOString() });
    if (change.state) next.state = change.state;
    return this.d.repo.saveCase(tenantId, next);
  }

  // ---- carrier webhooks ------------------------------------------------------------------------

  /** The secret a tenant's carrier webhooks are signed with (derived from the server's key, never stored). */
  webhookSecretFor(tenantId: string): Promise<string> {
    return this.d.webhookSecret(tenantId);
  }

  /** Checks `sha256=<hex>` (HMAC-SHA256 of the raw body with the tenant's tracking webhook secret). */
  async verifySignature(tenantId: string, raw: Buffer, header: string | undefined): Promise<void> {
    const secret = await this.d.webhookSecret(tenantId);
    const want = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const got = header ?? '';
    if (got.length !== want.length || !timingSafeEqual(Buffer.from(got), Buffer.from(want))) {
      throw new AppError('UNAUTHENTICATED', 'The webhook signature does not match');
    }
  }
}

function toIncoming(tn: string, carrier: string, e: TrackingEvent, source: string): IncomingEvent {
  return { ...e, tracking_number: tn, carrier, source };
}

function dedupeKey(e: IncomingEvent): string {
  return createHash('sha1').update(`${e.tracking_number}|${e.carrier}|${e.code}|${e.occurred_at}|${e.description}|${e.location ?? ''}`).digest('base64url');
}

function factsOf(s: TrackedShipment, summary: TrackingSummary, events: readonly StoredEvent[]) {
  return {
    status: summary.status, events, last_scan_at: summary.last_scan_at, labeled_at: s.labeled_at, estimated_delivery: summary.estimated_delivery,
    promise: s.promise, signature_required: s.signature_required, value: s.value, destination_region: s.destination_region,
  };
}
