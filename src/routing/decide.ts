import { addWorkdays, carrierCalendar, memoCalendar, regionCalendar, type Calendar } from '../calendar/business-days.js';
import { promiseDates, type PromiseDates } from '../calendar/promise.js';
import type { Money } from '../kernel/money.js';
import type { Dimensions, Weight } from '../kernel/units.js';
import type { DeliveryPreference } from '../orders/order.schema.js';
import { itemize, type CompiledCard, type EligibleQuote, type ItemizedPrice } from '../rating/quote.js';
import type { Shipment, SignatureKind } from '../rating/shipment.js';
import type { ZoneAnswer } from '../rating/zones.js';
import type { LiveQuote } from '../rating/live-rates.js';
import type { LiveRateResult } from './ports.js';
import { renderReason, sentence, type Reason } from './explain.js';
import { chooseMode, type ModeDecision, type NearbyPoint, type PackageSize } from './mode.js';
import type { Mode, RoutingConfig } from './routing-config.schema.js';
import { applyRules, type OrderFacts, type RuleEffects } from './rules.js';
import { score, SERVICE_LEVEL_DAYS, stableFraction, type LaneStats, type Score } from './scoring.js';

export interface DecideInput {
  orderId: string;
  facts: OrderFacts;
  /** null: the order did not state a preference. */
  preference: DeliveryPreference | null;
  customerType: 'b2c' | 'b2b';
  serviceLevel: string;
  value: number;
  currency: string;
  /** Units on the order's lines (for the explanation of consolidated orders). */
  units?: number;
  cod: boolean;
  battery: boolean;
  hazmat: boolean;
  signatureFromCatalog: boolean;
  readyAt: string;
  address: { zip: string; state: string | null; residential: boolean; residentialSource?: 'order' | 'carrier_check' | 'address_check' | 'customer_type'; region: 'urban' | 'suburban' | 'rural' | null; poBox: boolean; military: boolean };
  packages: { weight: Weight; dimensions: Dimensions | null; size: PackageSize }[];
  originZip: string;
  warehouse: { timezone: string; operating_days: readonly string[]; pickup_cutoffs: readonly { carrier: string; cutoff: string }[]; has_dock: boolean };
  cards: readonly CompiledCard[];
  zoneFor: (card: CompiledCard, destZip: string, destState: string | null) => ZoneAnswer;
  /** Points near the address (within 25 km). */
  points: readonly NearbyPoint[];
  /** The point the customer chose, from the directory at any distance (null: not in it). */
  chosenPoint?: NearbyPoint | null;
  /** Whether the tenant has a pickup directory (default: whether any point is near). */
  directory?: boolean;
  config: RoutingConfig;
  statsFor?: (carrier: string, service: string) => LaneStats | null;
  calendarFor?: (carrier: string) => Calendar;
  /**
   * Carriers' own prices for this order's shipment (tenants with native accounts), by carrier.
   * A card of a carrier that answered is priced with the carrier's quote for its service (and its
   * transit estimate); a service the carrier did not offer is excluded; a carrier that failed
   * keeps its card prices and the explanation says so. Applies to home delivery (parcel mode).
   */
  live?: ReadonlyMap<string, LiveRateResult>;
}

export interface Candidate {
  card: string;
  carrier: string;
  service: string;
  name: string;
  sample: boolean;
  zone: string;
  zone_source: ZoneAnswer['source'];
  total: Money;
  /** Base, each surcharge with its label, fuel: what the total is made of. */
  price: ItemizedPrice;
  /** `live`: the carrier's own rate for this shipment; `card`: the tenant's rate card. */
  price_source?: 'live' | 'card';
  transit_days: { p50: number; p90: number };
  /** Ship date, expected and latest delivery, and `promise_by`: the last day the service level allows. */
  promise: PromiseDates & { promise_by: string };
  meets_service_level: boolean;
  /** Rules whose `prefer` gave this service a bonus. */
  preferred_by: string[];
  score: Score;
}

