/**
 * UPS Rating (API v2409, `POST /api/rating/v2409/{Rate|Shop}`), as a pure mapper: our rate request
 * → the carrier's `RateRequest`, and its `RateResponse` → itemized quotes plus the carrier's
 * messages. No I/O here: the client that signs in, sends and retries is separate (STYLE.md,
 * example 2). Written against UPS's published OpenAPI (`../shared/data/carriers/ups/Rating.yaml`);
 * the tests validate every request this builds against that schema.
 */
import type { Address } from '../../../addresses/address.schema.js';
import type { Money } from '../../../kernel/money.js';
import { dimensionsToMm, type Dimensions, type Weight } from '../../../kernel/units.js';
import type { CarrierMessage, LiveQuote } from '../../../rating/live-rates.js';
import { arrayOf, inches, lbs, obj, upsAddress, upsDecimal, upsMoney, upsName, type Json } from './common.js';

export type { CarrierMessage, LiveQuote };

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

/** Our request as UPS's `RATERequestWrapper` body. */
export function upsRateRequest(req: UpsRateRequest, account: UpsAccountSettings): Json {
  // Package-level delivery confirmation: 2 signature required, 3 adult signature (Rating.yaml).
  const signature = req.signature === 'adult' ? '3' : req.signature ? '2' : null;
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
              ...(req.declaredValue ? { DeclaredValue: { CurrencyCode: req.declaredValue.currency, MonetaryValue: upsDecimal(req.declaredValue.amount / req.packages.length, req.declaredValue.currency) } } : {}),
            },
          }
        : {}),
    };
  });
  return {
    RateRequest: {
      Request: { RequestOption: req.serviceCode ? 'Rate' : 'Shop', SubVersion: '2409', ...(req.reference ? { TransactionReference: { CustomerContext: req.reference.slice(0, 512) } } : {}) },
      Shipment: {
        Shipper: { Name: upsName(req.shipFrom), ShipperNumber: account.shipperNumber, Address: upsAddress(req.shipFrom) },
        ShipTo: { Name: upsName(req.shipTo), Address: { ...upsAddress(req.shipTo), ...(req.shipTo.residential ? { ResidentialAddressIndicator: 'Y' } : {}) } },
        ShipFrom: { Name: upsName(req.shipFrom), Address: upsAddress(req.shipFrom) },
        PaymentDetails: { ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: account.shipperNumber } }] },
        ...(req.serviceCode ? { Service: { Code: req.serviceCode, Description: UPS_SERVICES[req.serviceCode] ?? req.serviceCode } } : {}),
        NumOfPieces: String(req.packages.length),
        Package: packages,
        ...(account.negotiatedRates ? { ShipmentRatingOptions: { NegotiatedRatesIndicator: 'Y' } } : {}),
      },
    },
  };
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
    const list = upsMoney(s['TotalCharges']);
    const neg = obj(s['NegotiatedRateCharges']);
    const negTotal = upsMoney(neg['TotalCharge']);
    const total = negTotal ?? list;
    if (!code || !total) {
      messages.push({ carrier: 'ups', code: 'UNREADABLE_RATE', message: `UPS returned a rate without ${code ? 'a total' : 'a service code'}`, severity: 'error', ...(code ? { service_code: code } : {}) });
      continue;
    }
    const itemized = arrayOf((negTotal ? neg['ItemizedCharges'] : s['ItemizedCharges']) as Json | Json[]).flatMap((c) => {
      const amount = upsMoney(c);
      if (!amount || amount.amount === 0) return [];
      const upsCode = String(obj(c)['Code'] ?? '');
      // Charges we know get our own code and label (as cards name them); the rest keep UPS's description.
      const ours = CHARGE_CODES[upsCode];
      return [{ code: ours ?? `ups_${upsCode}`, label: ours ? ours.replace(/_/g, ' ') : String(obj(c)['Description'] ?? obj(c)['SubType'] ?? `UPS charge ${upsCode}`), amount }];
    });
    const fuel = itemized.find((c) => c.code === 'fuel')?.amount ?? null;
    const surcharges = itemized.filter((c) => c.code !== 'fuel');
    // The base: the negotiated base (or transportation) charge, else the published one, else what is left of the total.
    // (The negotiated base is an array in the definition, an object in older answers.)
    const base = upsMoney(arrayOf(neg['BaseServiceCharge'] as Json | Json[])[0]) ?? (negTotal ? null : upsMoney(s['BaseServiceCharge'])) ?? {
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
