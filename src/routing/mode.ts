import type { DeliveryPreference } from '../orders/order.schema.js';
import type { Reason } from './explain.js';
import type { Mode, RoutingConfig } from './routing-config.schema.js';

/** A package as the mode policy sees it (inches and pounds). */
export interface PackageSize {
  weightLb: number;
  /** Sides, longest first; null when unknown. */
  sidesIn: [number, number, number] | null;
}

export interface Compartment {
  size: string;
  lengthIn: number;
  widthIn: number;
  heightIn: number;
  maxWeightLb: number;
  /** As the directory gives it, for people: "38×64×41 cm, 25 kg". */
  label?: string;
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
  compartments: Compartment[];
}

export interface ModeInput {
  /** null: the order did not say (the policy may recommend a pickup point). */
  preference: DeliveryPreference | null;
  customerType: 'b2c' | 'b2b';
  value: number;
  currency: string;
  units: number;
  region: 'urban' | 'suburban' | 'rural' | null;
  residential: boolean;
  /** A PO box, general delivery or APO/FPO: the customer chose where to collect it; no locker is suggested. */
  postOffice?: boolean;
  packages: readonly PackageSize[];
  /** Points near the address (any distance the caller looked at), nearest first or not. */
  points: readonly NearbyPoint[];
  /** Whether the tenant has a pickup directory at all. */
  directory: boolean;
  /** The point the customer chose, looked up in the directory (any distance); null when unknown. */
  chosenPoint: NearbyPoint | null;
  forced: { mode: Mode; rule: string } | null;
  warehouseHasDock: boolean;
  /** A point whose only carrier turned out unable to take the order: decide without it. */
  pointUnavailable?: { id: string; name: string; carrier: string } | undefined;
}

