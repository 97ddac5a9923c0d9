import { AppError } from './errors.js';

/** An outbound request refused because its target is not a public address (SSRF guard). */
export class BlockedAddressError extends Error {
  readonly code = 'ADDRESS_NOT_PUBLIC';
  constructor(readonly host: string, readonly address: string, readonly range: string) {
    super(host.replace(/^\[|\]$/g, '') === address ? `${address} is a ${range} address, not a public one` : `${host} resolves to ${address}, a ${range} address, not a public one`);
    this.name = 'BlockedAddressError';
  }
}

/** The address check's refusal behind a fetch failure, if that is what it was. */
export function blockedCause(e: unknown): BlockedAddressError | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (cur instanceof BlockedAddressError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Resolves when a host may be a target; rejects with BlockedAddressError when it is not public. */
export type HostCheck = (host: string) => Promise<void>;

/**
 * A clear 400 at configuration time when a tenant's target (webhook, carrier, shop, SMTP host) is
 * not public. A name that does not resolve now passes: every connection is checked again.
 */
export async function assertPublicTarget(check: HostCheck | undefined, host: string, path: string): Promise<void> {
  try {
    await check?.(host);
  } catch (e) {
    const blocked = blockedCause(e);
    if (!blocked) return;
    throw new AppError('VALIDATION_FAILED', `${path} must be a public address (LASTMILE_ALLOW_PRIVATE_TARGETS=true allows private ones, for development)`, { errors: [{ path, message: blocked.message }] });
  }
}
