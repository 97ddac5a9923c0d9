/**
 * UPS, locally: the published definitions (Rating, Shipping, Tracking, Address Validation) as
 * validators, and a mock of UPS's OAuth, Rating, Shipping (ship, void, label recovery), Tracking
 * and Address Validation endpoints that checks every request against them. The definitions are
 * in ../shared (beside the project in CI); without them the mock answers without checking and
 * `hasUpsSpec` says so.
 *
 * The mock is a small UPS: it sells labels (1Z numbers, a GIF or ZPL image per package, kept by
 * the shipment's reference so label recovery finds them), voids them, tracks them (a label-created
 * scan, then whatever a test adds) and validates addresses by a fixed rule (below). Its rates are
 * a formula, not UPS's prices: enough to tell services and packages apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { parseDocument } from 'yaml';
import { gifLabel } from './gif-label.js';
import { componentValidator, type Erratum } from './openapi-ajv.js';

const SPEC_DIR = new URL('../../../shared/data/carriers/ups/', import.meta.url).pathname;
export const UPS_RATING_SPEC = `${SPEC_DIR}Rating.yaml`;
export const hasUpsSpec = existsSync(UPS_RATING_SPEC);

type Spec = { paths: Record<string, any>; components: { schemas: Record<string, unknown> } };

/**
 * Where a definition contradicts UPS's own examples or its own descriptions, those win (each rule
 * named): a service code is two digits ("03", the Rate example) though the schema asks three
 * characters; a declared value is an amount ("100", "10.30" in UPS's examples) though the schema
 * asks eight characters at least; label recovery "requires" Roadie tracking numbers, which its
 * own description says are "mandatory for only Roadie shipments"; its label format is four
 * characters at least, though its valid values ("GIF", "ZPL") and its example are three.
 */
export const UPS_ERRATA: Erratum[] = [
  { path: /\/Service\/Code$/, keyword: 'minLength' },
  { path: /\/DeclaredValue\/MonetaryValue$/, keyword: 'minLength' },
  { path: /^\/LabelRecoveryRequest$/, keyword: 'required', param: ['missingProperty', 'TrackingNumbers'] },
  { path: /\/LabelRecoveryRequest\/LabelSpecification\/LabelImageFormat\/Code$/, keyword: 'minLength' },
];

const specs = new Map<string, Spec>();
/**
 * One of UPS's definitions, parsed. Shipping.yaml has tabs in its indentation and two quoted
 * descriptions whose lines are not indented: tabs become spaces and the parser's recoverable
 * errors (in descriptions only) are passed over.
 */
export function upsSpec(name: 'Rating' | 'Shipping' | 'Tracking' | 'AddressValidation'): Spec {
  let s = specs.get(name);
  if (!s) {
    const text = readFileSync(`${SPEC_DIR}${name}.yaml`, 'utf8').replace(/^[ \t]+/gm, (m) => m.replace(/\t/g, '    '));
    specs.set(name, (s = parseDocument(text).toJS() as Spec));
  }
  return s;
}
export const upsRatingSpec = () => upsSpec('Rating');

/** A validator for one of a definition's schemas: the problems, or [] when the value satisfies it. */
export function upsSchemaValidator(name: string, errata = UPS_ERRATA, spec: Parameters<typeof upsSpec>[0] = 'Rating'): (x: unknown) => string[] {
  return componentValidator(upsSpec(spec).components.schemas, name, errata);
}

type Answer = { status: number; body: unknown } | 'hang';

export interface MockShipment {
  shipmentId: string;
  reference: string;
  service: string;
  trackingNumbers: string[];
  format: 'GIF' | 'ZPL';
  images: string[];
  voided: boolean;
}