export interface Excluded {
  card: string;
  carrier: string;
  service: string;
  /** Stable: MODE, PICKUP_CARRIER, PO_BOX, MILITARY, DOWN, RULE, SERVICE_LEVEL, or the quote's (OVER_MAX_WEIGHT, NOT_SERVED, BATTERY…). */
  code: string;
  reason: string;
}

/** The API's contract for it is `decisionSchema` (decision.schema.ts); a test checks they agree. */
export interface Decision {
  mode: Mode;
  /** The reasons rendered in English, mode first (kept for readers of earlier decisions). */
  mode_reasons: string[];
  /** Why, as data: the mode, the hard constraints applied, the deciding factor, the promise. */
  reasons: Reason[];
  /** The same as one or two sentences for people. */
  explanation: { en: string; zh: string };
  /** What the decision took as given about the order, with where it came from. */
  facts: {
    address_type: 'residential' | 'commercial';
    address_type_source: 'order' | 'carrier_check' | 'address_check' | 'customer_type';
    residential_surcharge: Money | null;
    region: 'urban' | 'suburban' | 'rural' | null;
    po_box: boolean;
    military: boolean;
    flags: string[];
    preference: DeliveryPreference['type'] | 'not_stated';
    service_level: string;
    units: number;
    weight: Weight;
  };
  accessorials: string[];
  pickup_point: { id: string; name: string; operator: string; postal_code: string; distance_km: number } | null;
  rules_applied: string[];
  chosen: Candidate | null;
  /** The best candidate after the chosen one, and what separates them. */
  runner_up: { card: string; name: string; total: Money; difference: Money } | null;
  /** Every eligible service, best expected total first. */
  candidates: Candidate[];
  excluded: Excluded[];
  /** Set when the order waits instead of shipping (e.g. no service meets its service level). */
  waiting: { code: string; reason: string } | null;
  pilot: string | null;
  tags: string[];
  signature: SignatureKind | null;
  insured: boolean;
  /** The packages priced (packed into the warehouse's boxes when it has some): what a shipment carries. */
  packages: { weight: Weight; dimensions: Dimensions | null }[];
  notes: string[];
}

/** Constraints worth a sentence: the ones a seller would otherwise have to dig out of `excluded`. */
const TOLD: ReadonlySet<string> = new Set(['PO_BOX', 'MILITARY', 'BATTERY', 'HAZMAT', 'OVER_MAX_WEIGHT', 'OVER_MAX_SIZE', 'RULE', 'SERVICE_LEVEL', 'DOWN']);
const plainName = (name: string) => name.replace(/\s*\(sample[^)]*\)\s*$/i, '');

/**
 * Decides how (mode) and by whom (carrier service) an order ships, and explains it: the mode
 * policy and rules, hard constraints (PO boxes, APO/FPO, batteries, hazmat, size and weight
 * through the rate cards), the service level, expected cost per candidate, promise dates,
 * pilots and services marked down. Pure: everything it needs comes in.
 */
export function decide(i: DecideInput): Decision {
  return decideWithShipments(i).decision;
}

