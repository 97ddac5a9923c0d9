/**
 * USPS APIs v3 as pure mappers: our requests → USPS's payloads (Domestic Prices base and extra
 * service rates, Domestic Labels, SCAN Form, Addresses), and USPS's answers → our results with its
 * messages, including the multipart answers of Labels and SCAN Form. Written against USPS's
 * published examples and Postman collection (`../shared/data/carriers/usps/`); the tests check
 * every request against the fields of those examples. No I/O here.
 */
import { gunzipSync } from 'node:zlib';
import type { Address } from '../../../addresses/address.schema.js';
import { parseDecimalToMinor, type Money } from '../../../kernel/money.js';
import { dimensionsToMm, toGrams, type Dimensions, type Weight } from '../../../kernel/units.js';
import type { CarrierMessage, LiveQuote } from '../../../rating/live-rates.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Our service names (as rate cards spell them) → USPS mail classes, and the names shown. */
export const USPS_MAIL_CLASSES: Record<string, string> = {
  ground_advantage: 'USPS_GROUND_ADVANTAGE', priority_mail: 'PRIORITY_MAIL', priority_mail_express: 'PRIORITY_MAIL_EXPRESS', parcel_select: 'PARCEL_SELECT', media_mail: 'MEDIA_MAIL',
};
export const USPS_NAMES: Record<string, string> = {
  USPS_GROUND_ADVANTAGE: 'USPS Ground Advantage', PRIORITY_MAIL: 'USPS Priority Mail', PRIORITY_MAIL_EXPRESS: 'USPS Priority Mail Express', PARCEL_SELECT: 'USPS Parcel Select Ground', MEDIA_MAIL: 'USPS Media Mail',
};
/** The mail classes a rate shop asks for (the ones a parcel seller ships with). */
export const USPS_SHOP_CLASSES = ['USPS_GROUND_ADVANTAGE', 'PRIORITY_MAIL', 'PRIORITY_MAIL_EXPRESS'];

/** USPS extra services: signature, adult signature, insurance up to and over $500. */
export const USPS_EXTRA = { signature: 921, adult: 922, insurance: 930, insuranceOver500: 931 } as const;

export interface UspsAccountSettings {
  crid: string;
  mid: string;
  manifestMid: string | null;
  /** The Enterprise Payment System account that pays. */
  epsAccount: string;
  priceType: 'COMMERCIAL' | 'RETAIL';
  labelFormat: 'pdf' | 'zpl';
}

export interface UspsPackage {
  weight: Weight;
  dimensions: Dimensions | null;
}

const lb = (w: Weight) => Math.max(0.01, Math.ceil((toGrams(w) / 453.59237) * 100) / 100);
const sizes = (d: Dimensions | null) => {
  if (!d) return { length: 6, width: 4, height: 1 }; // unknown: priced as a small parcel; the card still checks limits
  const mm = dimensionsToMm(d);
  const i = (x: number) => Math.ceil((x / 25.4) * 100) / 100;
  return { length: i(mm.lengthMm), width: i(mm.widthMm), height: i(mm.heightMm) };
};
/** Nonstandard (too long or too big for machines, USPS DMM 201.7): over 22 in long or 2 cubic feet. */
const processing = (s: { length: number; width: number; height: number }, weightLb: number) =>
  s.length > 22 || s.length * s.width * s.height > 3456 || weightLb > 25 ? 'NONSTANDARD' : 'MACHINABLE';
const zip5 = (a: Address) => (a.postal_code ?? '').replace(/\s+/g, '').slice(0, 5);

/** Base rates for one package of one mail class. */
export function uspsBaseRatesRequest(p: UspsPackage, from: Address, to: Address, mailClass: string, account: UspsAccountSettings, mailingDate: string): Json {
  const s = sizes(p.dimensions);
  const weight = lb(p.weight);
  return {
    originZIPCode: zip5(from), destinationZIPCode: zip5(to), weight, length: s.length, width: s.width, height: s.height,
    mailClass, processingCategory: processing(s, weight), destinationEntryFacilityType: 'NONE', rateIndicator: 'SP', priceType: account.priceType,
    accountType: 'EPS', accountNumber: account.epsAccount, mailingDate,
  };
}

