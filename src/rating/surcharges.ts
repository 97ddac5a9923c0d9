import type { LengthUnit, Weight, WeightUnit } from '../kernel/units.js';
import { girth, lengthPlusGirth, volumeIn, weightIn, lengthIn, type BillableWeight } from './billable.js';
import type { AmountInput, Condition, Surcharge } from './rate-card.schema.js';
import type { Shipment } from './shipment.js';

/** What a surcharge sees: the shipment, its billable weight, zone and ship date. */
export interface SurchargeInput {
  shipment: Shipment;
  bw: BillableWeight;
  /** The weight the package is billed at (after minimums), in the card's unit. */
  billable: number;
  zone: string;
  shipDate: string;
  /** Set by the large-package rule; additional handling is not charged on top of it. */
  largePackage: boolean;
}

export interface Applied {
  code: string;
  /** A short label for people: "residential", "delivery area (extended)". */
  label: string;
  amount: number;
}

/** A compiled surcharge: returns what applies (possibly nothing). */
export type SurchargeFn = (i: SurchargeInput) => Applied | null;

/** An amount compiled for a zone and billable weight (in the card's weight unit). */
export type AmountFn = (zone: string, billable: number) => number;

/**
 * A zone amount: the zone's own key, else a range ("3-4") or open range ("7+") holding it, else
 * "default", else the highest listed (a quote should not come in under the invoice).
 */
/** The zones an amount's key covers when it is a range ("3-4") or an open range ("7+"); null for a zone or "default". */
export function zoneKeyRange(key: string): [number, number] | null {
  const range = /^(\d+)-(\d+)$/.exec(key);
  if (range) return [Number(range[1]), Number(range[2])];
  const open = /^(\d+)\+$/.exec(key);
  return open ? [Number(open[1]), Infinity] : null;
}

function zoneAmountFn(a: number | Record<string, number>): (zone: string) => number {
  if (typeof a === 'number') return () => a;
  const exact = new Map<string, number>();
  const ranges: [number, number, number][] = [];
  for (const [k, v] of Object.entries(a)) {
    const r = zoneKeyRange(k);
    if (r) ranges.push([r[0], r[1], v]);
    else if (k !== 'default') exact.set(k, v);
  }
  const fallback = a['default'] ?? Math.max(...Object.values(a));
  const memo = new Map<string, number>();
  return (zone) => {
    let v = memo.get(zone);
    if (v === undefined) {
      v = exact.get(zone);
      if (v === undefined) {
        const n = Number(zone);
        v = ranges.find(([lo, hi]) => n >= lo && n <= hi)?.[2] ?? fallback;
      }
      memo.set(zone, v);
    }
    return v;
  };
}

export function compileAmount(a: AmountInput, weightUnit: WeightUnit): AmountFn {
  if (typeof a === 'number') return () => a;
  if ('by_weight' in a && Array.isArray(a.by_weight)) {
    const bands = (a.by_weight as { up_to?: Weight; amount: number | Record<string, number> }[]).map((b) => ({ upTo: b.up_to ? weightIn(b.up_to, weightUnit) + 1e-9 : Infinity, fn: zoneAmountFn(b.amount) }));
    const last = bands[bands.length - 1]!;
    return (zone, billable) => (bands.find((b) => billable <= b.upTo) ?? last).fn(zone);
  }
  const fn = zoneAmountFn(a as Record<string, number>);
  return (zone) => fn(zone);
}

/** "995", "995-999", "99501", "99500-99599" -> inclusive 5-digit ranges. */
export function zipRanges(list: readonly string[]): [number, number][] {
  return list.map((z) => {
    const [a, b = a] = z.split('-') as [string, string?];
    const lo = a.length === 3 ? Number(a) * 100 : Number(a);
    const hi = b!.length === 3 ? Number(b) * 100 + 99 : Number(b);
    return [lo, hi];
  });
}

