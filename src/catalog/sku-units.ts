import { convertDimensions, convertWeight, type UnitSystem } from '../kernel/units.js';
import type { Sku } from './sku.schema.js';

/** The SKU with weight and size in the unit system asked for (`?units=`). */
export function skuInUnits(s: Sku, system: UnitSystem | undefined): Sku {
  if (!system) return s;
  return { ...s, weight: convertWeight(s.weight, system), dimensions: s.dimensions && convertDimensions(s.dimensions, system) };
}