/** The extra services a shipment's options ask for. */
export function uspsExtraServices(o: { signature: 'indirect' | 'direct' | 'adult' | null; declaredValue: Money | null }, packages: number): { code: number; itemValue: number }[] {
  const out: { code: number; itemValue: number }[] = [];
  if (o.signature === 'adult') out.push({ code: USPS_EXTRA.adult, itemValue: 0 });
  else if (o.signature) out.push({ code: USPS_EXTRA.signature, itemValue: 0 });
  if (o.declaredValue) {
    const each = o.declaredValue.amount / packages / 100;
    out.push({ code: each > 500 ? USPS_EXTRA.insuranceOver500 : USPS_EXTRA.insurance, itemValue: Math.round(each * 100) / 100 });
  }
  return out;
}

export function uspsExtraServiceRequest(p: UspsPackage, extra: { code: number; itemValue: number }, mailClass: string, account: UspsAccountSettings, mailingDate: string): Json {
  return { extraService: extra.code, mailClass, priceType: account.priceType, itemValue: extra.itemValue, weight: lb(p.weight), mailingDate, accountType: 'EPS', accountNumber: account.epsAccount };
}

const usd = (v: unknown): Money | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return null;
  const amount = parseDecimalToMinor(n.toFixed(2), 'USD');
  return amount === undefined ? null : { amount, currency: 'USD' };
};

/**
 * One mail class's quote for the shipment from its packages' base-rate answers and their extra
 * services' answers: the base (rates' prices), USPS's fees as surcharges, each extra service.
 * USPS has no fuel surcharge. Null with an error when an answer cannot be read.
 */
export function uspsQuote(mailClass: string, service: string, bases: unknown[], extras: { code: number; body: unknown }[]): { quote: LiveQuote | null; messages: CarrierMessage[] } {
  const messages: CarrierMessage[] = [];
  let base = 0;
  const surcharges: LiveQuote['surcharges'] = [];
  let weight = 0;
  for (const b of bases) {
    const rates = arr(obj(b)['rates']).map(obj);
    const total = usd(obj(b)['totalBasePrice']);
    if (!total || rates.length === 0) {
      messages.push({ carrier: 'usps', code: 'UNREADABLE_RATE', message: `USPS returned no readable ${USPS_NAMES[mailClass] ?? mailClass} price`, severity: 'error', service_code: mailClass });
      return { quote: null, messages };
    }
    base += rates.reduce((t, r) => t + (usd(r['price'])?.amount ?? 0), 0);
    for (const r of rates) {
      weight += Math.max(Number(r['weight']) || 0, Number(r['dimWeight']) || 0);
      for (const f of arr(r['fees']).map(obj)) {
        const amount = usd(f['price']);
        if (amount && amount.amount) surcharges.push({ code: `usps_${String(f['SKU'] ?? f['name'] ?? 'fee').toLowerCase()}`, label: String(f['name'] ?? 'USPS fee'), amount });
      }
      for (const w of arr(r['warnings']).map(obj)) messages.push({ carrier: 'usps', code: String(w['warningCode'] ?? 'WARNING'), message: String(w['warningDescription'] ?? ''), severity: 'warning', service_code: mailClass });
    }
  }
  for (const e of extras) {
    const amount = usd(obj(e.body)['price']);
    if (!amount) continue;
    const code = e.code === USPS_EXTRA.signature || e.code === USPS_EXTRA.adult ? 'signature' : 'declared_value';
    const prev = surcharges.find((s) => s.code === code);
    if (prev) prev.amount = { amount: prev.amount.amount + amount.amount, currency: 'USD' };
    else surcharges.push({ code, label: String(obj(e.body)['name'] ?? code.replace('_', ' ')), amount });
  }
  const totalAmount = base + surcharges.reduce((t, s) => t + s.amount.amount, 0);
  return {
    quote: {
      carrier: 'usps', service_code: mailClass, name: USPS_NAMES[mailClass] ?? mailClass, total: { amount: totalAmount, currency: 'USD' }, list_total: null, negotiated: false,
      base: { amount: base, currency: 'USD' }, surcharges, fuel: null, billable_weight: weight > 0 ? { value: Math.round(weight * 100) / 100, unit: 'lb' } : null, transit_days: null, guaranteed: mailClass === 'PRIORITY_MAIL_EXPRESS',
    },
    messages,
  };
}

