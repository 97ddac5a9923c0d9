import { CITY_NICKNAMES, editDistance } from './parse-city.js';
import type { UsZipDirectory, UsZipInfo } from '../ports.js';
import type { Findings } from '../issues.js';
import type { UsComponents } from './components.js';
import { FREELY_ASSOCIATED, MILITARY_STATES, STATE_NAMES, TERRITORIES, UNIT_DESIGNATORS } from './pub28.js';
import { cityKey } from './standardize.js';

const MILITARY_CITIES = new Set(['APO', 'FPO', 'DPO']);
/** Publication 28 designators that need a number after them (APT, STE, UNIT…; not REAR or LOBBY). */
const RANGE_DESIGNATORS = new Set([...UNIT_DESIGNATORS.values()].filter((d) => d.range).map((d) => d.std));
/** How far (km) a ZIP may lie from a city's own ZIPs for the city to count as an acceptable name. */
const NEARBY_CITY_KM = 25;

/**
 * Checks a parsed US address against the ZIP reference data and fixes what can be fixed with
 * confidence (missing or misspelled city, missing state, a state that contradicts ZIP and city).
 * Mutates `c`; reports to `f`.
 */
export function validateUs(c: UsComponents, dir: UsZipDirectory, f: Findings): UsZipInfo | undefined {
  checkDeliveryLine(c, f);

  if (c.state && !STATE_NAMES.has(c.state)) {
    f.error('STATE_UNKNOWN', 'state', `"${c.state}" is not a US state, territory or armed forces code`);
    c.state = null;
  }
  if (c.zip4 !== null && !/^\d{4}$/.test(c.zip4)) {
    f.warn('ZIP4_FORMAT', 'postal_code', `ZIP+4 add-on "${c.zip4}" must be 4 digits; dropped`);
    c.zip4 = null;
  }

  let zip: UsZipInfo | undefined;
  if (c.zip5 === null) {
    zip = fillMissingZip(c, dir, f);
  } else if (!/^\d{5}$/.test(c.zip5)) {
    f.error('ZIP_FORMAT', 'postal_code', `"${c.zip5}" is not a ZIP Code (5 digits, optionally -4 more)`);
  } else {
    zip = dir.lookup(c.zip5);
    if (!zip) f.error('ZIP_UNKNOWN', 'postal_code', `ZIP Code ${c.zip5} does not exist`);
  }
  if (!zip) return undefined;

  checkState(c, zip, dir, f);
  checkCity(c, zip, dir, f);
  checkMilitaryAndTerritory(c, zip, f);
  return zip;
}

function checkDeliveryLine(c: UsComponents, f: Findings) {
  const hasStreet = c.street_name !== null;
  if (c.general_delivery && !hasStreet) {
    f.info('GENERAL_DELIVERY', 'line1', 'general delivery: held at the post office for the addressee to collect; only USPS delivers here');
    return;
  }
  if (!hasStreet && !c.po_box && !c.rural_route && !c.military) {
    // "1700 WELLS FARGO TOWER": a known building may still be found by a local courier.
    if (c.building) f.warn('STREET_MISSING', 'line1', `only a building name (${c.building}): carriers need its street address`);
    else f.error('ADDRESS_LINE_MISSING', 'line1', 'no street, PO box, rural route or military box found');
    return;
  }
  if (hasStreet && c.number === null && !c.cross_street && !c.po_box && !c.rural_route) {
    f.warn('HOUSE_NUMBER_MISSING', 'line1', 'the street has no house number');
  }
  if (c.cross_street && !c.number) f.warn('INTERSECTION', 'line1', 'an intersection is not a delivery point');
  if (c.unit_type && c.unit_number === null && RANGE_DESIGNATORS.has(c.unit_type)) {
    f.warn('UNIT_NUMBER_MISSING', 'line1', `${c.unit_type} without its number: the carrier cannot tell which one`);
  }
  if (c.po_box) {
    f.info('PO_BOX', 'line1', 'PO box: only USPS delivers here; UPS and FedEx ground services do not');
    if (hasStreet) f.warn('PO_BOX_AND_STREET', 'line1', 'both a street and a PO box: USPS delivers to the one on the line above the city');
  }
  if (c.building) f.info('EXTRA_WORDS', 'line1', `words that are no part of the street, kept on line 2: ${c.building}`);
}

function fillMissingZip(c: UsComponents, dir: UsZipDirectory, f: Findings): UsZipInfo | undefined {
  if (!c.city || !c.state) {
    f.error('ZIP_MISSING', 'postal_code', 'a ZIP Code is required (or a city and state to find one)');
    return undefined;
  }
  const zips = dir.zipsForPlace(cityKey(c.city), c.state);
  if (zips.length === 1) {
    c.zip5 = zips[0]!;
    f.correct('ZIP_ADDED', 'postal_code', `ZIP Code ${c.zip5} added: the only one for ${c.city}, ${c.state}`);
    return dir.lookup(c.zip5);
  }
  f.error(
    'ZIP_MISSING',
    'postal_code',
    zips.length ? `a ZIP Code is required: ${c.city}, ${c.state} has ${zips.length}` : 'a ZIP Code is required',
    zips.length ? zips.slice(0, 5).join(', ') : undefined,
  );
  return undefined;
}

