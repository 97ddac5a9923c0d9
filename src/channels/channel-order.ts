import type { OrderCreateInput } from '../orders/order.schema.js';
import { parseDecimalToMinor } from '../kernel/money.js';
import { serviceLevelFromMethod } from '../orders/import/shopify-csv.js';

/** A channel's order mapped to ours, with what could not be mapped said per field. */
export interface MappedOrder {
  channel: string;
  external_id: string;
  /** Null when the order cannot become one of ours (the reason is in `unmapped`). */
  order: OrderCreateInput | null;
  state: { status: string; cancelled: boolean; refunded: boolean; fulfilled: boolean; paid: boolean | null };
  /** Fields the channel sent that lastmile does not carry, or data it needed and did not get. */
  unmapped: { path: string; reason: string }[];
  /** The channel's ids that write-back needs (order gid, item ids, package id…). */
  refs: Record<string, unknown>;
  /** When the channel last changed the order (older versions arriving late are ignored). */
  updated_at: string | null;
}

/** Reference data a mapper may use to complete what a channel leaves out. */
export interface MapContext {
  /** City and state of a postal code (the US ZIP directory), for channels that send none. */
  placeFor?: (country: string, postalCode: string) => { city: string; state: string } | null;
}

export type Line = NonNullable<OrderCreateInput['lines']>[number];

/** Builds a mapped order, collecting notes as it goes. */
export class Mapping {
  readonly unmapped: MappedOrder['unmapped'] = [];

  note(path: string, reason: string): void {
    this.unmapped.push({ path, reason });
  }

  /** A decimal string in minor units; notes and returns 0 when it is not a number. */
  money(path: string, value: string | number | null | undefined, currency: string): number {
    if (value === null || value === undefined || value === '') return 0;
    const n = parseDecimalToMinor(String(value), currency);
    if (n === undefined) {
      this.note(path, `not an amount in ${currency}: ${String(value)}`);
      return 0;
    }
    return n;
  }

  /** A line needs a SKU or a weight: without either, the channel's product id stands in. */
  line(path: string, l: { sku: string | null | undefined; name: string | null | undefined; quantity: number; grams?: number | null; unit_price?: { amount: number; currency: string } | null; fallbackId?: string | number | null }): Line {
    let sku = l.sku?.trim() || null;
    const weight = l.grams && l.grams > 0 ? { value: l.grams, unit: 'g' as const } : null;
    if (!sku && !weight) {
      sku = l.fallbackId !== null && l.fallbackId !== undefined ? `channel:${l.fallbackId}` : `channel:${l.name ?? 'item'}`;
      this.note(`${path}.sku`, `no SKU and no weight: the channel's product id ${sku} stands in (add it to the catalog to rate the order)`);
    }
    return { sku, name: l.name ?? null, quantity: l.quantity, weight, dimensions: null, unit_price: l.unit_price ?? null };
  }
}

export const serviceLevel = (method: string | null | undefined) => serviceLevelFromMethod(method ?? undefined) as OrderCreateInput['service_level'];

/** Tags as lastmile keeps them: trimmed, at most 64 characters, 50 of them. */
export function cleanTags(tags: (string | null | undefined)[]): string[] {
  return [...new Set(tags.map((t) => (t ?? '').trim().slice(0, 64)).filter(Boolean))].slice(0, 50);
}
