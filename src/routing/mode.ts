import type { DeliveryPreference } from '../orders/order.schema.js';
import type { Mode, RoutingConfig } from './routing-config.schema.js';

/** A package as the mode policy sees it (inches and pounds). */
export interface PackageSize {
  weightLb: number;
  /** Sides, longest first; null when unknown. */
  sidesIn: [number, number, number] | null;
}

/** A pickup point or locker near the address, with the compartments it has. */
export interface NearbyPoint {
  id: string;
  operator: string;
  carrier: string | null;
  name: string;
  postal_code: string;
  state: string | null;
  distance_km: number;
  compartments: { size: string; lengthIn: number; widthIn: number; heightIn: number; maxWeightLb: number }[];
}

export interface ModeInput {
  preference: DeliveryPreference;
  customerType: 'b2c' | 'b2b';
  value: number;
  region: 'urban' | 'suburban' | 'rural' | null;
  residential: boolean;
  packages: readonly PackageSize[];
  points: readonly NearbyPoint[];
  forced: { mode: Mode; rule: string } | null;
  warehouseHasDock: boolean;
}

export interface ModeDecision {
  mode: Mode;
  reasons: string[];
  /** Truck accessorials the delivery needs. */
  accessorials: string[];
  /** The pickup point chosen, for pickup mode. */
  point: NearbyPoint | null;
}

const fitsCompartment = (p: PackageSize, c: NearbyPoint['compartments'][number]) => {
  if (p.weightLb > c.maxWeightLb || !p.sidesIn) return false;
  const box = [c.lengthIn, c.widthIn, c.heightIn].sort((a, b) => b - a);
  return p.sidesIn[0] <= box[0]! && p.sidesIn[1] <= box[1]! && p.sidesIn[2] <= box[2]!;
};

/** The nearest point whose compartments take every package (one each). */
export function pointThatFits(points: readonly NearbyPoint[], packages: readonly PackageSize[], maxKm: number): NearbyPoint | null {
  for (const p of [...points].sort((a, b) => a.distance_km - b.distance_km)) {
    if (p.distance_km > maxKm) break;
    if (packages.every((pkg) => p.compartments.some((c) => fitsCompartment(pkg, c)))) return p;
  }
  return null;
}

/**
 * Parcel, truck or pickup point, and every reason: what the customer asked for, packages over
 * parcel limits, B2B consolidation, the pickup recommendation for small urban orders near a
 * point that fits, otherwise home delivery. A rule may force a mode, but never parcel for a
 * package no parcel service can take.
 */
export function chooseMode(i: ModeInput, policy: RoutingConfig['mode_policy']): ModeDecision {
  const reasons: string[] = [];
  const totalLb = i.packages.reduce((t, p) => t + p.weightLb, 0);
  const oversize = i.packages.find((p) => p.weightLb > policy.parcel_max_weight_lb || (p.sidesIn && (p.sidesIn[0] > policy.parcel_max_length_in || p.sidesIn[0] + 2 * (p.sidesIn[1] + p.sidesIn[2]) > policy.parcel_max_length_plus_girth_in)));
  let mode: Mode;
  let point: NearbyPoint | null = null;
  if (oversize) {
    mode = 'truck';
    reasons.push(oversize.weightLb > policy.parcel_max_weight_lb
      ? `a ${Math.round(oversize.weightLb)} lb package is over the ${policy.parcel_max_weight_lb} lb parcel limit`
      : `a package is over the parcel size limits (${policy.parcel_max_length_in} in long, ${policy.parcel_max_length_plus_girth_in} in length plus girth)`);
  } else if (i.preference.type === 'truck_appointment') {
    mode = 'truck';
    reasons.push('the order asks for a truck delivery appointment');
  } else if (i.customerType === 'b2b' && totalLb >= policy.b2b_truck_weight_lb) {
    mode = 'truck';
    reasons.push(`B2B order of ${Math.round(totalLb)} lb: consolidated on one truck delivery (from ${policy.b2b_truck_weight_lb} lb)`);
  } else if (i.preference.type === 'pickup_point') {
    mode = 'pickup';
    const chosen = i.points.find((p) => p.id === (i.preference as { pickup_point_id: string }).pickup_point_id) ?? null;
    point = chosen;
    reasons.push(chosen ? `the customer chose pickup point ${chosen.name}` : 'the customer chose a pickup point (not in the directory: delivered to the address it names)');
  } else if (policy.recommend_pickup && i.region === 'urban' && i.value < policy.pickup_max_value && i.customerType === 'b2c') {
    point = pointThatFits(i.points, i.packages, policy.pickup_max_distance_km);
    if (point) {
      mode = 'pickup';
      reasons.push(`urban order under the pickup value limit, and ${point.name} (${point.distance_km.toFixed(1)} km) has compartments that fit`);
    } else {
      mode = 'parcel';
      reasons.push('urban and low value, but no pickup point nearby fits: home delivery');
    }
  } else {
    mode = 'parcel';
    reasons.push(i.region === 'urban' || i.region === null ? 'parcel home delivery' : `${i.region} address: home delivery`);
  }
  if (i.forced && i.forced.mode !== mode) {
    if (i.forced.mode === 'parcel' && oversize) reasons.push(`rule ${i.forced.rule} asks for parcel, but the package is over parcel limits: kept ${mode}`);
    else {
      reasons.push(`rule ${i.forced.rule} forces ${i.forced.mode} (policy said ${mode})`);
      mode = i.forced.mode;
      if (mode === 'pickup' && !point) point = pointThatFits(i.points, i.packages, Infinity);
    }
  }
  const accessorials: string[] = [];
  if (mode === 'truck') {
    const asked = i.preference.type === 'truck_appointment' ? i.preference.accessorials : [];
    for (const a of asked) accessorials.push(a);
    if (i.residential && !accessorials.includes('liftgate')) accessorials.push('liftgate');
    if (i.residential && !accessorials.includes('appointment')) accessorials.push('appointment');
    if (i.value >= policy.white_glove_value && !accessorials.includes('inside_delivery')) accessorials.push('inside_delivery');
    if (accessorials.length) reasons.push(`truck accessorials: ${accessorials.join(', ')}${i.residential ? ' (residential delivery: liftgate and appointment)' : ''}`);
  }
  return { mode, reasons, accessorials, point };
}