/** The decision and the shipments (one per package) it priced: `/v1/rates` prices the same ones. */
export function decideWithShipments(i: DecideInput): { decision: Decision; shipments: Shipment[] } {
  const cfg = i.config;
  const rules = applyRules(cfg.rules, i.facts);
  const modeInput = {
    preference: i.preference, customerType: i.customerType, value: i.value, currency: i.currency, units: i.units ?? i.packages.length,
    region: i.address.region, residential: i.address.residential, postOffice: i.address.poBox || i.address.military, packages: i.packages.map((p) => p.size), points: i.points,
    directory: i.directory ?? i.points.length > 0, chosenPoint: i.chosenPoint ?? null, forced: rules.mode, warehouseHasDock: i.warehouse.has_dock,
  };
  let mode = chooseMode(modeInput, cfg.mode_policy);
  let attempt = candidatesFor(i, mode, rules);
  // A point only one carrier serves, and that carrier cannot take the order: decide without it.
  if (mode.mode === 'pickup' && mode.point?.carrier && attempt.candidates.length === 0) {
    mode = chooseMode({ ...modeInput, pointUnavailable: { id: mode.point.id, name: mode.point.name, carrier: mode.point.carrier } }, cfg.mode_policy);
    attempt = candidatesFor(i, mode, rules);
  }
  const { excluded, shipments, notes } = attempt;
  let candidates = attempt.candidates;
  const reasons: Reason[] = [...mode.reasons, ...priceSources(i.live, mode.mode, candidates)];
  let waiting: Decision['waiting'] = null;

  // The service level: enforced levels keep only services whose typical transit meets them.
  const level = rules.serviceLevel?.level ?? i.serviceLevel;
  const levelDays = SERVICE_LEVEL_DAYS[level] ?? 5;
  if (cfg.service_levels.enforce.includes(level as never) && candidates.length > 0) {
    const meeting = candidates.filter((c) => c.meets_service_level);
    if (meeting.length < candidates.length) {
      const fastest = [...candidates].sort((a, b) => a.promise.expected.localeCompare(b.promise.expected) || a.score.expected_total.amount - b.score.expected_total.amount)[0]!;
      const soonest = fastest.promise.expected;
      const missing = candidates.filter((c) => !c.meets_service_level);
      if (meeting.length === 0 && cfg.service_levels.when_unmet === 'ship_fastest') {
        candidates = candidates.filter((c) => c.promise.expected === soonest);
        for (const c of missing.filter((x) => x.promise.expected !== soonest)) excluded.push(levelExcluded(c, level, levelDays));
        reasons.push({ code: 'SERVICE_LEVEL_EXCEPTION', args: { level, days: levelDays, fastest: plainName(fastest.name), fastest_expected: fastest.promise.expected } });
      } else {
        for (const c of missing) excluded.push(levelExcluded(c, level, levelDays));
        candidates = meeting;
        if (meeting.length === 0) {
          const r: Reason = { code: 'SERVICE_LEVEL_UNMET', args: { level, days: levelDays, fastest: plainName(fastest.name), fastest_expected: fastest.promise.expected } };
          reasons.push(r);
          waiting = { code: 'SERVICE_LEVEL_UNMET', reason: sentenceOf(r) };
        }
      }
    }
  }

  candidates.sort((a, b) => a.score.expected_total.amount - b.score.expected_total.amount || a.card.localeCompare(b.card));
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

  // The hard constraints that ruled services out, grouped.
  const byCode = new Map<string, string[]>();
  for (const e of excluded) {
    if (!TOLD.has(e.code)) continue;
    const name = plainName(i.cards.find((c) => c.card.code === e.card)?.card.name ?? e.card);
    const l = byCode.get(e.code) ?? [];
    if (!l.includes(name)) l.push(name);
    byCode.set(e.code, l);
  }
  for (const [code, services] of byCode) {
    // The services that do deliver there (whatever else later rules out).
    const allowed = code === 'PO_BOX' || code === 'MILITARY'
      ? i.cards.filter((c) => (c.card.mode === 'ltl') === (mode.mode === 'truck') && (code === 'PO_BOX' ? c.card.limits.po_box : c.card.limits.military)).map((c) => plainName(c.card.name))
      : [];
    reasons.push({ code: 'CONSTRAINT', args: { constraint: code, services, allowed, level } });
  }

  const point = mode.point;
  const weightLb = i.packages.reduce((t, p) => t + p.size.weightLb, 0);
  const base: Decision = {
    mode: mode.mode,
    mode_reasons: mode.reasons.map((r) => sentenceOf(r)),
    reasons,
    explanation: { en: '', zh: '' },
    facts: {
      address_type: point ? 'commercial' : i.address.residential ? 'residential' : 'commercial',
      address_type_source: i.address.residentialSource ?? 'address_check',
      residential_surcharge: null,
      region: i.address.region, po_box: i.address.poBox, military: i.address.military, flags: [...i.facts.flags],
      preference: i.preference?.type ?? 'not_stated', service_level: level, units: i.units ?? i.packages.length,
      weight: { value: Math.round(weightLb * 1000) / 1000, unit: 'lb' },
    },
    accessorials: mode.accessorials,
    pickup_point: point ? { id: point.id, name: point.name, operator: point.operator, postal_code: point.postal_code, distance_km: Math.round(point.distance_km * 100) / 100 } : null,
    rules_applied: rules.applied,
    chosen: null,
    runner_up: null,
    candidates,
    excluded,
    waiting,
    pilot, tags, signature: attempt.signature, insured: attempt.insured,
    packages: i.packages.map((p) => ({ weight: p.weight, dimensions: p.dimensions })),
    notes,
  };
  const pilotInfo = pilot ? { name: pilot, share_percent: Math.round((cfg.pilots.find((p) => p.name === pilot)?.share ?? 0) * 100) } : null;
  return { decision: withChosen(base, chosen, pilotInfo), shipments };
}