export interface UpsMock {
  url: string;
  /** Every request, in order, with what the definition found wrong in its body (or its path). */
  requests: { method: string; path: string; authorization: string | undefined; body: unknown; problems: string[] }[];
  tokensIssued: number;
  /** The next answers of the rating endpoint, in order (then `rateAnswer`, or the mock's own rates when that is null). */
  queue: Answer[];
  rateAnswer: { status: number; body: unknown } | null;
  /** The next answers of the ship endpoint, in order; `'buy-then-hang'` sells the label and never answers. */
  shipQueue: (Answer | 'buy-then-hang')[];
  /** Labels sold, by shipment id. */
  shipments: Map<string, MockShipment>;
  /** Activities a test adds to a tracking number (UPS Track API shape), after the label scan. */
  activities: Map<string, Record<string, unknown>[]>;
  /** Every request answers 503 while set (UPS down). */
  down: boolean;
  /** Waits before every rating answer (a slow UPS). */
  rateDelayMs: number;
  /** When the label-created scan of every label is dated (UTC): tests set it before their clock. */
  labelScanAt: string;
  /** Forget every token issued, as UPS does when it revokes one early. */
  revokeAll(): void;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) => new Promise<string>((r) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => r(b)); });
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const err = (code: string, message: string) => ({ response: { errors: [{ code, message }] } });
const usd = (cents: number) => ({ CurrencyCode: 'USD', MonetaryValue: (cents / 100).toFixed(2) });

/** A 1Z number with UPS's check digit (letters as (value − 63) mod 10, odd/even weighting). */
export function ups1Z(account: string, service: string, serial: number): string {
  const body = `${account}${service}${String(serial).padStart(7, '0')}`.toUpperCase();
  let sum = 0;
  [...body].forEach((ch, i) => {
    const n = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 1 ? n * 2 : n;
  });
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}

/** The mock's price of one package for a service: a formula by weight, zone-less, with fuel and residential itemized. */
function mockRate(code: string, pkg: Record<string, any>, residential: boolean, negotiated: boolean) {
  const lb = Math.max(1, Math.ceil(Number(pkg?.['PackageWeight']?.['Weight'] ?? 1)));
  const per: Record<string, [number, number]> = { '03': [1050, 95], '93': [880, 80], '12': [2100, 180], '02': [2650, 240], '13': [3900, 310], '01': [4350, 360] };
  const [base, step] = per[code] ?? [1500, 150];
  const transport = base + step * (lb - 1);
  const resi = residential ? (code === '93' ? 0 : 610) : 0;
  const fuel = Math.round((transport + resi) * 0.2);
  return { transport, resi, fuel, total: transport + resi + fuel, negotiatedTotal: negotiated ? Math.round((transport * 0.7) + resi + fuel * 0.7) : null, lb };
}

const DAYS: Record<string, string> = { '03': '4', '93': '5', '12': '3', '02': '2', '13': '1', '01': '1' };

