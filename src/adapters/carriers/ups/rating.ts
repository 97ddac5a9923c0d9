/**
 * UPS Rating (API v2409, `POST /api/rating/v2409/{Rate|Shop}`), as a pure mapper: our rate request
 * → the carrier's `RateRequest`, and its `RateResponse` → itemized quotes plus the carrier's
 * messages. No I/O here: the client that signs in, sends and retries is separate (STYLE.md,
 * example 2). Written against UPS's published OpenAPI (`../shared/data/carriers/ups/Rating.yaml`);
 * the tests validate every request this builds against that schema.
 */
import type { Address } from '../../../addresses/address.schema.js';
import { minorDigits, parseDecimalToMinor, type Money } from '../../../kernel/money.js';
import { dimensionsToMm, toGrams, type Dimensions, type Weight } from '../../../kernel/units.js';

/** UPS service codes (Rating appendix) and the names lastmile shows. */
export const UPS_SERVICES: Record<string, string> = {
  '01': 'UPS Next Day Air',
  '02': 'UPS 2nd Day Air',
  '03': 'UPS Ground',
  '07': 'UPS Worldwide Express',
  '08': 'UPS Worldwide Expedited',
  '11': 'UPS Standard',
  '12': 'UPS 3 Day Select',
  '13': 'UPS Next Day Air Saver',
  '14': 'UPS Next Day Air Early',
  '54': 'UPS Worldwide Express Plus',
  '59': 'UPS 2nd Day Air A.M.',
  '65': 'UPS Worldwide Saver',
  '75': 'UPS Heavy Goods',
  '93': 'UPS Ground Saver',
};

/** Itemized charge codes UPS returns, as our surcharge codes (the rest keep UPS's own description). */
const CHARGE_CODES: Record<string, string> = {
  '375': 'fuel',
  '270': 'residential',
  '376': 'delivery_area',
  '100': 'additional_handling',
  '190': 'large_package',
  '120': 'signature',
  '110': 'declared_value',
};

export interface UpsRateRequest {
  shipFrom: Address;
  shipTo: Address;
  packages: { weight: Weight; dimensions: Dimensions | null }[];
  /** A UPS service code ("03") to price one service; none: every service UPS offers on the lane (Shop). */
  serviceCode?: string | null;
  signature?: 'indirect' | 'direct' | 'adult' | null;
  declaredValue?: Money | null;
  reference?: string;
}

export interface UpsAccountSettings {
  /** The shipper (account) number: negotiated rates and billing need it. */
  shipperNumber: string;
  /** Ask for the account's negotiated rates (and price with them when UPS returns them). */
  negotiatedRates: boolean;
}

export interface LiveQuote {
  carrier: 'ups';
  service_code: string;
  name: string;
  /** What the account pays: the negotiated total when UPS gave one, else the published (list) total. */
  total: Money;
  /** The published total, when the negotiated one is what `total` is. */
  list_total: Money | null;
  negotiated: boolean;
  base: Money;
  surcharges: { code: string; label: string; amount: Money }[];
  fuel: Money | null;
  billable_weight: Weight | null;
  transit_days: number | null;
  guaranteed: boolean;
}

export interface CarrierMessage {
  carrier: 'ups';
  code: string;
  message: string;
  /** Errors stop a quote; warnings (UPS "alerts") come with it. */
  severity: 'error' | 'warning';
  service_code?: string;
}

type Json = Record<string, unknown>;

const lines = (a: Address) => [a.line1, a.line2, a.line3].filter((x): x is string => !!x && x.trim() !== '').slice(0, 3).map((x) => x.slice(0, 35));
const upsAddress = (a: Address) => ({
  AddressLine: lines(a),
  City: a.city.slice(0, 30),
  ...(a.state ? { StateProvinceCode: a.state.slice(0, 5) } : {}),
  ...(a.postal_code ? { PostalCode: a.postal_code.replace(/\s+/g, '').slice(0, 9) } : {}),
  CountryCode: a.country,
});
const name = (a: Address) => (a.company ?? a.name ?? 'Shipper').slice(0, 35);

