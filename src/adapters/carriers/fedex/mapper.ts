/**
 * FedEx REST APIs as pure mappers: our requests → FedEx's payloads (Rate Quotes, Ship, Cancel,
 * Track by number and by reference, Address Validation, Ground End of Day close), and FedEx's
 * answers → our results with its messages. Written against FedEx's published OpenAPI documents
 * (`../shared/data/carriers/fedex/`); the tests validate every request against them. No I/O here.
 */
import type { Address } from '../../../addresses/address.schema.js';
import { parseDecimalToMinor, type Money } from '../../../kernel/money.js';
import { dimensionsToMm, toGrams, type Dimensions, type Weight } from '../../../kernel/units.js';
import type { CarrierMessage, LiveQuote } from '../../../rating/live-rates.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Our service names (as rate cards spell them) → FedEx service types, and the names shown. */
export const FEDEX_SERVICE_TYPES: Record<string, string> = {
  ground: 'FEDEX_GROUND', home_delivery: 'GROUND_HOME_DELIVERY', ground_economy: 'SMART_POST', '2day': 'FEDEX_2_DAY', '2day_am': 'FEDEX_2_DAY_AM',
  express_saver: 'FEDEX_EXPRESS_SAVER', standard_overnight: 'STANDARD_OVERNIGHT', priority_overnight: 'PRIORITY_OVERNIGHT', first_overnight: 'FIRST_OVERNIGHT',
  international_priority: 'FEDEX_INTERNATIONAL_PRIORITY', international_economy: 'INTERNATIONAL_ECONOMY',
};
const NAMES: Record<string, string> = {
  FEDEX_GROUND: 'FedEx Ground', GROUND_HOME_DELIVERY: 'FedEx Home Delivery', SMART_POST: 'FedEx Ground Economy', FEDEX_2_DAY: 'FedEx 2Day', FEDEX_2_DAY_AM: 'FedEx 2Day A.M.',
  FEDEX_EXPRESS_SAVER: 'FedEx Express Saver', STANDARD_OVERNIGHT: 'FedEx Standard Overnight', PRIORITY_OVERNIGHT: 'FedEx Priority Overnight', FIRST_OVERNIGHT: 'FedEx First Overnight',
};
export const fedexServiceName = (t: string) => NAMES[t] ?? t.split('_').map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ');

/** FedEx's transit time words as business days. */
const TRANSIT: Record<string, number> = { ONE_DAY: 1, TWO_DAYS: 2, THREE_DAYS: 3, FOUR_DAYS: 4, FIVE_DAYS: 5, SIX_DAYS: 6, SEVEN_DAYS: 7, EIGHT_DAYS: 8, NINE_DAYS: 9, TEN_DAYS: 10 };

/** FedEx surcharge types we know, as our codes. */
const SURCHARGES: Record<string, string> = {
  FUEL: 'fuel', RESIDENTIAL_DELIVERY: 'residential', DELIVERY_AREA: 'delivery_area', ADDITIONAL_HANDLING: 'additional_handling', OVERSIZE: 'large_package',
  SIGNATURE_OPTION: 'signature', DECLARED_VALUE: 'declared_value', DEMAND: 'peak', PEAK: 'peak',
};

export interface FedexAccountSettings {
  accountNumber: string;
  /** Which price the account pays: its own (ACCOUNT) or the published one (LIST). */
  rateType: 'ACCOUNT' | 'LIST';
  labelFormat: 'pdf' | 'zpl';
}

export interface FedexPackage {
  weight: Weight;
  dimensions: Dimensions | null;
}

