/**
 * Conformance: lookups on the USPS zone charts in ../shared/data/zones equal the charts for
 * every origin/destination pair they list, 5-digit and service-specific exceptions included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseUspsZoneChart } from '../src/rating/zone-import.js';
import { chartZone, type ZoneChart } from '../src/rating/zones.js';

const DIR = new URL('../../shared/data/zones/usps_2024_raw/', import.meta.url).pathname;
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.json')) : [];

interface Raw { input: { zipCode3Digit: string }; zip3s: { ZipCodes: string; Zone: string }[]; zip5s: { ZipCodes: string; Zone: string; MailService: string }[] }
const range = (s: string) => s.split(/-+/).map(Number) as [number, number?];

describe.runIf(files.length > 0)('USPS zone charts from ../shared', () => {
  test('there are five origins', () => expect(files).toHaveLength(5));

  test.each(files)('%s: every listed pair, every exception', (file) => {
    const raw = JSON.parse(readFileSync(DIR + file, 'utf8')) as Raw;
    const parsed = parseUspsZoneChart(raw);
    expect(parsed.effectiveFrom).toBe('2024-04-01');
    const chart: ZoneChart = { code: 'usps', effectiveFrom: parsed.effectiveFrom, origins: new Map([[parsed.origin, parsed.chart]]) };
    const origin = `${raw.input.zipCode3Digit}01`;
    const general = raw.zip5s.filter((e) => e.MailService === '').map((e) => ({ r: range(e.ZipCodes), zone: String(Number(e.Zone.replace(/\D/g, ''))) }));
    let pairs = 0;
    for (const row of raw.zip3s) {
      const [from, to = from] = range(row.ZipCodes);
      for (let z3 = from; z3 <= to; z3++) {
        for (const tail of ['00', '50', '99']) {
          const dest = `${String(z3).padStart(3, '0')}${tail}`;
          const exception = general.find((g) => Number(dest) >= g.r[0] && Number(dest) <= (g.r[1] ?? g.r[0]));
          const expected = exception ? exception.zone : String(Number(row.Zone.replace(/\D/g, '')));
          // No service given: the general rows and exceptions apply.
          expect(chartZone(chart, { originZip: origin, destZip: dest }), `${origin} -> ${dest}`).toBe(expected);
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(400);
    // Service-specific 5-digit exceptions: Priority Mail always, Ground Advantage under 16 oz only.
    for (const e of raw.zip5s.filter((x) => x.MailService !== '')) {
      const [lo] = range(e.ZipCodes);
      const dest = String(lo).padStart(5, '0');
      const zone = String(Number(e.Zone.replace(/\D/g, '')));
      const zip3Row = raw.zip3s.find((r) => { const [a, b = a] = range(r.ZipCodes); return Number(dest.slice(0, 3)) >= a && Number(dest.slice(0, 3)) <= b; });
      const zip3Zone = zip3Row ? String(Number(zip3Row.Zone.replace(/\D/g, ''))) : undefined;
      if (e.MailService.startsWith('Priority')) expect(chartZone(chart, { originZip: origin, destZip: dest, service: 'priority' })).toBe(zone);
      else {
        expect(chartZone(chart, { originZip: origin, destZip: dest, service: 'ground_advantage', weightOz: 8 })).toBe(zone);
        expect(chartZone(chart, { originZip: origin, destZip: dest, service: 'ground_advantage', weightOz: 20 })).toBe(zip3Zone);
      }
    }
  });
});
