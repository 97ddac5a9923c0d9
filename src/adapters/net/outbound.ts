import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { BlockedAddressError } from '../../kernel/blocked-address.js';

export { BlockedAddressError, blockedCause } from '../../kernel/blocked-address.js';

/**
 * Outbound requests to addresses a tenant chose (webhooks, notification webhooks, HTTP carriers,
 * channel base URLs, SMTP hosts) may reach only public addresses, or every local service on the
 * machine and its network is one tenant request away (SSRF).
 *
 * The check is made on the resolved address, at connect time: names are resolved by our own
 * lookup, every address they resolve to is checked, and the socket connects to the address that
 * was checked — so a DNS answer that changes between a check and the connection (rebinding)
 * cannot slip through. IP literals are checked before connecting, and the connected socket's
 * peer address once more.
 */

/**
 * The range an address falls in (ipaddr.js's names: `private`, `loopback`, `linkLocal`,
 * `uniqueLocal`, `carrierGradeNat`, `unspecified`, `rfc6052`…); `unicast` is public. IPv4 written
 * as IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) is judged as the IPv4 address it is.
 */
export function addressRange(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  return ipaddr.process(bare).range();
}

/** The refusal for `address` (what `host` resolved to), or null when it is public. */
function refusal(host: string, address: string): BlockedAddressError | null {
  const range = addressRange(address);
  return range === 'unicast' ? null : new BlockedAddressError(host, address, range);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses a name if any address it resolves to is not public. */
export function checkedLookup(hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void {
  const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
  const opts: LookupOptions = typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {};
  dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
    if (err) return cb(err, opts.all ? [] : '', 0);
    const list = addresses as LookupAddress[];
    const blocked = list.map((a) => refusal(hostname, a.address)).find(Boolean);
    if (blocked) return cb(blocked as unknown as NodeJS.ErrnoException, opts.all ? [] : '', 0);
    if (opts.all) return cb(null, list);
    const first = list[0];
    if (!first) return cb(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    cb(null, first.address, first.family);
  });
}

/** Resolves a name (or takes a literal) and returns one checked public address to connect to. */
export async function resolvePublic(host: string): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) {
    const blocked = refusal(host, bare);
    if (blocked) throw blocked;
    return bare;
  }
  return new Promise((resolve, reject) => {
    checkedLookup(bare, {}, (err, address) => (err ? reject(err) : resolve(address as string)));
  });
}

/**
 * A fetch whose every connection (redirects included) goes through the address check, or plain
 * fetch when private targets are allowed (development and tests against local servers).
 */
export function guardedFetch(opts: { allowPrivate: boolean; connectTimeoutMs?: number }): typeof fetch {
  if (opts.allowPrivate) return fetch;
  const base = buildConnector({ lookup: checkedLookup, timeout: opts.connectTimeoutMs ?? 10_000 } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (o, callback) => {
    const literal = o.hostname.replace(/^\[|\]$/g, '');
    const early = isIP(literal) ? refusal(o.hostname, literal) : null;
    if (early) return callback(early, null);
    return base(o, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('no socket'), null);
      const late = refusal(o.hostname, (socket as Socket).remoteAddress ?? '?');
      if (late) {
        socket.destroy();
        return callback(late, null);
      }
      callback(null, socket);
    });
  };
  const dispatcher = new Agent({ connect });
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