const CHOICE_CODES: ReadonlySet<string> = new Set(['CHEAPEST', 'LOWER_RISK', 'PREFERRED_BY_RULE', 'PILOT', 'ONLY_OPTION', 'ARRIVES', 'NO_SERVICE']);

/**
 * The decision with `chosen` as its service: the deciding factor against the runner-up, the
 * promise, the residential fact's surcharge and both sentences rebuilt. Used by `decide` and
 * when the batch allocation under quotas gives an order another candidate than its best alone.
 */
export function withChosen(d: Decision, chosen: Candidate | null, pilot?: { name: string; share_percent: number } | null): Decision {
  // Another service than the pilot's: the order is no longer in the pilot.
  const was = d.reasons.find((r) => r.code === 'PILOT')?.args;
  const pilotArgs = pilot !== undefined ? pilot : d.pilot && was && chosen?.card === d.chosen?.card ? { name: String(was.pilot), share_percent: Number(was.share_percent) } : null;
  const reasons = d.reasons.filter((r) => !CHOICE_CODES.has(r.code));
  let waiting = d.waiting;
  // The alternative a seller would ask about: the best of another carrier, else the next best.
  const others = chosen ? d.candidates.filter((c) => c.card !== chosen.card) : [];
  const runner = others.find((c) => c.carrier !== chosen!.carrier) ?? others[0] ?? null;
  const levelRestricted = d.excluded.some((e) => e.code === 'SERVICE_LEVEL');
  if (chosen) {
    if (pilotArgs) reasons.push({ code: 'PILOT', args: { pilot: pilotArgs.name, share_percent: pilotArgs.share_percent } });
    else if (!runner) reasons.push({ code: 'ONLY_OPTION', args: levelRestricted ? { level: d.facts.service_level } : {} });
    else reasons.push(decidingFactor(chosen, runner));
    reasons.push({ code: 'ARRIVES', args: { expected: chosen.promise.expected, latest: chosen.promise.latest, promise_by: chosen.promise.promise_by, late_label: chosen.score.risks.late.label } });
  } else if (!waiting) {
    reasons.push({ code: 'NO_SERVICE', args: {} });
    waiting = { code: 'NO_SERVICE', reason: 'no service can take this order: see excluded' };
  }
  const notes = chosen || d.notes.includes(NO_SERVICE_NOTE) ? d.notes : [...d.notes, NO_SERVICE_NOTE];
  const residential = chosen?.price.surcharges.filter((x) => x.code === 'residential').reduce<Money | null>((t, x) => ({ amount: (t?.amount ?? 0) + x.amount.amount, currency: x.amount.currency }), null) ?? null;
  const chosenName = chosen ? plainName(chosen.name) : null;
  const price = chosen ? chosen.total : null;
  return {
    ...d,
    reasons,
    explanation: { en: sentence({ chosenName, price, reasons }, 'en'), zh: sentence({ chosenName, price, reasons }, 'zh') },
    facts: { ...d.facts, residential_surcharge: residential },
    chosen,
    pilot: pilotArgs?.name ?? null,
    tags: pilotArgs ? d.tags : d.tags.filter((t) => !t.startsWith('pilot:')),
    runner_up: chosen && runner ? { card: runner.card, name: runner.name, total: runner.total, difference: { amount: runner.total.amount - chosen.total.amount, currency: chosen.total.currency } } : null,
    waiting,
    notes,
  };
}

const NO_SERVICE_NOTE = 'no service can take this order: see excluded';

