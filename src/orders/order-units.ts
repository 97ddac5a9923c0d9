import { convertDimensions, convertWeight, type UnitSystem } from '../kernel/units.js';
import type { Order } from './order.schema.js';

/** The order with line weights and sizes in the unit system asked for (`?units=`). */
export function orderInUnits(o: Order, system: UnitSystem | undefined): Order {
  if (!system) return o;
  return {
    ...o,
    lines: o.lines.map((l) => ({
      ...l,
      weight: l.weight && convertWeight(l.weight, system),
      dimensions: l.dimensions && convertDimensions(l.dimensions, system),
    })),
  };
}
