import { billableWeight, lengthPlusGirth, volumeIn, weightIn, lengthIn, type BillableWeight } from './billable.js';
import { formatMoney } from '../kernel/money.js';
import { freightClassFor } from './freight-class.js';
import type { BaseRule, RateCard, Surcharge } from './rate-card.schema.js';
import type { Shipment } from './shipment.js';
import { compileAmount, compileSurcharge, conditionTest, describeCondition, largePackageTest, MEASURE_KIND, type AmountFn, type Applied, type CardUnits, type Criterion, type SurchargeFn } from './surcharges.js';
import type { ZoneAnswer } from './zones.js';

export interface EligibleQuote {
  eligible: true;
  card: string;
  carrier: string;
  service: string;
  name: string;
  sample: boolean;
  currency: string;
  zone: string;
  zone_source: ZoneAnswer['source'];
  billable_weight: { value: number; unit: string };
  dim_weight: { value: number; unit: string } | null;
  freight_class: string | undefined;
  /** Freight only: the handling units (pallets or pieces) priced together as one shipment. */
  handling_units?: number;
  base: number;
  surcharges: Applied[];
  /** Contract discounts, each rounded half up to the minor unit and subtracted from the total. */
  discounts: Applied[];
  fuel: { percent: number; amount: number };
  total: number;
  transit_days: number | null;
  notes: string[];
}

export interface IneligibleQuote {
  eligible: false;
  card: string;
  carrier: string;
  service: string;
  name: string;
  sample: boolean;
  /** Stable: OVER_MAX_WEIGHT, OVER_MAX_SIZE, NOT_SERVED, NO_PRICE, RESIDENTIAL_ONLY, BATTERY, HAZMAT. */
  code: string;
  reason: string;
}

export type ServiceQuote = EligibleQuote | IneligibleQuote;

/** A card turned into closures and arrays once, so that quoting allocates little. */
export interface CompiledCard {
  card: RateCard;
  /** One package (parcel), or one handling unit as a shipment of its own (freight). */
  quote(s: Shipment, zone: ZoneAnswer, shipDate: string, ctx?: QuoteContext): ServiceQuote;
  /**
   * Everything an order ships: parcels are quoted package by package (one quote each); freight
   * is one shipment of all its handling units — the minimum charge, accessorials and fuel once
   * (one quote). The first ineligible answer is returned alone.
   */
  quoteAll(ss: readonly Shipment[], zone: ZoneAnswer, shipDate: string, ctx?: QuoteContext): EligibleQuote[] | IneligibleQuote;
}

/** What a quote may assume beyond the package: the period spend that picks the earned-discount tier. */
export interface QuoteContext {
  periodSpend?: number;
}

const ZONE9_STATES = new Set(['GU', 'AS', 'MP', 'FM', 'MH', 'PW']);