const lbs = (w: Weight) => Math.max(0.1, Math.ceil((toGrams(w) / 453.59237) * 10) / 10);
const dims = (d: Dimensions | null) => {
  if (!d) return null;
  const mm = dimensionsToMm(d);
  // FedEx takes whole inches (integers in the definition), rounded up as it bills them.
  const i = (x: number) => Math.max(1, Math.ceil(x / 25.4 - 1e-9));
  return { length: i(mm.lengthMm), width: i(mm.widthMm), height: i(mm.heightMm), units: 'IN' };
};
const rateAddress = (a: Address) => ({ ...(a.city ? { city: a.city } : {}), ...(a.state ? { stateOrProvinceCode: a.state } : {}), postalCode: (a.postal_code ?? '').replace(/\s+/g, ''), countryCode: a.country, residential: !!a.residential });
const fullAddress = (a: Address) => ({
  streetLines: [a.line1, a.line2, a.line3].filter((x): x is string => !!x && x.trim() !== '').slice(0, 3).map((x) => x.slice(0, 35)),
  city: a.city.slice(0, 35), ...(a.state ? { stateOrProvinceCode: a.state.slice(0, 2) } : {}), ...(a.postal_code ? { postalCode: a.postal_code.replace(/\s+/g, '') } : {}), countryCode: a.country, residential: !!a.residential,
});
const contact = (a: Address) => ({
  ...(a.name ? { personName: a.name.slice(0, 70) } : {}), ...(a.company ? { companyName: a.company.slice(0, 35) } : {}),
  // FedEx requires a phone number: the address's, or the shipper's own when the customer gave none.
  phoneNumber: ((a.phone ?? '').replace(/\D/g, '').slice(-15) || '0000000000'),
  ...(a.email ? { emailAddress: a.email } : {}),
});
const signatureOption = (s: 'indirect' | 'direct' | 'adult' | null) => (s === 'adult' ? 'ADULT' : s === 'indirect' ? 'INDIRECT' : s ? 'DIRECT' : null);

export interface FedexRateInput {
  shipFrom: Address;
  shipTo: Address;
  packages: FedexPackage[];
  serviceType: string | null;
  signature: 'indirect' | 'direct' | 'adult' | null;
  declaredValue: Money | null;
  shipDate: string;
}

const lineItems = (r: { packages: FedexPackage[]; signature: FedexRateInput['signature']; declaredValue: Money | null }, reference?: string) => {
  const n = r.packages.length;
  const sig = signatureOption(r.signature);
  return r.packages.map((p, k) => {
    const d = dims(p.dimensions);
    const share = r.declaredValue ? Math.floor(r.declaredValue.amount / n) + (k < r.declaredValue.amount % n ? 1 : 0) : 0;
    return {
      ...(reference !== undefined ? { sequenceNumber: k + 1, customerReferences: [{ customerReferenceType: 'CUSTOMER_REFERENCE', value: reference.slice(0, 40) }] } : {}),
      weight: { units: 'LB', value: lbs(p.weight) },
      ...(d ? { dimensions: d } : {}),
      ...(r.declaredValue ? { declaredValue: { amount: share / 100, currency: r.declaredValue.currency } } : {}),
      ...(sig ? { packageSpecialServices: { specialServiceTypes: ['SIGNATURE_OPTION'], signatureOptionType: sig } } : {}),
    };
  });
};

/** A Rate Quotes request: every service (no serviceType) or one, with transit times, the account's and list rates. */
export function fedexRateRequest(r: FedexRateInput, account: FedexAccountSettings): Json {
  return {
    accountNumber: { value: account.accountNumber },
    rateRequestControlParameters: { returnTransitTimes: true },
    requestedShipment: {
      shipper: { address: rateAddress(r.shipFrom) },
      recipient: { address: rateAddress(r.shipTo) },
      ...(r.serviceType ? { serviceType: r.serviceType } : {}),
      rateRequestType: ['ACCOUNT', 'LIST'],
      shipDateStamp: r.shipDate,
      pickupType: 'USE_SCHEDULED_PICKUP',
      packagingType: 'YOUR_PACKAGING',
      totalPackageCount: r.packages.length,
      requestedPackageLineItems: lineItems(r),
    },
  };
}

