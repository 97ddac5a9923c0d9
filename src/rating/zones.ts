/**
 * Zone charts: origin ZIP3 -> destination ZIP3 ranges -> zone, with 5-digit exceptions that may
 * apply to one mail service only. The USPS chart service's JSON and carriers' own CSV tables
 * both become this shape; lookups fall back to distance bands between ZIP3 centroids.
 */
export type MailService = 'priority' | 'ground_advantage';

export interface ZoneRange {
  from: number;
  to: number;
  zone: string;
  /** `*`: origin and destination share a network distribution center. */
  sameNdc: boolean;
}

export interface Zip5Exception {
  from: number;
  to: number;
  zone: string;
  /** Applies only to this mail service (and, for Ground Advantage, only under `maxWeightOz`). */
  service: MailService | null;
  maxWeightOz: number | null;
}

/** One origin's chart. */
export interface OriginChart {
  zip3: ZoneRange[];
  zip5: Zip5Exception[];
}

export interface ZoneChart {
  /** `usps` or a carrier table's code. */
  code: string;
  effectiveFrom: string;
  /** Origin ZIP3 -> its chart. */
  origins: Map<string, OriginChart>;
}

export interface ZoneAnswer {
  zone: string;
  source: 'chart' | 'estimated' | 'given';
  note?: string;
}

/** Parses a zone cell: "2*", "8+", "1*+" -> zone "2" and its marks. */
export function parseZoneCell(cell: string): { zone: string; sameNdc: boolean; exceptions: boolean } | undefined {
  const m = /^\s*(\d{1,2})\s*([*+]*)\s*$/.exec(cell);
  if (!m) return undefined;
  return { zone: String(Number(m[1])), sameNdc: m[2]!.includes('*'), exceptions: m[2]!.includes('+') };
}

/** "006---009", "005", "09000---09999" -> [from, to]. */
export function parseZipRange(text: string): [number, number] | undefined {
  const m = /^\s*(\d{3}|\d{5})\s*(?:-+\s*(\d{3}|\d{5}))?\s*$/.exec(text);
  if (!m || (m[2] && m[2].length !== m[1]!.length)) return undefined;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return from <= to ? [from, to] : undefined;
}

/** "Priority Mail service", "USPS Ground Advantage (< 16 oz.)" -> the service and its weight limit. */
export function parseMailService(text: string): { service: MailService | null; maxWeightOz: number | null } {
  const t = text.trim().toLowerCase();
  if (t === '') return { service: null, maxWeightOz: null };
  const oz = /<\s*(\d+(?:\.\d+)?)\s*oz/.exec(t);
  if (t.includes('priority')) return { service: 'priority', maxWeightOz: oz ? Number(oz[1]) : null };
  if (t.includes('ground advantage') || t.includes('first-class') || t.includes('first class')) {
    return { service: 'ground_advantage', maxWeightOz: oz ? Number(oz[1]) : null };
  }
  return { service: null, maxWeightOz: null };
}

function find<T extends { from: number; to: number }>(list: readonly T[], key: number): T | undefined {
  // Charts hold a few hundred sorted ranges: binary search.
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid]!;
    if (key < r.from) hi = mid - 1;
    else if (key > r.to) lo = mid + 1;
    else return r;
  }
  return undefined;
}

export interface ZoneQuery {
  originZip: string;
  destZip: string;
  service?: MailService;
  weightOz?: number;
}

/**
 * The chart's zone for a pair, or undefined when the chart does not cover the origin or the
 * destination. A service-specific 5-digit exception wins over a general one, which wins over
 * the ZIP3 row.
 */
export function chartZone(chart: ZoneChart, q: ZoneQuery): string | undefined {
  const origin = chart.origins.get(q.originZip.slice(0, 3));
  if (!origin) return undefined;
  const dest5 = Number(q.destZip.slice(0, 5));
  let general: Zip5Exception | undefined;
  for (const e of origin.zip5) {
    if (dest5 < e.from || dest5 > e.to) continue;
    if (e.service === null) {
      general ??= e;
      continue;
    }
    if (e.service !== q.service) continue;
    if (e.maxWeightOz !== null && !(q.weightOz !== undefined && q.weightOz < e.maxWeightOz)) continue;
    return e.zone;
  }
  if (general) return general.zone;
  return find(origin.zip3, Number(q.destZip.slice(0, 3)))?.zone;
}

/** USPS distance bands (miles between ZIP3 centroids). */
const BANDS: [maxMiles: number, zone: string][] = [
  [50, '1'], [150, '2'], [300, '3'], [600, '4'], [1000, '5'], [1400, '6'], [1800, '7'],
];

export function zoneForDistance(miles: number): string {
  for (const [max, zone] of BANDS) if (miles <= max) return zone;
  return '8';
}

/** Great-circle distance in miles. */
export function distanceMiles(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.sqrt(h));
}
