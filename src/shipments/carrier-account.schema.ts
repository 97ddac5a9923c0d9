import { z } from 'zod';

const code = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a lower-case carrier code as in the rate cards (usps, ups, metro…)');
const digits = (n: number[]) => z.string().regex(new RegExp(`^(${n.map((k) => `\\d{${k}}`).join('|')})$`), `${n.join(' or ')} digits`);

/** What every native connector's account has besides its carrier's own fields: its API address, its OAuth2 app, how decisions use it. */
const nativeAccount = {
  name: z.string().trim().min(1).max(100).optional(),
  base_url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe("another address for the carrier's API (a proxy or a local mock); default the environment's"),
  client_id: z.string().trim().min(1).max(500).describe("the carrier developer app's client id (consumer key)"),
  client_secret: z.string().min(1).max(2000).describe('its client secret: sealed at rest, never returned'),
  live_rates: z.boolean().default(true).describe("ask the carrier for rates when deciding orders (cards are the fallback)"),
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
};

/**
 * A carrier account: how lastmile buys labels from one carrier. `offline` issues labels itself
 * from the tenant's rate cards with numbers from the shipper's own identifiers; `http` talks to a
 * carrier or 3PL API that speaks the generic JSON contract (docs/carriers.md); `ups` is UPS's own
 * API (rates, labels, voids, tracking, address validation).
 */
export const carrierAccountInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('offline'),
    carrier: code,
    name: z.string().trim().min(1).max(100).optional(),
    numbering: z.discriminatedUnion('format', [
      z.object({
        format: z.literal('usps_impb'),
        mailer_id: digits([6, 9]).describe('the Mailer ID USPS assigned to the shipper'),
        service_type_codes: z.record(z.string(), digits([3])).describe('service (as in the rate card) -> 3-digit STC; "*" for the default'),
      }),
      z.object({
        format: z.literal('ups_1z'),
        shipper_number: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'the 6-character UPS account number'),
        service_codes: z.record(z.string(), z.string().regex(/^[A-Z0-9]{2}$/)).describe('service -> 2-character UPS service code; "*" for the default'),
      }),
      z.object({
        format: z.literal('range'),
        prefix: z.string().regex(/^[A-Z0-9]{0,6}$/, 'up to 6 capital letters or digits'),
        digits: z.number().int().min(6).max(18),
        first: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        last: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        check: z.enum(['luhn', 'mod7', 'none']).default('luhn'),
      }).refine((r) => r.last >= r.first && String(r.last).length <= r.digits, { message: 'last must be ≥ first and fit in digits', path: ['last'] }),
    ]),
  }),
  z.object({
    kind: z.literal('http'),
    carrier: code,
    name: z.string().trim().min(1).max(100).optional(),
    base_url: z.url({ protocol: /^https?$/ }).max(2000),
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('none') }),
      z.object({ type: z.literal('api_key'), header: z.string().default('authorization'), key: z.string().min(1).max(2000) }),
      z.object({ type: z.literal('oauth2'), token_url: z.url().max(2000), client_id: z.string().min(1).max(500), client_secret: z.string().min(1).max(2000), scope: z.string().max(1000).optional() }),
    ]),
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
  }),
  z.object({
    kind: z.literal('ups'),
    carrier: z.literal('ups').default('ups'),
    environment: z.enum(['sandbox', 'production']).default('sandbox').describe("UPS's customer-integration (sandbox: nothing is billed) or production API"),
    account_number: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'the 6-character UPS account (shipper) number'),
    negotiated_rates: z.boolean().default(false).describe("ask for the account's negotiated rates and price with them"),
    label_format: z.enum(['pdf', 'zpl']).default('pdf').describe('pdf: UPS draws a GIF, stored as a 4×6 PDF; zpl: UPS\'s ZPL for thermal printers'),
    services: z.record(z.string().trim().min(1).max(60), z.string().trim().toUpperCase().regex(/^[0-9A-Z]{2}$/, 'a 2-character UPS service code')).default({})
      .describe('our service names (as in rate cards) → UPS service codes, beyond the built-in ones (ground → 03, next_day_air → 01, …)'),
    ...nativeAccount,
  }),
  z.object({
    kind: z.literal('fedex'),
    carrier: z.literal('fedex').default('fedex'),
    environment: z.enum(['sandbox', 'production']).default('sandbox').describe("FedEx's sandbox (apis-sandbox.fedex.com: nothing is billed) or production"),
    account_number: z.string().trim().regex(/^\d{9}$/, 'the 9-digit FedEx account number'),
    rate_type: z.enum(['account', 'list']).default('account').describe("price with the account's own rates, or FedEx's list rates"),
    label_format: z.enum(['pdf', 'zpl']).default('pdf').describe("pdf: FedEx's 4×6 PDF; zpl: its ZPL II"),
    services: z.record(z.string().trim().min(1).max(60), z.string().trim().toUpperCase().regex(/^[A-Z0-9_]{3,40}$/, 'a FedEx service type such as FEDEX_GROUND')).default({})
      .describe('our service names (as in rate cards) → FedEx service types, beyond the built-in ones (ground → FEDEX_GROUND, home_delivery → GROUND_HOME_DELIVERY, 2day → FEDEX_2_DAY…)'),
    ...nativeAccount,
  }),
  z.object({
    kind: z.literal('usps'),
    carrier: z.literal('usps').default('usps'),
    environment: z.enum(['test', 'production']).default('test').describe("USPS's test environment (apis-tem.usps.com: nothing is billed) or production"),
    crid: z.string().trim().regex(/^\d{4,15}$/, 'the Customer Registration ID (digits)'),
    mid: z.string().trim().regex(/^\d{6}$|^\d{9}$/, 'the 6- or 9-digit Mailer ID'),
    manifest_mid: z.string().trim().regex(/^\d{6}$|^\d{9}$/, 'the 6- or 9-digit Mailer ID for SCAN forms').optional(),
    eps_account: z.string().trim().regex(/^\d{6,12}$/, 'the Enterprise Payment System account number'),
    price_type: z.enum(['COMMERCIAL', 'RETAIL']).default('COMMERCIAL'),
    label_format: z.enum(['pdf', 'zpl']).default('pdf').describe('pdf: USPS\'s 4×6 PDF; zpl: its 203 dpi ZPL'),
    services: z.record(z.string().trim().min(1).max(60), z.string().trim().toUpperCase().regex(/^[A-Z_]{3,40}$/, 'a USPS mail class such as USPS_GROUND_ADVANTAGE')).default({})
      .describe('our service names (as in rate cards) → USPS mail classes, beyond the built-in ones (ground_advantage, priority_mail, priority_mail_express…)'),
    ...nativeAccount,
  }),
]);
export type CarrierAccountInput = z.output<typeof carrierAccountInputSchema>;

