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

function exceeds(i: SurchargeInput, when: string, over: { value: number; unit: string } | undefined): boolean {
  const { bw, shipment } = i;
  const s = bw.sides;
  switch (when) {
    case 'weight':
      return over !== undefined && bw.actual > weightIn(over as never, bw.unit);
    case 'packaging':
      return shipment.nonCartonPackaging;
    case 'length':
      return !!s && over !== undefined && s[0] > lengthIn(over.value, over.unit as never, bw.lengthUnit);
    case 'second_side':
      return !!s && over !== undefined && s[1] > lengthIn(over.value, over.unit as never, bw.lengthUnit);
    case 'length_plus_girth':
      return !!s && over !== undefined && lengthPlusGirth(s) > lengthIn(over.value, over.unit as never, bw.lengthUnit);
    case 'cubic':
      return !!s && over !== undefined && s[0] * s[1] * s[2] > volumeIn(over as never, bw.lengthUnit === 'in' ? 'in3' : 'cm3');
    default:
      return false;
  }
}

/** Compiles one `{code, args}` into its function. */
export function compileSurcharge(s: Surcharge): SurchargeFn {
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
      return (i) => {
        if (i.largePackage) return null;
        let best: Applied | null = null;
        for (const c of s.args.criteria) {
          if (!exceeds(i, c.when, c.over)) continue;
          const amount = amountFor(c.amount, i.zone);
          if (!best || amount > best.amount) best = { code: s.code, label: `additional handling (${c.when.replace(/_/g, ' ')})`, amount };
        }
        return best;
      };
    case 'large_package':
      return (i) => (i.largePackage ? { code: s.code, label: 'large package', amount: amountFor(s.args.amount, i.zone) } : null);
    case 'dimension_fee':
      // USPS nonstandard fees: each tier that applies is added.
      return (i) => {
        let total = 0;
        const names: string[] = [];
        for (const t of s.args.tiers) {
          if (!exceeds(i, t.when, t.over)) continue;
          if (t.up_to && exceeds(i, t.when, t.up_to)) continue;
          total += amountFor(t.amount, i.zone);
          names.push(t.name);
        }
        return names.length ? { code: s.code, label: `nonstandard (${names.join(', ')})`, amount: total } : null;
      };
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

/** Whether the card's large-package rule applies to this package. */
export function isLargePackage(s: Extract<Surcharge, { code: 'large_package' }>, i: Omit<SurchargeInput, 'largePackage' | 'zone' | 'shipDate'>): boolean {
  const probe = { ...i, zone: '', shipDate: '', largePackage: false };
  return s.args.criteria.some((c) => exceeds(probe, c.when, c.over));
}
