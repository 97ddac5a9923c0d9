/**
 * FedEx, locally: a mock of the REST APIs lastmile uses (OAuth, Rate Quotes, Ship, Cancel, Track
 * by number and by reference, Address Validation, Ground End of Day) that validates every request
 * with ajv against FedEx's published OpenAPI documents (`../shared/data/carriers/fedex/`), every
 * object closed to the fields the definition names. Without ../shared it answers without checking
 * and `hasFedexSpec` says so.
 *
 * Its prices are a formula, not FedEx's. It sells labels (12-digit numbers, a 4×6 PDF with a
 * barcode of the number, or ZPL), cancels them, finds them by reference, tracks them and
 * validates addresses by a fixed rule (below).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gifLabelsToPdf } from '../../src/labels/carrier-images.js';
import { gifLabel } from './gif-label.js';
import { componentValidator, type Erratum } from './openapi-ajv.js';

const DIR = new URL('../../../shared/data/carriers/fedex/', import.meta.url).pathname;
export const hasFedexSpec = existsSync(`${DIR}ship.json`);

const spec = (file: string) => JSON.parse(readFileSync(`${DIR}${file}.json`, 'utf8')) as { components: { schemas: Record<string, unknown> } };

/**
 * Where FedEx's definitions contradict FedEx's own examples, the examples win (each rule named):
 * Ship's package weight (`Weight`) allows only KG, though the same definition's package weight
 * example is `{"units": "LB", "value": 10}` (Weight_1) and Rate Quotes takes KG or LB; US
 * shippers weigh in pounds.
 */
export const FEDEX_ERRATA: Erratum[] = [
  { path: /^\/requestedShipment\/requestedPackageLineItems\/\d+\/weight\/units$/, keyword: 'enum' },
];

export interface FedexMock {
  url: string;
  requests: { method: string; path: string; body: unknown; problems: string[] }[];
  tokensIssued: number;
  shipments: Map<string, { trackingNumbers: string[]; reference: string | null; cancelled: boolean; serviceType: string }>;
  /** Scan events a test adds to a tracking number (FedEx Track shape), newest last. */
  scans: Map<string, Record<string, unknown>[]>;
  /** The next ship answers, in order: a status and body, or 'buy-then-hang' (sold, never answered). */
  shipQueue: ({ status: number; body: unknown } | 'buy-then-hang')[];
  down: boolean;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) => new Promise<string>((r) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => r(b)); });
const fedexError = (code: string, message: string, field?: string) => ({ transactionId: 'mock', errors: [{ code, message, ...(field ? { parameterList: [{ key: 'field', value: field }] } : {}) }] });

/** The mock's price of a package for a service: by weight (not FedEx's prices). */
function price(serviceType: string, lb: number): number {
  const per: Record<string, [number, number]> = { FEDEX_GROUND: [1010, 92], GROUND_HOME_DELIVERY: [1040, 95], SMART_POST: [840, 70], FEDEX_EXPRESS_SAVER: [2300, 210], FEDEX_2_DAY: [2560, 240], STANDARD_OVERNIGHT: [4100, 330], PRIORITY_OVERNIGHT: [4600, 360] };
  const [base, step] = per[serviceType] ?? [1500, 150];
  return base + step * Math.max(0, Math.ceil(lb) - 1);
}
const TRANSIT: Record<string, string> = { FEDEX_GROUND: 'FOUR_DAYS', GROUND_HOME_DELIVERY: 'FOUR_DAYS', SMART_POST: 'SIX_DAYS', FEDEX_EXPRESS_SAVER: 'THREE_DAYS', FEDEX_2_DAY: 'TWO_DAYS', STANDARD_OVERNIGHT: 'ONE_DAY', PRIORITY_OVERNIGHT: 'ONE_DAY' };

