import type { Address } from './address.schema.js';
import type { Classification } from './classify.js';
import type { AddressIssue, Verdict } from './issues.js';
import type { UsZipDirectory } from './ports.js';
import type { UsComponents } from './us/components.js';
import { validateAddress, type StandardizedAddress } from './validate.js';

/**
 * What an order keeps of its ship-to validation: the verdict and issues people act on, the
 * standardized address and classification the decision engine uses, and, when an operator
 * accepted an invalid address as is, who did it and why. The customer's `ship_to` is never
 * overwritten.
 */
export interface AddressCheck {
  verdict: Verdict;
  issues: AddressIssue[];
  standardized: StandardizedAddress;
  components: UsComponents | null;
  classification: Classification;
  checked_at: string;
  accepted: { reason: string; actor: string; at: string } | null;
  /** A carrier's own check after ours (UPS, USPS or FedEx address validation), when one was asked for. */
  carrier?: CarrierAddressCheck | null;
}

/** What a carrier's address validation said, recorded with its source. */
export interface CarrierAddressCheck {
  carrier: 'ups' | 'usps' | 'fedex';
  /** valid: the carrier delivers to the address as given; ambiguous: it needs a unit or a choice; not_found; unavailable: no answer. */
  verdict: 'valid' | 'ambiguous' | 'not_found' | 'unavailable';
  classification: 'residential' | 'commercial' | null;
  standardized: { line1: string | null; line2: string | null; city: string | null; state: string | null; postal_code: string | null } | null;
  messages: { code: string; message: string }[];
  checked_at: string;
}

/** Checks an order's ship-to address. Pure given the directory and the time. */
export function checkOrderAddress(address: Address, dir: UsZipDirectory, now: Date): AddressCheck {
  const r = validateAddress(
    {
      name: address.name,
      company: address.company,
      line1: address.line1,
      line2: address.line2,
      line3: address.line3,
      city: address.city,
      state: address.state,
      postal_code: address.postal_code,
      country: address.country,
      phone: address.phone,
      tax_id: address.tax_id,
    },
    dir,
  );
  return {
    verdict: r.verdict,
    issues: r.issues,
    standardized: r.standardized,
    components: r.components,
    classification: r.classification,
    checked_at: now.toISOString(),
    accepted: null,
  };
}

/** The status an order gets from its address check: invalid addresses wait for a person. */
export function statusForCheck(check: AddressCheck): 'ready' | 'address_review' {
  return check.verdict === 'invalid' && !check.accepted ? 'address_review' : 'ready';
}

/** The address as its check standardized it (street, city, state, ZIP+4), the customer's own otherwise: what carriers are sent. */
export function checkedAddress(address: Address, check: AddressCheck | null | undefined): Address {
  const std = check?.standardized;
  if (!std) return address;
  return { ...address, line1: std.line1 ?? address.line1, line2: std.line2 ?? null, city: std.city ?? address.city, state: std.state ?? address.state, postal_code: std.postal_code ?? address.postal_code };
}