export interface ModeDecision {
  mode: Mode;
  reasons: Reason[];
  /** Truck accessorials the delivery needs. */
  accessorials: string[];
  /** The pickup point chosen, for pickup mode. */
  point: NearbyPoint | null;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
/** A value against a policy threshold: only in the threshold's currency (another currency is never over or under it). */
const under = (value: number, currency: string, limit: { amount: number; currency: string }) => currency === limit.currency && value < limit.amount;
const atLeast = (value: number, currency: string, limit: { amount: number; currency: string }) => currency === limit.currency && value >= limit.amount;
const fmtIn = (n: number) => String(Math.round(n * 10) / 10);

/** "60×14×14 in, 20 lb" (or "20 lb, size unknown"). */
export function packageLabel(p: PackageSize): string {
  return p.sidesIn ? `${p.sidesIn.map(fmtIn).join('×')} in, ${r1(p.weightLb)} lb` : `${r1(p.weightLb)} lb, size unknown`;
}

const compartmentLabel = (c: Compartment) => c.label ?? `${fmtIn(c.lengthIn)}×${fmtIn(c.widthIn)}×${fmtIn(c.heightIn)} in, ${r1(c.maxWeightLb)} lb`;

/** Whether a package fits a compartment in some orientation (sides compared longest to longest) and by weight. */
export function fitsCompartment(p: PackageSize, c: Compartment): boolean {
  if (p.weightLb > c.maxWeightLb + 1e-9 || !p.sidesIn) return false;
  const box = [c.lengthIn, c.widthIn, c.heightIn].sort((a, b) => b - a);
  return p.sidesIn[0] <= box[0]! + 1e-9 && p.sidesIn[1] <= box[1]! + 1e-9 && p.sidesIn[2] <= box[2]! + 1e-9;
}

export type Fit = { fits: true } | { fits: false; code: 'PICKUP_SIZE_UNKNOWN' | 'PICKUP_DOES_NOT_FIT'; package: string; largest: string };

/** Whether every package fits one of the point's compartments; if not, which package and the largest compartment. */
export function pointFit(point: NearbyPoint, packages: readonly PackageSize[]): Fit {
  const largest = [...point.compartments].sort((a, b) => b.lengthIn * b.widthIn * b.heightIn - a.lengthIn * a.widthIn * a.heightIn)[0];
  const largestLabel = largest ? compartmentLabel(largest) : 'none';
  for (const p of packages) {
    if (!p.sidesIn) return { fits: false, code: 'PICKUP_SIZE_UNKNOWN', package: packageLabel(p), largest: largestLabel };
    if (!point.compartments.some((c) => fitsCompartment(p, c))) return { fits: false, code: 'PICKUP_DOES_NOT_FIT', package: packageLabel(p), largest: largestLabel };
  }
  return { fits: true };
}

const km = (p: NearbyPoint) => Math.round(p.distance_km * 10) / 10;

/**
 * Parcel, truck or pickup point, and every reason as data. Hard constraints first (a package
 * over parcel limits goes by truck); then what the customer stated (a pickup point that takes
 * every package, a truck appointment, home), honoured unless such a constraint forbids it; then,
 * when nothing was stated, B2B consolidation, the pickup recommendation for small urban orders
 * near a point that fits, and home delivery. A rule may force a mode when the customer said
 * nothing, but never parcel for an oversize package nor pickup without a point that fits.
 */
export function chooseMode(i: ModeInput, policy: RoutingConfig['mode_policy']): ModeDecision {
  const reasons: Reason[] = [];
  const totalLb = i.packages.reduce((t, p) => t + p.weightLb, 0);
  const overWeight = i.packages.find((p) => p.weightLb > policy.parcel_max_weight_lb);
  const overSize = i.packages.find((p) => p.sidesIn && (p.sidesIn[0] > policy.parcel_max_length_in || p.sidesIn[0] + 2 * (p.sidesIn[1] + p.sidesIn[2]) > policy.parcel_max_length_plus_girth_in));
  const oversize = overWeight ?? overSize;
  const pref = i.preference;
  let mode: Mode;
  let point: NearbyPoint | null = null;

  /** Where an order goes when it is not to a pickup point: one truck for heavy B2B, else parcel. */
  const toAddress = (): Mode => {
    if (i.customerType === 'b2b' && totalLb >= policy.b2b_truck_weight_lb) {
      reasons.push({ code: 'B2B_CONSOLIDATED', args: { units: i.units, weight_lb: Math.round(totalLb), packages: i.packages.length, threshold_lb: policy.b2b_truck_weight_lb } });
      return 'truck';
    }
    return 'parcel';
  };
  const home = () => reasons.push({ code: 'HOME_DELIVERY', args: { region: i.region, address_type: i.residential ? 'residential' : 'commercial' } });

  if (oversize) {
    mode = 'truck';
    if (overWeight) reasons.push({ code: 'OVER_PARCEL_WEIGHT', args: { weight_lb: Math.round(overWeight.weightLb), limit_lb: policy.parcel_max_weight_lb } });
    else reasons.push({ code: 'OVER_PARCEL_SIZE', args: { package: packageLabel(overSize!), max_length_in: policy.parcel_max_length_in, max_length_plus_girth_in: policy.parcel_max_length_plus_girth_in } });
  } else if (pref?.type === 'pickup_point') {
    const chosen = i.chosenPoint;
    const fit = chosen ? pointFit(chosen, i.packages) : null;
    if (!chosen) {
      mode = toAddress();
      reasons.unshift({ code: 'PICKUP_NOT_IN_DIRECTORY', args: { pickup_point_id: pref.pickup_point_id } });
    } else if (i.pointUnavailable?.id === chosen.id) {
      mode = toAddress();
      reasons.unshift({ code: 'PICKUP_CARRIER_UNAVAILABLE', args: { point: chosen.name, carrier: i.pointUnavailable.carrier } });
    } else if (fit && !fit.fits) {
      mode = toAddress();
      reasons.unshift(fit.code === 'PICKUP_SIZE_UNKNOWN'
        ? { code: 'PICKUP_SIZE_UNKNOWN', args: { point: chosen.name } }
        : { code: 'PICKUP_DOES_NOT_FIT', args: { package: fit.package, point: chosen.name, largest: fit.largest, fallback: mode } });
    } else {
      mode = 'pickup';
      point = chosen;
      reasons.push({ code: 'CUSTOMER_CHOSE_PICKUP', args: { point: chosen.name, distance_km: km(chosen) } });
    }
  } else if (pref?.type === 'truck_appointment') {
    mode = 'truck';
    reasons.push({ code: 'CUSTOMER_CHOSE_TRUCK', args: {} });
  } else if (pref?.type === 'home') {
    mode = toAddress();
    // Said only where a locker would otherwise have been suggested.
    const suggested = mode === 'parcel' && policy.recommend_pickup && i.region === 'urban' && i.customerType === 'b2c' && !i.postOffice && under(i.value, i.currency, policy.pickup_max_value)
      ? i.points.filter((p) => p.distance_km <= policy.pickup_max_distance_km).sort((a, b) => a.distance_km - b.distance_km).find((p) => pointFit(p, i.packages).fits)
      : undefined;
    if (suggested) reasons.push({ code: 'CUSTOMER_CHOSE_HOME', args: { point: suggested.name } });
    else if (mode === 'parcel') home();
  } else {
    mode = toAddress();
    if (mode === 'parcel') {
      const urbanSmall = policy.recommend_pickup && i.region === 'urban' && i.customerType === 'b2c' && !i.postOffice;
      if (urbanSmall && atLeast(i.value, i.currency, policy.pickup_max_value) && i.points.length > 0) {
        reasons.push({ code: 'PICKUP_OVER_VALUE', args: { value: { amount: i.value, currency: i.currency }, limit: policy.pickup_max_value } });
      } else if (urbanSmall && under(i.value, i.currency, policy.pickup_max_value)) {
        const near = [...i.points].filter((p) => p.distance_km <= policy.pickup_max_distance_km).sort((a, b) => a.distance_km - b.distance_km);
        const usable = near.filter((p) => p.id !== i.pointUnavailable?.id);
        const fitting = usable.find((p) => pointFit(p, i.packages).fits);
        if (fitting) {
          mode = 'pickup';
          point = fitting;
          reasons.push({ code: 'PICKUP_RECOMMENDED', args: { point: fitting.name, distance_km: km(fitting) } });
        } else if (!i.directory) {
          reasons.push({ code: 'NO_PICKUP_DIRECTORY', args: {} });
        } else if (usable.length === 0) {
          if (i.pointUnavailable && near.some((p) => p.id === i.pointUnavailable!.id)) reasons.push({ code: 'PICKUP_CARRIER_UNAVAILABLE', args: { point: i.pointUnavailable.name, carrier: i.pointUnavailable.carrier } });
          else reasons.push({ code: 'NO_PICKUP_NEARBY', args: { radius_km: policy.pickup_max_distance_km } });
        } else {
          const fit = pointFit(usable[0]!, i.packages);
          if (!fit.fits && fit.code === 'PICKUP_SIZE_UNKNOWN') reasons.push({ code: 'PICKUP_SIZE_UNKNOWN', args: { point: usable[0]!.name } });
          else if (!fit.fits) reasons.push({ code: 'NO_PICKUP_FITS', args: { point: usable[0]!.name, package: fit.package, largest: fit.largest } });
        }
      }
      if (mode === 'parcel') home();
    }
  }

  if (i.forced && i.forced.mode !== mode) {
    const f = i.forced;
    if (f.mode === 'parcel' && oversize) reasons.push({ code: 'RULE_MODE_NOT_APPLIED', args: { rule: f.rule, mode: f.mode, because: 'oversize' } });
    else if (pref && pref.type !== 'home') reasons.push({ code: 'RULE_MODE_NOT_APPLIED', args: { rule: f.rule, mode: f.mode, because: 'customer_choice' } });
    else if (f.mode === 'pickup' && (oversize || pref?.type === 'home')) reasons.push({ code: 'RULE_MODE_NOT_APPLIED', args: { rule: f.rule, mode: f.mode, because: oversize ? 'oversize' : 'customer_choice' } });
    else if (f.mode === 'pickup') {
      const fitting = [...i.points].sort((a, b) => a.distance_km - b.distance_km).find((p) => p.id !== i.pointUnavailable?.id && pointFit(p, i.packages).fits);
      if (fitting) {
        reasons.push({ code: 'RULE_FORCES_MODE', args: { rule: f.rule, mode: f.mode, policy_mode: mode } });
        mode = 'pickup';
        point = fitting;
        reasons.push({ code: 'PICKUP_RECOMMENDED', args: { point: fitting.name, distance_km: km(fitting) } });
      } else reasons.push({ code: 'RULE_MODE_NOT_APPLIED', args: { rule: f.rule, mode: f.mode, because: 'no_point' } });
    } else {
      reasons.push({ code: 'RULE_FORCES_MODE', args: { rule: f.rule, mode: f.mode, policy_mode: mode } });
      mode = f.mode;
      point = null;
    }
  }

  const accessorials: string[] = [];
  if (mode === 'truck') {
    const asked = pref?.type === 'truck_appointment' ? pref.accessorials : [];
    for (const a of asked) accessorials.push(a);
    if (i.residential && !accessorials.includes('liftgate')) accessorials.push('liftgate');
    if (i.residential && !accessorials.includes('appointment')) accessorials.push('appointment');
    if (atLeast(i.value, i.currency, policy.white_glove_value) && !accessorials.includes('inside_delivery')) accessorials.push('inside_delivery');
    if (accessorials.length) reasons.push({ code: 'TRUCK_ACCESSORIALS', args: { accessorials, residential: i.residential } });
  }
  return { mode, reasons, accessorials, point };
}
