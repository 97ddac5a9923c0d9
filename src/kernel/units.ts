import { z } from 'zod';

export const WEIGHT_UNITS = ['g', 'kg', 'oz', 'lb'] as const;
export const LENGTH_UNITS = ['mm', 'cm', 'in'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];
export type LengthUnit = (typeof LENGTH_UNITS)[number];

const GRAMS_PER: Record<WeightUnit, number> = { g: 1, kg: 1000, oz: 28.349523125, lb: 453.59237 };
const MM_PER: Record<LengthUnit, number> = { mm: 1, cm: 10, in: 25.4 };

/** A weight as it travels in JSON: `{"value": 5.2, "unit": "lb"}`. */
export interface Weight {
  value: number;
  unit: WeightUnit;
}
/** Box dimensions as they travel in JSON. */
export interface Dimensions {
  length: number;
  width: number;
  height: number;
  unit: LengthUnit;
}

export const weightSchema = z.object({
  value: z.number().positive().max(1_000_000),
  unit: z.enum(WEIGHT_UNITS),
}).refine((w) => w.value * GRAMS_PER[w.unit] >= 0.01, { message: 'at least 0.01 g (a smaller weight is stored as 0)', path: ['value'] });
export const dimensionsSchema = z.object({
  length: z.number().positive().max(100_000),
  width: z.number().positive().max(100_000),
  height: z.number().positive().max(100_000),
  unit: z.enum(LENGTH_UNITS),
});

export const toGrams = (w: Weight): number => w.value * GRAMS_PER[w.unit];
export const toMillimetres = (value: number, unit: LengthUnit): number => value * MM_PER[unit];

/** Rounds for presentation: stored values are exact conversions, shown to 3 decimals. */
const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function gramsTo(grams: number, unit: WeightUnit): Weight {
  return { value: round3(grams / GRAMS_PER[unit]), unit };
}

export interface DimensionsMm {
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

export function dimensionsToMm(d: Dimensions): DimensionsMm {
  return {
    lengthMm: toMillimetres(d.length, d.unit),
    widthMm: toMillimetres(d.width, d.unit),
    heightMm: toMillimetres(d.height, d.unit),
  };
}

export function mmTo(d: DimensionsMm, unit: LengthUnit): Dimensions {
  const f = MM_PER[unit];
  return { length: round3(d.lengthMm / f), width: round3(d.widthMm / f), height: round3(d.heightMm / f), unit };
}

/** `?units=imperial|metric` overrides the unit a value was given in. */
export type UnitSystem = 'imperial' | 'metric';
export function weightUnitFor(system: UnitSystem | undefined, given: WeightUnit): WeightUnit {
  if (system === 'imperial') return 'lb';
  if (system === 'metric') return 'kg';
  return given;
}
export function lengthUnitFor(system: UnitSystem | undefined, given: LengthUnit): LengthUnit {
  if (system === 'imperial') return 'in';
  if (system === 'metric') return 'cm';
  return given;
}

const WEIGHT_ALIASES: Record<string, WeightUnit> = {
  g: 'g', gram: 'g', grams: 'g', kg: 'kg', kgs: 'kg', kilogram: 'kg', kilograms: 'kg',
  oz: 'oz', ounce: 'oz', ounces: 'oz', lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb',
};
const LENGTH_ALIASES: Record<string, LengthUnit> = {
  mm: 'mm', cm: 'cm', in: 'in', inch: 'in', inches: 'in', '"': 'in',
};

export function parseWeightUnit(s: string): WeightUnit | undefined {
  return WEIGHT_ALIASES[s.trim().toLowerCase()];
}
export function parseLengthUnit(s: string): LengthUnit | undefined {
  return LENGTH_ALIASES[s.trim().toLowerCase()];
}

/** Parses the CLI shorthand `5lb`, `2.5 kg`, `8oz`. */
export function parseWeight(s: string): Weight | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(s);
  if (!m) return undefined;
  const unit = parseWeightUnit(m[2]!);
  const value = Number(m[1]);
  if (!unit || !(value > 0)) return undefined;
  return { value, unit };
}

/** Parses the CLI shorthand `12x10x8in`, `30 x 20 x 15 cm`. */
export function parseDimensions(s: string): Dimensions | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*([a-zA-Z"]+)\s*$/.exec(s);
  if (!m) return undefined;
  const unit = parseLengthUnit(m[4]!);
  const [l, w, h] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!unit || !(l > 0 && w > 0 && h > 0)) return undefined;
  return { length: l, width: w, height: h, unit };
}

/** A weight in the unit system asked for (`?units=`), or as given. */
export function convertWeight(w: Weight, system: UnitSystem | undefined): Weight {
  const unit = weightUnitFor(system, w.unit);
  return unit === w.unit ? w : gramsTo(toGrams(w), unit);
}

export function convertDimensions(d: Dimensions, system: UnitSystem | undefined): Dimensions {
  const unit = lengthUnitFor(system, d.unit);
  return unit === d.unit ? d : mmTo(dimensionsToMm(d), unit);
}

export const unitsQuerySchema = z.object({ units: z.enum(['imperial', 'metric']).optional() });
