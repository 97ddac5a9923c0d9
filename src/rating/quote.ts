import { billableWeight, lengthPlusGirth, volumeIn, weightIn, lengthIn, type BillableWeight } from './billable.js';
import { freightClassFor } from './freight-class.js';
import type { RateCard, Surcharge } from './rate-card.schema.js';
import type { Shipment } from './shipment.js';
import { compileSurcharge, largePackageTest, type Applied, type CardUnits, type SurchargeFn } from './surcharges.js';
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
  quote(s: Shipment, zone: ZoneAnswer, shipDate: string): ServiceQuote;
  /**
   * Everything an order ships: parcels are quoted package by package (one quote each); freight
   * is one shipment of all its handling units — the minimum charge, accessorials and fuel once
   * (one quote). The first ineligible answer is returned alone.
   */
  quoteAll(ss: readonly Shipment[], zone: ZoneAnswer, shipDate: string): EligibleQuote[] | IneligibleQuote;
}

const ZONE9_STATES = new Set(['GU', 'AS', 'MP', 'FM', 'MH', 'PW']);

export function compileCard(card: RateCard): CompiledCard {
  const head = { card: card.code, carrier: card.carrier, service: card.service, name: card.name, sample: card.sample };
  const no = (code: string, reason: string): IneligibleQuote => ({ eligible: false, ...head, code, reason });
  const units: CardUnits = { weight: card.weight_unit, length: card.dim?.system === 'metric' || card.weight_unit === 'kg' || card.weight_unit === 'g' ? 'cm' : 'in' };
  const fns: { code: string; fn: SurchargeFn; fuel: boolean }[] = card.surcharges.map((s) => ({ code: s.code, fn: compileSurcharge(s, units), fuel: (card.fuel?.applies_to ?? []).includes(s.code) }));
  const large = card.surcharges.find((s): s is Extract<Surcharge, { code: 'large_package' }> => s.code === 'large_package');
  const isLarge = large ? largePackageTest(large, units) : null;
  const largeMin = large?.args.min_billable_weight ? weightIn(large.args.min_billable_weight, card.weight_unit) : 0;
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
  function quoteOne(s: Shipment, units: readonly Shipment[], zoneAnswer: ZoneAnswer, shipDate: string): ServiceQuote {
      // Eligibility first: what the service does not carry gets a reason, not a price.
      if (L.residential_only && !s.residential) return no('RESIDENTIAL_ONLY', `${card.name} delivers to residences only`);
      if (s.battery && !L.batteries) return no('BATTERY', `${card.name} does not carry lithium batteries`);
      if (s.hazmat && !L.hazmat) return no('HAZMAT', `${card.name} does not carry dangerous goods`);
      if (states && (s.destState === null || !states.has(s.destState))) return no('NOT_SERVED', `${card.name} does not deliver to ${s.destState ?? 'this destination'}`);
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

      const largePackage = isLarge !== null && isLarge(bw, s);
      let billable = bw.billable;
      if (largePackage && largeMin > billable) billable = largeMin;

      let base: number;
      let freightClass: string | undefined;
      if (card.mode === 'ltl') {
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

      const input = { shipment: s, bw, zone, shipDate, largePackage };
      const surcharges: Applied[] = [];
      let fuelBase = fuelApplies.has('base') ? base : 0;
      let total = base;
      for (const f of fns) {
        const a = f.fn(input);
        if (!a || a.amount === 0) continue;
        surcharges.push(a);
        total += a.amount;
        if (f.fuel) fuelBase += a.amount;
      }
      const percent = card.fuel ? fuelPercent(shipDate) : 0;
      // Half-up rounding of the fuel amount to the minor unit.
      const fuelAmount = Math.floor((fuelBase * percent) / 100 + 0.5 + 1e-9);
      total += fuelAmount;
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
        fuel: { percent, amount: fuelAmount },
        total,
        transit_days: card.transit_days[zone] ?? null,
        notes,
        ...(card.mode === 'ltl' ? { handling_units: units.length } : {}),
      };
  }

  return {
    card,
    quote: (s, zoneAnswer, shipDate) => quoteOne(s, [s], zoneAnswer, shipDate),
    quoteAll(ss, zoneAnswer, shipDate) {
      if (card.mode === 'ltl' && ss.length > 1) {
        // One shipment: the units' weights add up; size rules look at each unit, not the sum.
        for (const u of ss) {
          const q = quoteOne(u, [u], zoneAnswer, shipDate);
          if (!q.eligible) return q;
        }
        const lbs = ss.reduce((t, u) => t + weightIn(u.weight, 'lb'), 0);
        const whole: Shipment = { ...ss[0]!, weight: { value: lbs, unit: 'lb' }, dimensions: null, declaredValue: ss.some((u) => u.declaredValue !== null) ? ss.reduce((t, u) => t + (u.declaredValue ?? 0), 0) : null };
        const q = quoteOne(whole, ss, zoneAnswer, shipDate);
        if (!q.eligible) return q;
        q.notes = q.notes.filter((n) => !n.startsWith('no dimensions'));
        if (ss.some((u) => !u.dimensions)) q.notes.push('a handling unit has no dimensions: its freight class is 100');
        return [q];
      }
      const out: EligibleQuote[] = [];
      for (const s of ss) {
        const q = quoteOne(s, [s], zoneAnswer, shipDate);
        if (!q.eligible) return q;
        out.push(q);
      }
      return out;
    },
  };
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

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
      fuel: { percent: q.fuel.percent, amount: { amount: q.fuel.amount, currency } },
      total: { amount: q.total, currency },
    };
  }
  const surcharges = new Map<string, { code: string; label: string; amount: number }>();
  let base = 0;
  let fuel = 0;
  let total = 0;
  for (const q of quotes) {
    base += q.base;
    fuel += q.fuel.amount;
    total += q.total;
    for (const x of q.surcharges) {
      const key = `${x.code}|${x.label}`;
      const cur = surcharges.get(key);
      if (cur) cur.amount += x.amount;
      else surcharges.set(key, { ...x });
    }
  }
  return {
    base: { amount: base, currency },
    surcharges: [...surcharges.values()].map((x) => ({ code: x.code, label: x.label, amount: { amount: x.amount, currency } })),
    fuel: { percent: quotes[0]?.fuel.percent ?? 0, amount: { amount: fuel, currency } },
    total: { amount: total, currency },
  };
}
