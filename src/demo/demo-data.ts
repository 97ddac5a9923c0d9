import type { SkuCreate } from '../catalog/sku.schema.js';
import type { OrderCreateInput } from '../orders/order.schema.js';
import type { WarehouseCreate } from '../warehouses/warehouse.schema.js';
import { seededRandom } from '../kernel/random.js';

/**
 * Demo data for `serve --demo`: a seller with two US warehouses, a catalog from phone cases to
 * sofas, and orders across channels. Deterministic for a seed. Streets and people are invented;
 * the city / state / ZIP combinations are real so later address checks have something true to
 * check.
 */

const rng = seededRandom;

export const DEMO_WAREHOUSES: WarehouseCreate[] = [
  {
    code: 'ONT1',
    name: 'Ontario CA fulfillment center (demo)',
    address: { name: null, company: 'Demo Goods Co.', line1: '4100 E Mission Blvd', line2: null, line3: null, city: 'Ontario', state: 'CA', postal_code: '91761', country: 'US', phone: '+19095550100', tax_id: null, email: null, residential: false, latitude: null, longitude: null },
    timezone: 'America/Los_Angeles',
    operating_days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
    pickup_cutoffs: [{ carrier: 'ups', cutoff: '17:00' }, { carrier: 'usps', cutoff: '15:30' }, { carrier: '*', cutoff: '16:00' }],
    has_dock: true,
    has_liftgate: true,
    fleet: {
      vehicle_types: [
        {
          code: 'BOX26', name: "26 ft box truck, liftgate, two-person crew", count: 3,
          capacity: { weight: { value: 10000, unit: 'lb' }, volume_m3: 45, pallets: 12 },
          shift: { start: '07:00', end: '19:00' }, max_duration_hours: 11, skills: ['liftgate', 'two_person'],
          fixed_cost: { amount: 25000, currency: 'USD' }, cost_per_km: { amount: 150, currency: 'USD' },
        },
        {
          code: 'SPRINTER', name: 'Cargo van, one driver', count: 2,
          capacity: { weight: { value: 3500, unit: 'lb' }, volume_m3: 12, pallets: 3 },
          shift: { start: '08:00', end: '18:00' }, max_duration_hours: 10, skills: [],
          fixed_cost: { amount: 12000, currency: 'USD' }, cost_per_km: { amount: 80, currency: 'USD' },
        },
      ],
    },
    boxes: demoBoxes(),
  },
  {
    code: 'EWR1',
    name: 'Edison NJ warehouse (demo)',
    address: { name: null, company: 'Demo Goods Co.', line1: '300 Raritan Center Pkwy', line2: null, line3: null, city: 'Edison', state: 'NJ', postal_code: '08837', country: 'US', phone: '+17325550100', tax_id: null, email: null, residential: false, latitude: null, longitude: null },
    timezone: 'America/New_York',
    operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    pickup_cutoffs: [{ carrier: 'fedex', cutoff: '18:00' }, { carrier: '*', cutoff: '16:30' }],
    has_dock: true,
    has_liftgate: false,
    fleet: {
      vehicle_types: [
        {
          code: 'BOX20', name: '20 ft box truck, liftgate, two-person crew', count: 2,
          capacity: { weight: { value: 7000, unit: 'lb' }, volume_m3: 30, pallets: 8 },
          shift: { start: '07:00', end: '18:00' }, max_duration_hours: 10, skills: ['liftgate', 'two_person'],
          fixed_cost: { amount: 22000, currency: 'USD' }, cost_per_km: { amount: 140, currency: 'USD' },
        },
      ],
    },
    boxes: demoBoxes(),
  },
];

/** A small stock of cartons and mailers, as many warehouses keep. */
function demoBoxes(): WarehouseCreate['boxes'] {
  const carton = (id: string, l: number, w: number, h: number, cents: number, maxLb = 65) => ({
    id, name: `${l}×${w}×${h} in carton`, type: 'box' as const, inner: { length: l, width: w, height: h, unit: 'in' as const }, outer: null,
    tare_weight: { value: Math.round((0.15 + (l * w * h) / 4000) * 100) / 100, unit: 'lb' as const }, max_weight: { value: maxLb, unit: 'lb' as const },
    cost: { amount: cents, currency: 'USD' }, available: true,
  });
  return [
    { id: 'MAILER-S', name: '10×13 in poly mailer', type: 'poly_mailer', inner: { length: 12, width: 9, height: 2, unit: 'in' }, outer: null, tare_weight: { value: 0.05, unit: 'lb' }, max_weight: { value: 4, unit: 'lb' }, cost: { amount: 18, currency: 'USD' }, available: true },
    carton('BOX-6', 6, 4, 4, 35), carton('BOX-8', 8, 6, 4, 42), carton('BOX-10', 10, 8, 6, 58), carton('BOX-12', 12, 10, 8, 79),
    carton('BOX-14', 14, 12, 10, 105), carton('BOX-18', 18, 14, 8, 128), carton('BOX-20', 20, 16, 12, 165), carton('BOX-24', 24, 18, 18, 240),
    carton('BOX-28', 28, 8, 8, 150),
  ];
}

