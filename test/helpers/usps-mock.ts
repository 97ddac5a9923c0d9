/**
 * USPS, locally: a mock of the v3 APIs lastmile uses (OAuth, Payments, Domestic Prices, Labels,
 * Tracking, Addresses, SCAN Form) that checks every request against **the fields of USPS's
 * published examples** (`../shared/data/carriers/usps/`: the example payloads and the Postman
 * collection): a field no example has, or a value of another type than the examples give it, is
 * a problem. USPS publishes examples, not a schema, so that is the strictest check there is.
 * Without ../shared the mock answers without checking and `hasUspsExamples` says so.
 *
 * Its prices are a formula, not USPS's. It sells labels (22-digit IMpb numbers, a 4×6 PDF with a
 * barcode of the number, or ZPL), cancels them, tracks them and validates addresses by a fixed
 * rule (below).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gifLabelsToPdf } from '../../src/labels/carrier-images.js';
import { gifLabel } from './gif-label.js';

const DIR = new URL('../../../shared/data/carriers/usps/', import.meta.url).pathname;
export const hasUspsExamples = existsSync(`${DIR}Example-Postman.postman_collection.json`);

type Shape = { types: Set<string>; fields?: Map<string, Shape>; items?: Shape };
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The union of the examples' structure: every field they use and the types they give it. */
export function shapeOf(examples: unknown[], into: Shape = { types: new Set() }): Shape {
  for (const e of examples) {
    into.types.add(typeOf(e));
    if (Array.isArray(e)) into.items = shapeOf(e, into.items ?? { types: new Set() });
    else if (e && typeof e === 'object') {
      into.fields ??= new Map();
      for (const [k, v] of Object.entries(e)) into.fields.set(k, shapeOf([v], into.fields.get(k) ?? { types: new Set() }));
    }
  }
  return into;
}

/** What in a value the examples do not show: unknown fields and types they never give. */
export function checkShape(v: unknown, s: Shape, path = ''): string[] {
  const t = typeOf(v);
  // The examples' "12" and 12 are the same field; null stands for "not given".
  if (!s.types.has(t) && !(t === 'number' && s.types.has('string')) && !(t === 'string' && s.types.has('number')) && !s.types.has('null')) return [`${path || '/'}: ${t}, the examples give ${[...s.types].join(' or ')}`];
  if (t === 'array' && s.items) return (v as unknown[]).flatMap((x, i) => checkShape(x, s.items!, `${path}/${i}`));
  if (t === 'object' && s.fields) {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => {
      const f = s.fields!.get(k);
      return f ? checkShape(x, f, `${path}/${k}`) : [`${path}/${k}: no USPS example has this field`];
    });
  }
  return [];
}

/** The request bodies of the Postman collection, by request name. */
function postmanBodies(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (items: { name: string; item?: unknown[]; request?: { body?: { raw?: string } } }[]) => {
    for (const it of items) {
      if (it.item) walk(it.item as never);
      else if (it.request?.body?.raw) {
        try { out.set(it.name, JSON.parse(it.request.body.raw)); } catch { /* a body with placeholders that are not JSON */ }
      }
    }
  };
  walk(JSON.parse(readFileSync(`${DIR}Example-Postman.postman_collection.json`, 'utf8')).item);
  return out;
}

const json = (file: string) => JSON.parse(readFileSync(`${DIR}${file}`, 'utf8')) as unknown;

/** Each endpoint's examples as a shape (null without ../shared). */
export function uspsShapes(): Record<'token' | 'payment' | 'baseRates' | 'extraService' | 'label' | 'scanForm', Shape> | null {
  if (!hasUspsExamples) return null;
  const pm = postmanBodies();
  const pick = (...names: string[]) => names.map((n) => pm.get(n)).filter((x) => x !== undefined);
  return {
    token: shapeOf(pick('3.0 OAuth Client Credentials Token')),
    payment: shapeOf(pick('3.0 Domestic Label Payment')),
    baseRates: shapeOf(pick('3.0 Domestic Prices - Base Rates')),
    extraService: shapeOf(pick('3.0 Domestic Prices - Extra Service Rates')),
    // Domestic and return labels share the package description (the return label example shows its customerReference).
    label: shapeOf([json('domesticlabel-v3-request.json'), json('label-request.json'), json('returnlabel-request.json'), ...pick('3.0 Domestic Label')]),
    scanForm: shapeOf([json('SCANForm-LabelShipment-request.json'), ...pick('3.0 Label Shipment')]),
  };
}