/** What the API shows of an account: secrets never leave the server. */
export const carrierAccountSchema = z.object({
  id: z.string(),
  carrier: z.string(),
  kind: z.enum(['offline', 'http', 'ups', 'usps', 'fedex']),
  name: z.string(),
  settings: z.record(z.string(), z.unknown()).describe('the account without its secrets'),
  next_serial: z.number().int().nullable(),
  created_at: z.string(),
});
export type CarrierAccount = z.output<typeof carrierAccountSchema>;

/** Strips what must stay secret (API keys, client secrets). */
export function publicSettings(input: CarrierAccountInput): Record<string, unknown> {
  if (input.kind === 'offline') return { numbering: input.numbering };
  if (input.kind === 'ups' || input.kind === 'usps' || input.kind === 'fedex') {
    const { kind: _k, carrier: _c, name: _n, client_secret: _s, ...rest } = input;
    return { ...rest, client_secret: '••••' };
  }
  const auth = input.auth.type === 'api_key' ? { type: 'api_key', header: input.auth.header, key: '••••' }
    : input.auth.type === 'oauth2' ? { type: 'oauth2', token_url: input.auth.token_url, client_id: input.auth.client_id, client_secret: '••••', scope: input.auth.scope }
    : { type: 'none' };
  return { base_url: input.base_url, auth, timeout_ms: input.timeout_ms };
}