const money = (amount: unknown, currency: string): Money | null => {
  const n = typeof amount === 'number' ? amount : typeof amount === 'string' ? Number(amount) : NaN;
  if (!Number.isFinite(n)) return null;
  const minor = parseDecimalToMinor(n.toFixed(2), currency);
  return minor === undefined ? null : { amount: minor, currency };
};

/** FedEx's alerts and customer messages as warnings. */
const alertsOf = (v: unknown): CarrierMessage[] => arr(v).map(obj).map((a) => ({ carrier: 'fedex', code: String(a['code'] ?? ''), message: String(a['message'] ?? ''), severity: 'warning' as const }));

/** The Rate Quotes answer as quotes (the account's rate when asked and given, else list), cheapest first. */
export function fedexRatesFromResponse(body: unknown, account: FedexAccountSettings): { quotes: LiveQuote[]; messages: CarrierMessage[] } {
  const out = obj(obj(body)['output']);
  const messages = alertsOf(out['alerts']);
  const quotes: LiveQuote[] = [];
  for (const d of arr(out['rateReplyDetails']).map(obj)) {
    const type = String(d['serviceType'] ?? '');
    for (const m of arr(d['customerMessages']).map(obj)) messages.push({ carrier: 'fedex', code: String(m['code'] ?? ''), message: String(m['message'] ?? ''), severity: 'warning', service_code: type });
    const details = arr(d['ratedShipmentDetails']).map(obj);
    const mine = details.find((x) => x['rateType'] === account.rateType) ?? details.find((x) => x['rateType'] === 'LIST') ?? details[0];
    const list = details.find((x) => x['rateType'] === 'LIST');
    const rate = obj(mine);
    const currency = String(rate['currency'] ?? obj(rate['shipmentRateDetail'])['currency'] ?? 'USD');
    const total = money(rate['totalNetCharge'] ?? rate['totalNetFedExCharge'], currency);
    if (!type || !total) {
      messages.push({ carrier: 'fedex', code: 'UNREADABLE_RATE', message: `FedEx returned a rate without ${type ? 'a total' : 'a service type'}`, severity: 'error', ...(type ? { service_code: type } : {}) });
      continue;
    }
    const detail = obj(rate['shipmentRateDetail']);
    const itemized = arr(detail['surCharges']).map(obj).flatMap((s) => {
      const amount = money(s['amount'], currency);
      if (!amount || amount.amount === 0) return [];
      const ours = SURCHARGES[String(s['type'] ?? '')];
      return [{ code: ours ?? `fedex_${String(s['type'] ?? 'surcharge').toLowerCase()}`, label: ours ? ours.replace(/_/g, ' ') : String(s['description'] ?? s['type'] ?? 'FedEx surcharge'), amount }];
    });
    const fuel = itemized.filter((s) => s.code === 'fuel').reduce<Money | null>((t, s) => ({ amount: (t?.amount ?? 0) + s.amount.amount, currency }), null);
    const surcharges = itemized.filter((s) => s.code !== 'fuel');
    const base = { amount: total.amount - surcharges.reduce((t, s) => t + s.amount.amount, 0) - (fuel?.amount ?? 0), currency };
    const billing = obj(detail['totalBillingWeight']);
    const transit = TRANSIT[String(obj(d['operationalDetail'])['transitTime'] ?? obj(d['commit'])['transitDays'] ?? '')] ?? null;
    const listTotal = list && list !== mine ? money(list['totalNetCharge'], currency) : null;
    quotes.push({
      carrier: 'fedex', service_code: type, name: fedexServiceName(type), total, list_total: listTotal, negotiated: mine?.['rateType'] === 'ACCOUNT' && !!listTotal,
      base, surcharges, fuel, billable_weight: Number(billing['value']) > 0 ? { value: Number(billing['value']), unit: billing['units'] === 'KG' ? 'kg' : 'lb' } : null,
      transit_days: transit, guaranteed: false,
    });
  }
  quotes.sort((a, b) => a.total.amount - b.total.amount);
  return { quotes, messages };
}