/** Pounds to one decimal, rounded up (UPS bills any fraction as the next tenth at least). */
const lbs = (w: Weight) => String(Math.max(0.1, Math.ceil((toGrams(w) / 453.59237) * 10) / 10));
/** Inches to one decimal, rounded up. */
const inches = (mm: number) => String(Math.ceil((mm / 25.4) * 10) / 10);

/** Our request as UPS's `RATERequestWrapper` body. */
export function upsRateRequest(req: UpsRateRequest, account: UpsAccountSettings): Json {
  const signature = req.signature === 'adult' ? '2' : req.signature ? '1' : null;
  const packages = req.packages.map((p) => {
    const d = p.dimensions ? dimensionsToMm(p.dimensions) : null;
    return {
      PackagingType: { Code: '02', Description: 'Package' },
      ...(d ? { Dimensions: { UnitOfMeasurement: { Code: 'IN', Description: 'Inches' }, Length: inches(d.lengthMm), Width: inches(d.widthMm), Height: inches(d.heightMm) } } : {}),
      PackageWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: lbs(p.weight) },
      ...(signature || req.declaredValue
        ? {
            PackageServiceOptions: {
              ...(signature ? { DeliveryConfirmation: { DCISType: signature } } : {}),
              ...(req.declaredValue ? { DeclaredValue: { CurrencyCode: req.declaredValue.currency, MonetaryValue: decimal(req.declaredValue.amount / req.packages.length, req.declaredValue.currency) } } : {}),
            },
          }
        : {}),
    };
  });
  return {
    RateRequest: {
      Request: { RequestOption: req.serviceCode ? 'Rate' : 'Shop', SubVersion: '2409', ...(req.reference ? { TransactionReference: { CustomerContext: req.reference.slice(0, 512) } } : {}) },
      Shipment: {
        Shipper: { Name: name(req.shipFrom), ShipperNumber: account.shipperNumber, Address: upsAddress(req.shipFrom) },
        ShipTo: { Name: name(req.shipTo), Address: { ...upsAddress(req.shipTo), ...(req.shipTo.residential ? { ResidentialAddressIndicator: 'Y' } : {}) } },
        ShipFrom: { Name: name(req.shipFrom), Address: upsAddress(req.shipFrom) },
        PaymentDetails: { ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: account.shipperNumber } }] },
        ...(req.serviceCode ? { Service: { Code: req.serviceCode, Description: UPS_SERVICES[req.serviceCode] ?? req.serviceCode } } : {}),
        NumOfPieces: String(req.packages.length),
        Package: packages,
        ...(account.negotiatedRates ? { ShipmentRatingOptions: { NegotiatedRatesIndicator: 'Y' } } : {}),
      },
    },
  };
}

/** Minor units as UPS's decimal string ("12.34"). */
function decimal(amount: number, currency: string): string {
  const d = minorDigits(currency);
  return (Math.round(amount) / 10 ** d).toFixed(d);
}

/** UPS returns one object where the schema says an array (and sometimes the reverse). */
const arrayOf = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function money(v: unknown): Money | null {
  const m = obj(v);
  const currency = typeof m['CurrencyCode'] === 'string' ? m['CurrencyCode'] : null;
  const value = typeof m['MonetaryValue'] === 'string' ? m['MonetaryValue'] : typeof m['MonetaryValue'] === 'number' ? String(m['MonetaryValue']) : null;
  if (!currency || value === null) return null;
  const amount = parseDecimalToMinor(value, currency);
  return amount === undefined ? null : { amount, currency };
}

/**
 * The `RateResponse` as quotes, cheapest first, with UPS's alerts as warnings. A rated shipment
 * whose charges cannot be read is left out with an error message naming it, not guessed.
 */