export async function startFedexMock(o: { clientId: string; clientSecret: string; validate?: boolean }): Promise<FedexMock> {
  const v = hasFedexSpec && o.validate !== false
    ? {
        rate: componentValidator(spec('rate').components.schemas, 'Full_Schema_Quote_Rate', FEDEX_ERRATA),
        ship: componentValidator(spec('ship').components.schemas, 'Full_Schema_Ship', FEDEX_ERRATA),
        cancel: componentValidator(spec('ship').components.schemas, 'Full_Schema_Cancel_Shipment', FEDEX_ERRATA),
        track: componentValidator(spec('track').components.schemas, 'Full_Schema_Tracking_Numbers', FEDEX_ERRATA),
        reference: componentValidator(spec('track').components.schemas, 'Full_Schema_Tracking_References', FEDEX_ERRATA),
        address: componentValidator(spec('address-validation').components.schemas, 'body', FEDEX_ERRATA),
        close: componentValidator(spec('close').components.schemas, 'v1_endofday_body', FEDEX_ERRATA),
      }
    : null;
  const check = (k: keyof NonNullable<typeof v>, body: unknown) => (v ? v[k](body) : []);
  const tokens = new Set<string>();
  let serial = 0;
  const mock: FedexMock = {
    url: '', requests: [], tokensIssued: 0, shipments: new Map(), scans: new Map(), shipQueue: [], down: false,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  const server: Server = createServer(async (req, res) => {
    const text = await read(req);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const path = (req.url ?? '').split('?')[0]!;
    if (mock.down) return send(503, fedexError('SERVICE.UNAVAILABLE.ERROR', 'The service is currently unavailable'));
    if (req.method === 'POST' && path === '/oauth/token') {
      const f = new URLSearchParams(text);
      mock.requests.push({ method: 'POST', path, body: text, problems: f.get('grant_type') === 'client_credentials' ? [] : ['grant_type'] });
      if (f.get('client_id') !== o.clientId || f.get('client_secret') !== o.clientSecret) return send(401, fedexError('NOT.AUTHORIZED.ERROR', 'The given client credentials were not valid'));
      const t = `fdx-tok-${++mock.tokensIssued}`;
      tokens.add(t);
      return send(200, { access_token: t, token_type: 'bearer', expires_in: 3599, scope: 'CXS' });
    }
    let body: any = null;
    try { body = text ? JSON.parse(text) : null; } catch { /* a problem below */ }
    const record = (problems: string[]) => mock.requests.push({ method: req.method ?? '', path, body, problems: text && body === null ? ['not JSON'] : problems });
    if (!tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
      record([]);
      return send(401, fedexError('NOT.AUTHORIZED.ERROR', 'The given JWT is invalid'));
    }
    const tx = { transactionId: String(req.headers['x-customer-transaction-id'] ?? 'mock') };

    if (req.method === 'POST' && path === '/rate/v1/rates/quotes') {
      record(check('rate', body));
      const s = body?.requestedShipment ?? {};
      const residential = s.recipient?.address?.residential === true;
      const types = s.serviceType ? [s.serviceType] : residential ? ['GROUND_HOME_DELIVERY', 'SMART_POST', 'FEDEX_EXPRESS_SAVER', 'FEDEX_2_DAY', 'STANDARD_OVERNIGHT'] : ['FEDEX_GROUND', 'FEDEX_EXPRESS_SAVER', 'FEDEX_2_DAY', 'STANDARD_OVERNIGHT'];
      const pkgs: { weight?: { value?: number } }[] = s.requestedPackageLineItems ?? [];
      const rateReplyDetails = types.map((t: string) => {
        const list = pkgs.reduce((x, p) => x + price(t, Number(p.weight?.value ?? 1)), 0);
        const resi = residential && t !== 'SMART_POST' ? 585 : 0;
        const detail = (factor: number, rateType: string) => {
          const freight = Math.round(list * factor);
          const fuel = Math.round((freight + resi) * 0.185);
          const total = freight + resi + fuel;
          return {
            rateType, currency: 'USD', totalBaseCharge: freight / 100, totalNetCharge: total / 100, totalNetFedExCharge: total / 100,
            shipmentRateDetail: { currency: 'USD', rateZone: '5', fuelSurchargePercent: 18.5, totalSurcharges: (resi + fuel) / 100, totalBillingWeight: { units: 'LB', value: pkgs.reduce((x, p) => x + Math.ceil(Number(p.weight?.value ?? 1)), 0) },
              surCharges: [{ type: 'FUEL', description: 'Fuel Surcharge', amount: fuel / 100 }, ...(resi ? [{ type: 'RESIDENTIAL_DELIVERY', description: 'Residential delivery', amount: resi / 100 }] : [])] },
          };
        };
        return { serviceType: t, serviceName: t, packagingType: 'YOUR_PACKAGING', ratedShipmentDetails: [detail(0.82, 'ACCOUNT'), detail(1, 'LIST')], operationalDetail: { transitTime: TRANSIT[t] ?? 'FIVE_DAYS' } };
      });
      return send(200, { ...tx, output: { rateReplyDetails, quoteDate: '2026-12-07', encoded: false } });
    }
    if (req.method === 'POST' && path === '/ship/v1/shipments') {
      record(check('ship', body));
      const next = mock.shipQueue.shift();
      if (next && next !== 'buy-then-hang') return send(next.status, next.body);
      const s = body?.requestedShipment ?? {};
      if (!s.recipients?.[0]?.address?.stateOrProvinceCode && s.recipients?.[0]?.address?.countryCode === 'US') {
        return send(400, fedexError('RECIPIENTS.STATEORPROVINCECODE.INVALID', 'Please provide a valid state or province code.', 'requestedShipment.recipients[0].address.stateOrProvinceCode'));
      }
      const pkgs: { weight?: { value?: number }; customerReferences?: { value?: string }[] }[] = s.requestedPackageLineItems ?? [];
      const numbers = pkgs.map(() => `7949${String(++serial).padStart(8, '0')}`);
      mock.shipments.set(numbers[0]!, { trackingNumbers: numbers, reference: pkgs[0]?.customerReferences?.[0]?.value ?? null, cancelled: false, serviceType: s.serviceType });
      if (next === 'buy-then-hang') return;
      const zpl = s.labelSpecification?.imageType === 'ZPLII';
      const pieceResponses = await Promise.all(numbers.map(async (tn, k) => ({
        trackingNumber: tn, masterTrackingNumber: numbers[0], netChargeAmount: price(s.serviceType, Number(pkgs[k]?.weight?.value ?? 1)) / 100, currency: 'USD',
        packageDocuments: [{ contentType: 'LABEL', copiesToPrint: 1, docType: zpl ? 'ZPLII' : 'PDF', encodedLabel: zpl ? Buffer.from(`^XA^FO50,50^BCN,100,Y,N,N^FD${tn}^FS^XZ`).toString('base64') : (await gifLabelsToPdf([await gifLabel(tn)])).toString('base64') }],
      })));
      return send(200, { ...tx, output: { transactionShipments: [{ serviceType: s.serviceType, shipDatestamp: s.shipDatestamp, masterTrackingNumber: numbers[0], pieceResponses, alerts: [] }] } });
    }
    if (req.method === 'PUT' && path === '/ship/v1/shipments/cancel') {
      record(check('cancel', body));
      const sh = mock.shipments.get(body?.trackingNumber);
      if (!sh) return send(400, fedexError('TRACKINGNUMBER.NOT.FOUND', 'The tracking number is not found.', 'trackingNumber'));
      sh.cancelled = true;
      return send(200, { ...tx, output: { cancelledShipment: true, cancelledHistory: true, successMessage: 'Success' } });
    }
    if (req.method === 'POST' && path === '/track/v1/trackingnumbers') {
      record(check('track', body));
      const tn = body?.trackingInfo?.[0]?.trackingNumberInfo?.trackingNumber ?? '';
      const sh = [...mock.shipments.values()].find((x) => x.trackingNumbers.includes(tn));
      if (!sh) return send(200, { ...tx, output: { completeTrackResults: [{ trackingNumber: tn, trackResults: [{ trackingNumberInfo: { trackingNumber: tn }, error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' } }] }] } });
      const scanEvents = [...(mock.scans.get(tn) ?? [])].reverse();
      return send(200, { ...tx, output: { completeTrackResults: [{ trackingNumber: tn, trackResults: [{ trackingNumberInfo: { trackingNumber: tn }, scanEvents }] }] } });
    }
    if (req.method === 'POST' && path === '/track/v1/referencenumbers') {
      record(check('reference', body));
      const ref = body?.referencesInformation?.value;
      const found = [...mock.shipments.values()].filter((x) => x.reference === ref && !x.cancelled);
      if (!found.length) return send(404, fedexError('TRACKING.REFERENCENUMBER.NOTFOUND', 'Reference number cannot be found.'));
      return send(200, { ...tx, output: { completeTrackResults: found.map((x) => ({ trackingNumber: x.trackingNumbers[0], trackResults: [{ trackingNumberInfo: { trackingNumber: x.trackingNumbers[0] } }] })) } });
    }
    if (req.method === 'POST' && path === '/address/v1/addresses/resolve') {
      record(check('address', body));
      // The rule: "NOWHERE" does not resolve; a "TOWER" without its unit resolves without DPV; a suite is a business.
      const a = body?.addressesToValidate?.[0]?.address ?? {};
      const line = (a.streetLines ?? []).join(' ').toUpperCase();
      const resolved = !line.includes('NOWHERE');
      return send(200, { ...tx, output: { resolvedAddresses: [{
        streetLinesToken: (a.streetLines ?? []).map((x: string) => x.toUpperCase()), city: String(a.city ?? '').toUpperCase(), stateOrProvinceCode: a.stateOrProvinceCode, postalCode: `${a.postalCode}-1234`, countryCode: a.countryCode,
        classification: /\bSTE\b|SUITE/.test(line) ? 'BUSINESS' : 'RESIDENTIAL', attributes: { Resolved: String(resolved), DPV: String(resolved && !(line.includes('TOWER') && (a.streetLines ?? []).length < 2)) },
      }] } });
    }
    if (req.method === 'PUT' && path === '/ship/v1/endofday/') {
      record(check('close', body));
      return send(200, { ...tx, output: { closeDocuments: [] } });
    }
    record([`${req.method} ${path} is not a FedEx endpoint lastmile should call`]);
    send(404, fedexError('NOT.FOUND.ERROR', `${req.method} ${path} is not mocked`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mock.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return mock;
}