type S = [sku: string, name: string, lb: number, dims: [number, number, number], cents: number, flags: SkuCreate['flags'], hs: string];
const SKUS: S[] = [
  ['CASE-IP15', 'Phone case, clear', 0.12, [7, 4, 1], 1999, [], '420232'],
  ['CBL-USBC-2M', 'USB-C cable 2 m', 0.2, [6, 4, 1], 1299, [], '854442'],
  ['PB-20K', 'Power bank 20,000 mAh', 0.95, [7, 4, 2], 3999, ['battery'], '850760'],
  ['SPK-BT-MINI', 'Bluetooth speaker, mini', 1.1, [6, 6, 4], 4999, ['battery'], '851822'],
  ['EARB-PRO', 'Wireless earbuds', 0.3, [4, 4, 2], 7999, ['battery'], '851830'],
  ['PERF-50ML', 'Eau de parfum 50 ml', 0.6, [5, 4, 3], 6500, ['liquid', 'fragile'], '330300'],
  ['SERUM-30', 'Face serum 30 ml', 0.25, [5, 2, 2], 2800, ['liquid'], '330499'],
  ['MUG-SET4', 'Ceramic mug set of 4', 4.2, [12, 10, 6], 3499, ['fragile'], '691200'],
  ['TSHIRT-M', 'Cotton T-shirt, M', 0.4, [10, 8, 1], 1800, [], '610910'],
  ['HOODIE-L', 'Fleece hoodie, L', 1.4, [14, 12, 3], 4500, [], '611020'],
  ['SNKR-42', 'Running shoes, EU 42', 2.3, [13, 9, 5], 8900, [], '640411'],
  ['YOGA-MAT', 'Yoga mat 6 mm', 2.8, [26, 6, 6], 3200, [], '950691'],
  ['LAMP-DESK', 'LED desk lamp', 2.5, [18, 8, 6], 3999, [], '940520'],
  ['KETTLE-EL', 'Electric kettle 1.7 l', 3.1, [10, 9, 9], 3499, [], '851610'],
  ['AIRFRY-6Q', 'Air fryer 6 qt', 12.5, [16, 14, 14], 8999, [], '851660'],
  ['VAC-ROBOT', 'Robot vacuum', 9.5, [17, 17, 6], 22900, ['battery'], '850810'],
  ['CHAIR-OFF', 'Ergonomic office chair', 45, [28, 26, 14], 24900, [], '940130'],
  ['DESK-STAND', 'Standing desk frame', 62, [48, 12, 8], 32900, [], '940320'],
  ['TV-65', '65-inch 4K television', 55, [62, 8, 38], 69900, ['fragile', 'requires_signature'], '852872'],
  ['SOFA-3S', 'Three-seat sofa', 300, [84, 38, 34], 129900, ['ships_alone'], '940161'],
  ['TREAD-X1', 'Folding treadmill', 250, [70, 32, 12], 89900, ['ships_alone'], '950611'],
  ['MATT-Q', 'Queen memory-foam mattress (rolled)', 68, [42, 17, 17], 49900, ['ships_alone'], '940421'],
  ['BIKE-E', 'Electric bicycle', 62, [58, 11, 31], 119900, ['battery', 'hazmat', 'ships_alone'], '871160'],
  ['GRILL-GAS', 'Gas grill, 3 burner', 95, [46, 24, 22], 39900, [], '732111'],
];

export function demoSkus(): SkuCreate[] {
  return SKUS.map(([sku, name, lb, [l, w, h], cents, flags, hs]) => ({
    sku,
    name,
    weight: { value: lb, unit: 'lb' },
    dimensions: { length: l, width: w, height: h, unit: 'in' },
    declared_value: { amount: cents, currency: 'USD' },
    hs_code: hs,
    country_of_origin: 'CN',
    flags,
  }));
}

