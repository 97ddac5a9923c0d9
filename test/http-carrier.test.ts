import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpCarrier } from '../src/adapters/carriers/http-carrier.js';
import { SandboxCarrier } from '../src/adapters/carriers/sandbox-carrier.js';
import { CarrierError, type LabelRequest } from '../src/shipments/ports.js';

const address = { name: 'Ana', company: null, line1: '12 Beacon St', line2: null, line3: null, city: 'Boston', state: 'MA', postal_code: '02108', country: 'US', phone: null, tax_id: null, email: null, residential: true, latitude: null, longitude: null };
const req = (key: string, packages = 1): LabelRequest => ({
  idempotencyKey: key, shipmentId: 'shp_1', reference: 'R-1', carrier: 'regional', service: 'ground', shipFrom: address, shipTo: address,
  packages: Array.from({ length: packages }, () => ({ weight: { value: 1, unit: 'lb' as const }, dimensions: null })), options: { signature: null, insured_value: null, cod: null }, quoted: null,
});

describe('the generic HTTP carrier against the sandbox', () => {
  let sandbox: SandboxCarrier;
  let url: string;
  beforeAll(async () => {
    sandbox = new SandboxCarrier({ apiKey: 'k1', oauth: { clientId: 'cid', clientSecret: 'csecret' } });
    url = await sandbox.listen();
  });
  afterAll(() => sandbox.close());

  test('API key: buy, buy again with the same key (same label), look up, track, rate, manifest, void', async () => {
    const c = new HttpCarrier({ baseUrl: url, auth: { type: 'api_key', header: 'authorization', key: 'k1' }, timeoutMs: 2000 });
    const a = await c.createLabel(req('key-1', 2));
    expect(a.trackingNumbers).toHaveLength(2);
    const again = await c.createLabel(req('key-1', 2));
    expect(again).toEqual(a);
    expect(await c.findLabel('key-1')).toEqual(a);
    expect(await c.findLabel('never')).toBeNull();
    expect((await c.track(a.trackingNumbers[0]!))[0]).toMatchObject({ code: 'LABEL_CREATED' });
    expect(await c.rate(req('x'))).toEqual([{ service: 'ground', total: { amount: 799, currency: 'USD' } }]);
    const b = await c.createLabel(req('key-2'));
    const m = await c.manifest([a, b].map((l) => ({ carrierLabelId: l.carrierLabelId, trackingNumbers: l.trackingNumbers })), { warehouseId: 'wh_1', shipDate: '2026-11-23' });
    expect(m.carrierManifestId).toMatch(/^mf_/);
    const d = await c.createLabel(req('key-3'));
    await c.voidLabel(d);
    expect(await c.findLabel('key-3')).toBeNull();
    // A manifested label cannot be voided: the carrier's refusal comes through.
    await expect(c.voidLabel(a)).rejects.toMatchObject({ code: 'CARRIER_REJECTED', retryable: false, carrierMessage: expect.stringContaining('MANIFESTED') });
  });

  test('OAuth2 client credentials: a token is fetched once and reused', async () => {
    const c = new HttpCarrier({ baseUrl: url, auth: { type: 'oauth2', token_url: `${url}/oauth/token`, client_id: 'cid', client_secret: 'csecret' }, timeoutMs: 2000 });
    const before = sandbox.stats.requests;
    await c.createLabel(req('oauth-1'));
    await c.createLabel(req('oauth-2'));
    expect(sandbox.stats.requests - before).toBe(3);
    const bad = new HttpCarrier({ baseUrl: url, auth: { type: 'oauth2', token_url: `${url}/oauth/token`, client_id: 'cid', client_secret: 'nope' }, timeoutMs: 2000 });
    await expect(bad.createLabel(req('oauth-3'))).rejects.toMatchObject({ code: 'CONFIGURATION', retryable: false });
  });

  test('wrong key: a configuration error, not retried; a refused request: rejected with the carrier message', async () => {
    const c = new HttpCarrier({ baseUrl: url, auth: { type: 'api_key', header: 'authorization', key: 'wrong' }, timeoutMs: 2000 });
    await expect(c.createLabel(req('k'))).rejects.toMatchObject({ code: 'CONFIGURATION', retryable: false });
    const ok = new HttpCarrier({ baseUrl: url, auth: { type: 'api_key', header: 'authorization', key: 'k1' }, timeoutMs: 2000 });
    await expect(ok.createLabel({ ...req('k'), shipTo: { ...address, postal_code: null } })).rejects.toMatchObject({ code: 'CARRIER_REJECTED', carrierMessage: expect.stringContaining('postal_code') });
  });

  test('no answer in time is a retryable timeout; an unreachable carrier is retryable too', async () => {
    const slow = new SandboxCarrier({ timeoutRate: 1, hangMs: 5000 });
    const slowUrl = await slow.listen();
    try {
      const c = new HttpCarrier({ baseUrl: slowUrl, auth: { type: 'none' }, timeoutMs: 200 });
      const e = await c.createLabel(req('t')).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CarrierError);
      expect(e).toMatchObject({ code: 'CARRIER_TIMEOUT', retryable: true });
      // The purchase happened all the same: a lookup finds it (what the outbox does next).
      expect(slow.stats.labels_created).toBe(1);
    } finally {
      await slow.close();
    }
    const gone = new HttpCarrier({ baseUrl: 'http://127.0.0.1:9', auth: { type: 'none' }, timeoutMs: 500 });
    await expect(gone.createLabel(req('u'))).rejects.toMatchObject({ code: 'CARRIER_UNAVAILABLE', retryable: true });
  });
});