export function compileCard(card: RateCard): CompiledCard {
  const head = { card: card.code, carrier: card.carrier, service: card.service, name: card.name, sample: card.sample };
  const no = (code: string, reason: string): IneligibleQuote => ({ eligible: false, ...head, code, reason });
  const units: CardUnits = { weight: card.weight_unit, length: card.dim?.system === 'metric' || card.weight_unit === 'kg' || card.weight_unit === 'g' ? 'cm' : 'in' };
  const fns: { code: string; fn: SurchargeFn; fuel: boolean; onlyWith: readonly string[] | null }[] = card.surcharges.map((s) => ({
    code: s.code,
    fn: compileSurcharge(s, units),
    fuel: (card.fuel?.applies_to ?? []).includes(s.code),
    onlyWith: s.only_with ?? null,
  }));
  const large = card.surcharges.find((s): s is Extract<Surcharge, { code: 'large_package' }> => s.code === 'large_package');
  const isLarge = large ? largePackageTest(large, units) : null;
  const largeMin = large?.args.min_billable_weight ? weightIn(large.args.min_billable_weight, card.weight_unit) : 0;
  // Additional Handling criteria that raise the billable weight (FedEx and UPS: 40 lb for size).
  const ahMins = card.surcharges
    .filter((s): s is Extract<Surcharge, { code: 'additional_handling' }> => s.code === 'additional_handling')
    .flatMap((s) => s.args.criteria.filter((c) => c.min_billable_weight).map((c) => ({ test: conditionTest(c, units), min: weightIn(c.min_billable_weight!, card.weight_unit), why: describeCondition(c) })));
  const refusals = card.limits.refuse_when.map((c) => ({
    test: conditionTest(c, units),
    code: MEASURE_KIND[c.when] === 'weight' ? 'OVER_MAX_WEIGHT' : 'OVER_MAX_SIZE',
    reason: c.reason ?? `${card.name} does not take packages with ${describeCondition(c)}`,
  }));
  const baseRules = card.base_rules.map((r) => compileBaseRule(r, units));
  const contract = compileContract(card);
  const fuelApplies = new Set(card.fuel?.applies_to ?? []);
  const fuelTable = [...(card.fuel?.table ?? [])].sort((a, b) => (a.from < b.from ? 1 : -1));
  const L = card.limits;
  const states = L.states ? new Set(L.states) : null;
  const zip3s = L.zip3s?.map((z) => z.split('-').map(Number) as [number, number?]);
  const grid = card.prices;
  const zoneIndex = new Map((grid?.zones ?? []).map((z, i) => [z, i]));
  const minZone = Math.min(...(grid?.zones ?? []).map(Number).filter(Number.isFinite));
  const weights = Float64Array.from((grid?.rows ?? []).map((r) => weightIn(r.weight, card.weight_unit)));
  const prices = (grid?.zones ?? []).map((_, zi) => Int32Array.from((grid?.rows ?? []).map((r) => r.prices[zi] ?? -1)));

  const limits = compileLimits(card);
  const fuelPercent = (date: string) => fuelTable.find((f) => f.from <= date)?.percent ?? 0;

  /**
   * LTL linehaul: each handling unit's weight at its class's rate per hundredweight (units of
   * one class added up before rounding to the pound), the minimum charge once for the shipment.
   */
  const freightBase = (units: readonly Shipment[], zone: string): { base: number; freightClass: string } | string => {
    const byClass = new Map<string, number>();
    for (const u of units) {
      const cls = u.freightClass ?? freightClassFor(u.weight, u.dimensions);
      byClass.set(cls, (byClass.get(cls) ?? 0) + weightIn(u.weight, 'lb'));
    }
    let linehaul = 0;
    for (const [cls, lbs] of byClass) {
      const perCwt = card.ltl!.per_cwt_by_class[cls]?.[zone];
      if (perCwt === undefined) return `no rate for class ${cls} to zone ${zone}`;
      linehaul += Math.round((perCwt * Math.ceil(lbs - 1e-9)) / 100);
    }
    const classes = [...byClass.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    return { base: Math.max(card.ltl!.minimum_charge, linehaul), freightClass: classes.join(', ') };
  };

  /** `s` is the package, or for freight the whole shipment (its weight the sum of `units`). */
  function quoteOne(s: Shipment, units: readonly Shipment[], zoneAnswer: ZoneAnswer, shipDate: string, ctx?: QuoteContext): ServiceQuote {
      // Eligibility first: what the service does not carry gets a reason, not a price.
      if (L.residential_only && !s.residential) return no('RESIDENTIAL_ONLY', `${card.name} delivers to residences only`);
      if (s.battery && !L.batteries) return no('BATTERY', `${card.name} does not carry lithium batteries`);
      if (s.hazmat && !L.hazmat) return no('HAZMAT', `${card.name} does not carry dangerous goods`);
      // A ZIP the reference data lacks has no state: the carrier's own chart listing it is enough.
      if (states && (s.destState === null ? zoneAnswer.source !== 'chart' : !states.has(s.destState))) return no('NOT_SERVED', `${card.name} does not deliver to ${s.destState ?? 'this destination'}`);
      if (zip3s) {
        const z3 = Number(s.destZip.slice(0, 3));
        if (!zip3s.some(([a, b]) => z3 >= a! && z3 <= (b ?? a!))) return no('NOT_SERVED', `${card.name} does not deliver to ZIP ${s.destZip.slice(0, 5)}`);
      }
      const bw = billableWeight(card, s.weight, s.dimensions);
      const over = limits(bw);
      if (over) return no(over.code, over.reason);
      const zone = s.destState && ZONE9_STATES.has(s.destState) && zoneAnswer.source !== 'given' && !zoneIndex.has(zoneAnswer.zone) ? '9' : zoneAnswer.zone;
      const notes: string[] = [];
      if (zoneAnswer.note) notes.push(zoneAnswer.note);
      if (!s.dimensions) notes.push('no dimensions: dim weight and size surcharges not applied');

      for (const r of refusals) if (r.test(bw, s)) return no(r.code, r.reason);
      const largePackage = isLarge !== null && isLarge(bw, s);
      let billable = bw.billable;
      if (largePackage && largeMin > billable) {
        billable = largeMin;
        notes.push(`billed at least ${fmt(largeMin)} ${card.weight_unit} as a large package`);
      } else if (!largePackage) {
        for (const m of ahMins) {
          if (m.min > billable && m.test(bw, s)) {
            billable = m.min;
            notes.push(`billed at least ${fmt(m.min)} ${card.weight_unit}: additional handling for ${m.why}`);
          }
        }
      }

      let base: number | undefined;
      let freightClass: string | undefined;
      const rule = card.mode === 'ltl' ? undefined : baseRules.find((r) => r.test(bw, s));
      if (rule) {
        const r = rule.apply(zone, billable, s);
        if (r.kind === 'price') base = r.amount;
        else if (r.kind === 'weight' && r.weight > billable) billable = r.weight;
        else if (r.kind === 'none') return no('NO_PRICE', r.reason);
        if (r.kind !== 'skip') notes.push(r.note);
      }
      if (base !== undefined) {
        // priced by a base rule
      } else if (card.mode === 'ltl') {
        const freight = freightBase(units, zone);
        if (typeof freight === 'string') return no('NO_PRICE', freight);
        ({ base, freightClass } = freight);
      } else {
        let zi = zoneIndex.get(zone);
        // Carriers without a zone 1 (UPS, FedEx) price local deliveries at their lowest zone.
        if (zi === undefined && Number(zone) < minZone) {
          zi = zoneIndex.get(String(minZone));
          notes.push(`zone ${zone} priced as zone ${minZone}, the card's lowest`);
        }
        if (zi === undefined) return no('NO_PRICE', `${card.name} has no prices for zone ${zone}`);
        // First row at or above the billable weight (binary search: grids run to 150 rows).
        let lo = 0;
        let hi = weights.length;
        const target = billable - 1e-9;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (weights[mid]! < target) lo = mid + 1;
          else hi = mid;
        }
        const row = lo;
        if (row === weights.length) return no('OVER_MAX_WEIGHT', `${fmt(billable)} ${card.weight_unit} is over the heaviest price (${fmt(weights[weights.length - 1]!)} ${card.weight_unit})`);
        const price = prices[zi]![row]!;
        if (price < 0) return no('NO_PRICE', `${card.name} has no price for ${fmt(weights[row]!)} ${card.weight_unit} to zone ${zone}`);
        base = price;
      }

      const input = { shipment: s, bw, billable, zone, shipDate, largePackage };
      const surcharges: Applied[] = [];
      const fuelCodes: boolean[] = [];
      for (const f of fns) {
        if (f.onlyWith && !surcharges.some((a) => f.onlyWith!.includes(a.code))) continue;
        const a = f.fn(input);
        if (!a || a.amount === 0) continue;
        surcharges.push(a);
        fuelCodes.push(f.fuel);
      }
      const discounts = contract ? contract.discounts(base, surcharges, zone, billable, notes, ctx) : [];
      // Fuel: on the base and the surcharges the card names, net of their discounts unless the
      // card says fuel is on list prices; one line, rounded half up to the minor unit.
      let fuelBase = fuelApplies.has('base') ? base : 0;
      surcharges.forEach((a, k) => {
        if (fuelCodes[k]) fuelBase += a.amount;
      });
      if (card.fuel?.on !== 'list') for (const d of discounts) if (d.target === 'base' ? fuelApplies.has('base') : fuelApplies.has(d.target)) fuelBase -= d.amount;
      const percent = card.fuel ? fuelPercent(shipDate) : 0;
      const fuelAmount = halfUp((fuelBase * percent) / 100);
      const total = base + surcharges.reduce((t, a) => t + a.amount, 0) - discounts.reduce((t, d) => t + d.amount, 0) + fuelAmount;
      return {
        eligible: true,
        card: head.card,
        carrier: head.carrier,
        service: head.service,
        name: head.name,
        sample: head.sample,
        currency: card.currency,
        zone,
        zone_source: zoneAnswer.source,
        billable_weight: { value: billable, unit: card.weight_unit },
        dim_weight: bw.dim !== null ? { value: bw.dim, unit: card.weight_unit } : null,
        freight_class: freightClass,
        base,
        surcharges,
        discounts: discounts.map((d) => ({ code: d.code, label: d.label, amount: d.amount })),
        fuel: { percent, amount: fuelAmount },
        total,
        transit_days: card.transit_days[zone] ?? null,
        notes,
        ...(card.mode === 'ltl' ? { handling_units: units.length } : {}),
      };
  }

  return {
    card,
    quote: (s, zoneAnswer, shipDate, ctx) => quoteOne(s, [s], zoneAnswer, shipDate, ctx),
    quoteAll(ss, zoneAnswer, shipDate, ctx) {
      if (card.mode === 'ltl' && ss.length > 1) {
        // One shipment: the units' weights add up; size rules look at each unit, not the sum.
        for (const u of ss) {
          const q = quoteOne(u, [u], zoneAnswer, shipDate, ctx);
          if (!q.eligible) return q;
        }
        const lbs = ss.reduce((t, u) => t + weightIn(u.weight, 'lb'), 0);
        const whole: Shipment = { ...ss[0]!, weight: { value: lbs, unit: 'lb' }, dimensions: null, declaredValue: ss.some((u) => u.declaredValue !== null) ? ss.reduce((t, u) => t + (u.declaredValue ?? 0), 0) : null };
        const q = quoteOne(whole, ss, zoneAnswer, shipDate, ctx);
        if (!q.eligible) return q;
        q.notes = q.notes.filter((n) => !n.startsWith('no dimensions'));
        if (ss.some((u) => !u.dimensions)) q.notes.push('a handling unit has no dimensions: its freight class is 100');
        return [q];
      }
      const out: EligibleQuote[] = [];
      for (const s of ss) {
        const q = quoteOne(s, [s], zoneAnswer, shipDate, ctx);
        if (!q.eligible) return q;
        out.push(q);
      }
      return out;
    },
  };
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

/** Half-up rounding to the minor unit, as carriers invoice each charge line. */
export const halfUp = (x: number): number => Math.floor(x + 0.5 + 1e-9);

type BaseRuleResult = { kind: 'price'; amount: number; note: string } | { kind: 'weight'; weight: number; note: string } | { kind: 'none'; reason: string } | { kind: 'skip' };

/** A base rule compiled: whether it holds for a package, and what it does to the base. */
function compileBaseRule(r: BaseRule, u: CardUnits): { test: (bw: BillableWeight, s: Shipment) => boolean; apply: (zone: string, billable: number, s: Shipment) => BaseRuleResult } {
  const tests: Criterion[] = r.when.map((c) => conditionTest(c, u));
  const unless: Criterion[] = r.unless.map((c) => conditionTest(c, u));
  const holds = (bw: BillableWeight, s: Shipment) =>
    (tests.length === 0 || (r.match === 'all' ? tests.every((t) => t(bw, s)) : tests.some((t) => t(bw, s)))) && !unless.some((t) => t(bw, s));
  if (r.price !== undefined) {
    const a: AmountFn = compileAmount(r.price, u.weight);
    return { test: holds, apply: (zone, billable) => ({ kind: 'price', amount: a(zone, billable), note: `priced at the ${r.name} price` }) };
  }
  if (r.bill_at_least) {
    const w = weightIn(r.bill_at_least, u.weight);
    return { test: holds, apply: (_z, billable) => (w > billable ? { kind: 'weight', weight: w, note: `${r.name}: priced as ${fmt(w)} ${u.weight}` } : { kind: 'skip' }) };
  }
  const c = r.cubic!;
  const cubicUnit = u.length === 'in' ? 'in3' : 'cm3';
  const tiers = c.rows.map((row) => volumeIn(row.up_to, cubicUnit) + 1e-9);
  const zi = new Map(c.zones.map((z, i) => [z, i]));
  return {
    test: (bw, s) => s.dimensions !== null && holds(bw, s),
    apply(zone, _billable, s) {
      const d = s.dimensions!;
      const side = (v: number) => {
        const x = lengthIn(v, d.unit, u.length);
        return c.side_rounding === 'down_quarter' ? Math.floor(x * 4 + 1e-9) / 4 : x;
      };
      const vol = side(d.length) * side(d.width) * side(d.height);
      const row = tiers.findIndex((t) => vol <= t);
      if (row < 0) return { kind: 'skip' };
      const i = zi.get(zone);
      const price = i === undefined ? null : c.rows[row]!.prices[i];
      if (price === null || price === undefined) return { kind: 'none', reason: `${r.name}: no price for tier ${row + 1} to zone ${zone}` };
      return { kind: 'price', amount: price, note: `${r.name}: tier up to ${c.rows[row]!.up_to.value} ${c.rows[row]!.up_to.unit} (${fmt(vol)} ${cubicUnit})` };
    },
  };
}

interface DiscountLine extends Applied {
  /** What it is taken off: "base" or a surcharge code. */
  target: string;
}

/** The card's contract terms compiled: the discount lines of one package. */
function compileContract(card: RateCard): { discounts: (base: number, surcharges: readonly Applied[], zone: string, billable: number, notes: string[], ctx?: QuoteContext) => DiscountLine[] } | null {
  const c = card.contract;
  if (!c) return null;
  const w = (x: { value: number; unit: 'g' | 'kg' | 'oz' | 'lb' } | undefined, dflt: number) => (x ? weightIn(x, card.weight_unit) : dflt);
  const discounts = c.discounts.map((d) => ({ ...d, zoneSet: d.zones ? new Set(d.zones) : null, over: w(d.weight?.over, -Infinity), upTo: w(d.weight?.up_to, Infinity) }));
  const tiers = c.earned ? [...c.earned.tiers].sort((a, b) => a.from_spend - b.from_spend) : [];
  const minNet = c.minimum_net ? compileAmount(c.minimum_net.amount, card.weight_unit) : null;
  const money = (amount: number) => formatMoney({ amount, currency: card.currency });
  return {
    discounts(base, surcharges, zone, billable, notes, ctx) {
      const lines: DiscountLine[] = [];
      const of = (target: string) => (target === 'base' ? base : surcharges.reduce((t, a) => (a.code === target ? t + a.amount : t), 0));
      const add = (name: string, percent: number, targets: readonly string[]) => {
        for (const target of targets) {
          const amount = halfUp((of(target) * percent) / 100);
          if (amount > 0) lines.push({ code: 'discount', label: `${name} ${percent}% off ${target.replace(/_/g, ' ')}`, amount, target });
        }
      };
      for (const d of discounts) {
        if (d.zoneSet && !d.zoneSet.has(zone)) continue;
        if (!(billable > d.over + 1e-9 && billable <= d.upTo + 1e-9)) continue;
        add(d.name, d.percent, d.applies_to);
      }
      if (c.earned) {
        const spend = ctx?.periodSpend ?? c.earned.period_spend;
        let percent = 0;
        for (const t of tiers) if (spend >= t.from_spend) percent = t.percent;
        if (percent > 0) add(c.earned.name, percent, c.earned.applies_to);
      }
      if (minNet) {
        const min = minNet(zone, billable);
        const off = lines.reduce((t, l) => (l.target === 'base' ? t + l.amount : t), 0);
        if (off > 0 && base - off < min) {
          // The discount shrinks so that the base nets the minimum (never more than the list price).
          let give = Math.min(off, min - (base - off));
          notes.push(`minimum net charge ${money(min)}: the discount on the base is reduced by ${money(give)}`);
          for (let k = lines.length - 1; k >= 0 && give > 0; k--) {
            const l = lines[k]!;
            if (l.target !== 'base') continue;
            const cut = Math.min(l.amount, give);
            l.amount -= cut;
            give -= cut;
          }
          return lines.filter((l) => l.amount > 0);
        }
      }
      return lines;
    },
  };
}

/** The card's size and weight limits as one check, thresholds in the card's units. */
function compileLimits(card: RateCard): (bw: BillableWeight) => { code: string; reason: string } | undefined {
  const L = card.limits;
  const lu = card.dim?.system === 'metric' || card.weight_unit === 'kg' || card.weight_unit === 'g' ? 'cm' : 'in';
  const maxW = L.max_weight ? weightIn(L.max_weight, card.weight_unit) + 1e-9 : Infinity;
  const maxL = L.max_length ? lengthIn(L.max_length.value, L.max_length.unit, lu) + 1e-9 : Infinity;
  const maxLG = L.max_length_plus_girth ? lengthIn(L.max_length_plus_girth.value, L.max_length_plus_girth.unit, lu) + 1e-9 : Infinity;
  const maxV = L.max_volume ? volumeIn(L.max_volume, lu === 'in' ? 'in3' : 'cm3') + 1e-9 : Infinity;
  const weightReason = L.max_weight && { code: 'OVER_MAX_WEIGHT', reason: `over the ${L.max_weight.value} ${L.max_weight.unit} maximum of ${card.name}` };
  const lengthReason = L.max_length && { code: 'OVER_MAX_SIZE', reason: `longest side over the ${L.max_length.value} ${L.max_length.unit} maximum of ${card.name}` };
  const girthReason = L.max_length_plus_girth && { code: 'OVER_MAX_SIZE', reason: `length plus girth over the ${L.max_length_plus_girth.value} ${L.max_length_plus_girth.unit} maximum of ${card.name}` };
  const volumeReason = L.max_volume && { code: 'OVER_MAX_SIZE', reason: `over the ${L.max_volume.value} ${L.max_volume.unit} maximum volume of ${card.name}` };
  return (bw) => {
    if (bw.actual > maxW) return weightReason || undefined;
    const s = bw.sides;
    if (!s) return undefined;
    if (s[0] > maxL) return lengthReason || undefined;
    if (lengthPlusGirth(s) > maxLG) return girthReason || undefined;
    if (s[0] * s[1] * s[2] > maxV) return volumeReason || undefined;
    return undefined;
  };
}

/** A quote's price as people read it: base, each surcharge with its label, fuel, total — all money. */
export interface ItemizedPrice {
  base: { amount: number; currency: string };
  surcharges: { code: string; label: string; amount: { amount: number; currency: string } }[];
  /** Contract discounts, subtracted from the total (absent on carriers' own quotes). */
  discounts?: { code: string; label: string; amount: { amount: number; currency: string } }[];
  fuel: { percent: number; amount: { amount: number; currency: string } };
  total: { amount: number; currency: string };
}

/** The packages' quotes of one service added up: surcharges of the same code and label summed. */
export function itemize(quotes: readonly EligibleQuote[]): ItemizedPrice {
  const currency = quotes[0]?.currency ?? 'USD';
  if (quotes.length === 1) {
    // One package (or one freight shipment): nothing to add up.
    const q = quotes[0]!;
    return {
      base: { amount: q.base, currency },
      surcharges: q.surcharges.map((x) => ({ code: x.code, label: x.label, amount: { amount: x.amount, currency } })),
      ...(q.discounts.length ? { discounts: q.discounts.map((x) => ({ code: x.code, label: x.label, amount: { amount: x.amount, currency } })) } : {}),
      fuel: { percent: q.fuel.percent, amount: { amount: q.fuel.amount, currency } },
      total: { amount: q.total, currency },
    };
  }
  const surcharges = new Map<string, { code: string; label: string; amount: number }>();
  const discounts = new Map<string, { code: string; label: string; amount: number }>();
  let base = 0;
  let fuel = 0;
  let total = 0;
  for (const q of quotes) {
    base += q.base;
    fuel += q.fuel.amount;
    total += q.total;
    for (const [list, into] of [[q.surcharges, surcharges], [q.discounts, discounts]] as const) {
      for (const x of list) {
        const key = `${x.code}|${x.label}`;
        const cur = into.get(key);
        if (cur) cur.amount += x.amount;
        else into.set(key, { ...x });
      }
    }
  }
  return {
    base: { amount: base, currency },
    surcharges: [...surcharges.values()].map((x) => ({ code: x.code, label: x.label, amount: { amount: x.amount, currency } })),
    ...(discounts.size ? { discounts: [...discounts.values()].map((x) => ({ code: x.code, label: x.label, amount: { amount: x.amount, currency } })) } : {}),
    fuel: { percent: quotes[0]?.fuel.percent ?? 0, amount: { amount: fuel, currency } },
    total: { amount: total, currency },
  };
}
