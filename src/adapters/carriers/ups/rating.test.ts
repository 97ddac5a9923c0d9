import { describe, expect, test } from 'vitest';
import { hasUpsSpec, UPS_RATING_SPEC, upsRatingSpec, upsSchemaValidator } from '../../../../test/helpers/ups-mock.js';
import { upsErrors, upsRateRequest, upsRatesFromResponse, type UpsRateRequest } from './rating.js';

// UPS's published Rating definition (../shared, beside the project in CI): every request this
// mapper builds must satisfy it, with no property the definition does not name.
if (process.env['CI'] && !hasUpsSpec) throw new Error(`CI runs with ../shared beside the project: ${UPS_RATING_SPEC} is missing`);
const hasSpec = hasUpsSpec;
const validator = upsSchemaValidator;

const address = (over: Record<string, unknown> = {}) => ({
  name: 'Ana Garcia', company: null, line1: '12 Beacon St', line2: 'Apt 4', line3: null, city: 'Boston', state: 'MA', postal_code: '02108', country: 'US',
  phone: null, tax_id: null, email: null, residential: true, latitude: null, longitude: null, ...over,
});
const request = (over: Partial<UpsRateRequest> = {}): UpsRateRequest => ({
  shipFrom: address({ name: null, company: 'Acme Fulfilment', line1: '4100 E Mission Blvd', line2: null, city: 'Ontario', state: 'CA', postal_code: '91761', residential: false }),
  shipTo: address(),
  packages: [{ weight: { value: 2.04, unit: 'lb' }, dimensions: { length: 30, width: 20, height: 10, unit: 'cm' } }, { weight: { value: 500, unit: 'g' }, dimensions: null }],
  ...over,
});

describe('UPS Rating: our request as its RateRequest', () => {
  test('shop every service: weights in pounds and sizes in inches rounded up to a tenth, the residential flag, the account for billing and negotiated rates', () => {
    const body = upsRateRequest(request(), { shipperNumber: 'A1B2C3', negotiatedRates: true }) as { RateRequest: { Request: Record<string, unknown>; Shipment: Record<string, any> } };
    expect(body.RateRequest.Request).toMatchObject({ RequestOption: 'Shop', SubVersion: '2409' });
    const s = body.RateRequest.Shipment;
    expect(s['Service']).toBeUndefined();
    expect(s['Shipper']).toMatchObject({ Name: 'Acme Fulfilment', ShipperNumber: 'A1B2C3', Address: { PostalCode: '91761', CountryCode: 'US' } });
    expect(s['ShipTo'].Address).toEqual({ AddressLine: ['12 Beacon St', 'Apt 4'], City: 'Boston', StateProvinceCode: 'MA', PostalCode: '02108', CountryCode: 'US', ResidentialAddressIndicator: 'Y' });
    expect(s['Package'][0]).toMatchObject({ PackageWeight: { Weight: '2.1', UnitOfMeasurement: { Code: 'LBS' } }, Dimensions: { Length: '11.9', Width: '7.9', Height: '4', UnitOfMeasurement: { Code: 'IN' } } });
    expect(s['Package'][1].PackageWeight.Weight).toBe('1.2');
    expect(s['Package'][1].Dimensions).toBeUndefined();
    expect(s['ShipmentRatingOptions']).toEqual({ NegotiatedRatesIndicator: 'Y' });
    expect(s['PaymentDetails'].ShipmentCharge[0].BillShipper.AccountNumber).toBe('A1B2C3');
  });

  test('one service with a signature and a declared value split over the packages', () => {
    const body = upsRateRequest(request({ serviceCode: '03', signature: 'adult', declaredValue: { amount: 20000, currency: 'USD' }, reference: 'ORD-1' }), { shipperNumber: 'A1B2C3', negotiatedRates: false }) as { RateRequest: { Request: Record<string, unknown>; Shipment: Record<string, any> } };
    expect(body.RateRequest.Request).toMatchObject({ RequestOption: 'Rate', TransactionReference: { CustomerContext: 'ORD-1' } });
    expect(body.RateRequest.Shipment['Service']).toEqual({ Code: '03', Description: 'UPS Ground' });
    expect(body.RateRequest.Shipment['Package'][0].PackageServiceOptions).toEqual({ DeliveryConfirmation: { DCISType: '3' }, DeclaredValue: { CurrencyCode: 'USD', MonetaryValue: '100.00' } });
    expect(body.RateRequest.Shipment['ShipmentRatingOptions']).toBeUndefined();
  });

  test.skipIf(!hasSpec)("every request built satisfies UPS's published schema, closed to fields it does not name", () => {
    const valid = validator('RATERequestWrapper');
    for (const [req, acct] of [
      [request(), { shipperNumber: 'A1B2C3', negotiatedRates: true }],
      [request({ serviceCode: '03', signature: 'direct', declaredValue: { amount: 20000, currency: 'USD' }, reference: 'ORD-1' }), { shipperNumber: 'A1B2C3', negotiatedRates: false }],
      [request({ shipTo: address({ residential: null, line2: null, state: null }) }), { shipperNumber: 'X9Y8Z7', negotiatedRates: false }],
    ] as const) expect(valid(upsRateRequest(req, acct))).toEqual([]);
    // The service-code erratum is the definition's own: its Rate example breaks the same rule.
    const example = upsRatingSpec().paths['/rating/{version}/{requestoption}'].post.requestBody.content['application/json'].examples['1'].value;
    expect(validator('RATERequestWrapper', [])(example).join()).toMatch(/Service\/Code must NOT have fewer than 3 characters/);
    // The check itself catches a misspelt field.
    const bad = upsRateRequest(request(), { shipperNumber: 'A1B2C3', negotiatedRates: false }) as { RateRequest: { Shipment: Record<string, unknown> } };
    bad.RateRequest.Shipment['Packages'] = [];
    expect(valid(bad).join()).toMatch(/must NOT have additional properties.*"Packages"/);
  });
});