/** The name as USPS's first and last name (a company alone stands in the first name); the firm where the payload has one (SCAN forms; USPS's label examples have none). */
const person = (a: Address, withFirm: boolean) => {
  const [first, ...rest] = (a.name ?? (withFirm ? '' : a.company ?? '')).trim().split(/\s+/);
  return { ...(first ? { firstName: first.slice(0, 50) } : {}), ...(rest.length ? { lastName: rest.join(' ').slice(0, 50) } : {}), ...(withFirm && a.company ? { firm: a.company.slice(0, 50) } : {}) };
};
const uspsAddress = (a: Address) => {
  const zip = (a.postal_code ?? '').replace(/\s+/g, '');
  const plus4 = /^\d{5}-?(\d{4})$/.exec(zip)?.[1];
  return {
    ...person(a, false),
    streetAddress: a.line1.slice(0, 50),
    ...(a.line2 ? { secondaryAddress: a.line2.slice(0, 50) } : {}),
    city: a.city.slice(0, 28), state: (a.state ?? '').slice(0, 2), ZIPCode: zip.slice(0, 5), ...(plus4 ? { ZIPPlus4: plus4 } : {}),
  };
};

/** A Domestic Labels v3 request for one package (USPS sells a label per package). */
export function uspsLabelRequest(p: UspsPackage, req: { shipFrom: Address; shipTo: Address; mailClass: string; extras: number[]; packageValue: number | null; returnLabel: boolean; reference: string }, account: UspsAccountSettings, mailingDate: string): Json {
  const s = sizes(p.dimensions);
  const weight = lb(p.weight);
  return {
    imageInfo: { imageType: account.labelFormat === 'zpl' ? 'ZPL203DPI' : 'PDF', labelType: '4X6LABEL', receiptOption: 'NONE', suppressPostage: false, suppressMailDate: false, returnLabel: req.returnLabel },
    toAddress: uspsAddress(req.shipTo),
    fromAddress: uspsAddress(req.shipFrom),
    packageDescription: {
      mailClass: req.mailClass, rateIndicator: 'SP', weightUOM: 'lb', weight, dimensionsUOM: 'in', length: s.length, width: s.width, height: s.height,
      processingCategory: processing(s, weight), mailingDate, extraServices: req.extras, destinationEntryFacilityType: 'NONE',
      ...(req.packageValue !== null ? { packageOptions: { packageValue: req.packageValue } } : {}),
      ...(req.reference ? { customerReference: [{ referenceNumber: req.reference.slice(0, 30), printReferenceNumber: 'true' }] } : {}),
    },
  };
}

/** The parts of a multipart answer (Labels, SCAN Form): each part's headers and body. */
export function multipartParts(text: string, contentType: string): { headers: Record<string, string>; body: string }[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1] ?? /^--([^\r\n]+)/.exec(text)?.[1];
  if (!boundary) return [];
  return text.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--')).map((part) => {
    const body = part.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(body);
    const head = split ? body.slice(0, split.index) : '';
    const headers: Record<string, string> = {};
    for (const line of head.split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    return { headers, body: split ? body.slice(split.index + split[0].length).replace(/\r?\n$/, '') : body };
  });
}