/** A Ship request: a label per package (PDF or ZPL), the order's reference on each, the account paying. */
export function fedexShipRequest(r: FedexRateInput & { serviceType: string; reference: string }, account: FedexAccountSettings): Json {
  return {
    labelResponseOptions: 'LABEL',
    accountNumber: { value: account.accountNumber },
    requestedShipment: {
      shipDatestamp: r.shipDate,
      shipper: { address: fullAddress(r.shipFrom), contact: contact(r.shipFrom) },
      recipients: [{ address: fullAddress(r.shipTo), contact: contact(r.shipTo) }],
      pickupType: 'USE_SCHEDULED_PICKUP',
      serviceType: r.serviceType,
      packagingType: 'YOUR_PACKAGING',
      shippingChargesPayment: { paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: { value: account.accountNumber } } } },
      labelSpecification: { imageType: account.labelFormat === 'zpl' ? 'ZPLII' : 'PDF', labelStockType: account.labelFormat === 'zpl' ? 'STOCK_4X6' : 'PAPER_4X6' },
      rateRequestType: [account.rateType],
      totalPackageCount: r.packages.length,
      requestedPackageLineItems: lineItems(r, r.reference),
    },
  };
}

export interface FedexShipment {
  masterTrackingNumber: string;
  trackingNumbers: string[];
  cost: Money | null;
  /** Per package, in package order, base64. */
  labels: { format: 'pdf' | 'zpl'; data: string }[];
}

/** The Ship answer: tracking numbers, the charge and each package's label. */
export function fedexShipmentFromResponse(body: unknown): { shipment: FedexShipment | null; messages: CarrierMessage[] } {
  const out = obj(obj(body)['output']);
  const t = obj(arr(out['transactionShipments'])[0]);
  const messages = [...alertsOf(out['alerts']), ...alertsOf(t['alerts'])];
  const pieces = arr(t['pieceResponses']).map(obj);
  const trackingNumbers = pieces.map((p) => String(p['trackingNumber'] ?? ''));
  const master = String(t['masterTrackingNumber'] ?? trackingNumbers[0] ?? '');
  if (!master || trackingNumbers.length === 0 || trackingNumbers.some((x) => !x)) {
    return { shipment: null, messages: [...messages, { carrier: 'fedex', code: 'UNREADABLE_LABEL', message: 'FedEx answered without a tracking number per package', severity: 'error' }] };
  }
  const labels = pieces.flatMap((p) => {
    const doc = arr(p['packageDocuments']).map(obj).find((d) => d['contentType'] === 'LABEL' && typeof d['encodedLabel'] === 'string');
    if (!doc) return [];
    const type = String(doc['docType'] ?? '').toUpperCase();
    return [{ format: (type.startsWith('ZPL') ? 'zpl' : 'pdf') as 'pdf' | 'zpl', data: String(doc['encodedLabel']) }];
  });
  const charges = pieces.map((p) => money(p['netChargeAmount'], String(p['currency'] ?? 'USD')));
  const cost = charges.every((c) => c) ? { amount: charges.reduce((x, c) => x + c!.amount, 0), currency: charges[0]!.currency } : null;
  if (labels.length !== pieces.length) messages.push({ carrier: 'fedex', code: 'NO_LABEL_IMAGE', message: `FedEx returned ${labels.length} labels for ${pieces.length} packages`, severity: 'warning' });
  return { shipment: { masterTrackingNumber: master, trackingNumbers, cost, labels: labels.length === pieces.length ? labels : [] }, messages };
}

export const fedexCancelRequest = (trackingNumber: string, account: FedexAccountSettings, country: string): Json =>
  ({ accountNumber: { value: account.accountNumber }, senderCountryCode: country, deletionControl: 'DELETE_ALL_PACKAGES', trackingNumber });

export const fedexCancelled = (body: unknown): boolean => obj(obj(body)['output'])['cancelledShipment'] === true;