describe("UPS Rating: its RateResponse as quotes", () => {
  // A Shop answer in the definition's shape (RatedShipment as an array, v2409): Ground with a
  // negotiated rate, fuel and a residential charge; 2nd Day Air at list price with an alert.
  const shop = {
    RateResponse: {
      Response: { ResponseStatus: { Code: '1', Description: 'Success' }, Alert: [{ Code: '110971', Description: 'Your invoice may vary from the displayed reference rates' }] },
      RatedShipment: [
        {
          Service: { Code: '02' }, BillingWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: '4.0' },
          TransportationCharges: { CurrencyCode: 'USD', MonetaryValue: '31.20' }, BaseServiceCharge: { CurrencyCode: 'USD', MonetaryValue: '27.10' },
          ServiceOptionsCharges: { CurrencyCode: 'USD', MonetaryValue: '0.00' }, RatedPackage: [{ Weight: '4.0' }],
          ItemizedCharges: [{ Code: '375', CurrencyCode: 'USD', MonetaryValue: '4.10', Description: 'Fuel Surcharge' }],
          TotalCharges: { CurrencyCode: 'USD', MonetaryValue: '31.20' }, GuaranteedDelivery: { BusinessDaysInTransit: '2' },
          RatedShipmentAlert: [{ Code: '120900', Description: 'User Id and Shipper Number combination is not qualified to receive negotiated rates' }],
        },
        {
          Service: { Code: '03' }, BillingWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: '4.0' },
          TransportationCharges: { CurrencyCode: 'USD', MonetaryValue: '17.85' }, ServiceOptionsCharges: { CurrencyCode: 'USD', MonetaryValue: '0.00' }, RatedPackage: [{ Weight: '4.0' }],
          TotalCharges: { CurrencyCode: 'USD', MonetaryValue: '17.85' },
          NegotiatedRateCharges: {
            BaseServiceCharge: [{ CurrencyCode: 'USD', MonetaryValue: '9.50' }],
            ItemizedCharges: [{ Code: '375', CurrencyCode: 'USD', MonetaryValue: '1.90', Description: 'Fuel Surcharge' }, { Code: '270', CurrencyCode: 'USD', MonetaryValue: '4.45', Description: 'Residential Surcharge' }],
            TotalCharge: { CurrencyCode: 'USD', MonetaryValue: '15.85' },
          },
          TimeInTransit: { PickupDate: '20261207', ServiceSummary: { Service: { Description: 'UPS Ground' }, EstimatedArrival: { BusinessDaysInTransit: '4', DayOfWeek: 'FRI', Arrival: { Date: '20261211' }, Pickup: { Date: '20261207' } } } },
        },
      ],
    },
  };

  test('cheapest first; the negotiated total is what the account pays, with the list total beside it; fuel and surcharges itemized; transit; alerts as warnings', () => {
    const { quotes, messages } = upsRatesFromResponse(shop);
    expect(quotes.map((q) => [q.service_code, q.total.amount, q.negotiated])).toEqual([['03', 1585, true], ['02', 3120, false]]);
    expect(quotes[0]).toMatchObject({
      name: 'UPS Ground', list_total: { amount: 1785, currency: 'USD' }, base: { amount: 950, currency: 'USD' }, fuel: { amount: 190, currency: 'USD' },
      surcharges: [{ code: 'residential', label: 'residential', amount: { amount: 445, currency: 'USD' } }], transit_days: 4, guaranteed: false,
      billable_weight: { value: 4, unit: 'lb' },
    });
    expect(quotes[1]).toMatchObject({ list_total: null, base: { amount: 2710 }, fuel: { amount: 410 }, surcharges: [], transit_days: 2, guaranteed: true });
    expect(messages).toEqual([
      { carrier: 'ups', code: '110971', message: 'Your invoice may vary from the displayed reference rates', severity: 'warning' },
      { carrier: 'ups', code: '120900', message: 'User Id and Shipper Number combination is not qualified to receive negotiated rates', severity: 'warning', service_code: '02' },
    ]);
  });

  test.skipIf(!hasSpec)('the answer above is one the definition allows', () => {
    expect(validator('RATEResponseWrapper')({ RateResponse: { ...shop.RateResponse, Response: { ResponseStatus: { Code: '1', Description: 'Success' } } } })).toEqual([]);
  });

  test('one rated shipment as an object (older versions), an unreadable one named, and the error body as messages', () => {
    const one = upsRatesFromResponse({ RateResponse: { Response: {}, RatedShipment: { Service: { Code: '13' }, TotalCharges: { CurrencyCode: 'USD', MonetaryValue: '48.00' } } } });
    expect(one.quotes).toMatchObject([{ service_code: '13', name: 'UPS Next Day Air Saver', total: { amount: 4800 }, base: { amount: 4800 }, transit_days: null }]);
    const broken = upsRatesFromResponse({ RateResponse: { RatedShipment: [{ Service: { Code: '03' }, TotalCharges: { CurrencyCode: 'USD' } }] } });
    expect(broken.quotes).toEqual([]);
    expect(broken.messages).toEqual([{ carrier: 'ups', code: 'UNREADABLE_RATE', message: 'UPS returned a rate without a total', severity: 'error', service_code: '03' }]);
    expect(upsErrors({ response: { errors: [{ code: '111210', message: 'The requested service is unavailable between the selected locations.' }] } }))
      .toEqual([{ carrier: 'ups', code: '111210', message: 'The requested service is unavailable between the selected locations.', severity: 'error' }]);
  });
});