/** A part's document: base64 (gzip-compressed or not, as the header says and the bytes show). */
function documentOf(part: { headers: Record<string, string>; body: string }): Buffer {
  const raw = Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

export interface UspsLabel {
  trackingNumber: string;
  postage: Money | null;
  /** The 420 + ZIP routing code USPS printed. */
  routing: string | null;
  document: { format: 'pdf' | 'zpl'; data: Buffer } | null;
}

/** A Labels answer: the metadata part and the label part. */
export function uspsLabelFromResponse(text: string, contentType: string): { label: UspsLabel | null; messages: CarrierMessage[] } {
  const parts = multipartParts(text, contentType);
  const meta = parts.find((p) => (p.headers['content-type'] ?? '').includes('json'));
  let j: Json = {};
  try {
    j = meta ? obj(JSON.parse(meta.body)) : obj(JSON.parse(text));
  } catch {
    return { label: null, messages: [{ carrier: 'usps', code: 'UNREADABLE_LABEL', message: 'USPS answered with a label that cannot be read', severity: 'error' }] };
  }
  const tn = typeof j['trackingNumber'] === 'string' ? j['trackingNumber'] : '';
  if (!tn) return { label: null, messages: [{ carrier: 'usps', code: 'UNREADABLE_LABEL', message: 'USPS answered without a tracking number', severity: 'error' }] };
  const image = parts.find((p) => /pdf|zpl|octet|text\/plain/i.test(p.headers['content-type'] ?? '') || /label/i.test(p.headers['file name'] ?? p.headers['content-disposition'] ?? ''));
  const data = image ? documentOf(image) : null;
  const format = data && data.subarray(0, 4).toString() === '%PDF' ? 'pdf' : data && data.toString('latin1').includes('^XA') ? 'zpl' : null;
  return {
    label: { trackingNumber: tn, postage: usd(j['postage']), routing: typeof j['routingInformation'] === 'string' ? j['routingInformation'] : null, document: data && format ? { format, data } : null },
    messages: data && format ? [] : [{ carrier: 'usps', code: 'NO_LABEL_IMAGE', message: 'USPS sent no label image lastmile can read; lastmile draws its own label from the tracking number', severity: 'warning' }],
  };
}

/** USPS's error body (`{apiVersion, error: {code, message, errors: [{status, code, title, detail, source: {parameter}}]}}`) as messages with the field named. */
export function uspsErrors(status: number, body: unknown): CarrierMessage[] {
  const e = obj(obj(body)['error']);
  const list = arr(e['errors']).map(obj);
  if (list.length) {
    return list.map((x) => {
      const field = obj(x['source'])['parameter'] ?? obj(x['source'])['pointer'];
      return { carrier: 'usps', code: String(x['code'] ?? e['code'] ?? status), message: String(x['detail'] ?? x['title'] ?? e['message'] ?? ''), severity: 'error', ...(typeof field === 'string' ? { field } : {}) };
    });
  }
  if (typeof obj(body)['error'] === 'string') return [{ carrier: 'usps', code: String(obj(body)['error']), message: String(obj(body)['error_description'] ?? obj(body)['error']), severity: 'error' }];
  if (e['message']) return [{ carrier: 'usps', code: String(e['code'] ?? status), message: String(e['message']), severity: 'error' }];
  return [{ carrier: 'usps', code: `HTTP_${status}`, message: `USPS answered ${status}`, severity: 'error' }];
}

/** A SCAN Form (PS 5630) for the day's labels from one place. */
export function uspsScanFormRequest(trackingNumbers: string[], from: Address, mailingDate: string): Json {
  const a = uspsAddress(from);
  return {
    form: '5630', imageType: 'PDF', labelType: '8.5x11LABEL', mailingDate, entryFacilityZIPCode: a.ZIPCode, destinationEntryFacilityType: 'NONE', overwriteMailingDate: false,
    shipment: { trackingNumbers },
    fromAddress: {
      ...person(from, true),
      address: { streetAddress: a.streetAddress, ...(a.secondaryAddress ? { secondaryAddress: a.secondaryAddress } : {}), city: a.city, state: a.state, ZIPCode: a.ZIPCode, ...(a.ZIPPlus4 ? { ZIPPlus4: a.ZIPPlus4 } : {}) },
    },
  };
}

/** The SCAN Form's number (`manifestNumber`), from its multipart or JSON answer. */
export function uspsScanFormFromResponse(text: string, contentType: string): string | null {
  const parts = multipartParts(text, contentType);
  const meta = parts.find((p) => (p.headers['content-type'] ?? '').includes('json'));
  try {
    const j = obj(JSON.parse(meta ? meta.body : text));
    return typeof j['manifestNumber'] === 'string' && j['manifestNumber'] ? j['manifestNumber'] : null;
  } catch {
    return null;
  }
}

/** The Addresses v3 query for an address. */
export function uspsAddressQuery(a: Address): string {
  const zip = (a.postal_code ?? '').replace(/\s+/g, '');
  const q = new URLSearchParams({ streetAddress: a.line1, ...(a.line2 ? { secondaryAddress: a.line2 } : {}), city: a.city, state: a.state ?? '', ...(zip ? { ZIPCode: zip.slice(0, 5) } : {}) });
  return q.toString();
}

export interface UspsAddressResult {
  verdict: 'valid' | 'ambiguous' | 'not_found' | 'unavailable';
  standardized: { line1: string | null; line2: string | null; city: string | null; state: string | null; postal_code: string | null } | null;
  classification: 'residential' | 'commercial' | null;
  messages: CarrierMessage[];
}

/** The Addresses v3 answer: DPV confirmation Y is a deliverable address; D or S lacks a unit; N is not one. */
export function uspsAddressFromResponse(body: unknown): UspsAddressResult {
  const j = obj(body);
  const a = obj(j['address']);
  const info = obj(j['additionalInfo']);
  const dpv = String(info['DPVConfirmation'] ?? '');
  const zip = typeof a['ZIPCode'] === 'string' ? `${a['ZIPCode']}${a['ZIPPlus4'] ? `-${String(a['ZIPPlus4'])}` : ''}` : null;
  const messages: CarrierMessage[] = arr(j['corrections']).map(obj).filter((c) => c['code'] || c['text']).map((c) => ({ carrier: 'usps', code: String(c['code'] ?? ''), message: String(c['text'] ?? ''), severity: 'warning' }));
  return {
    verdict: dpv === 'Y' ? 'valid' : dpv === 'D' || dpv === 'S' ? 'ambiguous' : 'not_found',
    standardized: Object.keys(a).length ? { line1: (a['streetAddress'] as string | null) ?? null, line2: (a['secondaryAddress'] as string | null) ?? null, city: (a['city'] as string | null) ?? null, state: (a['state'] as string | null) ?? null, postal_code: zip } : null,
    classification: info['business'] === 'Y' ? 'commercial' : info['business'] === 'N' ? 'residential' : null,
    messages,
  };
}

/** The Post Office Locator query: post offices within `radiusMiles` of a ZIP Code. */
export const uspsPostOfficeQuery = (zip: string, radiusMiles: number) => new URLSearchParams({ ZIPCode: zip.slice(0, 5), radius: String(Math.max(1, Math.min(50, Math.round(radiusMiles)))) }).toString();

const DAYS: Record<string, string> = { MONDAY: 'Mon', TUESDAY: 'Tue', WEDNESDAY: 'Wed', THURSDAY: 'Thu', FRIDAY: 'Fri', SATURDAY: 'Sat', SUNDAY: 'Sun' };

/**
 * Post offices that hold parcels for pickup (Hold For Pickup), as pickup points: their retail
 * hours, and one "counter" compartment as large as USPS takes a parcel (130 in length plus
 * girth, 70 lb: a 34 × 24 × 24 in box at 31.7 kg), since a counter has no locker sizes.
 */
export function uspsPickupPoints(body: unknown): { id: string; operator: string; carrier: string; name: string; line1: string; city: string; state: string | null; postal_code: string; country: string; lat: number; lon: number; opening_hours: string | null; compartments: { size: string; length_cm: number; width_cm: number; height_cm: number; max_weight_kg: number }[] }[] {
  return arr(obj(body)['locations']).map(obj).flatMap((l) => {
    const services = arr(l['services']).map(obj);
    if (!services.some((s) => s['service'] === 'HOLD_FOR_PICKUP')) return [];
    const geo = obj(l['geoCoordinates']);
    const lat = Number(geo['latitude']);
    const lon = Number(geo['longitude']);
    const a = obj(l['facilityAddress']);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || typeof a['streetAddress'] !== 'string') return [];
    const retail = services.find((s) => s['service'] === 'RETAIL');
    const hours = arr(retail?.['hours']).map(obj).flatMap((h) => {
      const t = obj(arr(h['times'])[0]);
      return t['openTime'] && t['closeTime'] ? [`${DAYS[String(h['dayOfWeek'])] ?? h['dayOfWeek']} ${String(t['openTime']).slice(0, 5)}-${String(t['closeTime']).slice(0, 5)}`] : [];
    });
    return [{
      id: `usps-${String(l['facilityId'] ?? `${a['ZIPCode']}-${a['streetAddress']}`)}`, operator: 'usps_post_office', carrier: 'usps', name: `USPS ${String(l['facilityName'] ?? 'Post Office')}`.slice(0, 200),
      line1: String(a['streetAddress']), city: String(a['city'] ?? ''), state: (a['state'] as string | undefined) ?? null, postal_code: String(a['ZIPCode'] ?? ''), country: 'US', lat, lon,
      opening_hours: hours.length ? hours.join('; ').slice(0, 500) : null,
      compartments: [{ size: 'counter', length_cm: 86.4, width_cm: 61, height_cm: 61, max_weight_kg: 31.7 }],
    }];
  });
}