/** One reason as an English clause (mode_reasons and waiting.reason). */
const sentenceOf = (r: Reason) => renderReason(r, 'en');

function levelExcluded(c: Candidate, level: string, days: number): Excluded {
  return { card: c.card, carrier: c.carrier, service: c.service, code: 'SERVICE_LEVEL', reason: `arrives ${c.promise.expected}, after ${c.promise.promise_by}: ${level} promises ${days} business ${days === 1 ? 'day' : 'days'}` };
}

/** Why the chosen candidate beat the runner-up: price (and the surcharge behind the gap), risk, or a rule's preference. */
function decidingFactor(chosen: Candidate, runner: Candidate): Reason {
  const cur = chosen.total.currency;
  const money = (amount: number): Money => ({ amount, currency: cur });
  const bonus = chosen.score.preference_bonus.amount - runner.score.preference_bonus.amount;
  const gapWithoutBonus = (chosen.score.expected_total.amount + chosen.score.preference_bonus.amount) - (runner.score.expected_total.amount + runner.score.preference_bonus.amount);
  if (bonus > 0 && gapWithoutBonus > 0) {
    return { code: 'PREFERRED_BY_RULE', args: { rule: chosen.preferred_by.join(', '), bonus: money(bonus), runner_up: plainName(runner.name) } };
  }
  const diff = runner.total.amount - chosen.total.amount;
  if (diff > 0) {
    // The surcharge the runner-up pays most beyond the chosen one's: "which adds a $40.50 Alaska delivery-area surcharge".
    let worst: { code: string; label: string; extra: number } | null = null;
    for (const s of runner.price.surcharges) {
      const mine = chosen.price.surcharges.filter((x) => x.code === s.code).reduce((t, x) => t + x.amount.amount, 0);
      const extra = s.amount.amount - mine;
      if (extra > 0 && (!worst || extra > worst.extra)) worst = { code: s.code, label: s.label, extra };
    }
    const big = worst && worst.extra * 4 >= diff;
    return {
      code: 'CHEAPEST',
      args: { runner_up: plainName(runner.name), difference: money(diff), surcharge_code: big ? worst!.code : null, surcharge_label: big ? worst!.label : null, surcharge: big ? money(worst!.extra) : null },
    };
  }
  const parts = [
    ['late', runner.score.lateness.amount - chosen.score.lateness.amount],
    ['fail', runner.score.redelivery.amount - chosen.score.redelivery.amount],
    ['loss', runner.score.loss.amount - chosen.score.loss.amount],
  ] as const;
  const factor = [...parts].sort((a, b) => b[1] - a[1])[0]![0];
  return {
    code: 'LOWER_RISK',
    args: { runner_up: plainName(runner.name), difference: money(-diff), factor, saving: money(runner.score.expected_total.amount - chosen.score.expected_total.amount) },
  };
}

