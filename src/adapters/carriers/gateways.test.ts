import { expect, test } from 'vitest';
import { SecretBox } from '../../kernel/secret-box.js';
import type { LabelRequest, ShipmentRepo } from '../../shipments/ports.js';
import { CarrierGateways } from './gateways.js';

/** Only what account resolution and number allocation use. */
function memoryRepo(): ShipmentRepo {
  const next = new Map<string, number>();
  return {
    accountFor: async () => undefined,
    allocateSerials: async (_t: string, key: string, count: number, range: { first: number; last: number }) => {
      const start = next.get(key) ?? range.first;
      next.set(key, start + count);
      return start + count - 1 > range.last ? null : Array.from({ length: count }, (_, k) => start + k);
    },
  } as unknown as ShipmentRepo;
}

const address = { name: 'Ana', company: null, line1: '1 Main St', line2: null, line3: null, city: 'Boston', state: 'MA', postal_code: '02108', country: 'US', phone: null, tax_id: null, email: null, residential: true, latitude: null, longitude: null };
const req = (service: string): LabelRequest => ({
  idempotencyKey: 'k', shipmentId: 's', reference: 'r', carrier: 'x', service, shipFrom: address, shipTo: address,
  packages: [{ weight: { value: 1, unit: 'lb' }, dimensions: null }], options: { signature: null, insured_value: null, cod: null }, quoted: { amount: 500, currency: 'USD' },
});

test('sample accounts: SAMPLE labels, and no two carriers ever print the same number', async () => {
  const g = new CarrierGateways(memoryRepo(), async () => SecretBox.fromSecret('x'));
  const seen = new Set<string>();
  for (const carrier of ['metro', 'ltl', 'fedex', 'ontrac', 'metro', 'ups', 'usps', 'ups']) {
    const { gateway, sample, accountId } = await g.for('ten_1', carrier);
    expect(sample).toBe(true);
    expect(accountId).toBeNull();
    const label = await gateway.createLabel(req('ground'));
    expect(label.sample).toBe(true);
    expect(label.cost).toEqual({ amount: 500, currency: 'USD' });
    for (const tn of label.trackingNumbers) {
      expect(seen.has(tn), tn).toBe(false);
      seen.add(tn);
    }
  }
});

test('a shipment whose account is gone gets a clear configuration error', async () => {
  const g = new CarrierGateways(memoryRepo(), async () => SecretBox.fromSecret('x'));
  await expect(g.for('ten_1', 'ups', 'ca_gone')).rejects.toMatchObject({ code: 'CONFIGURATION', retryable: false });
});

test('secrets: sealed values open with the same key only', () => {
  const a = SecretBox.fromSecret('one');
  const sealed = a.seal('client-secret');
  expect(sealed).not.toContain('client-secret');
  expect(a.open(sealed)).toBe('client-secret');
  expect(() => SecretBox.fromSecret('two').open(sealed)).toThrow(/cannot be decrypted/);
});
