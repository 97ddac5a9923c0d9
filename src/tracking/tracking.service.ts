import { createHash } from 'node:crypto';
import { verifyWebhook } from '../webhooks/signature.js';
import type { Clock } from '../kernel/clock.js';
import { AppError, notFound } from '../kernel/errors.js';
import { decodeCursor } from '../kernel/list.js';
import { canTransition, type ShipmentStatus } from '../shipments/lifecycle.js';
import type { CaseAction, IncomingEvent, ParseResult, TrackingEvent, ShipmentUpdate, StoredEvent, TrackedShipment, TrackingCase, TrackingRepo, TrackingSummary } from './ports.js';
import { DEFAULT_RULES, evaluate, resolutionReason, rulesFor, timeCaseCleared, trackingRuleSchema, type Finding, type ParcelFacts, type RulePhase, type TrackingRule } from './rules.js';
import { canFold, EMPTY_SUMMARY, foldSummary } from './summary.js';
import type { TrackingStatus } from './taxonomy.js';

export interface TrackingChange {
  shipment: TrackedShipment;
  previous: TrackingStatus | null;
  summary: TrackingSummary;
}

export interface IngestResult {
  received: number;
  accepted: number;
  duplicates: number;
  /** Tracking numbers no shipment of the tenant has (their events are not stored). */
  unmatched: string[];
  unknown_codes: number;
  shipments_updated: number;
  cases_opened: number;
  /** Events dated later than the clock allows (beyond FUTURE_SKEW_MS): not stored, listed here. */
  future_dated: { tracking_number: string; occurred_at: string }[];
}

/** How far a signed carrier webhook's timestamp may be from our clock. */
export const WEBHOOK_TOLERANCE_S = 300;

/** How far ahead of our clock a carrier's event may be dated (clock skew); later ones are refused. */
export const FUTURE_SKEW_MS = 15 * 60_000;

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

/**
 * Tracking: one timeline per parcel across carriers. Events from webhooks, polling and the API
 * go through one pipeline: matched to shipments by tracking number, deduplicated, stored; the
 * parcel's status is recomputed from all its events (so late and out-of-order events never move
 * it backwards), the shipment and order follow, and the exception rules open cases.
 */
export class TrackingService {
  constructor(
    private readonly d: {
      repo: TrackingRepo;
      clock: Clock;
      webhookSecret: (tenantId: string) => Promise<string>;
      /** Told about status changes and new cases (outbound webhooks, customer notifications). */
      onChanges?: (tenantId: string, changes: TrackingChange[], cases: TrackingCase[]) => Promise<void>;
      onCaseUpdated?: (tenantId: string, c: TrackingCase) => Promise<void>;
      /** Asks the carrier for a parcel's events (carriers without webhooks); null when it cannot be polled. */
      poll?: (tenantId: string, s: TrackedShipment) => Promise<ParseResult | null>;
      /** The destination's IANA time zone (the public page shows times there). */
      timeZoneFor?: (country: string, postalCode: string | null) => Promise<string | null>;
    },
  ) {}

  private readonly rulesCache = new Map<string, { at: number; rules: TrackingRule[] }>();