export interface UspsMock {
  url: string;
  requests: { method: string; path: string; body: unknown; problems: string[] }[];
  tokensIssued: number;
  labels: Map<string, { mailClass: string; cancelled: boolean; reference: string | null }>;
  /** Events a test adds to a tracking number (USPS Tracking v3 shape), newest last. */
  events: Map<string, Record<string, unknown>[]>;
  /** The next label answers, in order: a status and body (status 0: the usual answer), or 'buy-then-hang' (sold, never answered). */
  labelQueue: ({ status: number; body: unknown } | 'buy-then-hang')[];
  down: boolean;
  /** Mail classes the price endpoint refuses (USPS does not offer them on the lane). */
  unavailable: Set<string>;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) => new Promise<string>((r) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => r(b)); });
const uspsError = (status: number, code: string, detail: string, parameter?: string) => ({ apiVersion: '/v3', error: { code: String(status), message: detail, errors: [{ status: String(status), code, title: detail, detail, ...(parameter ? { source: { parameter } } : {}) }] } });

/** The mock's price of one package: by mail class and weight (not USPS's prices). */
function price(mailClass: string, weightLb: number): number {
  const per: Record<string, [number, number]> = { USPS_GROUND_ADVANTAGE: [545, 85], PRIORITY_MAIL: [935, 140], PRIORITY_MAIL_EXPRESS: [2950, 310], PARCEL_SELECT: [760, 90] };
  const [base, step] = per[mailClass] ?? [1000, 100];
  return base + step * Math.max(0, Math.ceil(weightLb) - 1);
}

