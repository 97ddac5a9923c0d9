import type { LengthUnit, WeightUnit } from '../kernel/units.js';
import { lengthPlusGirth, volumeIn, weightIn, lengthIn, type BillableWeight } from './billable.js';
import type { Surcharge } from './rate-card.schema.js';
import type { Shipment } from './shipment.js';

/** What a surcharge sees: the shipment, its billable weight, zone and ship date. */
export interface SurchargeInput {
  shipment: Shipment;
  bw: BillableWeight;
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

type Amount = number | Record<string, number>;

/** A flat amount, or the zone's amount ("default" when the zone is not listed, else the highest). */
export function amountFor(a: Amount, zone: string): number {
  if (typeof a === 'number') return a;
  return a[zone] ?? a['default'] ?? Math.max(...Object.values(a));
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

/** Units a card measures packages in (its weight unit, and in or cm). */
export interface CardUnits {
  weight: WeightUnit;
  length: LengthUnit;
}

/** A size or weight rule compiled to a predicate, thresholds converted to the card's units once. */
export type Criterion = (bw: BillableWeight, s: Shipment) => boolean;

export function criterion(when: string, over: { value: number; unit: string } | undefined, u: CardUnits): Criterion {
  if (when === 'packaging') return (_bw, s) => s.nonCartonPackaging;
  if (over === undefined) return () => false;
  switch (when) {
    case 'weight': {
      const t = weightIn(over as never, u.weight);
      return (bw) => bw.actual > t;
    }
    case 'length': {
      const t = lengthIn(over.value, over.unit as LengthUnit, u.length);
      return (bw) => bw.sides !== null && bw.sides[0] > t;
    }
    case 'second_side': {
      const t = lengthIn(over.value, over.unit as LengthUnit, u.length);
      return (bw) => bw.sides !== null && bw.sides[1] > t;
    }
    case 'length_plus_girth': {
      const t = lengthIn(over.value, over.unit as LengthUnit, u.length);
      return (bw) => bw.sides !== null && lengthPlusGirth(bw.sides) > t;
    }
    case 'cubic': {
      const t = volumeIn(over as never, u.length === 'in' ? 'in3' : 'cm3');
      return (bw) => bw.sides !== null && bw.sides[0] * bw.sides[1] * bw.sides[2] > t;
    }
    default:
      return () => false;
  }
}

/** Compiles one `{code, args}` into its function. */
export function compileSurcharge(s: Surcharge, u: CardUnits): SurchargeFn {
  switch (s.code) {
    case 'residential':
      return (i) => (i.shipment.residential ? { code: s.code, label: 'residential', amount: amountFor(s.args.amount, i.zone) } : null);
    case 'delivery_area': {
      const tiers = s.args.tiers.map((t) => ({ ...t, ranges: zipRanges(t.zips), states: new Set(t.states) }));
      return (i) => {
        const zip = Number(i.shipment.destZip.slice(0, 5));
        for (const t of tiers) {
          const hit = (i.shipment.destState !== null && t.states.has(i.shipment.destState)) || t.ranges.some(([lo, hi]) => zip >= lo && zip <= hi);
          if (hit) return { code: s.code, label: `delivery area (${t.name})`, amount: amountFor(i.shipment.residential ? t.residential : t.commercial, i.zone) };
        }
        return null;
      };
    }
    case 'additional_handling':
      // Only the highest applies, and not when the large-package surcharge does.
      {
        const rules = s.args.criteria.map((c) => ({ test: criterion(c.when, c.over, u), amount: c.amount, label: `additional handling (${c.when.replace(/_/g, ' ')})` }));
        return (i) => {
          if (i.largePackage) return null;
          let best: Applied | null = null;
          for (const c of rules) {
            if (!c.test(i.bw, i.shipment)) continue;
            const amount = amountFor(c.amount, i.zone);
            if (!best || amount > best.amount) best = { code: s.code, label: c.label, amount };
          }
          return best;
        };
      }
    case 'large_package':
      return (i) => (i.largePackage ? { code: s.code, label: 'large package', amount: amountFor(s.args.amount, i.zone) } : null);
    case 'dimension_fee':
      // USPS nonstandard fees: each tier that applies is added.
      {
        const tiers = s.args.tiers.map((t) => ({ over: criterion(t.when, t.over, u), upTo: t.up_to ? criterion(t.when, t.up_to, u) : null, amount: t.amount, name: t.name }));
        return (i) => {
          let total = 0;
          let names: string[] | null = null;
          for (const t of tiers) {
            if (!t.over(i.bw, i.shipment) || (t.upTo && t.upTo(i.bw, i.shipment))) continue;
            total += amountFor(t.amount, i.zone);
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
    case 'peak':
      return (i) => {
        for (const p of s.args.periods) {
          if (i.shipDate < p.from || i.shipDate > p.to) continue;
          if (p.residential_only && !i.shipment.residential) continue;
          return { code: s.code, label: `peak ${p.from}…${p.to}`, amount: amountFor(p.amount, i.zone) };
        }
        return null;
      };
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
  const tests = s.args.criteria.map((c) => criterion(c.when, c.over, u));
  return (bw, sh) => {
    for (const t of tests) if (t(bw, sh)) return true;
    return false;
  };
}
