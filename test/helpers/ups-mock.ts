/**
 * UPS, locally: the published Rating definition as a validator, and a mock of the OAuth and
 * Rating endpoints that checks every request against it. The definition is in ../shared (beside
 * the project in CI); without it the mock answers without checking and `schemaChecks` says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';

export const UPS_RATING_SPEC = new URL('../../../shared/data/carriers/ups/Rating.yaml', import.meta.url).pathname;
export const hasUpsSpec = existsSync(UPS_RATING_SPEC);

type Schema = Record<string, unknown>;

/**
 * The definition's schemas with every object closed (additionalProperties: false), so a misspelt
 * field is an error. A name the definition requires but does not describe (`RequestOption`) stays
 * allowed.
 */
function closed(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(closed);
  if (!s || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, x]) => [p, closed(x)])) : closed(v);
  if (out['properties'] && out['additionalProperties'] === undefined) {
    const props = out['properties'] as Schema;
    for (const r of (out['required'] as string[] | undefined) ?? []) props[r] ??= {};
    out['additionalProperties'] = false;
  }
  return out;
}

/**
 * Where the definition contradicts UPS's own examples, the examples win (each rule named): a
 * service code is two digits ("03", the definition's own Rate example) though the schema asks
 * three characters; a declared value is an amount ("100", "10.30" in UPS's examples) though the
 * schema asks eight characters at least.
 */
export const UPS_ERRATA = [
  { path: /\/Service\/Code$/, keyword: 'minLength' },
  { path: /\/DeclaredValue\/MonetaryValue$/, keyword: 'minLength' },
];

let parsed: { paths: Record<string, any>; components: { schemas: Schema } } | null = null;
export const upsRatingSpec = () => (parsed ??= parse(readFileSync(UPS_RATING_SPEC, 'utf8')));

/** A validator for one of the definition's schemas: the problems, or [] when the value satisfies it. */
export function upsSchemaValidator(name: string, errata = UPS_ERRATA): (x: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'ups', components: { schemas: closed(upsRatingSpec().components.schemas) } });
  const v = ajv.getSchema(`ups#/components/schemas/${name}`)!;
  return (x) => (v(x) ? [] : (v.errors ?? []).filter((e: ErrorObject) => !errata.some((k) => k.keyword === e.keyword && k.path.test(e.instancePath))).map((e: ErrorObject) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

export interface UpsMock {
  url: string;
  /** Every request, in order, with what the definition found wrong in its body. */
  requests: { path: string; authorization: string | undefined; body: unknown; problems: string[] }[];
  tokensIssued: number;
  /** The next answers of the rating endpoint, in order (then `rateAnswer`). */
  queue: ({ status: number; body: unknown } | 'hang')[];
  rateAnswer: { status: number; body: unknown };
  /** Forget every token issued, as UPS does when it revokes one early. */
  revokeAll(): void;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) => new Promise<string>((r) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => r(b)); });

/** The mock: tokens for the right client id and secret (`expires_in` as UPS sends it, a string), rating checked against the definition. */
export async function startUpsMock(o: { clientId: string; clientSecret: string; expiresIn?: string }): Promise<UpsMock> {
  const validate = hasUpsSpec ? upsSchemaValidator('RATERequestWrapper') : () => [];
  const issued = new Set<string>();
  const mock: UpsMock = {
    url: '', requests: [], tokensIssued: 0, queue: [], rateAnswer: { status: 200, body: {} },
    revokeAll: () => issued.clear(),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  const server: Server = createServer(async (req, res) => {
    const text = await read(req);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method === 'POST' && path === '/security/v1/oauth/token') {
      mock.requests.push({ path, authorization: req.headers.authorization, body: text, problems: text === 'grant_type=client_credentials' ? [] : ['grant_type'] });
      if (req.headers.authorization !== `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64')}`) return send(401, { response: { errors: [{ code: '10401', message: 'ClientId is Invalid' }] } });
      const token = `tok-${++mock.tokensIssued}`;
      issued.add(token);
      return send(200, { token_type: 'Bearer', access_token: token, expires_in: o.expiresIn ?? '14399', status: 'approved' });
    }
    if (req.method === 'POST' && /^\/api\/rating\/v2409\/(Rate|Shop)$/.test(path)) {
      let body: unknown = null;
      try { body = JSON.parse(text); } catch { /* recorded as a problem below */ }
      mock.requests.push({ path, authorization: req.headers.authorization, body, problems: body === null ? ['not JSON'] : validate(body) });
      if (!issued.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) return send(401, { response: { errors: [{ code: '250002', message: 'Invalid Authentication Information.' }] } });
      const next = mock.queue.shift() ?? mock.rateAnswer;
      if (next === 'hang') return; // never answers: the client's timeout
      return send(next.status, next.body);
    }
    send(404, { response: { errors: [{ code: '404', message: `${req.method} ${path} is not mocked` }] } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mock.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return mock;
}