  /** The tenant's rules (cached for a few seconds: every batch of events needs them). */
  async rules(tenantId: string): Promise<TrackingRule[]> {
    const hit = this.rulesCache.get(tenantId);
    if (hit && Date.now() - hit.at < 5000) return hit.rules;
    const rules = (await this.d.repo.getConfig(tenantId))?.rules ?? DEFAULT_RULES;
    this.rulesCache.set(tenantId, { at: Date.now(), rules });
    return rules;
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
    this.rulesCache.delete(tenantId);
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

  async ingest(tenantId: string, all: IncomingEvent[], estimated = new Map<string, string>()): Promise<IngestResult> {
    const limit = this.d.clock.now().getTime() + FUTURE_SKEW_MS;
    const future = all.filter((e) => Date.parse(e.occurred_at) > limit);
    const events = future.length ? all.filter((e) => Date.parse(e.occurred_at) <= limit) : all;
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
    const newKeys = await this.d.repo.insertEvents(tenantId, rows);
    const fresh = new Map<string, IncomingEvent[]>();
    const seen = new Set<string>();
    for (const r of rows) {
      if (!newKeys.has(r.dedupe_key) || seen.has(r.dedupe_key)) continue;
      seen.add(r.dedupe_key);
      fresh.set(r.shipment_id, [...(fresh.get(r.shipment_id) ?? []), r]);
    }
    // A delivery whose events were stored but whose shipment was not updated (the database went
    // away between the two) comes again as duplicates only: if the summary has not seen them,
    // the shipment is refreshed from its whole history, so a retry completes what was cut off.
    const unseen = new Set<string>();
    for (const r of rows) {
      if (fresh.has(r.shipment_id) || newKeys.has(r.dedupe_key)) continue;
      const s = byTn.get(r.tracking_number);
      const summary = s?.tracking && 'base' in s.tracking ? s.tracking : null;
      if (s && (!summary || !summary.last_scan_at || r.occurred_at > summary.last_scan_at)) unseen.add(s.id);
    }
    const touched = shipments.filter((s) => fresh.has(s.id) || unseen.has(s.id) || s.tracking_numbers.some((tn) => estimated.has(tn)));
    const result = await this.refresh(tenantId, touched, fresh, estimated, unseen);
    return {
      received: all.length, accepted: seen.size, duplicates: rows.length - seen.size, unmatched: [...unmatched],
      unknown_codes: rows.filter((r) => !r.known).length, shipments_updated: result.updated, cases_opened: result.cases.length,
      future_dated: future.map((e) => ({ tracking_number: e.tracking_number, occurred_at: e.occurred_at })),
    };
  }

  /**
   * Ingests a stream of events in batches, on `lanes` concurrent lanes split by tracking number
   * (a parcel's events stay in one lane, in order), so the database and this process work at
   * the same time. What an ingestion worker or a bulk import uses.
   */
  async ingestStream(tenantId: string, events: IncomingEvent[], opts: { batch?: number; lanes?: number } = {}): Promise<IngestResult> {
    const lanes = Math.max(1, opts.lanes ?? 2);
    const batch = Math.max(1, opts.batch ?? 1000);
    const split: IncomingEvent[][] = Array.from({ length: lanes }, () => []);
    for (const e of events) split[hashOf(e.tracking_number) % lanes]!.push(e);
    const results = await Promise.all(split.map(async (list) => {
      const total: IngestResult = { received: 0, accepted: 0, duplicates: 0, unmatched: [], unknown_codes: 0, shipments_updated: 0, cases_opened: 0, future_dated: [] };
      for (let i = 0; i < list.length; i += batch) {
        const r = await this.ingest(tenantId, list.slice(i, i + batch));
        total.received += r.received;
        total.accepted += r.accepted;
        total.duplicates += r.duplicates;
        total.unmatched.push(...r.unmatched);
        total.unknown_codes += r.unknown_codes;
        total.shipments_updated += r.shipments_updated;
        total.cases_opened += r.cases_opened;
        total.future_dated.push(...r.future_dated);
      }
      return total;
    }));
    return results.reduce((a, b) => ({
      received: a.received + b.received, accepted: a.accepted + b.accepted, duplicates: a.duplicates + b.duplicates, unmatched: [...a.unmatched, ...b.unmatched],
      unknown_codes: a.unknown_codes + b.unknown_codes, shipments_updated: a.shipments_updated + b.shipments_updated, cases_opened: a.cases_opened + b.cases_opened,
      future_dated: [...a.future_dated, ...b.future_dated],
    }));
  }

  /**
   * Folds each shipment's new events onto its summary (reading its whole history again only when
   * an event is older than what the summary has seen), moves shipments and orders, runs the rules.
   */
  private async refresh(tenantId: string, shipments: TrackedShipment[], fresh: Map<string, IncomingEvent[]>, estimated: Map<string, string>, reread = new Set<string>()): Promise<{ updated: number; cases: TrackingCase[] }> {
    if (shipments.length === 0) return { updated: 0, cases: [] };
    const late = shipments.filter((s) => reread.has(s.id) || !canFold(s.tracking, fresh.get(s.id) ?? []));
    const history = late.length ? await this.d.repo.eventsFor(tenantId, late.map((s) => s.id)) : new Map<string, StoredEvent[]>();
    const rules = await this.rules(tenantId);
    const now = this.d.clock.now();
    const updates: ShipmentUpdate[] = [];
    for (const s of shipments) {
      const est = s.tracking_numbers.map((tn) => estimated.get(tn)).find(Boolean) ?? null;
      const summary = history.has(s.id) || !canFold(s.tracking, fresh.get(s.id) ?? [])
        ? foldSummary(null, history.get(s.id) ?? [], est ?? s.tracking?.estimated_delivery ?? null)
        : foldSummary(s.tracking, fresh.get(s.id) ?? [], est);
      updates.push({ id: s.id, tracking: summary, from: s.status, to: shipmentStatusFor(s.status, summary.status), order_id: s.order_id });
    }
    await this.d.repo.applyUpdates(tenantId, updates);
    const { opened } = await this.judge(tenantId, shipments.map((s, k) => ({ shipment: s, facts: factsOf(s, updates[k]!.tracking) })), rules, 'event', now, true);
    const changes: TrackingChange[] = [];
    for (const [k, u] of updates.entries()) {
      const s = shipments[k]!;
      if (s.tracking?.status !== u.tracking.status) changes.push({ shipment: s, previous: s.tracking?.status ?? null, summary: u.tracking });
    }
    if (this.d.onChanges && (changes.length || opened.length)) await this.d.onChanges(tenantId, changes, opened);
    return { updated: updates.filter((u) => u.to).length, cases: opened };
  }

  /**
   * The scheduled pass: every rule, the time-based ones included (no scan, predicted late, lost),
   * on every parcel still moving, at `now`. Cases whose condition no longer holds resolve. A pass
   * at another instant than the clock's (what-ifs, scenario tests) is a dry run unless `apply`:
   * it reports the cases it would open and changes nothing.
   */
  async scan(tenantId: string | null, opts: { now?: Date; apply?: boolean } = {}): Promise<{ shipments: number; applied: boolean; cases_opened: TrackingCase[]; cases_resolved: TrackingCase[] }> {
    const now = opts.now ?? this.d.clock.now();
    const apply = opts.apply ?? opts.now === undefined;
    let after: string | null = null;
    let count = 0;
    const opened: TrackingCase[] = [];
    const resolved: TrackingCase[] = [];
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
        const parcels = list.map((s) => ({ shipment: s, facts: factsOf(s, s.tracking && 'base' in s.tracking ? s.tracking : EMPTY_SUMMARY) }));
        const r = await this.judge(tid, parcels, rules, 'scan', now, apply);
        opened.push(...r.opened);
        resolved.push(...r.resolved);
      }
    }
    return { shipments: count, applied: apply, cases_opened: opened, cases_resolved: resolved };
  }

  /** Runs a phase's rules on parcels: opens cases for new findings, resolves those that stopped holding. */
  private async judge(tenantId: string, parcels: { shipment: TrackedShipment; facts: ParcelFacts }[], rules: readonly TrackingRule[], phase: RulePhase, now: Date, apply: boolean) {
    const active = rulesFor(rules, phase);
    const findings: { shipment: TrackedShipment; finding: Finding }[] = [];
    const holding = new Set<string>();
    for (const p of parcels) {
      for (const f of evaluate(active, p.facts, now)) {
        findings.push({ shipment: p.shipment, finding: f });
        holding.add(`${p.shipment.id}|${f.rule}`);
      }
    }
    const existing = await this.d.repo.unresolvedCases(tenantId, parcels.map((p) => p.shipment.id));
    const open = new Set(existing.map((c) => `${c.shipment_id}|${c.rule}`));
    // A case resolves itself when its rule ran in this pass and found nothing.
    const ran = new Set(active.map((r) => r.code as string));
    const factsById = new Map(parcels.map((p) => [p.shipment.id, p.facts]));
    const closing = existing
      .filter((c) => (ran.has(c.rule) ? !holding.has(`${c.shipment_id}|${c.rule}`) : timeCaseCleared(c.rule, c.evidence, factsById.get(c.shipment_id)!, rules)))
      .map((c) => autoResolved(c, resolutionReason(c.rule as TrackingRule['code'], factsById.get(c.shipment_id)!), now));
    const opening = findings.filter((f) => !open.has(`${f.shipment.id}|${f.finding.rule}`));
    if (!apply) return { opened: opening.map((f) => draftCase(f, now)), resolved: closing };
    const opened = await this.d.repo.openCases(tenantId, opening, now);
    const resolved: TrackingCase[] = [];
    for (const c of closing) {
      const saved = await this.d.repo.saveCase(tenantId, c, now);
      resolved.push(saved);
      await this.d.onCaseUpdated?.(tenantId, saved);
    }
    if (phase === 'scan' && opened.length && this.d.onChanges) await this.d.onChanges(tenantId, [], opened);
    return { opened, resolved };
  }

  /**
   * Polls carriers that do not send webhooks for every parcel still moving under an HTTP carrier
   * account, and feeds the answers through the pipeline (duplicates fall away there).
   */
  async poll(tenantId: string | null, opts: { concurrency?: number } = {}): Promise<{ polled: number; failed: number; accepted: number }> {
    const pollFn = this.d.poll;
    const out = { polled: 0, failed: 0, accepted: 0 };
    if (!pollFn) return out;
    let after: string | null = null;
    for (;;) {
      const page = await this.d.repo.openShipments(tenantId, after, 200);
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      const todo = page.filter((s) => s.account_id);
      const lanes = Math.max(1, opts.concurrency ?? 4);
      for (let i = 0; i < todo.length; i += lanes) {
        await Promise.all(todo.slice(i, i + lanes).map(async (s) => {
          try {
            const r = await pollFn(s.tenant_id, s);
            if (!r) return;
            out.polled++;
            out.accepted += (await this.ingestParsed(s.tenant_id, r, 'poll', s.carrier)).accepted;
          } catch {
            out.failed++;
          }
        }));
      }
    }
    return out;
  }

  async timeline(tenantId: string, shipment: { id: string; tracking_numbers: string[] }) {
    const [s] = await this.d.repo.shipmentsByTracking(tenantId, shipment.tracking_numbers.slice(0, 1));
    const events = (await this.d.repo.eventsFor(tenantId, [shipment.id])).get(shipment.id) ?? [];
    return { shipment_id: shipment.id, tracking_numbers: shipment.tracking_numbers, summary: s?.tracking ?? foldSummary(null, events, null), events };
  }

  /** The public page's data: status, expected date and scans, nothing about the customer or seller beyond the brand. */
  async publicView(trackingNumber: string) {
    const found = await this.d.repo.findPublic(trackingNumber);
    if (!found) throw notFound('tracking number', trackingNumber);
    const events = (await this.d.repo.eventsFor(found.tenant_id, [found.shipment.id])).get(found.shipment.id) ?? [];
    const summary = found.shipment.tracking ?? foldSummary(null, events, null);
    const branding = await this.branding(found.tenant_id);
    // A number that resolves here has a label: before the carrier's first scan that is "label
    // created" (AfterShip's InfoReceived), not "pending".
    const labelOnly = summary.status === 'pending';
    return {
      tracking_number: trackingNumber,
      carrier: found.shipment.carrier,
      brand: branding.name ?? found.tenant_name,
      brand_color: branding.color ?? null,
      status: labelOnly ? 'info_received' : summary.status,
      sub_status: labelOnly ? null : summary.sub_status,
      // The carrier's estimate once there is one; before that the promise, as a range.
      expected: summary.estimated_delivery ?? (found.shipment.promise.expected ?? found.shipment.promise.latest)?.slice(0, 10) ?? null,
      expected_latest: summary.estimated_delivery ? null : found.shipment.promise.latest?.slice(0, 10) ?? null,
      delivered_at: summary.delivered_at,
      destination: { city: found.ship_to_city, country: found.ship_to_country, time_zone: (await this.d.timeZoneFor?.(found.ship_to_country, found.ship_to_postal_code ?? null)) ?? null },
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
    const saved = await this.d.repo.saveCase(tenantId, next, this.d.clock.now());
    await this.d.onCaseUpdated?.(tenantId, saved);
    return saved;
  }

  // ---- carrier webhooks ------------------------------------------------------------------------

  /** The secret a tenant's carrier webhooks are signed with (derived from the server's key, never stored). */
  webhookSecretFor(tenantId: string): Promise<string> {
    return this.d.webhookSecret(tenantId);
  }

  /**
   * Checks `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the tenant's tracking
   * webhook secret, the same scheme as our outbound webhooks; a timestamp more than 5 minutes
   * from our clock is refused (a captured request cannot be replayed later).
   */
  async verifySignature(tenantId: string, raw: Buffer, header: string | undefined): Promise<void> {
    const secret = await this.d.webhookSecret(tenantId);
    if (!header || !verifyWebhook(secret, raw, header, this.d.clock.now(), WEBHOOK_TOLERANCE_S)) {
      throw new AppError('UNAUTHENTICATED', 'The webhook signature does not match, or its timestamp is more than 5 minutes from ours');
    }
  }
}

