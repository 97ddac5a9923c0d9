import { carrierCalendar, type Calendar } from '../calendar/business-days.js';
import { promiseDates, type PromiseDates } from '../calendar/promise.js';
import type { Dimensions, Weight } from '../kernel/units.js';
import type { DeliveryPreference } from '../orders/order.schema.js';
import type { CompiledCard, EligibleQuote } from '../rating/quote.js';
import type { Shipment, SignatureKind } from '../rating/shipment.js';
import type { ZoneAnswer } from '../rating/zones.js';
import { chooseMode, type NearbyPoint, type PackageSize } from './mode.js';
import type { Mode, RoutingConfig } from './routing-config.schema.js';
import { applyRules, type OrderFacts } from './rules.js';
import { score, stableFraction, type LaneStats, type Score } from './scoring.js';

export interface DecideInput {
  orderId: string;
  facts: OrderFacts;
  preference: DeliveryPreference;
  customerType: 'b2c' | 'b2b';
  serviceLevel: string;
  value: number;
  currency: string;
  cod: boolean;
  battery: boolean;
  hazmat: boolean;
  signatureFromCatalog: boolean;
  readyAt: string;
  address: { zip: string; state: string | null; residential: boolean; region: 'urban' | 'suburban' | 'rural' | null; poBox: boolean; military: boolean };
  packages: { weight: Weight; dimensions: Dimensions | null; size: PackageSize }[];
  originZip: string;
  warehouse: { timezone: string; operating_days: readonly string[]; pickup_cutoffs: readonly { carrier: string; cutoff: string }[]; has_dock: boolean };
  cards: readonly CompiledCard[];
  zoneFor: (card: CompiledCard, destZip: string, destState: string | null) => ZoneAnswer;
  points: readonly NearbyPoint[];
  config: RoutingConfig;
  statsFor?: (carrier: string, service: string) => LaneStats | null;
  calendarFor?: (carrier: string) => Calendar;
}

export interface Candidate {
  card: string;
  carrier: string;
  service: string;
  name: string;
  sample: boolean;
  zone: string;
  zone_source: ZoneAnswer['source'];
  total: { amount: number; currency: string };
  transit_days: { p50: number; p90: number };
  promise: PromiseDates;
  score: Score;
}

export interface Decision {
  mode: Mode;
  mode_reasons: string[];
  accessorials: string[];
  pickup_point: { id: string; name: string; operator: string; postal_code: string; distance_km: number } | null;
  rules_applied: string[];
  chosen: Candidate | null;
  /** Every eligible service, best expected total first. */
  candidates: Candidate[];
  excluded: { card: string; carrier: string; service: string; reason: string }[];
  pilot: string | null;
  tags: string[];
  signature: SignatureKind | null;
  insured: boolean;
  /** The packages priced (packed into the warehouse's boxes when it has some): what a shipment carries. */
  packages: { weight: Weight; dimensions: Dimensions | null }[];
  notes: string[];
}

/**
 * Decides how (mode) and by whom (carrier service) an order ships, and explains it: the mode
 * policy and rules, hard constraints (PO boxes, APO/FPO, batteries, hazmat, size and weight
 * through the rate cards), expected cost per candidate, promise dates, pilots and services
 * marked down. Pure: everything it needs comes in.
 */
