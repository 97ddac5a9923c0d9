import { toGrams, toMillimetres, type Dimensions, type Weight } from '../kernel/units.js';

/**
 * Density (lb/ft³) -> NMFC class, the widely published pre-2025 density guideline (DOMAIN.md:
 * NMFC density scale). A reference, not the licensed NMFC: carriers re-class on inspection.
 */
const DENSITY_TO_CLASS: [minDensity: number, cls: string][] = [
  [50, '50'], [35, '55'], [30, '60'], [22.5, '65'], [15, '70'], [13.5, '77.5'], [12, '85'], [10.5, '92.5'],
  [9, '100'], [8, '110'], [7, '125'], [6, '150'], [5, '175'], [4, '200'], [3, '250'], [2, '300'], [1, '400'], [0, '500'],
];

/** Freight class from weight and dimensions; class 100 (a common default) when the size is unknown. */
export function freightClassFor(weight: Weight, dims: Dimensions | null): string {
  if (!dims) return '100';
  const lb = toGrams(weight) / 453.59237;
  const cubicFeet = (toMillimetres(dims.length, dims.unit) * toMillimetres(dims.width, dims.unit) * toMillimetres(dims.height, dims.unit)) / 304.8 ** 3;
  const density = lb / cubicFeet;
  return DENSITY_TO_CLASS.find(([min]) => density >= min)![1];
}