/** Every card for the mode: excluded with a reason, or quoted and scored. */
function candidatesFor(i: DecideInput, mode: ModeDecision, rules: RuleEffects) {
  const cfg = i.config;
  const point = mode.mode === 'pickup' ? mode.point : null;
  const destZip = point ? point.postal_code : i.address.zip;
  const destState = point ? point.state : i.address.state;
  const residential = point ? false : i.address.residential;
  const signature: SignatureKind | null = rules.signature?.kind ?? (i.signatureFromCatalog ? 'direct' : null);
  const insured = !!rules.insurance;
  const serviceLevel = rules.serviceLevel?.level ?? i.serviceLevel;
  const levelDays = SERVICE_LEVEL_DAYS[serviceLevel] ?? 5;
  const excluded: Excluded[] = [];
  const candidates: Candidate[] = [];
  const notes: string[] = [];
  const zones = new Map<string, ZoneAnswer>();
  const shipDate = i.readyAt.slice(0, 10);
  const shipments: Shipment[] = i.packages.map((p) => ({
    originZip: i.originZip, destZip, destState, residential, weight: p.weight, dimensions: p.dimensions, signature,
    declaredValue: insured ? Math.round(i.value / i.packages.length) : null, cod: i.cod, nonCartonPackaging: false,
    battery: i.battery, hazmat: i.hazmat, accessorials: new Set(mode.accessorials), freightClass: null,
  }));

  const datesFor = new Map<string, PromiseDates>();
  for (const card of i.cards) {
    const c = card.card;
    const why = exclusion(c, mode, point, i.address, cfg.down, rules);
    if (why) {
      excluded.push({ card: c.code, carrier: c.carrier, service: c.service, code: why[0], reason: why[1] });
      continue;
    }
    const zoneKey = `${c.zones.chart}/${c.zones.mail_service ?? ''}`;
    let zone = zones.get(zoneKey);
    if (!zone) zones.set(zoneKey, (zone = i.zoneFor(card, destZip, destState)));
    const quotes = card.quoteAll(shipments, zone, shipDate);
    if (!Array.isArray(quotes) || quotes.length === 0) {
      excluded.push({ card: c.code, carrier: c.carrier, service: c.service, code: Array.isArray(quotes) ? 'NO_PRICE' : quotes.code, reason: Array.isArray(quotes) ? 'no packages' : quotes.reason });
      continue;
    }
    const first: EligibleQuote = quotes[0]!;
    const live = mode.mode === 'parcel' ? i.live?.get(c.carrier) : undefined;
    const liveQuote = live?.source === 'live' ? live.quotes.get(c.service) : undefined;
    if (live?.source === 'live' && !liveQuote) {
      excluded.push({ card: c.code, carrier: c.carrier, service: c.service, code: 'NOT_OFFERED', reason: `${c.carrier.toUpperCase()} did not offer this service for the shipment when asked for its rates` });
      continue;
    }
    const price = liveQuote ? liveItemized(liveQuote) : itemize(quotes);
    const p50 = liveQuote?.transit_days ?? first.transit_days ?? 5;
    const p90 = p50 + 1;
    // Services of one carrier with the same transit share their dates.
    const dateKey = `${c.carrier}|${p50}`;
    let dates = datesFor.get(dateKey);
    if (!dates) {
      const cal = i.calendarFor?.(c.carrier) ?? carrierCalendar(c.carrier, cfg.calendar_overrides[c.carrier]);
      datesFor.set(dateKey, (dates = promiseDates({ readyAt: i.readyAt, warehouse: i.warehouse, carrier: c.carrier, transitP50: p50, transitP90: p90, carrierCalendar: cal })));
    }
    let bonus = 0;
    const preferredBy: string[] = [];
    for (const p of rules.prefer) {
      if ((p.carrier !== undefined && p.carrier !== c.carrier) || (p.service !== undefined && p.service !== c.code)) continue;
      bonus += p.bonus.amount;
      if (!preferredBy.includes(p.rule)) preferredBy.push(p.rule);
    }
    candidates.push({
      card: c.code, carrier: c.carrier, service: c.service, name: liveQuote ? plainName(c.name) : c.name, sample: liveQuote ? false : c.sample, zone: first.zone, zone_source: first.zone_source,
      total: price.total, price, price_source: liveQuote ? 'live' : 'card', transit_days: { p50, p90 },
      promise: { ...dates, promise_by: '' },
      meets_service_level: false,
      preferred_by: preferredBy,
      score: score({ carrier: c.carrier, quoteTotal: price.total.amount, currency: price.total.currency, orderValue: i.value, transitP50: p50, transitP90: p90, serviceLevel, stats: i.statsFor?.(c.carrier, c.code) ?? null, bonus }, cfg),
    });
    if (price.total.currency !== i.currency) notes.push(`${c.code} prices in ${price.total.currency}, the order is in ${i.currency}: scores compare amounts as they are`);
  }
  // The promise is the seller's, not a carrier's: the service level's business days (Monday to
  // Friday, US public holidays) from the first day the order can ship. A service meets it when
  // its expected delivery is on or before that day.
  if (candidates.length) {
    const firstShip = candidates.reduce((d, c) => (c.promise.ship_date < d ? c.promise.ship_date : d), candidates[0]!.promise.ship_date);
    const promiseBy = addWorkdays(businessCalendar(cfg.calendar_overrides['US']), firstShip, levelDays);
    for (const c of candidates) {
      c.promise.promise_by = promiseBy;
      c.meets_service_level = c.promise.expected <= promiseBy;
    }
  }
  return { candidates, excluded, notes, shipments, signature, insured };
}

