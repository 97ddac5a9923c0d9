import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hasUpsSpec, startUpsMock, type UpsMock } from '../../../../test/helpers/ups-mock.js';
import { UpsClient, upsRates, type UpsRateRequest } from './index.js';

const address = (over: Record<string, unknown> = {}) => ({
  name: 'Ana Garcia', company: null, line1: '12 Beacon St', line2: null, line3: null, city: 'Boston', state: 'MA', postal_code: '02108', country: 'US',
  phone: null, tax_id: null, email: null, residential: true, latitude: null, longitude: null, ...over,
});
const req: UpsRateRequest = {
  shipFrom: address({ name: null, company: 'Acme Fulfilment', line1: '4100 E Mission Blvd', city: 'Ontario', state: 'CA', postal_code: '91761', residential: false }),
  shipTo: address(), packages: [{ weight: { value: 3, unit: 'lb' }, dimensions: { length: 12, width: 10, height: 6, unit: 'in' } }],
};
const account = { shipperNumber: 'A1B2C3', negotiatedRates: true };
const rated = (code: string, total: string) => ({
  Service: { Code: code }, BillingWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: '3.0' },
  TransportationCharges: { CurrencyCode: 'USD', MonetaryValue: total }, ServiceOptionsCharges: { CurrencyCode: 'USD', MonetaryValue: '0.00' },
  TotalCharges: { CurrencyCode: 'USD', MonetaryValue: total }, RatedPackage: [{ Weight: '3.0' }],
});
const SHOP = { status: 200, body: { RateResponse: { Response: { ResponseStatus: { Code: '1', Description: 'Success' } }, RatedShipment: [rated('02', '24.10'), rated('03', '11.35')] } } };

let mock: UpsMock;
let clock = Date.parse('2026-12-07T12:00:00Z');
const client = (over: Partial<ConstructorParameters<typeof UpsClient>[0]> = {}) =>
  new UpsClient({ baseUrl: mock.url, clientId: 'cid', clientSecret: 'csecret', timeoutMs: 1000, now: () => clock, backoffMs: () => 0, ...over });

beforeAll(async () => {
  mock = await startUpsMock({ clientId: 'cid', clientSecret: 'csecret', expiresIn: '3600' });
  mock.rateAnswer = SHOP;
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.requests.length = 0;
  mock.queue.length = 0;
});

describe('the UPS client against a local UPS', () => {
  test('shops every service: one token for several calls, the request valid against the published definition, quotes cheapest first', async () => {
    const c = client();
    const before = mock.tokensIssued;
    const a = await upsRates(c, req, account);
    const b = await upsRates(c, req, account);
    expect(mock.tokensIssued - before).toBe(1);
    expect(a.quotes.map((q) => [q.service_code, q.total.amount])).toEqual([['03', 1135], ['02', 2410]]);
    expect(b.quotes).toHaveLength(2);
    const rating = mock.requests.filter((r) => r.path.startsWith('/api/rating'));
    expect(rating.map((r) => r.path)).toEqual(['/api/rating/v2409/Shop', '/api/rating/v2409/Shop']);
    if (hasUpsSpec) expect(rating.flatMap((r) => r.problems)).toEqual([]);
    expect(mock.requests.find((r) => r.path.includes('oauth'))!.authorization).toBe(`Basic ${Buffer.from('cid:csecret').toString('base64')}`);
  });

  test('a token is fetched again when it nears its expiry, and once when UPS stops taking it (401), then the call goes through', async () => {
    const c = client();
    await upsRates(c, req, account);
    const t0 = mock.tokensIssued;
    clock += 3600_000 - 30_000; // inside the last minute of the token's hour
    await upsRates(c, req, account);
    expect(mock.tokensIssued).toBe(t0 + 1);
    mock.revokeAll();
    const after = await upsRates(c, req, account);
    expect(mock.tokensIssued).toBe(t0 + 2);
    expect(after.quotes).toHaveLength(2);
  });

  test('a 500 then success is retried (rating is idempotent); a timeout and a refused request come back as messages with the carrier code', async () => {
    mock.queue.push({ status: 500, body: { response: { errors: [{ code: '9999', message: 'Internal' }] } } }, SHOP);
    expect((await upsRates(client(), req, account)).quotes).toHaveLength(2);
    expect(mock.requests.filter((r) => r.path.startsWith('/api/rating'))).toHaveLength(2);

    mock.queue.push('hang');
    const slow = await upsRates(client({ timeoutMs: 200, retries: 0 }), req, account);
    expect(slow).toEqual({ quotes: [], messages: [{ carrier: 'ups', code: 'CARRIER_TIMEOUT', message: 'UPS did not answer within 200 ms', severity: 'error' }] });

    mock.queue.push({ status: 400, body: { response: { errors: [{ code: '111285', message: 'The postal code 99999 is invalid for MA United States.' }] } } });
    const refused = await upsRates(client(), req, account);
    expect(refused).toEqual({ quotes: [], messages: [{ carrier: 'ups', code: '111285', message: 'The postal code 99999 is invalid for MA United States.', severity: 'error' }] });
    // A refusal is not retried.
    expect(mock.queue).toEqual([]);
  });

  test('wrong credentials: the token endpoint refuses and the answer says so, without calling Rating', async () => {
    const before = mock.requests.length;
    const r = await upsRates(client({ clientSecret: 'wrong' }), req, account);
    expect(r.quotes).toEqual([]);
    expect(r.messages).toEqual([{ carrier: 'ups', code: '10401', message: "UPS refused the account's credentials: ClientId is Invalid", severity: 'error' }]);
    expect(mock.requests.slice(before).map((x) => x.path)).toEqual(['/security/v1/oauth/token']);
  });

  test('UPS unreachable: a message, after the retries', async () => {
    const r = await upsRates(new UpsClient({ baseUrl: 'http://127.0.0.1:9', clientId: 'cid', clientSecret: 'csecret', timeoutMs: 500, backoffMs: () => 0 }), req, account);
    expect(r.messages[0]).toMatchObject({ code: 'CARRIER_UNAVAILABLE', severity: 'error' });
  });
});
