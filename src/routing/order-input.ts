import type { UsZipDirectory } from '../addresses/ports.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Sku } from '../catalog/sku.schema.js';
import { AppError } from '../kernel/errors.js';
import { toGrams, toMillimetres } from '../kernel/units.js';
import type { Order } from '../orders/order.schema.js';
import type { PackingService } from '../packing/packing.service.js';
import type { CompiledCard } from '../rating/quote.js';
import type { ZoneAnswer } from '../rating/zones.js';
import { distanceMiles } from '../rating/zones.js';
import type { Warehouse } from '../warehouses/warehouse.schema.js';
import type { DecideInput } from './decide.js';
import type { NearbyPoint, PackageSize } from './mode.js';
import type { PickupPoint } from './pickup-point.schema.js';
import type { RoutingConfig } from './routing-config.schema.js';
import type { LaneStats } from './scoring.js';

const KM_PER_MILE = 1.609344;
const LB_PER_KG = 2.20462262;
/** How far from the address pickup points are considered at all (the policy's radius is smaller). */
export const NEAR_KM = 25;

/** What every decision of a batch shares: loaded once. */
export interface DecisionContext {
  config: RoutingConfig;
  cards: readonly CompiledCard[];
  zone: (card: CompiledCard, originZip: string, destZip: string, destState: string | null, weightLb: number) => ZoneAnswer;
  dir: UsZipDirectory;
  points: readonly PickupPoint[];
  stats: ReadonlyMap<string, LaneStats>;
  now: Date;
}

export interface OrderInputDeps {
  catalog: CatalogService;
  packing: PackingService;
}

/** A directory point as the mode policy sees it, at its distance from `here` (km). */
export function nearbyPoint(p: PickupPoint, here: { lat: number; lon: number } | null): NearbyPoint {
  return {
    id: p.id, operator: p.operator, carrier: p.carrier, name: p.name, postal_code: p.postal_code.slice(0, 5), state: p.state,
    distance_km: here ? distanceMiles(here, { lat: p.lat, lon: p.lon }) * KM_PER_MILE : 0,
    compartments: p.compartments.map((c) => ({
      size: c.size, lengthIn: c.length_cm / 2.54, widthIn: c.width_cm / 2.54, heightIn: c.height_cm / 2.54, maxWeightLb: c.max_weight_kg * LB_PER_KG,
      label: `${c.length_cm}×${c.width_cm}×${c.height_cm} cm, ${c.max_weight_kg} kg`,
    })),
  };
}

/** Flags of the order: from the catalog and from the lines themselves (a line's own flags add to its SKU's). */
function lineFlags(l: Order['lines'][number], sku: Sku | undefined): string[] {
  const out = new Set<string>(sku?.flags ?? []);
  for (const f of l.flags ?? []) out.add(f === 'signature' ? 'requires_signature' : f);
  return [...out];
}

/**
 * Everything `decide` needs about one order: its packages (packed into the warehouse's boxes
 * when it has some and every line has a size, else one package by weight, with dimensions only
 * for a single unit), flags, address facts, nearby and chosen pickup points. The same packages
 * are what `/v1/rates {order_id}` prices and what the shipment carries.
 */