const CARRIER_NAMES: Record<string, string> = { ups: 'UPS', fedex: 'FedEx', usps: 'USPS' };
const carrierName = (c: string) => CARRIER_NAMES[c] ?? c.toUpperCase();

/** Which prices came from the carriers themselves and which carriers fell back to cards (and why). */
function priceSources(live: DecideInput['live'], mode: Mode, candidates: readonly Candidate[]): Reason[] {
  if (!live?.size || mode !== 'parcel') return [];
  const out: Reason[] = [];
  const priced = [...new Set(candidates.filter((c) => c.price_source === 'live').map((c) => carrierName(c.carrier)))];
  if (priced.length) out.push({ code: 'LIVE_PRICES', args: { carriers: priced } });
  const byWhy = new Map<string, string[]>();
  for (const [carrier, r] of live) if (r.source === 'failed') byWhy.set(r.why, [...(byWhy.get(r.why) ?? []), carrierName(carrier)]);
  for (const [why, carriers] of byWhy) out.push({ code: 'CARD_PRICES_FALLBACK', args: { carriers, why } });
  return out;
}

/** A carrier's quote in the shape of a card's itemized price (fuel's percent of what it applies to). */
function liveItemized(q: LiveQuote): ItemizedPrice {
  const cur = q.total.currency;
  const fuel = q.fuel?.amount ?? 0;
  const before = q.total.amount - fuel;
  return {
    base: q.base,
    surcharges: q.surcharges.map((x) => ({ code: x.code, label: x.label, amount: x.amount })),
    fuel: { percent: fuel && before > 0 ? Math.round((fuel / before) * 10000) / 100 : 0, amount: { amount: fuel, currency: cur } },
    total: q.total,
  };
}

/** Why a card cannot take the order before it is even priced ([code, reason]), if it cannot. */
function exclusion(c: CompiledCard['card'], mode: ModeDecision, point: NearbyPoint | null, a: DecideInput['address'], down: readonly string[], rules: RuleEffects): [string, string] | null {
  if ((c.mode === 'ltl') !== (mode.mode === 'truck')) return ['MODE', c.mode === 'ltl' ? `an LTL service; the order goes by ${mode.mode}` : 'a parcel service; the order goes by truck'];
  if (point?.carrier && point.carrier !== c.carrier) return ['PICKUP_CARRIER', `pickup point ${point.name} is served by ${point.carrier}`];
  if (!point && a.poBox && !c.limits.po_box) return ['PO_BOX', 'does not deliver to PO boxes'];
  if (!point && a.military && !c.limits.military) return ['MILITARY', 'does not deliver to APO/FPO/DPO addresses'];
  if (down.includes(c.code)) return ['DOWN', 'marked down: orders fall back to the next best'];
  const denyC = rules.denyCarriers.get(c.carrier);
  if (denyC) return ['RULE', `carrier denied by rule ${denyC}`];
  const denyS = rules.denyServices.get(c.code);
  if (denyS) return ['RULE', `service denied by rule ${denyS}`];
  if (rules.allowCarriers && !rules.allowCarriers.list.includes(c.carrier)) return ['RULE', `rule ${rules.allowCarriers.rule} allows only ${rules.allowCarriers.list.join(', ')}`];
  if (rules.allowServices && !rules.allowServices.list.includes(c.code)) return ['RULE', `rule ${rules.allowServices.rule} allows only ${rules.allowServices.list.join(', ')}`];
  return null;
}

let usBusiness: Calendar | undefined;
/** Monday to Friday less US public holidays (and the tenant's US overrides). */
function businessCalendar(overrides: RoutingConfig['calendar_overrides'][string] | undefined): Calendar {
  if (overrides && (overrides.holidays.length || overrides.workdays.length)) return regionCalendar('US', overrides);
  return (usBusiness ??= memoCalendar(regionCalendar('US')));
}