export async function startUspsMock(o: { clientId: string; clientSecret: string; expiresIn?: string; validate?: boolean }): Promise<UspsMock> {
  const shapes = o.validate === false ? null : uspsShapes();
  const check = (k: keyof NonNullable<typeof shapes>, body: unknown) => (shapes ? checkShape(body, shapes[k]) : []);
  const tokens = new Set<string>();
  const payments = new Set<string>();
  let serial = 0;
  const mock: UspsMock = {
    url: '', requests: [], tokensIssued: 0, labels: new Map(), events: new Map(), labelQueue: [], down: false, unavailable: new Set(),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  const server: Server = createServer(async (req, res) => {
    const text = await read(req);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const [path, query = ''] = (req.url ?? '').split('?') as [string, string?];
    let body: any = null;
    try { body = text ? JSON.parse(text) : null; } catch { /* a problem below */ }
    const record = (problems: string[]) => mock.requests.push({ method: req.method ?? '', path, body, problems: text && body === null ? ['not JSON'] : problems });
    if (mock.down) return send(503, uspsError(503, '503', 'Service Unavailable'));
    const authorized = () => tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''));

    if (req.method === 'POST' && path === '/oauth2/v3/token') {
      record(check('token', body));
      if (body?.client_id !== o.clientId || body?.client_secret !== o.clientSecret) return send(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      const t = `usps-tok-${++mock.tokensIssued}`;
      tokens.add(t);
      return send(200, { access_token: t, token_type: 'Bearer', issued_at: String(Date.now()), expires_in: o.expiresIn ?? '28799', status: 'approved', scope: 'addresses prices labels tracking scan-forms' });
    }
    if (!authorized()) {
      record([]);
      return send(401, uspsError(401, '401', 'Unauthorized: the access token is missing, expired or invalid'));
    }
    if (req.method === 'POST' && path === '/payments/v3/payment-authorization') {
      record(check('payment', body));
      const t = `pay-${payments.size + 1}`;
      payments.add(t);
      return send(200, { paymentAuthorizationToken: t, roles: body?.roles ?? [] });
    }
    if (req.method === 'POST' && path === '/prices/v3/base-rates/search') {
      record(check('baseRates', body));
      if (mock.unavailable.has(body?.mailClass)) return send(400, uspsError(400, '400', `${body.mailClass} is not available for this package`, 'mailClass'));
      if (!/^\d{5}$/.test(String(body?.destinationZIPCode ?? ''))) return send(400, uspsError(400, '400', 'The destination ZIP Code is invalid', 'destinationZIPCode'));
      const p = price(body.mailClass, Number(body.weight));
      return send(200, { totalBasePrice: p / 100, rates: [{ SKU: 'DUXR0XXXXC01010', description: `${body.mailClass} Machinable Single-piece`, priceType: body.priceType, price: p / 100, weight: Number(body.weight), dimWeight: 0, fees: [], startDate: '2026-07-12', endDate: '', warnings: [], mailClass: body.mailClass, zone: '05' }] });
    }
    if (req.method === 'POST' && path === '/prices/v3/extra-service-rates/search') {
      record(check('extraService', body));
      const names: Record<number, [string, number]> = { 921: ['Signature Confirmation', 445], 922: ['Adult Signature Required', 1065], 930: ['Insurance <= $500', 465], 931: ['Insurance > $500', 1040] };
      const [name, cents] = names[Number(body?.extraService)] ?? ['Unknown', 0];
      return send(200, { extraService: String(body?.extraService), name, sku: 'DXQX0XXXXCX0000', priceType: body?.priceType, price: cents / 100, warnings: [] });
    }
    if (req.method === 'POST' && path === '/labels/v3/label') {
      record([...check('label', body), ...(payments.has(String(req.headers['x-payment-authorization-token'] ?? '')) ? [] : ['X-Payment-Authorization-Token missing or unknown'])]);
      const next = mock.labelQueue.shift();
      // status 0: answer as usual (lets a test queue the second answer).
      if (next && next !== 'buy-then-hang' && next.status !== 0) return send(next.status, next.body);
      if (!body?.toAddress?.state) return send(400, uspsError(400, '400', 'toAddress.state is required', 'toAddress.state'));
      const tn = `9205590109769900${String(++serial).padStart(6, '0')}`;
      mock.labels.set(tn, { mailClass: body.packageDescription?.mailClass ?? '', cancelled: false, reference: body.packageDescription?.customerReference?.[0]?.referenceNumber ?? null });
      if (next === 'buy-then-hang') return;
      const zpl = body.imageInfo?.imageType?.startsWith('ZPL');
      const image = zpl ? Buffer.from(`^XA^FO50,50^BCN,100,Y,N,N^FD${tn}^FS^XZ`).toString('base64') : (await gifLabelsToPdf([await gifLabel(tn)])).toString('base64');
      const postage = price(body.packageDescription?.mailClass, Number(body.packageDescription?.weight ?? 1)) / 100;
      const boundary = 'MOCKUSPSBOUNDARY';
      const meta = { labelAddress: body.toAddress, routingInformation: `420${body.toAddress.ZIPCode}`, trackingNumber: tn, postage, extraServices: [], zone: '05', commitment: { name: '3 Days', scheduleDeliveryDate: '2026-12-10' }, weightUOM: 'LB', weight: body.packageDescription?.weight, fees: [], SKU: 'DUXR0XXXXC01010' };
      const multipart = [`--${boundary}`, 'Content-type: application/json', '', JSON.stringify(meta), `--${boundary}`, `File Name: label.${zpl ? 'zpl' : 'pdf'}`, `Content-Type: ${zpl ? 'application/zpl' : 'application/pdf'}`, 'Content-Transfer-Encoding: base64', '', image, `--${boundary}--`, ''].join('\r\n');
      return res.writeHead(200, { 'content-type': `multipart/mixed; boundary=${boundary}` }).end(multipart);
    }
    const cancel = /^\/labels\/v3\/label\/(\d{20,34})$/.exec(path);
    if (req.method === 'DELETE' && cancel) {
      record(payments.has(String(req.headers['x-payment-authorization-token'] ?? '')) ? [] : ['X-Payment-Authorization-Token missing or unknown']);
      const l = mock.labels.get(cancel[1]!);
      if (!l) return send(404, uspsError(404, '404', 'The label was not found'));
      l.cancelled = true;
      return send(200, { trackingNumber: cancel[1], status: 'CANCELED' });
    }
    const track = /^\/tracking\/v3\/tracking\/(\d{20,34})$/.exec(path);
    if (req.method === 'GET' && track) {
      record(new URLSearchParams(query).get('expand') === 'DETAIL' ? [] : ['expand=DETAIL expected']);
      const l = mock.labels.get(track[1]!);
      if (!l) return send(404, uspsError(404, '404', 'The tracking number was not found'));
      const events = [...(mock.events.get(track[1]!) ?? [])].reverse();
      return send(200, { trackingNumber: track[1], mailClass: l.mailClass, status: events.length ? events[0]!['eventType'] : 'Label created', trackingEvents: events });
    }
    if (req.method === 'GET' && path === '/addresses/v3/address') {
      const q = new URLSearchParams(query);
      const allowed = new Set(['streetAddress', 'secondaryAddress', 'city', 'state', 'ZIPCode', 'ZIPPlus4', 'urbanization', 'firm']);
      record([...q.keys()].filter((k) => !allowed.has(k)).map((k) => `unknown query parameter ${k}`));
      // The rule: "NOWHERE" is not found; an "APT" building without its unit is D (missing secondary); "STE" is a business.
      const street = (q.get('streetAddress') ?? '').toUpperCase();
      if (street.includes('NOWHERE')) return send(400, uspsError(400, '400', 'Address Not Found.', 'streetAddress'));
      const dpv = street.includes('TOWER') && !q.get('secondaryAddress') ? 'D' : 'Y';
      return send(200, {
        firm: null,
        address: { streetAddress: street, secondaryAddress: q.get('secondaryAddress')?.toUpperCase() ?? null, city: (q.get('city') ?? '').toUpperCase(), state: q.get('state'), ZIPCode: q.get('ZIPCode'), ZIPPlus4: '1234', urbanization: null },
        additionalInfo: { deliveryPoint: '20', carrierRoute: 'C036', DPVConfirmation: dpv, DPVCMRA: 'N', business: /\bSTE\b|SUITE/.test(`${street} ${(q.get('secondaryAddress') ?? '').toUpperCase()}`) ? 'Y' : 'N', centralDeliveryPoint: 'N', vacant: 'N' },
        corrections: [{ code: '', text: '' }], matches: [{ code: '31', text: 'Single Response - exact match' }],
      });
    }
    if (req.method === 'GET' && path === '/locations/v3/post-office-locations') {
      const q = new URLSearchParams(query);
      const allowed = new Set(['radius', 'ZIPCode', 'ZIPPlus4', 'city', 'state', 'streetAddress', 'locationTypes', 'serviceTypes', 'limit', 'offset']);
      record([...[...q.keys()].filter((k) => !allowed.has(k)).map((k) => `unknown query parameter ${k}`), ...(q.get('ZIPCode') ? [] : ['ZIPCode missing'])]);
      // USPS's own example answer (three Bronx post offices), its trailing comma removed as the live API would.
      if (!hasUspsExamples) return send(200, { locations: [] });
      return send(200, JSON.parse(readFileSync(`${DIR}postoffice-locator-v3-response.json`, 'utf8').trim().replace(/,\s*\}$/, '\n}')));
    }
    if (req.method === 'POST' && path === '/scan-forms/v3/scan-form') {
      record(check('scanForm', body));
      const numbers: string[] = body?.shipment?.trackingNumbers ?? [];
      const unknown = numbers.filter((n) => !mock.labels.get(n) || mock.labels.get(n)!.cancelled);
      if (unknown.length) return send(400, uspsError(400, '400', `Labels not eligible for a SCAN form: ${unknown.join(', ')}`, 'shipment.trackingNumbers'));
      const boundary = 'MOCKSCANFORM';
      const meta = { ...body, manifestNumber: `9275090${String(Date.now()).slice(-12)}`, trackingNumbers: numbers };
      const pdf = (await gifLabelsToPdf([await gifLabel('SCANFORM')])).toString('base64');
      const multipart = [`--${boundary}`, 'Content-Type: application/json', 'Content-Disposition: form-data; name="Scan Form Response"', '', JSON.stringify(meta), `--${boundary}`, 'Content-Type: application/pdf', 'Content-Disposition: form-data; filename="label.pdf"; name="label"', '', pdf, `--${boundary}--`, ''].join('\r\n');
      return res.writeHead(200, { 'content-type': `multipart/form-data; boundary=${boundary}` }).end(multipart);
    }
    record([`${req.method} ${path} is not a USPS endpoint lastmile should call`]);
    send(404, uspsError(404, '404', `${req.method} ${path} is not mocked`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mock.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return mock;
}