// Real city / state / ZIP triples, urban to rural, plus the outliers sellers meet.
const PLACES: [city: string, state: string, zip: string][] = [
  ['New York', 'NY', '10001'], ['Brooklyn', 'NY', '11215'], ['Chicago', 'IL', '60614'], ['Houston', 'TX', '77002'],
  ['Phoenix', 'AZ', '85004'], ['Philadelphia', 'PA', '19103'], ['San Antonio', 'TX', '78205'], ['San Diego', 'CA', '92101'],
  ['Dallas', 'TX', '75201'], ['Austin', 'TX', '78701'], ['San Jose', 'CA', '95113'], ['Seattle', 'WA', '98101'],
  ['Denver', 'CO', '80202'], ['Boston', 'MA', '02116'], ['Atlanta', 'GA', '30303'], ['Miami', 'FL', '33130'],
  ['Los Angeles', 'CA', '90012'], ['San Francisco', 'CA', '94103'], ['Portland', 'OR', '97205'], ['Minneapolis', 'MN', '55401'],
  ['Naperville', 'IL', '60540'], ['Plano', 'TX', '75024'], ['Irvine', 'CA', '92618'], ['Cary', 'NC', '27513'],
  ['Scottsdale', 'AZ', '85251'], ['Bellevue', 'WA', '98004'], ['Edison', 'NJ', '08817'], ['Columbus', 'OH', '43215'],
  ['Bozeman', 'MT', '59715'], ['Laramie', 'WY', '82070'], ['Bar Harbor', 'ME', '04609'], ['Moab', 'UT', '84532'],
  ['Fairbanks', 'AK', '99701'], ['Honolulu', 'HI', '96813'], ['San Juan', 'PR', '00901'], ['Washington', 'DC', '20500'],
];
/**
 * The demo's locker directory: one locker in each of the first 16 (urban) places, half Amazon Hub
 * lockers (any carrier), half UPS Access Points (UPS only). Coordinates are the ZIP's centroid,
 * moved ~400 m: the seed looks them up. Compartments as the operators publish them (cm, kg).
 */
export const DEMO_LOCKERS = PLACES.slice(0, 16).map(([city, state, zip], k) => ({
  id: `demo-locker-${k + 1}`,
  operator: k % 2 === 0 ? 'amazon_hub' : 'ups_access_point',
  carrier: k % 2 === 0 ? null : 'ups',
  name: k % 2 === 0 ? `Amazon Hub Locker ${city}` : `UPS Access Point ${city}`,
  line1: `${200 + k * 7} Main St`,
  city, state, postal_code: zip, country: 'US',
  opening_hours: k % 2 === 0 ? '24/7' : 'Mo-Sa 08:00-20:00',
  compartments: k % 2 === 0
    ? [{ size: 'S', length_cm: 30, width_cm: 42, height_cm: 8, max_weight_kg: 10 }, { size: 'M', length_cm: 30, width_cm: 42, height_cm: 19, max_weight_kg: 10 }, { size: 'L', length_cm: 38, width_cm: 64, height_cm: 41, max_weight_kg: 25 }]
    : [{ size: 'counter', length_cm: 90, width_cm: 60, height_cm: 60, max_weight_kg: 30 }],
}));
const lockerAt = (zip: string) => DEMO_LOCKERS.find((l) => l.postal_code === zip)?.id;

// Truck deliveries (large items) go to the metro areas around each warehouse.
const LOCAL: Record<string, [city: string, state: string, zip: string][]> = {
  ONT1: [
    ['Los Angeles', 'CA', '90012'], ['Irvine', 'CA', '92618'], ['Riverside', 'CA', '92501'], ['Pasadena', 'CA', '91101'],
    ['Long Beach', 'CA', '90802'], ['Anaheim', 'CA', '92805'], ['Corona', 'CA', '92879'], ['Pomona', 'CA', '91766'],
  ],
  EWR1: [
    ['New York', 'NY', '10001'], ['Brooklyn', 'NY', '11215'], ['Newark', 'NJ', '07102'], ['Jersey City', 'NJ', '07302'],
    ['New Brunswick', 'NJ', '08901'], ['Princeton', 'NJ', '08540'], ['Trenton', 'NJ', '08608'], ['Staten Island', 'NY', '10301'],
  ],
};
const AREA_CODES: Record<string, string> = {
  NY: '212', IL: '312', TX: '713', AZ: '602', PA: '215', CA: '213', WA: '206', CO: '303', MA: '617', GA: '404', FL: '305',
  OR: '503', MN: '612', NC: '919', NJ: '201', OH: '614', MT: '406', WY: '307', ME: '207', UT: '435', AK: '907', HI: '808',
  PR: '787', DC: '202',
};
const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Park Ave', 'Elm St', 'Washington Blvd', 'Lake Shore Dr', 'Pine St', 'Hillcrest Rd', 'Sunset Blvd', 'Broadway', 'N 3rd St', 'W Madison St', 'E 14th St', 'Riverside Dr'];
const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Wei', 'Priya', 'Hiro', 'Fatima', 'Lucas', 'Mia', 'Ethan', 'Camila', 'Minh', 'Aisha', 'Diego', 'Grace', 'Omar'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Nguyen', 'Chen', 'Patel', 'Kim', 'Rodriguez', 'Martinez', 'Brown', 'Lee', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Tanaka'];
const COMPANIES = ['Blue Harbor Dental', 'Summit Coworking', 'Northwind Traders', 'Greenleaf Cafe', 'Apex Physical Therapy'];
const CHANNELS = ['shopify', 'shopify', 'shopify', 'amazon', 'amazon', 'tiktok', 'woocommerce', 'api'];

