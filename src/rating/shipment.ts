import type { Dimensions, Weight } from '../kernel/units.js';

export type SignatureKind = 'indirect' | 'direct' | 'adult';

/** One package to rate, with everything the surcharges look at. */
export interface Shipment {
  originZip: string;
  destZip: string;
  /** Two-letter state of the destination, when known (delivery-area tiers by state, zone 9). */
  destState: string | null;
  residential: boolean;
  weight: Weight;
  /** Unknown dimensions mean no dim weight and no size rules (the quote says so). */
  dimensions: Dimensions | null;
  signature: SignatureKind | null;
  /** Declared value in minor units of the card's currency; null for none. */
  declaredValue: number | null;
  cod: boolean;
  nonCartonPackaging: boolean;
  battery: boolean;
  hazmat: boolean;
  /** LTL accessorials asked for: liftgate, appointment, inside_delivery. */
  accessorials: ReadonlySet<string>;
  /** LTL freight class; derived from density when absent. */
  freightClass: string | null;
}
