import type { WeightUnit } from '../kernel/units.js';
import { billableWeight } from '../rating/billable.js';
import type { CompiledCard } from '../rating/quote.js';
import type { Shipment } from '../rating/shipment.js';
import { planPacking } from '../solvers/packing/plan.js';
import type { PackBox, PackItem, PackagePricer } from '../solvers/packing/types.js';
import type { PackRequest, PackResponse } from './pack.schema.js';

/** Wall allowance per side when a box's outer size is not given: 0.25 in (6 mm). */
const WALL: Record<string, number> = { in: 0.25, cm: 0.6, mm: 6 };
/** Billable weight is rounded up to this step without a rate card. */
const STEP: Record<WeightUnit, number> = { lb: 1, oz: 1, kg: 0.5, g: 500 };
const UNPRICED = 1e12;

/**
 * Runs the packer on an ad-hoc request, in the request's units. With a rate card the objective
 * is the rated price of every package plus the boxes; without one it is the billable weight
 * (dim divisor), then the box cost.
 */
export function planRequest(req: PackRequest, card: CompiledCard | undefined, shipDate: string): PackResponse {
  const u = req.units;
  const items: PackItem[] = req.items.map((i) => ({
    id: i.id, length: i.length, width: i.width, height: i.height, weight: i.weight, quantity: i.quantity,
    upright: i.flags.includes('this_side_up') || i.flags.includes('upright'), flags: i.flags,
  }));
  const wall = 2 * (WALL[u.length] ?? 0);
  const boxes: PackBox[] = req.boxes.map((b) => ({
    id: b.id, length: b.inner.length, width: b.inner.width, height: b.inner.height,
    outer: b.outer ?? { length: b.inner.length + wall, width: b.inner.width + wall, height: b.inner.height + wall },
    maxWeight: b.max_weight, tareWeight: b.tare_weight, cost: Math.round(b.cost * 100), soft: b.type !== 'box',
  }));
  const pseudoCard = {
    weight_unit: u.weight,
    weight_steps: [{ step: { value: STEP[u.weight], unit: u.weight } }],
    dimension_rounding: 'none' as const,
    dim: { divisor: req.dim_divisor, system: u.length === 'in' ? ('imperial' as const) : ('metric' as const) },
  };
  const billable = (weight: number, d: { length: number; width: number; height: number }) =>
    billableWeight(pseudoCard, { value: weight, unit: u.weight }, { ...d, unit: u.length }).billable;

  const quoteFor = (grossWeight: number, d: { length: number; width: number; height: number }, soft: boolean) =>
    card!.quote(shipment(grossWeight, d, soft, u), { zone: req.zone, source: 'given' }, shipDate);
  const price: PackagePricer = card
    ? ({ grossWeight, dimensions, soft }) => {
        const q = quoteFor(grossWeight, dimensions, soft);
        return q.eligible ? q.total : UNPRICED;
      }
    : ({ grossWeight, dimensions }) => Math.round(billable(grossWeight, dimensions) * 1e6);

  const r = planPacking(items, boxes, price, { separate: req.separate });
  const notes: string[] = [];
  if (card) notes.push(`priced with ${card.card.code} at zone ${req.zone}${card.card.sample ? ' (a sample card)' : ''}`);
  else notes.push(`objective: least billable weight (dim divisor ${req.dim_divisor}), then the cheapest boxes`);
  const packages = r.packages.map((p) => {
    const q = card ? quoteFor(p.grossWeight, p.dimensions, p.soft) : undefined;
    const box = req.boxes.find((b) => b.id === p.boxId);
    return {
      box_id: p.boxId,
      items: p.placements.map((a) => ({ item_id: a.itemId, unit: a.unit, position: { x: round(a.x), y: round(a.y), z: round(a.z) }, dimensions: { length: round(a.length), width: round(a.width), height: round(a.height) } })),
      dimensions: { length: round(p.dimensions.length), width: round(p.dimensions.width), height: round(p.dimensions.height) },
      gross_weight: round(p.grossWeight),
      billable_weight: q?.eligible ? q.billable_weight.value : round(billable(p.grossWeight, p.dimensions)),
      box_cost: box?.cost ?? 0,
      shipping_cost: q ? (q.eligible ? q.total / 100 : null) : null,
    };
  });
  for (const p of r.packages) {
    const q = card ? quoteFor(p.grossWeight, p.dimensions, p.soft) : undefined;
    if (q && !q.eligible) notes.push(`${card!.card.code} does not take the ${p.boxId ?? 'own-container'} package: ${q.reason}`);
  }
  return {
    packages,
    unpacked: r.unpacked.map((x) => ({ item_id: x.itemId, unit: x.unit, reason: x.reason })),
    units: u,
    objective: card ? 'price' : 'billable_weight',
    total_cost: card ? r.totalCost / 100 : null,
    alternatives: r.alternatives.map((a) => ({ description: a.description, cost: card && Number.isFinite(a.cost) ? a.cost / 100 : null })),
    notes,
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function shipment(weight: number, d: { length: number; width: number; height: number }, soft: boolean, u: PackRequest['units']): Shipment {
  return {
    originZip: '00000', destZip: '00000', destState: null, residential: true,
    weight: { value: weight, unit: u.weight }, dimensions: { ...d, unit: u.length },
    signature: null, declaredValue: null, cod: false, nonCartonPackaging: soft, battery: false, hazmat: false, accessorials: new Set(), freightClass: null,
  };
}
