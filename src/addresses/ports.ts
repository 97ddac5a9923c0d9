/** One US ZIP Code as the reference data knows it. */
export interface UsZipInfo {
  readonly zip5: string;
  /** Two-letter state, territory or armed-forces code. */
  readonly state: string;
  /** Place names for the ZIP, upper case, the preferred one first. */
  readonly places: readonly string[];
  readonly county: string | null;
  /** Centroid; NaN when unknown (a military ZIP known only by its range). */
  readonly lat: number;
  readonly lon: number;
  /** People per square kilometre of the ZIP's tabulation area; null when unknown (PO-box-only ZIPs). */
  readonly densityPerKm2: number | null;
  readonly military: boolean;
  /** IANA time zone (America/Denver); the state's most common one when the data has none; null for military ZIPs. */
  readonly timeZone: string | null;
}

/**
 * US ZIP reference data (offline). The parser uses it to find where the street ends and the
 * city begins; validation checks ZIP, state and city against it.
 */
export interface UsZipDirectory {
  lookup(zip5: string): UsZipInfo | undefined;
  /** Whether `cityKey` (see `cityKey()`) names a place in `state`. */
  isPlaceInState(cityKey: string, state: string): boolean;
  /** ZIPs whose place names include the city, in ascending order. */
  zipsForPlace(cityKey: string, state: string): readonly string[];
  /**
   * Centroids of the populated places of that name in `state` from a gazetteer, ZIP or not
   * (towns that share a ZIP with a larger neighbour are no ZIP's name); [] when none.
   */
  placeCentroids(cityKey: string, state: string): readonly { lat: number; lon: number }[];
  /** Whether `cityKey` names a place anywhere in the US. */
  isPlace(cityKey: string): boolean;
  /** How many ZIPs carry this place name across the US (a size proxy: Chicago ~80, Fox 1). */
  placeZipCount(cityKey: string): number;
  /** Mean centroid of a ZIP3's ZIPs and their state (zone estimation by distance). */
  zip3Centroid(zip3: string): { lat: number; lon: number; state: string } | undefined;
}

import type { Address } from './address.schema.js';
import type { CarrierAddressCheck } from './address-check.js';

/** A carrier's online address validation for a tenant (its UPS, USPS or FedEx account); null when it has no such account. */
export type CarrierAddressValidator = (tenantId: string, address: Address, carrier?: string) => Promise<Omit<CarrierAddressCheck, 'checked_at'> | null>;
