import type { UsZipInfo } from './ports.js';
import type { UsComponents } from './us/components.js';

export type Region = 'urban' | 'suburban' | 'rural';

export interface Classification {
  /** A hint, not a carrier's verdict: carriers decide residential surcharges from their own data. */
  residential: { value: 'residential' | 'commercial'; confidence: 'high' | 'low'; reasons: string[] };
  region: Region | null;
  density_per_km2: number | null;
  zip3: string | null;
  geocode: { lat: number; lon: number; precision: 'zip_centroid' } | null;
  po_box: boolean;
  general_delivery: boolean;
  military: boolean;
  territory: boolean;
}

/**
 * Population density thresholds (people per km² of the ZIP's tabulation area). 2,000/km²
 * (~5,200/mi²) separates city cores (Chicago 60614: 8,600; downtown Atlanta 30303: 2,200) from
 * suburbs (Naperville 60540: 1,250); below 100/km² (~260/mi²) is countryside (Bozeman 59715: 51).
 * Chosen, not sourced: adjust with carrier data when there is some.
 */
export const URBAN_MIN_DENSITY = 2000;
export const SUBURBAN_MIN_DENSITY = 100;

export function regionForDensity(density: number | null): Region | null {
  if (density === null) return null;
  if (density >= URBAN_MIN_DENSITY) return 'urban';
  if (density >= SUBURBAN_MIN_DENSITY) return 'suburban';
  return 'rural';
}

const BUSINESS_WORDS =
  /\b(INC|LLC|L L C|LTD|LLP|CORP|CORPORATION|CO|COMPANY|GROUP|HOLDINGS|BANK|HOSPITAL|CLINIC|UNIVERSITY|COLLEGE|SCHOOL|CHURCH|AGENCY|ASSOCIATES|PARTNERS|SERVICES|INDUSTRIES|ENTERPRISES|STORE|SHOP|RESTAURANT|HOTEL|OFFICE|DEPT|DEPARTMENT|CENTER|CENTRE|GMBH|SA|SAS|BV|PLC|PTY|KK)\b/;
const COMMERCIAL_UNITS = new Set(['STE', 'FL', 'DEPT', 'OFC', 'RM', 'BLDG', 'PIER', 'HNGR', 'SLIP', 'LBBY']);
const RESIDENTIAL_UNITS = new Set(['APT', 'LOT', 'TRLR', 'SPC', 'PH', 'BSMT', 'UPPR', 'LOWR']);

export interface ClassifyInput {
  company: string | null;
  components: UsComponents | null;
  zip: UsZipInfo | undefined;
  territory: boolean;
}

export function classify(input: ClassifyInput): Classification {
  const c = input.components;
  const reasons: string[] = [];
  let commercial = 0;
  let residential = 0;
  if (input.company) {
    commercial += 2;
    reasons.push('a company name is given');
  }
  const recipient = c?.recipient ?? '';
  if (recipient && BUSINESS_WORDS.test(recipient)) {
    commercial += 2;
    reasons.push(`the first line names a business (${recipient})`);
  }
  if (c?.unit_type && COMMERCIAL_UNITS.has(c.unit_type)) {
    commercial += 1;
    reasons.push(`unit type ${c.unit_type} is typical of offices`);
  }
  if (c?.unit_type && RESIDENTIAL_UNITS.has(c.unit_type)) {
    residential += 1;
    reasons.push(`unit type ${c.unit_type} is typical of homes`);
  }
  if (c?.po_box) {
    residential += 1;
    reasons.push('PO box: carriers rate PO box deliveries as residential');
  }
  if (c?.general_delivery) {
    residential += 1;
    reasons.push('general delivery: held at the post office for the addressee');
  }
  if (c?.rural_route) {
    residential += 1;
    reasons.push('rural route');
  }
  if (c?.military) {
    residential += 1;
    reasons.push('military box');
  }
  const value = commercial > residential ? 'commercial' : 'residential';
  if (commercial === 0 && residential === 0) reasons.push('no business signal: residential by default, as carriers assume');
  const density = input.zip?.densityPerKm2 ?? null;
  return {
    residential: { value, confidence: Math.abs(commercial - residential) >= 2 ? 'high' : 'low', reasons },
    region: regionForDensity(density),
    density_per_km2: density,
    zip3: c?.zip5 && /^\d{5}$/.test(c.zip5) ? c.zip5.slice(0, 3) : null,
    geocode: input.zip && Number.isFinite(input.zip.lat) ? { lat: input.zip.lat, lon: input.zip.lon, precision: 'zip_centroid' } : null,
    po_box: !!c?.po_box,
    general_delivery: !!c?.general_delivery,
    military: !!c?.military || (c?.state !== undefined && c?.state !== null && ['AA', 'AE', 'AP'].includes(c.state)),
    territory: input.territory,
  };
}
