import type { Sku } from '../catalog/sku.schema.js';
import { dimensionsToMm, toGrams } from '../kernel/units.js';
import { hhmmToSeconds, utcMsToLocalSeconds } from '../kernel/zoned-time.js';
import type { Order } from '../orders/order.schema.js';
import type { Stop } from '../solvers/vrp/problem.js';
import type { LatLon } from './ports.js';

/** Minutes on site by the most demanding accessorial the order asks for. */
export const SERVICE_MINUTES: Record<string, number> = {
  curbside: 10, liftgate: 15, appointment: 10, inside_delivery: 20, room_of_choice: 25, white_glove: 40, assembly: 70,
};
const TWO_PERSON = new Set(['inside_delivery', 'room_of_choice', 'white_glove', 'assembly']);
/** Rough pallet footprint: 1.2 × 1.0 m stacked to 1.4 m, or 900 kg. */
const PALLET_M3 = 1.68;
const PALLET_KG = 900;

export interface TruckStop {
  order: Order;
  location: LatLon;
  precision: 'address' | 'zip_centroid';
  weightKg: number;
  volumeM3: number;
  pallets: number;
  /** Seconds after local midnight of the plan date. */
  window: [number, number];
  serviceSeconds: number;
  accessorials: string[];
  skills: string[];
}

export interface StopContext {
  date: string;
  timezone: string;
  defaultWindow: { start: string; end: string };
  skus: Map<string, Sku>;
  zipCentroid: (country: string, postalCode: string) => LatLon | undefined;
}

/** Turns one order into a truck stop, or says why it cannot be one. */
export function orderToStop(o: Order, ctx: StopContext): { stop: TruckStop; warning?: string } | { reason: string } {
  let location: LatLon | undefined;
  let precision: TruckStop['precision'] = 'address';
  let warning: string | undefined;
  const a = o.ship_to;
  if (a.latitude != null && a.longitude != null) location = { lat: a.latitude, lon: a.longitude };
  else if (a.postal_code) {
    location = ctx.zipCentroid(a.country, a.postal_code);
    precision = 'zip_centroid';
    if (location) warning = `order ${o.id}: no coordinates, located at the ZIP ${a.postal_code} centroid, so its ETA is approximate`;
  }
  if (!location) return { reason: 'no coordinates on the address and no known postal code to locate it' };

  let grams = 0;
  let mm3 = 0;
  for (const [i, l] of o.lines.entries()) {
    const sku = l.sku ? ctx.skus.get(l.sku) : undefined;
    const w = l.weight ?? sku?.weight;
    if (!w) return { reason: `line ${i + 1}${l.sku ? ` (${l.sku})` : ''} has no weight: no inline weight and no catalog SKU` };
    grams += toGrams(w) * l.quantity;
    const d = l.dimensions ?? sku?.dimensions;
    if (d) {
      const m = dimensionsToMm(d);
      mm3 += m.lengthMm * m.widthMm * m.heightMm * l.quantity;
    }
  }
  const weightKg = grams / 1000;
  const volumeM3 = mm3 / 1e9;
  const pallets = Math.max(1, Math.ceil(Math.max(volumeM3 / PALLET_M3, weightKg / PALLET_KG)));

  const pref = o.delivery_preference;
  // What the customer asked for, else what the decision engine found the delivery needs
  // (liftgate and appointment at a home, inside delivery for high values).
  const decided = o.decision?.['mode'] === 'truck' && Array.isArray(o.decision['accessorials'])
    ? (o.decision['accessorials'] as unknown[]).filter((a): a is string => typeof a === 'string' && a in SERVICE_MINUTES)
    : [];
  const asked = pref?.type === 'truck_appointment' ? pref.accessorials : [];
  const accessorials = asked.length > 0 ? [...asked] : decided.length > 0 ? decided : ['curbside'];
  let window: [number, number] = [hhmmToSeconds(ctx.defaultWindow.start), hhmmToSeconds(ctx.defaultWindow.end)];
  if (pref?.type === 'truck_appointment' && pref.window) {
    const s = utcMsToLocalSeconds(Date.parse(pref.window.start), ctx.date, ctx.timezone);
    const e = utcMsToLocalSeconds(Date.parse(pref.window.end), ctx.date, ctx.timezone);
    if (e <= 0 || s >= 86_400) return { reason: `its appointment (${pref.window.start} to ${pref.window.end}) is not on ${ctx.date}` };
    window = [Math.max(0, s), Math.min(86_400, e)];
  }
  const base = Math.max(...accessorials.map((x) => SERVICE_MINUTES[x] ?? 10));
  const units = o.lines.reduce((t, l) => t + l.quantity, 0);
  // A few minutes more for every further piece, up to half an hour.
  const serviceSeconds = (base + Math.min(30, 3 * Math.max(0, units - 1))) * 60;
  const skills = new Set<string>();
  if (accessorials.includes('liftgate')) skills.add('liftgate');
  if (accessorials.some((x) => TWO_PERSON.has(x))) skills.add('two_person');
  const stop: TruckStop = { order: o, location, precision, weightKg, volumeM3, pallets, window, serviceSeconds, accessorials, skills: [...skills] };
  return warning ? { stop, warning } : { stop };
}

/** The solver's view of a truck stop: demand is [kg, m³, pallets]. */
export function toSolverStop(s: TruckStop): Stop {
  return {
    id: s.order.id,
    demand: [s.weightKg, s.volumeM3, s.pallets],
    window: s.window,
    service: s.serviceSeconds,
    skills: s.skills,
  };
}

/**
 * The window to promise the customer: `minutes` long around the ETA (a quarter of it before,
 * rounded down to the quarter hour), kept inside the stop's own window.
 */
export function customerWindow(etaSec: number, window: [number, number], minutes: number): [number, number] {
  const len = minutes * 60;
  let start = Math.floor((etaSec - len / 4) / 900) * 900;
  start = Math.max(window[0], Math.min(start, window[1] - len));
  start = Math.max(window[0], start);
  const end = Math.min(window[1], start + len);
  return [Math.min(start, etaSec), Math.max(end, etaSec)];
}
