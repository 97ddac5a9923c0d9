import { toGrams, toMillimetres, type Dimensions, type LengthUnit, type Weight, type WeightUnit } from '../kernel/units.js';
import type { RateCard } from './rate-card.schema.js';

const GRAMS_PER: Record<WeightUnit, number> = { g: 1, kg: 1000, oz: 28.349523125, lb: 453.59237 };
/** Tolerance for unit round trips (5 lb -> grams -> lb must not round up to 6). */
const EPS = 1e-7;

export const weightIn = (w: Weight, unit: WeightUnit): number => (w.unit === unit ? w.value : toGrams(w) / GRAMS_PER[unit]);
export const lengthIn = (value: number, from: LengthUnit, unit: LengthUnit): number => (from === unit ? value : toMillimetres(value, from) / toMillimetres(1, unit));
export const volumeIn = (v: { value: number; unit: 'in3' | 'cm3' }, unit: 'in3' | 'cm3'): number =>
  v.unit === unit ? v.value : v.unit === 'in3' ? v.value * 16.387064 : v.value / 16.387064;

/** Rounds up to a multiple of `step`, ignoring float noise below EPS. */
export const ceilTo = (x: number, step: number): number => Math.round(Math.ceil(x / step - EPS) * step * 1e6) / 1e6;

function roundSide(v: number, from: LengthUnit, unit: LengthUnit, rounding: RateCard['dimension_rounding']): number {
  const x = lengthIn(v, from, unit);
  switch (rounding) {
    case 'nearest':
      return Math.floor(x + 0.5 + EPS);
    case 'up':
      return ceilTo(x, 1);
    case 'nearest_tenth':
      return Math.floor(x * 10 + 0.5 + EPS) / 10;
    case 'up_tenth':
      return ceilTo(x, 0.1);
    case 'down_quarter':
      return Math.floor(x * 4 + EPS) / 4;
    case 'none':
      return x;
  }
}

/** Package sides in the card's length unit, rounded as the card says, longest first. */
export function roundedSides(d: Dimensions, unit: LengthUnit, rounding: RateCard['dimension_rounding']): [number, number, number] {
  let a = roundSide(d.length, d.unit, unit, rounding);
  let b = roundSide(d.width, d.unit, unit, rounding);
  let c = roundSide(d.height, d.unit, unit, rounding);
  if (a < b) [a, b] = [b, a];
  if (b < c) [b, c] = [c, b];
  if (a < b) [a, b] = [b, a];
  return [a, b, c];
}

export interface BillableWeight {
  /** In the card's weight unit. */
  actual: number;
  dim: number | null;
  billable: number;
  unit: WeightUnit;
  /** Sides in the card's length unit (in or cm), rounded, longest first; null without dimensions. */
  sides: [number, number, number] | null;
  lengthUnit: LengthUnit;
}

/**
 * Billable weight: dim weight (L×W×H / divisor, rounded up like the weight) when the card has a
 * divisor and the package is over its minimum volume; billable = max(actual, dim), rounded up by
 * the card's weight steps (to the ounce under a pound, then to the pound, for USPS).
 */
type DimRule = Omit<NonNullable<RateCard['dim']>, 'volume_rounding'> & { volume_rounding?: NonNullable<RateCard['dim']>['volume_rounding'] };

export function billableWeight(card: Pick<RateCard, 'weight_unit' | 'weight_steps' | 'dimension_rounding'> & { dim: DimRule | null }, weight: Weight, dims: Dimensions | null): BillableWeight {
  const unit = card.weight_unit;
  const lengthUnit: LengthUnit = card.dim?.system === 'metric' || unit === 'kg' || unit === 'g' ? 'cm' : 'in';
  const actual = weightIn(weight, unit);
  const sides = dims ? roundedSides(dims, lengthUnit, card.dimension_rounding) : null;
  let dim: number | null = null;
  if (card.dim && sides) {
    const cubic = roundVolume(sides[0] * sides[1] * sides[2], card.dim.volume_rounding ?? 'none');
    const cubicUnit = lengthUnit === 'in' ? 'in3' : 'cm3';
    const min = card.dim.min_volume ? volumeIn(card.dim.min_volume, cubicUnit) : 0;
    if (cubic > min) {
      // The divisor is in³/lb or cm³/kg; convert the result into the card's unit.
      const raw = cubic / card.dim.divisor;
      const divisorUnit: WeightUnit = card.dim.system === 'metric' ? 'kg' : 'lb';
      dim = round(weightIn({ value: raw, unit: divisorUnit }, unit), card, unit);
    }
  }
  const billable = round(Math.max(actual, dim ?? 0), card, unit);
  return { actual, dim, billable, unit, sides, lengthUnit };
}

function roundVolume(v: number, r: 'none' | 'nearest' | 'up'): number {
  return r === 'nearest' ? Math.floor(v + 0.5 + EPS) : r === 'up' ? ceilTo(v, 1) : v;
}

function round(x: number, card: Pick<RateCard, 'weight_steps'>, unit: WeightUnit): number {
  for (const s of card.weight_steps) {
    if (s.below && !(x < weightIn(s.below, unit) - EPS)) continue;
    return ceilTo(x, weightIn(s.step, unit));
  }
  return x;
}

/** Girth: twice the two shorter sides. */
export const girth = (s: [number, number, number]): number => 2 * (s[1] + s[2]);

/** Length plus girth: longest side + 2 × (the other two). */
export const lengthPlusGirth = (s: [number, number, number]): number => s[0] + 2 * (s[1] + s[2]);
