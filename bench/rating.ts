/**
 * Rating throughput: 100,000 generated shipments × every sample service, one core, everything
 * in memory (compiled cards, zone charts, ZIP directory).
 *   npm run bench:rating [-- --shipments 100000]
 * Zones come from the USPS charts in ../shared when present (five origins), else from distance
 * bands; each shipment's zone is resolved once per chart family, inside the timed loop.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { SAMPLES } from '../src/rating/card-import.js';
import { compileCard, type ServiceQuote } from '../src/rating/quote.js';
import type { Shipment } from '../src/rating/shipment.js';
import { parseUspsZoneChart } from '../src/rating/zone-import.js';
import { resolveZone, ZoneBook } from '../src/rating/zone-resolver.js';
import type { StoredZoneChart } from '../src/rating/ports.js';

const { values } = parseArgs({ options: { shipments: { type: 'string', default: '100000' } } });
const N = Number(values.shipments);
const dir = await loadUsZipDirectory();

const chartsDir = new URL('../../shared/data/zones/usps_2024_raw/', import.meta.url).pathname;
const stored: StoredZoneChart[] = existsSync(chartsDir)
  ? readdirSync(chartsDir).filter((f) => f.endsWith('.json')).map((f) => {
      const p = parseUspsZoneChart(JSON.parse(readFileSync(chartsDir + f, 'utf8')));
      return { code: 'usps', origin: p.origin, effective_from: p.effectiveFrom, chart: p.chart };
    })
  : [];
const book = new ZoneBook(stored);
const origins = stored.length ? stored.map((c) => `${c.origin}01`) : ['07001', '30301', '40101', '85001', '94501'];

let seed = 11;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const DESTS = ['10001', '60614', '30303', '94103', '98101', '02108', '33130', '75201', '80202', '59715', '84532', '99501', '96813', '20500', '90012', '77002', '85004', '19103', '97205', '55401', '04609', '82070', '70112', '63105'];
const shipments: Shipment[] = Array.from({ length: N }, () => {
  const dest = DESTS[Math.floor(rnd() * DESTS.length)]!;
  const heavy = rnd() < 0.1;
  const lb = heavy ? 20 + rnd() * 80 : 0.2 + rnd() * 12;
  return {
    originZip: origins[Math.floor(rnd() * origins.length)]!,
    destZip: dest,
    destState: dir.lookup(dest)?.state ?? null,
    residential: rnd() < 0.8,
    weight: { value: Math.round(lb * 100) / 100, unit: 'lb' },
    dimensions: rnd() < 0.9 ? { length: 6 + Math.floor(rnd() * (heavy ? 50 : 18)), width: 4 + Math.floor(rnd() * 14), height: 2 + Math.floor(rnd() * 12), unit: 'in' } : null,
    signature: rnd() < 0.05 ? 'direct' : null,
    declaredValue: rnd() < 0.1 ? Math.floor(rnd() * 100000) : null,
    cod: false,
    nonCartonPackaging: rnd() < 0.02,
    battery: rnd() < 0.1,
    hazmat: false,
    accessorials: new Set(),
    freightClass: null,
  };
});

const cards = SAMPLES.map(compileCard);
// Cards sharing a chart family and mail service share the shipment's zone.
const families = [...new Set(cards.map((c) => `${c.card.zones.chart}/${c.card.zones.mail_service ?? ''}`))];
const familyOf = cards.map((c) => families.indexOf(`${c.card.zones.chart}/${c.card.zones.mail_service ?? ''}`));
const shipDate = '2026-12-01';
const run = () => {
  let eligible = 0;
  let quotes = 0;
  let cents = 0;
  const zones: (ReturnType<typeof resolveZone> | undefined)[] = new Array(families.length);
  for (const s of shipments) {
    zones.fill(undefined);
    for (let k = 0; k < cards.length; k++) {
      const c = cards[k]!;
      const f = familyOf[k]!;
      const z = (zones[f] ??= resolveZone(c.card, s, shipDate, book, dir));
      const q: ServiceQuote = c.quote(s, z, shipDate);
      quotes++;
      if (q.eligible) {
        eligible++;
        cents += q.total;
      }
    }
  }
  return { eligible, quotes, cents };
};

run(); // warm-up
const t0 = performance.now();
const r = run();
const seconds = (performance.now() - t0) / 1000;
console.log(`zone charts: ${stored.length ? `${stored.length} USPS origins from ../shared` : 'none (distance bands)'}; cards: ${cards.length} samples`);
console.log(`shipments: ${N}, service quotes: ${r.quotes} (${r.eligible} eligible, ${r.quotes - r.eligible} with a reason), total ${(r.cents / 100).toFixed(2)} USD`);
console.log(`${seconds.toFixed(3)} s, ${Math.round(r.quotes / seconds).toLocaleString('en-US')} service-quotes/s on one core`);
