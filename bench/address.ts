/**
 * Address throughput on one core: parse + standardize + validate + classify.
 *   npm run bench:address [-- --count 200000]
 * Inputs: a generated mix of free-text and structured US addresses built from real ZIP/place
 * pairs (clean, lower case, misspelled city, wrong state, PO box, military, unit, highway), plus
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

const ZIPS = ['10001', '60614', '60540', '30303', '94103', '98101', '02108', '33130', '75201', '80202', '59715', '84532', '20500', '60622', '90012', '77002', '85004', '19103', '97205', '55401'];
const places = ZIPS.map((z) => ({ zip: z, info: dir.lookup(z)! }));
const STREETS = ['Main St', 'Oak Avenue', 'N Maple Dr', 'Cedar Ln', 'Park Ave S', 'W Madison Street', 'Lake Shore Drive', 'Hwy 61 N', 'E 14th St', 'Riverside Dr', 'Peachtree Rd NE', 'County Road 12', 'Old Mill Road', 'Sunset Blvd'];
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
