/**
 * Packing types. Lengths and weights are plain numbers in whatever units the caller chose (the
 * same for every item and box); the solver never converts.
 */
export interface PackItem {
  id: string;
  length: number;
  width: number;
  height: number;
  weight: number;
  quantity: number;
  /** "This side up": the height stays vertical; the item may still turn around it. */
  upright: boolean;
  /** Flags that matter here: ships_alone, own_container, and those named by separation rules. */
  flags: readonly string[];
}

export interface PackBox {
  id: string;
  /** Inner dimensions: what items must fit in. */
  length: number;
  width: number;
  height: number;
  /** Outer dimensions, for dim weight; the inner ones plus wall thickness when not given. */
  outer: { length: number; width: number; height: number };
  /** Most the contents may weigh. */
  maxWeight: number;
  tareWeight: number;
  /** Cost of the box itself, in the pricer's money unit (minor units). */
  cost: number;
  /** Poly mailers and envelopes: carriers may treat them as non-carton packaging. */
  soft: boolean;
}

/** One unit placed: its corner and its size as placed (after turning). */
export interface Placement {
  itemId: string;
  /** Which unit of the item (0-based) — items with a quantity are placed unit by unit. */
  unit: number;
  x: number;
  y: number;
  z: number;
  length: number;
  width: number;
  height: number;
}

export interface PackedPackage {
  /** null when the item ships in its own container. */
  boxId: string | null;
  placements: Placement[];
  contentWeight: number;
  grossWeight: number;
  /** Outer size of the package (the box's, or the item's own container). */
  dimensions: { length: number; width: number; height: number };
  soft: boolean;
  /** What the pricer says this package costs to ship, plus the box. */
  cost: number;
  shippingCost: number;
}

/** Ships a package: returns its cost (same unit as box costs). */
export type PackagePricer = (p: { grossWeight: number; dimensions: { length: number; width: number; height: number }; soft: boolean }) => number;

export interface PackOptions {
  /** Pairs of flags whose items may not share a package, e.g. [["battery", "liquid"]]. */
  separate?: readonly (readonly [string, string])[];
  /** Orders with up to this many units (besides ships-alone ones) are solved exactly. */
  exactUpTo?: number;
}

export interface PackResult {
  packages: PackedPackage[];
  unpacked: { itemId: string; unit: number; reason: string }[];
  totalCost: number;
  /** The other plans it weighed, with their cost: for explaining the choice. */
  alternatives: { description: string; cost: number }[];
}