export const fedexTrackRequest = (trackingNumber: string): Json => ({ includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber } }] });

/** Track by our reference (the purchase key on each package): a label FedEx sold whose answer was lost. */
export const fedexReferenceRequest = (reference: string, account: FedexAccountSettings, shipDate: string): Json => ({
  // From the day before: a retry after midnight still finds yesterday's label.
  referencesInformation: { type: 'CUSTOMER_REFERENCE', value: reference.slice(0, 40), accountNumber: account.accountNumber, shipDateBegin: new Date(Date.parse(`${shipDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), shipDateEndDate: shipDate },
  includeDetailedScans: false,
});

/** The tracking numbers a reference search found. */
export function fedexReferenceNumbers(body: unknown): string[] {
  return arr(obj(obj(body)['output'])['completeTrackResults']).map(obj).flatMap((c) => arr(c['trackResults']).map(obj).map((t) => String(obj(t['trackingNumberInfo'])['trackingNumber'] ?? c['trackingNumber'] ?? ''))).filter(Boolean);
}

export const fedexAddressRequest = (a: Address): Json => ({ addressesToValidate: [{ address: { ...fullAddress(a), residential: undefined } }] });

export interface FedexAddressResult {
  verdict: 'valid' | 'ambiguous' | 'not_found' | 'unavailable';
  standardized: { line1: string | null; city: string | null; state: string | null; postal_code: string | null } | null;
  classification: 'residential' | 'commercial' | null;
  messages: CarrierMessage[];
}

export function fedexAddressFromResponse(body: unknown): FedexAddressResult {
  const r = obj(arr(obj(obj(body)['output'])['resolvedAddresses'])[0]);
  const attrs = obj(r['attributes']);
  const cls = String(r['classification'] ?? '');
  const resolved = attrs['Resolved'] === 'true' || attrs['Resolved'] === true;
  const dpv = attrs['DPV'] === 'true' || attrs['DPV'] === true;
  const lines = arr(r['streetLinesToken']).map(String);
  return {
    verdict: resolved && dpv ? 'valid' : resolved ? 'ambiguous' : 'not_found',
    standardized: Object.keys(r).length ? { line1: lines[0] ?? null, city: (r['city'] as string | undefined) ?? null, state: (r['stateOrProvinceCode'] as string | undefined) ?? null, postal_code: (r['postalCode'] as string | undefined) ?? null } : null,
    classification: cls === 'RESIDENTIAL' ? 'residential' : cls === 'BUSINESS' ? 'commercial' : null,
    messages: alertsOf(obj(obj(body)['output'])['alerts']),
  };
}

/** Ground End of Day close for the day's FedEx Ground shipments. */
export const fedexCloseRequest = (account: FedexAccountSettings, closeDate: string): Json => ({ accountNumber: { value: account.accountNumber }, closeReqType: 'GCDR', groundServiceCategory: 'GROUND', closeDate });

/** FedEx's error body (`{transactionId, errors: [{code, message, parameterList: [{key, value}]}]}`) as messages with the field named. */
export function fedexErrors(status: number, body: unknown): CarrierMessage[] {
  const errors = arr(obj(body)['errors']).map(obj);
  if (errors.length) {
    return errors.map((e) => {
      const field = arr(e['parameterList']).map(obj).map((p) => p['value']).find((v) => typeof v === 'string');
      return { carrier: 'fedex', code: String(e['code'] ?? status), message: String(e['message'] ?? ''), severity: 'error', ...(typeof field === 'string' ? { field } : {}) };
    });
  }
  if (typeof obj(body)['error'] === 'string') return [{ carrier: 'fedex', code: String(obj(body)['error']), message: String(obj(body)['error_description'] ?? ''), severity: 'error' }];
  return [{ carrier: 'fedex', code: `HTTP_${status}`, message: `FedEx answered ${status}`, severity: 'error' }];
}