/** The mock: tokens for the right client id and secret (`expires_in` as UPS sends it, a string), every API request checked against its definition. */
export async function startUpsMock(o: { clientId: string; clientSecret: string; expiresIn?: string; account?: string; validate?: boolean }): Promise<UpsMock> {
  const v = hasUpsSpec && o.validate !== false
    ? { rate: upsSchemaValidator('RATERequestWrapper'), ship: upsSchemaValidator('SHIPRequestWrapper', UPS_ERRATA, 'Shipping'), recover: upsSchemaValidator('LABELRECOVERYRequestWrapper', UPS_ERRATA, 'Shipping'), xav: upsSchemaValidator('XAVRequestWrapper', UPS_ERRATA, 'AddressValidation') }
    : { rate: () => [], ship: () => [], recover: () => [], xav: () => [] };
  const issued = new Set<string>();
  let serial = 0;
  const mock: UpsMock = {
    url: '', requests: [], tokensIssued: 0, queue: [], rateAnswer: null, shipQueue: [], shipments: new Map(), activities: new Map(), down: false, rateDelayMs: 0, labelScanAt: '2026-12-07T14:30:00Z',
    revokeAll: () => issued.clear(),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  const server: Server = createServer(async (req, res) => {
    const text = await read(req);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const [path, query = ''] = (req.url ?? '').split('?') as [string, string?];
    if (mock.down) return send(503, err('503', 'Service Unavailable'));
    if (req.method === 'POST' && path === '/security/v1/oauth/token') {
      mock.requests.push({ method: 'POST', path, authorization: req.headers.authorization, body: text, problems: text === 'grant_type=client_credentials' ? [] : ['grant_type'] });
      if (req.headers.authorization !== `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64')}`) return send(401, err('10401', 'ClientId is Invalid'));
      const token = `tok-${++mock.tokensIssued}`;
      issued.add(token);
      return send(200, { token_type: 'Bearer', access_token: token, expires_in: o.expiresIn ?? '14399', status: 'approved' });
    }
    let body: any = null;
    try { body = text ? JSON.parse(text) : null; } catch { /* recorded as a problem below */ }
    const record = (problems: string[]) => mock.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body, problems: text && body === null ? ['not JSON'] : problems });
    const authorized = () => issued.has((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    const headerProblems = [...(req.headers['transid'] ? [] : ['transId header missing']), ...(req.headers['transactionsrc'] ? [] : ['transactionSrc header missing'])];

    if (req.method === 'POST' && /^\/api\/rating\/v2409\/(Rate|Shop)$/.test(path)) {
      record([...headerProblems, ...(body ? v.rate(body) : ['no body'])]);
      if (!authorized()) return send(401, err('250002', 'Invalid Authentication Information.'));
      if (mock.rateDelayMs) await new Promise((r) => setTimeout(r, mock.rateDelayMs));
      const next = mock.queue.shift() ?? mock.rateAnswer;
      if (next === 'hang') return; // never answers: the client's timeout
      if (next) return send(next.status, next.body);
      const s = body?.RateRequest?.Shipment ?? {};
      const residential = s.ShipTo?.Address?.ResidentialAddressIndicator !== undefined;
      const negotiated = s.ShipmentRatingOptions?.NegotiatedRatesIndicator !== undefined;
      const codes = path.endsWith('/Rate') ? [s.Service?.Code ?? '03'] : ['03', '93', '12', '02', '01'];
      const rated = codes.map((code: string) => {
        const parts = arr<Record<string, any>>(s.Package).map((p) => mockRate(code, p, residential, negotiated));
        const sum = (k: 'transport' | 'resi' | 'fuel' | 'total' | 'lb') => parts.reduce((t, p) => t + p[k], 0);
        const itemized = [{ Code: '375', Description: 'FUEL SURCHARGE', ...usd(sum('fuel')) }, ...(sum('resi') ? [{ Code: '270', Description: 'RESIDENTIAL ADDRESS', ...usd(sum('resi')) }] : [])];
        return {
          Service: { Code: code, Description: '' }, BillingWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: String(sum('lb')) },
          TransportationCharges: usd(sum('transport')), BaseServiceCharge: usd(sum('transport')), ServiceOptionsCharges: usd(0), ItemizedCharges: itemized, TotalCharges: usd(sum('total')),
          ...(negotiated ? { NegotiatedRateCharges: { TotalCharge: usd(parts.reduce((t, p) => t + (p.negotiatedTotal ?? 0), 0)), ItemizedCharges: itemized } } : {}),
          GuaranteedDelivery: { BusinessDaysInTransit: DAYS[code] ?? '5' },
          RatedPackage: parts.map((p) => ({ Weight: String(p.lb) })),
        };
      });
      return send(200, { RateResponse: { Response: { ResponseStatus: { Code: '1', Description: 'Success' }, Alert: [{ Code: '110971', Description: 'Your invoice may vary from the displayed reference rates' }] }, RatedShipment: rated } });
    }

    if (req.method === 'POST' && path === '/api/shipments/v2409/ship') {
      record([...headerProblems, ...(body ? v.ship(body) : ['no body'])]);
      if (!authorized()) return send(401, err('250002', 'Invalid Authentication Information.'));
      const next = mock.shipQueue.shift();
      if (next === 'hang') return;
      if (next && next !== 'buy-then-hang') return send(next.status, next.body);
      const s = body?.ShipmentRequest?.Shipment ?? {};
      const state = s.ShipTo?.Address?.StateProvinceCode;
      if (!state && s.ShipTo?.Address?.CountryCode === 'US') return send(400, err('120208', 'Missing or invalid ship to StateProvinceCode'));
      const code = s.Service?.Code ?? '03';
      const format = body?.ShipmentRequest?.LabelSpecification?.LabelImageFormat?.Code === 'ZPL' ? 'ZPL' : 'GIF';
      const packages = arr<Record<string, any>>(s.Package);
      const trackingNumbers = packages.map(() => ups1Z(o.account ?? s.Shipper?.ShipperNumber ?? 'A1B2C3', code === '03' ? '03' : '01', ++serial));
      const images = await Promise.all(trackingNumbers.map(async (tn) => (format === 'ZPL' ? Buffer.from(`^XA^FO50,50^BCN,100,Y,N,N^FD${tn}^FS^XZ`).toString('base64') : (await gifLabel(tn)).toString('base64'))));
      const shipment: MockShipment = { shipmentId: trackingNumbers[0]!, reference: arr<Record<string, string>>(s.ReferenceNumber)[0]?.['Value'] ?? '', service: code, trackingNumbers, format, images, voided: false };
      mock.shipments.set(shipment.shipmentId, shipment);
      if (next === 'buy-then-hang') return; // sold, but the answer is lost
      const parts = packages.map((p) => mockRate(code, p, s.ShipTo?.Address?.ResidentialAddressIndicator !== undefined, false));
      const total = parts.reduce((t, p) => t + p.total, 0);
      return send(200, {
        ShipmentResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' }, TransactionReference: { CustomerContext: body?.ShipmentRequest?.Request?.TransactionReference?.CustomerContext ?? '' } },
          ShipmentResults: {
            ShipmentCharges: { TransportationCharges: usd(total), ServiceOptionsCharges: usd(0), TotalCharges: usd(total) },
            BillingWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: String(parts.reduce((t, p) => t + p.lb, 0)) },
            ShipmentIdentificationNumber: shipment.shipmentId,
            PackageResults: trackingNumbers.map((tn, k) => ({ TrackingNumber: tn, ShippingLabel: { ImageFormat: { Code: format, Description: format }, GraphicImage: images[k] } })),
          },
        },
      });
    }

    const voidMatch = /^\/api\/shipments\/v2409\/void\/cancel\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && voidMatch) {
      const id = decodeURIComponent(voidMatch[1]!);
      record([...headerProblems, ...(/^1Z[0-9A-Z]{16}$/.test(id) ? [] : [`shipment id ${id} is not a 1Z number`])]);
      if (!authorized()) return send(401, err('250002', 'Invalid Authentication Information.'));
      const s = mock.shipments.get(id);
      if (!s) return send(400, err('190101', 'No shipment found within the allowed void period'));
      s.voided = true; // voiding again: "1 = Voided or Already Voided"
      return send(200, { VoidShipmentResponse: { Response: { ResponseStatus: { Code: '1', Description: 'Success' } }, SummaryResult: { Status: { Code: '1', Description: 'Voided' } } } });
    }

    if (req.method === 'POST' && path === '/api/labels/v1903/recovery') {
      record([...headerProblems, ...(body ? v.recover(body) : ['no body'])]);
      if (!authorized()) return send(401, err('250002', 'Invalid Authentication Information.'));
      const ref = body?.LabelRecoveryRequest?.ReferenceValues?.ReferenceNumber?.Value;
      const s = [...mock.shipments.values()].find((x) => x.reference === ref && !x.voided);
      if (!s) return send(400, err('120541', 'No shipment found for the reference number'));
      return send(200, {
        LabelRecoveryResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' } }, ShipmentIdentificationNumber: s.shipmentId,
          LabelResults: s.trackingNumbers.map((tn, k) => ({ TrackingNumber: tn, LabelImage: { LabelImageFormat: { Code: s.format }, GraphicImage: s.images[k] } })),
        },
      });
    }

    const trackMatch = /^\/api\/track\/v1\/details\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && trackMatch) {
      const tn = decodeURIComponent(trackMatch[1]!);
      const params = new URLSearchParams(query);
      const allowed = new Set((upsSpecParams('/track/v1/details/{inquiryNumber}') ?? ['locale', 'returnSignature', 'returnMilestones', 'returnPOD']));
      record([...headerProblems, ...[...params.keys()].filter((k) => !allowed.has(k)).map((k) => `unknown query parameter ${k}`)]);
      if (!authorized()) return send(401, err('250002', 'Invalid Authentication Information.'));
      const s = [...mock.shipments.values()].find((x) => x.trackingNumbers.includes(tn));
      if (!s) return send(404, { response: { errors: [{ code: 'TW0001', message: 'Tracking Information Not Found' }] } });
      const scan = mock.labelScanAt.replace(/[-:]/g, '');
      const created = { date: scan.slice(0, 8), time: scan.slice(9, 15), gmtDate: scan.slice(0, 8), gmtTime: scan.slice(9, 15), gmtOffset: '+00:00', status: { type: 'M', code: 'MP', description: 'Shipper created a label, UPS has not received the package yet.' }, location: { address: { city: 'Ontario', stateProvince: 'CA', countryCode: 'US' } } };
      const activity = [...(mock.activities.get(tn) ?? [])].reverse().concat(created); // newest first, as UPS sends them
      return send(200, { trackResponse: { shipment: [{ inquiryNumber: tn, package: [{ trackingNumber: tn, activity, service: { code: s.service, description: 'UPS Ground' } }] }] } });
    }

    if (req.method === 'POST' && /^\/api\/addressvalidation\/v2\/[13]$/.test(path)) {
      record([...headerProblems, ...(body ? v.xav(body) : ['no body'])]);
      if (!authorized()) return send(401, err('250002', 'Invalid Authentication Information.'));
      // The rule: a line with "NOWHERE" is unknown; "MAIN ST" without a number is ambiguous; a suite is commercial; else residential and valid.
      const k = body?.XAVRequest?.AddressKeyFormat ?? {};
      const line = arr<string>(k.AddressLine).join(' ').toUpperCase();
      const response = { ResponseStatus: { Code: '1', Description: 'Success' } };
      if (line.includes('NOWHERE')) return send(200, { XAVResponse: { Response: response, NoCandidatesIndicator: '' } });
      const cls = /\b(STE|SUITE)\b/.test(line) ? { Code: '1', Description: 'Commercial' } : { Code: '2', Description: 'Residential' };
      const candidate = (l: string) => ({ AddressClassification: cls, AddressKeyFormat: { AddressLine: [l], PoliticalDivision2: String(k.PoliticalDivision2 ?? '').toUpperCase(), PoliticalDivision1: k.PoliticalDivision1, PostcodePrimaryLow: k.PostcodePrimaryLow, PostcodeExtendedLow: '1234', CountryCode: k.CountryCode } });
      if (/^MAIN ST/.test(line)) return send(200, { XAVResponse: { Response: response, AmbiguousAddressIndicator: '', Candidate: [candidate(`1 ${line}`), candidate(`2 ${line}`)] } });
      return send(200, { XAVResponse: { Response: response, ValidAddressIndicator: '', AddressClassification: cls, Candidate: [candidate(line)] } });
    }
    send(404, err('404', `${req.method} ${path} is not mocked`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mock.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return mock;
}

/** The query parameter names the Tracking definition gives a path (null without the definitions). */
function upsSpecParams(path: string): string[] | null {
  if (!hasUpsSpec) return null;
  const op = upsSpec('Tracking').paths[path]?.get;
  return (op?.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
}
