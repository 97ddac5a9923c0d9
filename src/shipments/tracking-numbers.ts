/**
 * Tracking numbers a shipper may issue itself, with each format's check digit:
 * USPS IMpb (Publication 199: channel application identifier, service type code, Mailer ID,
 * serial, MOD 10 check digit weighted 3-1 from the right), UPS `1Z` (shipper account, service,
 * package number, MOD 10 with letters mapped to digits) and a carrier-assigned range
 * (prefix + serial + Luhn or MOD 7 check digit).
 */

/** USPS MOD 10: digits weighted 3, 1, 3, … from the rightmost one; the check makes the sum a multiple of 10. */
export function uspsCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = payload.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += (payload.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** Valid USPS tracking number: 20, 22, 26 or 30/34 digits (with a 420 + ZIP routing prefix). */
export function isValidUspsTracking(raw: string): boolean {
  let s = raw.replace(/\s+/g, '');
  if (!/^\d+$/.test(s)) return false;
  // Routing prefix 420 + ZIP5 (or ZIP+4) ahead of the tracking number proper.
  if (s.startsWith('420') && (s.length === 30 || s.length === 34)) s = s.slice(s.length === 30 ? 8 : 12);
  if (![20, 22, 26].includes(s.length)) return false;
  // IMpb numbers open with a channel application identifier, 91 to 95.
  if (s.length !== 20 && !/^9[1-5]/.test(s)) return false;
  const check = Number(s.at(-1));
  const body = s.slice(0, -1);
  // 20-digit numbers: legacy service-type numbers, or IMpb serials with an implied 91 identifier.
  return uspsCheckDigit(body) === check || (s.length === 20 && uspsCheckDigit(`91${body}`) === check);
}

/** UPS: letters map to digits as (code − 63) mod 10; odd positions weigh 1, even 2. */
export function upsCheckDigit(body15: string): number {
  let sum = 0;
  for (let i = 0; i < body15.length; i++) {
    const c = body15.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : (c - 63) % 10;
    sum += i % 2 === 1 ? v * 2 : v;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidUpsTracking(raw: string): boolean {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  return /^1Z[A-Z0-9]{16}$/.test(s) && upsCheckDigit(s.slice(2, 17)) === Number(s[17]);
}

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let v = digits.charCodeAt(i) - 48;
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

export function mod7CheckDigit(digits: string): number {
  return Number(BigInt(digits) % 7n);
}

export type RangeCheck = 'luhn' | 'mod7' | 'none';

export function rangeCheckDigit(digits: string, check: RangeCheck): string {
  return check === 'luhn' ? String(luhnCheckDigit(digits)) : check === 'mod7' ? String(mod7CheckDigit(digits)) : '';
}

/** How a carrier account numbers its labels. */
export type NumberFormat =
  | { format: 'usps_impb'; mailer_id: string; service_type_code: string }
  | { format: 'ups_1z'; shipper_number: string; service_code: string }
  | { format: 'range'; prefix: string; digits: number; first: number; last: number; check: RangeCheck };

/** How many serials a format offers (serials are counted from 1, or from `first` in a range). */
export function serialCapacity(f: NumberFormat): { first: number; last: number } {
  switch (f.format) {
    case 'usps_impb':
      // 22 digits: AI(2) + STC(3) + MID(9 or 6) + serial(7 or 10) + check.
      return { first: 1, last: 10 ** (f.mailer_id.length === 9 ? 7 : 10) - 1 };
    case 'ups_1z':
      return { first: 1, last: 9_999_999 };
    case 'range':
      return { first: f.first, last: f.last };
  }
}

/** The tracking number for one serial. */
export function trackingNumber(f: NumberFormat, serial: number): string {
  switch (f.format) {
    case 'usps_impb': {
      const nine = f.mailer_id.length === 9;
      const body = `${nine ? '92' : '93'}${f.service_type_code}${f.mailer_id}${String(serial).padStart(nine ? 7 : 10, '0')}`;
      return body + uspsCheckDigit(body);
    }
    case 'ups_1z': {
      const body = `${f.shipper_number}${f.service_code}${String(serial).padStart(7, '0')}`.toUpperCase();
      return `1Z${body}${upsCheckDigit(body)}`;
    }
    case 'range': {
      const digits = String(serial).padStart(f.digits, '0');
      return `${f.prefix}${digits}${rangeCheckDigit(digits, f.check)}`;
    }
  }
}

/** Checks a number against the format that issued it (check digit included). */
export function isValidFor(f: NumberFormat, tn: string): boolean {
  switch (f.format) {
    case 'usps_impb':
      return isValidUspsTracking(tn);
    case 'ups_1z':
      return isValidUpsTracking(tn);
    case 'range': {
      if (!tn.startsWith(f.prefix)) return false;
      const rest = tn.slice(f.prefix.length);
      const digits = rest.slice(0, f.digits);
      return /^\d+$/.test(rest) && rest.length === f.digits + (f.check === 'none' ? 0 : 1) && rest.slice(f.digits) === rangeCheckDigit(digits, f.check);
    }
  }
}

/** Public tracking pages of the carriers we know; others get lastmile's own page. */
const TRACKING_URLS: Record<string, string> = {
  usps: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=%s',
  ups: 'https://www.ups.com/track?tracknum=%s',
  fedex: 'https://www.fedex.com/fedextrack/?trknbr=%s',
  dhl: 'https://www.dhl.com/us-en/home/tracking/tracking-express.html?tracking-id=%s',
  ontrac: 'https://www.ontrac.com/tracking/?number=%s',
};

export function trackingUrl(carrier: string, tn: string, publicUrl: string): string {
  const t = TRACKING_URLS[carrier];
  return t ? t.replace('%s', encodeURIComponent(tn)) : `${publicUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(tn)}`;
}
