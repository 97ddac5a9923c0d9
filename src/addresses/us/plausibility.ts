import type { UsZipDirectory } from '../ports.js';
import type { UsComponents } from './components.js';
import { STREET_SUFFIXES, UNIT_DESIGNATORS } from './pub28.js';
import { cityKey } from './standardize.js';

/**
 * How well a reading of an address holds together against the reference data: a city that is
 * one of the ZIP's places (or of the state) counts for it, a city that is no US place against
 * it; a state that agrees with the ZIP, a standard street type and unit designator, a delivery line with a number
 * count for it. Used to choose between two readings of the same text.
 */
const C2 = new Set([...UNIT_DESIGNATORS.values()].map((d) => d.std));

export function plausibility(c: UsComponents, dir: UsZipDirectory): number {
  let p = 0;
  if (c.city) {
    const key = cityKey(c.city);
    const zip = c.zip5 ? dir.lookup(c.zip5) : undefined;
    if (zip ? zip.places.some((x) => cityKey(x) === key) : c.state ? dir.isPlaceInState(key, c.state) : dir.isPlace(key)) p += 2;
    else if (!dir.isPlace(key)) p -= 2;
  }
  if (c.state && c.zip5 && dir.lookup(c.zip5)?.state === c.state) p += 1;
  if (c.suffix && !STREET_SUFFIXES.has(c.suffix)) p -= 1;
  if (c.unit_type && c.unit_type !== '#' && !C2.has(c.unit_type)) p -= 1;
  if (!c.street_name && !c.po_box && !c.rural_route && !c.military) p -= 1;
  if (c.street_name && !c.number && !c.cross_street) p -= 1;
  return p;
}

/**
 * A reading the reference data fully backs (the city is the ZIP's, the state agrees, nothing
 * looks wrong) and that left no words aside: a second reading would not change it often
 * enough to pay for itself (measured by bench/address-tagger.ts --gate).
 */
export function settled(c: UsComponents, dir: UsZipDirectory): boolean {
  return !c.building && !c.recipient && c.extra_units.length === 0 && plausibility(c, dir) >= 3;
}