/** A case as it would open (dry runs): no id is taken. */
function draftCase(f: { shipment: TrackedShipment; finding: Finding }, now: Date): TrackingCase {
  const at = now.toISOString();
  return { id: '', shipment_id: f.shipment.id, order_id: f.shipment.order_id, rule: f.finding.rule, title: f.finding.title, state: 'open', owner: null, evidence: f.finding.evidence, actions: [], opened_at: at, updated_at: at, resolved_at: null };
}

function autoResolved(c: TrackingCase, reason: string, now: Date): TrackingCase {
  return { ...c, state: 'resolved', actions: [...c.actions, { type: 'auto_resolved', note: reason, actor: 'tracking', at: now.toISOString() }] };
}

function toIncoming(tn: string, carrier: string, e: TrackingEvent, source: string): IncomingEvent {
  return { ...e, tracking_number: tn, carrier, source };
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function dedupeKey(e: IncomingEvent): string {
  return createHash('sha1').update(`${e.tracking_number}|${e.carrier}|${e.code}|${e.occurred_at}|${e.description}|${e.location ?? ''}`).digest('base64url');
}

function factsOf(s: TrackedShipment, summary: TrackingSummary): ParcelFacts {
  return { summary, labeled_at: s.labeled_at, promise: s.promise, signature_required: s.signature_required, value: s.value, destination_region: s.destination_region };
}