export function demoOrders(count: number, seed = 42): OrderCreateInput[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const skus = demoSkus();
  const small = skus.filter((s) => s.weight.value < 20);
  const large = skus.filter((s) => s.weight.value >= 40);
  const out: OrderCreateInput[] = [];
  const start = Date.parse('2026-11-01T08:00:00Z');
  for (let i = 0; i < count; i++) {
    const bigOrder = r() < 0.08;
    const truckFrom = bigOrder ? (r() < 0.5 ? 'ONT1' : 'EWR1') : undefined;
    const [city, state, zip] = truckFrom ? pick(LOCAL[truckFrom]!) : pick(PLACES);
    const b2b = r() < 0.1;
    const person = `${pick(FIRST)} ${pick(LAST)}`;
    const kind = r();
    let line1 = `${100 + Math.floor(r() * 9800)} ${pick(STREETS)}`;
    let line2: string | null = r() < 0.25 ? `Apt ${1 + Math.floor(r() * 40)}${pick(['A', 'B', 'C', ''])}` : null;
    if (kind < 0.03) [line1, line2] = [`PO Box ${100 + Math.floor(r() * 9000)}`, null];
    const lineCount = bigOrder ? 1 : 1 + Math.floor(r() * r() * 4);
    const chosen = new Map<string, number>();
    for (let k = 0; k < lineCount; k++) {
      const s = bigOrder ? pick(large) : pick(small);
      chosen.set(s.sku, (chosen.get(s.sku) ?? 0) + (bigOrder ? 1 : 1 + Math.floor(r() * r() * 3)));
    }
    const lines = [...chosen].map(([sku, quantity]) => {
      const s = skus.find((x) => x.sku === sku)!;
      return { sku, name: s.name, quantity, unit_price: s.declared_value };
    });
    const value = lines.reduce((t, l) => t + l.unit_price!.amount * l.quantity, 0);
    const channel = pick(CHANNELS);
    const prefRoll = r();
    const delivery_preference = bigOrder
      ? { type: 'truck_appointment' as const, window: null, accessorials: r() < 0.5 ? (['liftgate', 'room_of_choice'] as const) : (['curbside'] as const) }
      : prefRoll < 0.07 && !b2b && lockerAt(zip) ? { type: 'pickup_point' as const, pickup_point_id: lockerAt(zip)! }
        // Most customers say nothing (the policy may suggest a locker); some ask for home.
        : prefRoll < 0.2 ? { type: 'home' as const } : null;
    const cod = channel === 'tiktok' && r() < 0.3;
    out.push({
      channel,
      external_id: `${channel.toUpperCase().slice(0, 3)}-${100000 + i}`,
      warehouse_id: truckFrom ?? (['CA', 'AZ', 'WA', 'OR', 'TX', 'CO', 'UT', 'MT', 'WY', 'AK', 'HI'].includes(state) ? 'ONT1' : 'EWR1'),
      customer_type: b2b ? 'b2b' : 'b2c',
      ship_to: {
        name: person, company: b2b ? pick(COMPANIES) : null, line1, line2, city, state, postal_code: zip,
        // 555-01xx numbers are reserved for fiction in every area code.
        country: 'US', phone: `+1${AREA_CODES[state] ?? '212'}55501${String(Math.floor(r() * 100)).padStart(2, '0')}`,
        email: `${person.toLowerCase().replace(/\s+/g, '.')}@example.com`,
      },
      lines,
      order_value: { amount: value, currency: 'USD' },
      cod_amount: cod ? { amount: value, currency: 'USD' } : null,
      service_level: r() < 0.12 ? 'expedited' : r() < 0.04 ? 'overnight' : 'standard',
      delivery_preference: delivery_preference as OrderCreateInput['delivery_preference'],
      tags: [...(r() < 0.1 ? ['vip'] : []), ...(r() < 0.08 ? ['gift'] : []), 'demo'],
      placed_at: new Date(start + Math.floor(r() * 20 * 86400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
  return out;
}