/** Sorted, overlapping and adjacent ranges joined: [lo0, hi0, lo1, hi1, …]. */
export function mergedRanges(ranges: readonly [number, number][]): Float64Array {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const n = out.length;
    if (n && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return Float64Array.from(out);
}

/** Whether `x` is in one of the merged ranges. */
export function inRanges(r: Float64Array, x: number): boolean {
  let lo = 0;
  let hi = r.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (x < r[2 * mid]!) hi = mid - 1;
    else if (x > r[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Units a card measures packages in (its weight unit, and in or cm). */
export interface CardUnits {
  weight: WeightUnit;
  length: LengthUnit;
}

/** A size or weight rule compiled to a predicate, thresholds converted to the card's units once. */
export type Criterion = (bw: BillableWeight, s: Shipment) => boolean;

/** Which kind of threshold each measure takes. */
export const MEASURE_KIND: Record<Condition['when'], 'weight' | 'length' | 'volume' | null> = {
  weight: 'weight', billable_weight: 'weight', length: 'length', second_side: 'length', third_side: 'length',
  girth: 'length', length_plus_girth: 'length', cubic: 'volume', sides_over: 'length', packaging: null,
};

export function criterion(when: Condition['when'], over: { value: number; unit: string } | undefined, u: CardUnits, count = 1): Criterion {
  if (when === 'packaging') return (_bw, s) => s.nonCartonPackaging;
  if (over === undefined) return () => false;
  const len = () => lengthIn(over.value, over.unit as LengthUnit, u.length);
  switch (when) {
    case 'weight': {
      const t = weightIn(over as Weight, u.weight);
      return (bw) => bw.actual > t;
    }
    case 'billable_weight': {
      const t = weightIn(over as Weight, u.weight);
      return (bw) => bw.billable > t + 1e-9;
    }
    case 'length': {
      const t = len();
      return (bw) => bw.sides !== null && bw.sides[0] > t;
    }
    case 'second_side': {
      const t = len();
      return (bw) => bw.sides !== null && bw.sides[1] > t;
    }
    case 'third_side': {
      const t = len();
      return (bw) => bw.sides !== null && bw.sides[2] > t;
    }
    case 'girth': {
      const t = len();
      return (bw) => bw.sides !== null && girth(bw.sides) > t;
    }
    case 'length_plus_girth': {
      const t = len();
      return (bw) => bw.sides !== null && lengthPlusGirth(bw.sides) > t;
    }
    case 'sides_over': {
      const t = len();
      return (bw) => bw.sides !== null && (bw.sides[0] > t ? 1 : 0) + (bw.sides[1] > t ? 1 : 0) + (bw.sides[2] > t ? 1 : 0) >= count;
    }
    case 'cubic': {
      const t = volumeIn(over as never, u.length === 'in' ? 'in3' : 'cm3');
      return (bw) => bw.sides !== null && bw.sides[0] * bw.sides[1] * bw.sides[2] > t;
    }
  }
}

/** A condition as the card writes it. */
export const conditionTest = (c: Condition, u: CardUnits): Criterion => criterion(c.when, c.over, u, c.count ?? 1);

/** How a condition reads: "second side over 17 in", "2 sides over 17 in". */
export function describeCondition(c: Condition): string {
  if (c.when === 'packaging') return 'not in a carton';
  const t = c.over ? `${c.over.value} ${c.over.unit}` : '?';
  if (c.when === 'sides_over') return `${c.count ?? 1} side${(c.count ?? 1) > 1 ? 's' : ''} over ${t}`;
  return `${c.when.replace(/_/g, ' ')} over ${t}`;
}

/** Compiles one `{code, args}` into its function. */
export function compileSurcharge(s: Surcharge, u: CardUnits): SurchargeFn {
  const amt = (a: AmountInput) => compileAmount(a, u.weight);
  const fn = compileInner(s, u, amt);
  if (!s.label) return fn;
  const label = s.label;
  return (i) => {
    const a = fn(i);
    return a && { ...a, label };
  };
}

function compileInner(s: Surcharge, u: CardUnits, amt: (a: AmountInput) => AmountFn): SurchargeFn {
  switch (s.code) {
    case 'residential': {
      const a = amt(s.args.amount);
      const always = s.args.every_package;
      return (i) => (always || i.shipment.residential ? { code: s.code, label: always ? 'residential (every package)' : 'residential', amount: a(i.zone, i.billable) } : null);
    }
    case 'delivery_area': {
      // Carriers' lists run to tens of thousands of ZIPs: merged sorted ranges, binary search.
      const tiers = s.args.tiers.map((t) => ({ name: t.name, ranges: mergedRanges(zipRanges(t.zips)), states: new Set(t.states), residential: amt(t.residential), commercial: amt(t.commercial) }));
      return (i) => {
        const zip = Number(i.shipment.destZip.slice(0, 5));
        for (const t of tiers) {
          const hit = (i.shipment.destState !== null && t.states.has(i.shipment.destState)) || inRanges(t.ranges, zip);
          if (hit) return { code: s.code, label: `delivery area (${t.name})`, amount: (i.shipment.residential ? t.residential : t.commercial)(i.zone, i.billable) };
        }
        return null;
      };
    }
    case 'additional_handling':
      // Only the highest applies, and not when the large-package surcharge does.
      {
        const rules = s.args.criteria.map((c) => ({ test: conditionTest(c, u), amount: amt(c.amount), label: `additional handling (${c.when.replace(/_/g, ' ')})` }));
        return (i) => {
          if (i.largePackage) return null;
          let best: Applied | null = null;
          for (const c of rules) {
            if (!c.test(i.bw, i.shipment)) continue;
            const amount = c.amount(i.zone, i.billable);
            if (!best || amount > best.amount) best = { code: s.code, label: c.label, amount };
          }
          return best;
        };
      }
    case 'large_package': {
      const a = amt(s.args.amount);
      return (i) => (i.largePackage ? { code: s.code, label: 'large package', amount: a(i.zone, i.billable) } : null);
    }
    case 'dimension_fee':
      // USPS nonstandard fees: each tier that applies is added.
      {
        const tiers = s.args.tiers.map((t) => ({ over: conditionTest(t, u), upTo: t.up_to ? criterion(t.when, t.up_to, u, t.count ?? 1) : null, amount: amt(t.amount), name: t.name }));
        return (i) => {
          let total = 0;
          let names: string[] | null = null;
          for (const t of tiers) {
            if (!t.over(i.bw, i.shipment) || (t.upTo && t.upTo(i.bw, i.shipment))) continue;
            total += t.amount(i.zone, i.billable);
            (names ??= []).push(t.name);
          }
          return names ? { code: s.code, label: `nonstandard (${names.join(', ')})`, amount: total } : null;
        };
      }
    case 'signature':
      return (i) => {
        const kind = i.shipment.signature;
        const amount = kind ? s.args[kind] : undefined;
        return kind && amount !== undefined ? { code: s.code, label: `signature (${kind})`, amount } : null;
      };
    case 'declared_value':
      return (i) => {
        const v = i.shipment.declaredValue;
        if (v === null || v <= s.args.free_up_to) return null;
        const units = Math.ceil((v - s.args.free_up_to) / s.args.per);
        return { code: s.code, label: 'declared value', amount: Math.max(s.args.minimum, units * s.args.amount) };
      };
    case 'peak': {
      const periods = s.args.periods.map((p) => ({ ...p, a: amt(p.amount), md: p.every_year ? [p.from.slice(5), p.to.slice(5)] as const : null }));
      return (i) => {
        const md = i.shipDate.slice(5);
        for (const p of periods) {
          const inside = p.md ? (p.md[0] <= p.md[1] ? md >= p.md[0] && md <= p.md[1] : md >= p.md[0] || md <= p.md[1]) : i.shipDate >= p.from && i.shipDate <= p.to;
          if (!inside) continue;
          if (p.residential_only && !i.shipment.residential) continue;
          const label = p.md ? `peak ${p.md[0]}…${p.md[1]} every year` : `peak ${p.from}…${p.to}`;
          return { code: s.code, label, amount: p.a(i.zone, i.billable) };
        }
        return null;
      };
    }
    case 'cod':
      return (i) => (i.shipment.cod ? { code: s.code, label: 'cash on delivery', amount: s.args.amount } : null);
    case 'liftgate':
    case 'appointment':
    case 'inside_delivery':
      return (i) => (i.shipment.accessorials.has(s.code) ? { code: s.code, label: s.code.replace('_', ' '), amount: s.args.amount } : null);
  }
}

/** The card's large-package rule as one predicate. */
export function largePackageTest(s: Extract<Surcharge, { code: 'large_package' }>, u: CardUnits): Criterion {
  const tests = s.args.criteria.map((c) => conditionTest(c, u));
  return (bw, sh) => {
    for (const t of tests) if (t(bw, sh)) return true;
    return false;
  };
}