export function decide(i: DecideInput): Decision {
  const cfg = i.config;
  const rules = applyRules(cfg.rules, i.facts);
  const mode = chooseMode(
    { preference: i.preference, customerType: i.customerType, value: i.value, region: i.address.region, residential: i.address.residential, packages: i.packages.map((p) => p.size), points: i.points, forced: rules.mode, warehouseHasDock: i.warehouse.has_dock },
    cfg.mode_policy,
  );
  const notes: string[] = [];
  const point = mode.mode === 'pickup' ? mode.point : null;
  const destZip = point ? point.postal_code : i.address.zip;
  const destState = point ? point.state : i.address.state;
  const residential = point ? false : i.address.residential;
  const signature: SignatureKind | null = rules.signature?.kind ?? (i.signatureFromCatalog ? 'direct' : null);
  const insured = !!rules.insurance;
  const serviceLevel = rules.serviceLevel?.level ?? i.serviceLevel;
  const excluded: Decision['excluded'] = [];
  const candidates: Candidate[] = [];
  const zones = new Map<string, ZoneAnswer>();

  for (const card of i.cards) {
    const c = card.card;
    const no = (reason: string) => excluded.push({ card: c.code, carrier: c.carrier, service: c.service, reason });
    if ((c.mode === 'ltl') !== (mode.mode === 'truck')) {
      no(c.mode === 'ltl' ? `an LTL service; the order goes by ${mode.mode}` : 'a parcel service; the order goes by truck');
      continue;
    }
    if (point?.carrier && point.carrier !== c.carrier) { no(`pickup point ${point.name} is served by ${point.carrier}`); continue; }
    if (!point && i.address.poBox && !c.limits.po_box) { no('does not deliver to PO boxes'); continue; }
    if (!point && i.address.military && !c.limits.military) { no('does not deliver to APO/FPO/DPO addresses'); continue; }
    if (cfg.down.includes(c.code)) { no('marked down: orders fall back to the next best'); continue; }
    const denyC = rules.denyCarriers.get(c.carrier);
    if (denyC) { no(`carrier denied by rule ${denyC}`); continue; }
    const denyS = rules.denyServices.get(c.code);
    if (denyS) { no(`service denied by rule ${denyS}`); continue; }
    if (rules.allowCarriers && !rules.allowCarriers.list.includes(c.carrier)) { no(`rule ${rules.allowCarriers.rule} allows only ${rules.allowCarriers.list.join(', ')}`); continue; }
    if (rules.allowServices && !rules.allowServices.list.includes(c.code)) { no(`rule ${rules.allowServices.rule} allows only ${rules.allowServices.list.join(', ')}`); continue; }

    const zoneKey = `${c.zones.chart}/${c.zones.mail_service ?? ''}`;
    let zone = zones.get(zoneKey);
    if (!zone) zones.set(zoneKey, (zone = i.zoneFor(card, destZip, destState)));
    let total = 0;
    let first: EligibleQuote | undefined;
    let refused: string | undefined;
    for (const p of i.packages) {
      const s: Shipment = {
        originZip: i.originZip, destZip, destState, residential, weight: p.weight, dimensions: p.dimensions, signature,
        declaredValue: insured ? Math.round(i.value / i.packages.length) : null, cod: i.cod, nonCartonPackaging: false,
        battery: i.battery, hazmat: i.hazmat, accessorials: new Set(mode.accessorials), freightClass: null,
      };
      const q = card.quote(s, zone, i.readyAt.slice(0, 10));
      if (!q.eligible) { refused = q.reason; break; }
      first ??= q;
      total += q.total;
    }
    if (refused || !first) { no(refused ?? 'no packages'); continue; }
    const p50 = first.transit_days ?? 5;
    const p90 = p50 + 1;
    const cal = i.calendarFor?.(c.carrier) ?? carrierCalendar(c.carrier, cfg.calendar_overrides[c.carrier]);
    const promise = promiseDates({ readyAt: i.readyAt, warehouse: i.warehouse, carrier: c.carrier, transitP50: p50, transitP90: p90, carrierCalendar: cal });
    const bonus = rules.prefer.filter((p) => (p.carrier === undefined || p.carrier === c.carrier) && (p.service === undefined || p.service === c.code)).reduce((t, p) => t + p.bonus, 0);
    candidates.push({
      card: c.code, carrier: c.carrier, service: c.service, name: c.name, sample: c.sample, zone: first.zone, zone_source: first.zone_source,
      total: { amount: total, currency: c.currency }, transit_days: { p50, p90 }, promise,
      score: score({ carrier: c.carrier, quoteTotal: total, orderValue: i.value, transitP50: p50, transitP90: p90, serviceLevel, stats: i.statsFor?.(c.carrier, c.code) ?? null, bonus }, cfg),
    });
    if (c.currency !== i.currency) notes.push(`${c.code} prices in ${c.currency}, the order is in ${i.currency}: scores compare amounts as they are`);
  }
  candidates.sort((a, b) => a.score.expected_total - b.score.expected_total || a.card.localeCompare(b.card));
  let chosen = candidates[0] ?? null;
  let pilot: string | null = null;
  const tags: string[] = [];
  for (const p of cfg.pilots) {
    const c = candidates.find((x) => x.card === p.service);
    if (c && stableFraction(`${i.orderId}:${p.name}`) < p.share) {
      chosen = c;
      pilot = p.name;
      tags.push(`pilot:${p.name}`);
      notes.push(`pilot ${p.name}: ${Math.round(p.share * 100)} % of eligible orders go to ${p.service}; this order is one of them`);
      break;
    }
  }
  if (!chosen) notes.push('no service can take this order: see excluded');
  return {
    mode: mode.mode, mode_reasons: mode.reasons, accessorials: mode.accessorials,
    pickup_point: point ? { id: point.id, name: point.name, operator: point.operator, postal_code: point.postal_code, distance_km: Math.round(point.distance_km * 100) / 100 } : null,
    rules_applied: rules.applied, chosen, candidates, excluded, pilot, tags, signature, insured,
    packages: i.packages.map((p) => ({ weight: p.weight, dimensions: p.dimensions })), notes,
  };
}
