import { SAMPLES } from '../rating/card-import.js';
import { compileCard } from '../rating/quote.js';
import type { DecideInput } from './decide.js';
import { routingConfigSchema } from './routing-config.schema.js';

/** Unit tests' order: a 2 lb mug from Ontario CA to Chicago 60614 (zone 7), the sample cards, default policy. */
const cards = SAMPLES.map(compileCard);

export function decideInputFor(over: Partial<DecideInput> = {}, facts: Partial<DecideInput['facts']> = {}): DecideInput {
  const base: DecideInput = {
    orderId: 'ord_1',
    facts: { country: 'US', state: 'IL', zip: '60614', weightLb: 2, longestIn: 10, value: 5000, flags: [], channel: 'shopify', tags: [], customerType: 'b2c', residential: true, remote: false, poBox: false, military: false, ...facts },
    preference: null,
    customerType: 'b2c',
    serviceLevel: 'standard',
    value: 5000,
    currency: 'USD',
    cod: false,
    battery: false,
    hazmat: false,
    signatureFromCatalog: false,
    readyAt: '2026-06-02T15:00:00Z',
    address: { zip: '60614', state: 'IL', residential: true, region: 'urban', poBox: false, military: false },
    packages: [{ weight: { value: 2, unit: 'lb' }, dimensions: { length: 10, width: 8, height: 6, unit: 'in' }, size: { weightLb: 2, sidesIn: [10, 8, 6] } }],
    originZip: '91761',
    warehouse: { timezone: 'America/Los_Angeles', operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'], pickup_cutoffs: [], has_dock: true },
    cards,
    zoneFor: () => ({ zone: '7', source: 'given' }),
    points: [],
    config: routingConfigSchema.parse({}),
  };
  return { ...base, ...over };
}
