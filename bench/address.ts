/**
 * Address throughput on one core: parse + standardize + validate + classify.
 *   npm run bench:address [-- --count 200000]
 * Inputs: a generated mix of free-text and structured US addresses built from ~5,900 real
 * ZIP/place pairs and ~600 street names (clean, lower case, misspelled city, wrong state, PO box, military, unit, highway), plus
 * a few international ones. Prints addresses per second and the verdict mix.
 */
import { parseArgs } from 'node:util';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import { validateAddress, type AddressValidationInput } from '../src/addresses/validate.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '200000' } } });
const count = Number(values.count);

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;

const t0 = performance.now();
const dir = await loadUsZipDirectory();
const loadMs = performance.now() - t0;

// Real ZIPs spread over the country (every 7th that exists: ~5,900 places, so that caches meet
// the variety of real order books), and street names built from common name words and types.
const ZIPS: string[] = [];
for (let z = 501, n = 0; z <= 99950; z++) {
  const zip = String(z).padStart(5, '0');
  if (dir.lookup(zip) && n++ % 7 === 0) ZIPS.push(zip);
}
const places = ZIPS.map((z) => ({ zip: z, info: dir.lookup(z)! }));
const NAMES = ['Main', 'Oak', 'Maple', 'Cedar', 'Park', 'Madison', 'Lake Shore', 'Riverside', 'Peachtree', 'Old Mill', 'Sunset', 'Washington', 'Lincoln', 'Jefferson', 'Elm', 'Pine', 'Walnut', 'Chestnut', 'Highland', 'Franklin', 'Church', 'Mill', 'Spring', 'Ridge', 'Valley View', 'Forest', 'Meadow', 'Hillcrest', 'Cherry', 'Willow', 'Dogwood', 'Magnolia', 'Sycamore', 'Jackson', 'Adams', 'Monroe', 'Wilson', 'Center', 'School', 'Martin Luther King Jr', 'Country Club', 'Orchard', 'Prospect', 'Union', 'Broad', 'Market', 'Water', 'Bridge', 'Front', 'High', '14th', '2nd', '5th', '21st', '103rd'];
const TYPES = ['St', 'Street', 'Ave', 'Avenue', 'Dr', 'Drive', 'Ln', 'Rd', 'Road', 'Blvd', 'Ct', 'Way', 'Pl', 'Cir', 'Ter', 'Pkwy', 'Trl'];
const DIRS = ['', '', '', '', 'N ', 'S ', 'E ', 'W ', 'North '];
const POST = ['', '', '', '', '', ' NE', ' SW', ' N'];
const STREETS = [
  ...Array.from({ length: 600 }, (_, i) => `${DIRS[i % DIRS.length]}${NAMES[i % NAMES.length]} ${TYPES[(i * 7) % TYPES.length]}${POST[(i * 3) % POST.length]}`),
  'Hwy 61 N', 'County Road 12', 'State Route 9', 'US Highway 41',
];
const UNITS = ['', '', '', 'Apt 4B', 'Suite 200', '# 12', 'Unit 5', 'Fl 3'];

function make(i: number): AddressValidationInput {
  const p = pick(places);
  const city = p.info.places[0]!;
  const n = 1 + Math.floor(rnd() * 9000);
  const street = pick(STREETS);
  const unit = pick(UNITS);
  switch (i % 10) {
    case 0: return `${n} ${street} ${unit}, ${city}, ${p.info.state} ${p.zip}`;
    case 1: return `${n} ${street.toLowerCase()} ${unit.toLowerCase()} ${city.toLowerCase()} ${p.info.state.toLowerCase()} ${p.zip}`;
    case 2: return `${n} ${street}, ${city.slice(0, -1)}, ${p.info.state} ${p.zip}`;
    case 3: return { line1: `${n} ${street}`, line2: unit || null, city, state: p.info.state === 'IL' ? 'WI' : p.info.state, postal_code: p.zip };
    case 4: return `PO Box ${n}, ${city}, ${p.info.state} ${p.zip}-1234`;
    case 5: return 'PSC 1234 BOX 5678 APO AE 09012';
    case 6: return { name: 'Ana', company: i % 20 === 6 ? 'Acme Inc' : null, line1: `${n} ${street}`, line2: unit || null, city, state: p.info.state, postal_code: p.zip, country: 'US', phone: '+13125550142' };
    case 7: return { line1: `${n} High Street`, city: 'London', postal_code: 'SW1A 2AA', country: 'GB', phone: '020 7946 0018' };
    case 8: return `Acme Corp ${n} ${street} Ste ${n % 900}, ${city} ${p.info.state} ${p.zip}`;
    default: return `${n} ${street}, ${p.zip}`;
  }
}

const inputs = Array.from({ length: count }, (_, i) => make(i));
// Warm up the JIT, then time one pass on this (single) thread.
for (let i = 0; i < 5000; i++) validateAddress(inputs[i % inputs.length]!, dir);
const verdicts: Record<string, number> = {};
const start = performance.now();
for (const input of inputs) {
  const r = validateAddress(input, dir);
  verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
}
const seconds = (performance.now() - start) / 1000;
console.log(`reference data load: ${(loadMs / 1000).toFixed(2)} s, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
console.log(`verdicts: ${JSON.stringify(verdicts)}`);
console.log(`addresses: ${count}, ${seconds.toFixed(2)} s, ${Math.round(count / seconds)} addresses/s on one core`);
