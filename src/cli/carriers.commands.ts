import type { Command } from 'commander';
import { AppError } from '../kernel/errors.js';
import { carrierAccountInputSchema, type CarrierAccount } from '../shipments/carrier-account.schema.js';
import type { CarrierAccountTest } from '../shipments/shipments.service.js';
import { viaApiOrLocal } from './context.js';
import { EXIT, json, stderr, stdout } from './output.js';

interface ConnectOptions {
  tenant?: string;
  environment?: string;
  baseUrl?: string;
  clientId?: string;
  clientSecretEnv?: string;
  accountNumber?: string;
  negotiatedRates?: boolean;
  rateType: string;
  crid?: string;
  mid?: string;
  manifestMid?: string;
  epsAccount?: string;
  priceType: string;
  labelFormat: string;
  service?: string[];
  liveRates: boolean;
  timeoutMs?: string;
}

const usage = (message: string, path: string) => new AppError('VALIDATION_FAILED', message, { errors: [{ path, message }] });

export function registerCarrierCommands(program: Command) {
  const carriers = program.command('carriers').description('carrier accounts: how labels are bought and rates asked (docs/carriers.md)');

  carriers
    .command('connect <carrier>')
    .description("connect a carrier's own API (ups, usps, fedex); the client secret is read from an environment variable (UPS_CLIENT_SECRET, USPS_CLIENT_SECRET, FEDEX_CLIENT_SECRET), never from the command line, and stored sealed")
    .option('--tenant <name>', 'tenant name')
    .option('--environment <env>', 'sandbox (ups, fedex) or test (usps): nothing billed; or production')
    .option('--base-url <url>', "another address for the carrier's API (a proxy or a mock)")
    .option('--client-id <id>', "the carrier developer app's client id (USPS: consumer key)")
    .option('--client-secret-env <name>', 'the environment variable holding the client secret (default <CARRIER>_CLIENT_SECRET)')
    .option('--account-number <n>', 'ups: the 6-character shipper number; fedex: the 9-digit account')
    .option('--negotiated-rates', "ups: ask for the account's negotiated rates")
    .option('--rate-type <t>', 'fedex: account or list', 'account')
    .option('--crid <n>', 'usps: Customer Registration ID')
    .option('--mid <n>', 'usps: Mailer ID')
    .option('--manifest-mid <n>', 'usps: Mailer ID for SCAN forms')
    .option('--eps-account <n>', 'usps: Enterprise Payment System account')
    .option('--price-type <t>', 'usps: COMMERCIAL or RETAIL', 'COMMERCIAL')
    .option('--label-format <f>', 'pdf or zpl', 'pdf')
    .option('--service <name=code...>', "map one of our service names to the carrier's code (repeatable), e.g. economy=93")
    .option('--no-live-rates', 'do not ask the carrier for rates when deciding orders')
    .option('--timeout-ms <ms>', 'per-request timeout')
    .action(async (carrier: string, o: ConnectOptions) => {
      if (!['ups', 'usps', 'fedex'].includes(carrier)) {
        throw usage(`${carrier}: native connectors exist for ups, usps and fedex; other carriers connect through an offline or HTTP account (PUT /v1/carrier-accounts, docs/carriers.md)`, 'carrier');
      }
      const envName = o.clientSecretEnv ?? `${carrier.toUpperCase()}_CLIENT_SECRET`;
      const secret = process.env[envName];
      if (!secret) throw usage(`Set ${envName} to the client secret (or name another variable with --client-secret-env)`, 'client_secret');
      const services: Record<string, string> = {};
      for (const pair of o.service ?? []) {
        const [name, code] = pair.split('=');
        if (!name || !code) throw usage(`--service ${pair}: write name=code, e.g. economy=93`, 'services');
        services[name] = code;
      }
      const common = {
        kind: carrier, ...(o.environment ? { environment: o.environment } : {}), ...(o.baseUrl ? { base_url: o.baseUrl } : {}), client_id: o.clientId, client_secret: secret,
        label_format: o.labelFormat, services, live_rates: o.liveRates, ...(o.timeoutMs ? { timeout_ms: Number(o.timeoutMs) } : {}),
      };
      const own = carrier === 'ups' ? { account_number: o.accountNumber, negotiated_rates: !!o.negotiatedRates }
        : carrier === 'fedex' ? { account_number: o.accountNumber, rate_type: o.rateType }
        : { crid: o.crid, mid: o.mid, ...(o.manifestMid ? { manifest_mid: o.manifestMid } : {}), eps_account: o.epsAccount, price_type: o.priceType };
      const p = carrierAccountInputSchema.safeParse({ ...common, ...own });
      if (!p.success) throw new AppError('VALIDATION_FAILED', 'The account is not valid', { errors: p.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      const a = await viaApiOrLocal<CarrierAccount>(o.tenant, (api) => api.request('PUT', '/v1/carrier-accounts', p.data), (lm, tenantId) => lm.services.shipments.saveAccount(tenantId, p.data));
      json(a);
    });

  carriers
    .command('list')
    .description('carrier accounts (secrets never shown)')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'print as JSON')
    .action(async (o: { tenant?: string; json?: boolean }) => {
      const list = await viaApiOrLocal<CarrierAccount[]>(o.tenant, async (api) => (await api.request<{ data: CarrierAccount[] }>('GET', '/v1/carrier-accounts')).data, (lm, tenantId) => lm.services.shipments.listAccounts(tenantId));
      if (o.json) return json(list);
      if (list.length === 0) stderr('no carrier accounts: labels are samples');
      for (const a of list) stdout(`${a.id}  ${a.carrier.padEnd(8)} ${a.kind.padEnd(8)} ${a.name}`);
    });

  carriers
    .command('test <id>')
    .description('sign in and ask for a sample rate without buying anything; exit 1 when the carrier refuses or cannot be reached')
    .option('--tenant <name>', 'tenant name')
    .option('--service <name>', 'the service to rate', 'ground')
    .option('--labels', "also buy a label and void it (a native account's sandbox only, where nothing is billed)")
    .action(async (id: string, o: { tenant?: string; service: string; labels?: boolean }) => {
      const r = await viaApiOrLocal<CarrierAccountTest>(o.tenant, (api) => api.request('POST', `/v1/carrier-accounts/${encodeURIComponent(id)}/test?service=${encodeURIComponent(o.service)}&labels=${o.labels ? 'true' : 'false'}`), (lm, tenantId) => lm.services.shipments.testAccount(tenantId, id, o.service, { labels: !!o.labels }));
      json(r);
      if (!r.ok) process.exitCode = EXIT.problems;
    });

  carriers
    .command('remove <id>')
    .description("remove an account (the carrier's labels go back to samples)")
    .option('--tenant <name>', 'tenant name')
    .action(async (id: string, o: { tenant?: string }) => {
      await viaApiOrLocal<unknown>(o.tenant, (api) => api.request('DELETE', `/v1/carrier-accounts/${encodeURIComponent(id)}`), (lm, tenantId) => lm.services.shipments.deleteAccount(tenantId, id));
      stderr(`removed ${id}`);
    });
}
