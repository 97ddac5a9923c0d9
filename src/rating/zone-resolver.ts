import type { UsZipDirectory } from '../addresses/ports.js';
import { weightIn } from './billable.js';
import type { RateCard } from './rate-card.schema.js';
import type { Shipment } from './shipment.js';
import type { StoredZoneChart } from './ports.js';
import { chartZone, distanceMiles, zoneForDistance, type ZoneAnswer, type ZoneChart } from './zones.js';

const ZONE9 = new Set(['GU', 'AS', 'MP', 'FM', 'MH', 'PW']);

/** Chart versions grouped for lookups: code -> origin -> versions, newest first. */
export class ZoneBook {
  private readonly byCode = new Map<string, Map<string, ZoneChart[]>>();

  constructor(charts: readonly StoredZoneChart[]) {
    for (const c of charts) {
      const origins = this.byCode.get(c.code) ?? new Map<string, ZoneChart[]>();
      const list = origins.get(c.origin) ?? [];
      list.push({ code: c.code, effectiveFrom: c.effective_from, origins: new Map([[c.origin, c.chart]]) });
      list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
      origins.set(c.origin, list);
      this.byCode.set(c.code, origins);
    }
  }

  /** The chart of a family in force on a date for an origin ZIP3. */
  chart(code: string, origin: string, date: string): ZoneChart | undefined {
    return this.byCode.get(code)?.get(origin)?.find((c) => c.effectiveFrom <= date);
  }

  /** Whether any of the tenant's charts lists the destination ZIP (its ZIP3 row or a 5-digit exception). */
  lists(destZip: string): boolean {
    const z5 = Number(destZip.slice(0, 5));
    const z3 = Number(destZip.slice(0, 3));
    for (const origins of this.byCode.values()) {
      for (const versions of origins.values()) {
        for (const v of versions) {
          for (const c of v.origins.values()) {
            if (c.zip5.some((e) => z5 >= e.from && z5 <= e.to) || c.zip3.some((r) => z3 >= r.from && z3 <= r.to)) return true;
          }
        }
      }
    }
    return false;
  }

  get size(): number {
    return this.byCode.size;
  }
}

/**
 * The zone for a card and shipment: a given zone (what-if), the card's chart family for the
 * origin, or an estimate from the distance between ZIP3 centroids (said so in the quote).
 */
export function resolveZone(card: RateCard, s: Shipment, date: string, book: ZoneBook, dir: UsZipDirectory | undefined, given?: string): ZoneAnswer {
  if (given) return { zone: String(Number(given)), source: 'given' };
  const origin = s.originZip.slice(0, 3);
  const chart = book.chart(card.zones.chart, origin, date);
  if (chart) {
    const zone = chartZone(chart, { originZip: s.originZip, destZip: s.destZip, service: card.zones.mail_service, weightOz: weightIn(s.weight, 'oz') });
    if (zone) return { zone, source: 'chart' };
  }
  return estimateZone(s, dir, chart ? `the ${card.zones.chart} chart for ${origin} does not list ${s.destZip.slice(0, 5)}` : `no ${card.zones.chart} zone chart for origin ${origin}`);
}

function estimateZone(s: Shipment, dir: UsZipDirectory | undefined, why: string): ZoneAnswer {
  const dest = dir?.zip3Centroid(s.destZip.slice(0, 3));
  const state = s.destState ?? dest?.state;
  if (state && ZONE9.has(state)) return { zone: '9', source: 'estimated', note: `zone 9 (US territory) estimated: ${why}` };
  const from = dir?.zip3Centroid(s.originZip.slice(0, 3));
  if (!from || !dest) return { zone: '8', source: 'estimated', note: `zone 8 assumed: ${why}, and no centroid for ${!from ? s.originZip.slice(0, 3) : s.destZip.slice(0, 3)}` };
  const miles = distanceMiles(from, dest);
  return { zone: zoneForDistance(miles), source: 'estimated', note: `zone estimated from ${Math.round(miles)} miles between ZIP3 centroids: ${why}` };
}