export function upsRatesFromResponse(body: unknown): { quotes: LiveQuote[]; messages: CarrierMessage[] } {
  const r = obj(obj(body)['RateResponse']);
  const messages: CarrierMessage[] = arrayOf(obj(r['Response'])['Alert'] as Json | Json[]).map((a) => ({
    carrier: 'ups', code: String(obj(a)['Code'] ?? ''), message: String(obj(a)['Description'] ?? ''), severity: 'warning',
  }));
  const quotes: LiveQuote[] = [];
  for (const raw of arrayOf(r['RatedShipment'] as Json | Json[])) {
    const s = obj(raw);
    const code = String(obj(s['Service'])['Code'] ?? '');
    for (const a of arrayOf(s['RatedShipmentAlert'] as Json | Json[])) messages.push({ carrier: 'ups', code: String(obj(a)['Code'] ?? ''), message: String(obj(a)['Description'] ?? ''), severity: 'warning', service_code: code });
    const list = money(s['TotalCharges']);
    const neg = obj(s['NegotiatedRateCharges']);
    const negTotal = money(neg['TotalCharge']);
    const total = negTotal ?? list;
    if (!code || !total) {
      messages.push({ carrier: 'ups', code: 'UNREADABLE_RATE', message: `UPS returned a rate without ${code ? 'a total' : 'a service code'}`, severity: 'error', ...(code ? { service_code: code } : {}) });
      continue;
    }
    const itemized = arrayOf((negTotal ? neg['ItemizedCharges'] : s['ItemizedCharges']) as Json | Json[]).flatMap((c) => {
      const amount = money(c);
      if (!amount || amount.amount === 0) return [];
      const upsCode = String(obj(c)['Code'] ?? '');
      return [{ code: CHARGE_CODES[upsCode] ?? `ups_${upsCode}`, label: String(obj(c)['Description'] ?? obj(c)['SubType'] ?? `UPS charge ${upsCode}`), amount }];
    });
    const fuel = itemized.find((c) => c.code === 'fuel')?.amount ?? null;
    const surcharges = itemized.filter((c) => c.code !== 'fuel');
    // The base: the negotiated base (or transportation) charge, else the published one, else what is left of the total.
    // (The negotiated base is an array in the definition, an object in older answers.)
    const base = money(arrayOf(neg['BaseServiceCharge'] as Json | Json[])[0]) ?? (negTotal ? null : money(s['BaseServiceCharge'])) ?? {
      amount: total.amount - surcharges.reduce((t, c) => t + c.amount.amount, 0) - (fuel?.amount ?? 0), currency: total.currency,
    };
    const bw = obj(s['BillingWeight']);
    const bwValue = Number(bw['Weight']);
    const unit = String(obj(bw['UnitOfMeasurement'])['Code'] ?? '');
    const summary = obj(obj(s['TimeInTransit'])['ServiceSummary']);
    const days = Number(obj(summary['EstimatedArrival'])['BusinessDaysInTransit'] ?? obj(s['GuaranteedDelivery'])['BusinessDaysInTransit']);
    quotes.push({
      carrier: 'ups', service_code: code, name: UPS_SERVICES[code] ?? `UPS service ${code}`,
      total, list_total: negTotal ? list : null, negotiated: !!negTotal, base, surcharges, fuel,
      billable_weight: Number.isFinite(bwValue) && bwValue > 0 ? { value: bwValue, unit: unit === 'KGS' ? 'kg' : 'lb' } : null,
      transit_days: Number.isFinite(days) && days > 0 ? days : null,
      guaranteed: Object.keys(obj(s['GuaranteedDelivery'])).length > 0 || summary['GuaranteedIndicator'] !== undefined,
    });
  }
  quotes.sort((a, b) => (a.total.currency === b.total.currency ? a.total.amount - b.total.amount : 0));
  return { quotes, messages };
}

/** UPS's error body (`{response: {errors: [{code, message}]}}`) as messages, for any status. */
export function upsErrors(body: unknown): CarrierMessage[] {
  return arrayOf(obj(obj(body)['response'])['errors'] as Json | Json[]).map((e) => ({ carrier: 'ups', code: String(obj(e)['code'] ?? ''), message: String(obj(e)['message'] ?? ''), severity: 'error' }));
}