function checkState(c: UsComponents, zip: UsZipInfo, dir: UsZipDirectory, f: Findings) {
  if (c.state === null) {
    c.state = zip.state;
    f.correct('STATE_ADDED', 'state', `state ${zip.state} added from ZIP Code ${zip.zip5}`);
    return;
  }
  if (c.state === zip.state) return;
  const key = c.city ? cityKey(c.city) : null;
  const cityFitsZip = key !== null && zip.places.some((p) => cityKey(p) === key);
  // The state is the odd one out only if the city does not exist in it ("SPRINGFIELD, MA 62701"
  // could be a wrong ZIP as well as a wrong state).
  if (cityFitsZip && !dir.isPlaceInState(key, c.state)) {
    f.correct('STATE_CORRECTED', 'state', `state ${c.state} changed to ${zip.state}: ZIP Code ${zip.zip5} and ${c.city} are in ${zip.state}`);
    c.state = zip.state;
    return;
  }
  const zipsInState = key ? dir.zipsForPlace(key, c.state) : [];
  f.error(
    'ZIP_STATE_MISMATCH',
    'postal_code',
    `ZIP Code ${zip.zip5} is in ${zip.state}, not ${c.state}`,
    zipsInState.length ? `ZIP Codes of ${c.city}, ${c.state}: ${zipsInState.slice(0, 5).join(', ')}` : undefined,
  );
}

function checkCity(c: UsComponents, zip: UsZipInfo, dir: UsZipDirectory, f: Findings) {
  const preferred = zip.places[0]!;
  if (!c.city) {
    c.city = preferred;
    f.correct('CITY_ADDED', 'city', `city ${preferred} added from ZIP Code ${zip.zip5}`);
    return;
  }
  const key = cityKey(c.city);
  if (zip.places.some((p) => cityKey(p) === key)) return;
  if (c.state !== zip.state) return; // already reported as a ZIP/state mismatch
  let best: { place: string; d: number } | undefined;
  for (const p of zip.places) {
    const d = editDistance(key, cityKey(p), 2);
    if (d <= (key.length <= 6 ? 1 : 2) && (!best || d < best.d)) best = { place: p, d };
  }
  // A nickname of the state's big city (NYC, PHILLY) is the ZIP's own name written short.
  if (!best && CITY_NICKNAMES.get(c.city) === zip.state) best = { place: preferred, d: 0 };
  // So is the start of one of its names ("PHILA", "WASH"), four letters or more.
  if (!best && /^[A-Z]{4,}$/.test(key)) {
    const starts = zip.places.filter((p) => cityKey(p).startsWith(key));
    if (starts.length === 1) best = { place: starts[0]!, d: 0 };
  }
  if (best) {
    f.correct('CITY_CORRECTED', 'city', `city "${c.city}" corrected to ${best.place} (ZIP Code ${zip.zip5})`);
    c.city = best.place;
    return;
  }
  // A place whose own ZIPs, or whose centroid (a town sharing the ZIP of a larger neighbour:
  // LIGHTHOUSE POINT in POMPANO BEACH's 33064), lie near this ZIP.
  const near =
    dir.zipsForPlace(key, zip.state).some((z) => {
      const other = dir.lookup(z);
      return other !== undefined && distanceKm(other, zip) <= NEARBY_CITY_KM;
    }) || dir.placeCentroids(key, zip.state).some((p) => distanceKm(p, zip) <= NEARBY_CITY_KM);
  if (near) {
    f.info('CITY_NOT_PREFERRED', 'city', `${c.city} is a neighbouring place name; USPS's name for ${zip.zip5} is ${preferred}`);
    return;
  }
  f.warn('CITY_ZIP_MISMATCH', 'city', `${c.city} is not a place name of ZIP Code ${zip.zip5} (${zip.places.join(', ')})`, preferred);
}

function checkMilitaryAndTerritory(c: UsComponents, zip: UsZipInfo, f: Findings) {
  const militaryState = c.state !== null && MILITARY_STATES.has(c.state);
  const militaryCity = c.city !== null && MILITARY_CITIES.has(c.city);
  if (militaryState || militaryCity || zip.military) {
    if (militaryState !== militaryCity) {
      f.error('MILITARY_CITY_STATE', militaryState ? 'city' : 'state', 'military mail needs APO, FPO or DPO as the city and AA, AE or AP as the state');
    } else if (c.street_name && !c.military) {
      f.warn('MILITARY_STREET', 'line1', 'military addresses use PSC, CMR or UNIT with a box, not a street');
    } else {
      f.info('MILITARY', 'line1', 'military (APO/FPO/DPO) address: USPS only, customs form required');
    }
  }
  if (c.state && TERRITORIES.has(c.state)) {
    // The freely associated states (Micronesia, the Marshall Islands, Palau) are no territories:
    // USPS serves them at domestic rates, but with a customs form.
    f.info(
      'US_TERRITORY',
      'state',
      FREELY_ASSOCIATED.has(c.state)
        ? `${STATE_NAMES.get(c.state)} is a freely associated state: USPS delivers at domestic rates with a customs form; other carriers treat it as international`
        : `${STATE_NAMES.get(c.state)} is a US territory: domestic USPS rates, but some carriers treat it as international`,
    );
  }
}

/** Great-circle distance in km between two ZIP centroids. */
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