export async function decideInput(d: OrderInputDeps, tenantId: string, order: Order, wh: Warehouse, ctx: DecisionContext): Promise<DecideInput> {
  const check = order.address_check;
  const std = check?.standardized;
  const zip = (std?.postal_code ?? order.ship_to.postal_code ?? '').slice(0, 5);
  const country = std?.country ?? order.ship_to.country;
  if (country !== 'US' || !/^\d{5}$/.test(zip)) {
    throw new AppError('VALIDATION_FAILED', `Order ${order.id} does not ship to a US ZIP Code: decisions cover US domestic delivery`, { errors: [{ path: 'ship_to.postal_code', message: 'a US ZIP Code is needed' }] });
  }
  const flags = new Set<string>();
  let grams = 0;
  let units = 0;
  let longestIn: number | null = 0;
  const lines = await Promise.all(order.lines.map(async (l) => ({ l, sku: l.sku ? await d.catalog.get(tenantId, l.sku).catch(() => undefined) : undefined })));
  for (const [k, { l, sku }] of lines.entries()) {
    for (const f of lineFlags(l, sku)) flags.add(f);
    const w = l.weight ?? sku?.weight;
    if (!w) throw new AppError('VALIDATION_FAILED', `Order ${order.id}: line ${l.sku ?? l.name ?? ''} has no weight`, { errors: [{ path: `lines[${k}].weight`, message: 'no weight on the line or in the catalog' }] });
    grams += toGrams(w) * l.quantity;
    units += l.quantity;
    const dims = l.dimensions ?? sku?.dimensions;
    longestIn = dims && longestIn !== null ? Math.max(longestIn, toMillimetres(Math.max(dims.length, dims.width, dims.height), dims.unit) / 25.4) : null;
  }
  let packages: DecideInput['packages'];
  const canPack = wh.boxes.some((b) => b.available) && lines.every(({ l, sku }) => l.dimensions ?? sku?.dimensions);
  const packed = canPack ? await d.packing.packOrder(tenantId, order.id, {}).catch(() => undefined) : undefined;
  if (packed && packed.unpacked.length === 0) {
    packages = packed.packages.map((p) => {
      const sides = [p.dimensions.length, p.dimensions.width, p.dimensions.height].sort((a, b) => b - a) as [number, number, number];
      return { weight: { value: p.gross_weight, unit: 'lb' as const }, dimensions: { ...p.dimensions, unit: 'in' as const }, size: { weightLb: p.gross_weight, sidesIn: sides } };
    });
  } else {
    // Units that travel on their own — a pallet, a sofa, anything over parcel limits, or a
    // ships-alone SKU — are a package (a handling unit) each; the rest is one package by weight.
    const policy = ctx.config.mode_policy;
    packages = [];
    let restGrams = 0;
    const rest: typeof lines = [];
    for (const x of lines) {
      const w = x.l.weight ?? x.sku?.weight;
      const d = x.l.dimensions ?? x.sku?.dimensions ?? null;
      const unitLb = w ? toGrams(w) / 453.59237 : 0;
      const sides = d ? ([d.length, d.width, d.height].map((v) => toMillimetres(v, d.unit) / 25.4).sort((a, b) => b - a) as [number, number, number]) : null;
      const alone = !!d && (unitLb > policy.parcel_max_weight_lb || sides![0] > policy.parcel_max_length_in || sides![0] + 2 * (sides![1] + sides![2]) > policy.parcel_max_length_plus_girth_in || (x.sku?.flags.includes('ships_alone') ?? false));
      if (alone) {
        for (let k = 0; k < x.l.quantity; k++) packages.push({ weight: { value: Math.round(unitLb * 1000) / 1000, unit: 'lb' }, dimensions: d, size: { weightLb: unitLb, sidesIn: sides } });
      } else {
        rest.push(x);
        restGrams += w ? toGrams(w) * x.l.quantity : 0;
      }
    }
    if (rest.length) {
      const single = rest.length === 1 && rest[0]!.l.quantity === 1 ? (rest[0]!.l.dimensions ?? rest[0]!.sku?.dimensions ?? null) : null;
      const lb = restGrams / 453.59237;
      const sides: PackageSize['sidesIn'] = single
        ? ([single.length, single.width, single.height].map((v) => toMillimetres(v, single.unit) / 25.4).sort((a, b) => b - a) as [number, number, number])
        : null;
      packages.push({ weight: { value: Math.round(lb * 1000) / 1000, unit: 'lb' }, dimensions: single, size: { weightLb: lb, sidesIn: sides } });
    }
  }
  const info = ctx.dir.lookup(zip);
  const here = info && Number.isFinite(info.lat) ? { lat: info.lat, lon: info.lon } : null;
  const us = ctx.points.filter((p) => p.country === 'US');
  const points: NearbyPoint[] = here ? us.map((p) => nearbyPoint(p, here)).filter((p) => p.distance_km <= NEAR_KM) : [];
  const pref = order.delivery_preference;
  const chosenRow = pref?.type === 'pickup_point' ? ctx.points.find((p) => p.id === pref.pickup_point_id) : undefined;
  const chosenPoint = chosenRow ? nearbyPoint(chosenRow, here) : null;
  const cls = check?.classification;
  // A PO box or general delivery: only USPS delivers there.
  const postOfficeOnly = !!cls?.po_box || !!cls?.general_delivery;
  // The carrier's own classification (an online check) before ours, ours before the customer type.
  const carrierCls = check?.carrier?.classification ?? null;
  const residentialSource = order.ship_to.residential != null ? 'order' : carrierCls ? 'carrier_check' : cls ? 'address_check' : 'customer_type';
  const residential = order.ship_to.residential ?? (carrierCls ? carrierCls === 'residential' : cls ? cls.residential.value === 'residential' : order.customer_type === 'b2c');
  const state = std?.state ?? info?.state ?? null;
  const remote = cls?.region === 'rural' || ['AK', 'HI', 'PR', 'VI', 'GU', 'AS', 'MP'].includes(state ?? '');
  const origin = (wh.address.postal_code ?? '').slice(0, 5);
  const zoneFor = (card: CompiledCard, destZip: string, destState: string | null) => ctx.zone(card, origin, destZip, destState, grams / 453.59237);
  return {
    orderId: order.id,
    facts: {
      country: 'US', state, zip, weightLb: grams / 453.59237, longestIn, value: order.order_value.amount, currency: order.order_value.currency, flags: [...flags], channel: order.channel,
      tags: order.tags, customerType: order.customer_type, residential, remote, poBox: postOfficeOnly, military: !!cls?.military,
    },
    preference: pref,
    customerType: order.customer_type,
    serviceLevel: order.service_level,
    value: order.order_value.amount,
    currency: order.order_value.currency,
    units,
    cod: order.cod_amount !== null,
    battery: flags.has('battery'),
    hazmat: flags.has('hazmat'),
    signatureFromCatalog: flags.has('requires_signature'),
    readyAt: new Date(Math.max(Date.parse(order.placed_at ?? order.created_at), ctx.now.getTime())).toISOString(),
    address: { zip, state, residential, residentialSource, region: cls?.region ?? null, poBox: postOfficeOnly, military: !!cls?.military },
    packages,
    originZip: origin,
    warehouse: { timezone: wh.timezone, operating_days: wh.operating_days, pickup_cutoffs: wh.pickup_cutoffs, has_dock: wh.has_dock },
    cards: ctx.cards,
    zoneFor,
    points,
    chosenPoint,
    directory: us.length > 0,
    config: ctx.config,
    statsFor: (carrier, card) => ctx.stats.get(`${carrier}|${card}`) ?? null,
  };
}
