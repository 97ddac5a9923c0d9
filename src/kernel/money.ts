import { z } from 'zod';

/** Money in integer minor units of an ISO 4217 currency: `{"amount": 1234, "currency": "USD"}`. */
export interface Money {
  amount: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

let currencies: Set<string> | undefined;

/** Whether a code is an ISO 4217 currency this runtime knows. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** Number of minor-unit digits (USD 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

export const currencySchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .refine(isCurrency, { message: 'must be an ISO 4217 currency code such as USD' });

export const moneySchema = z.object({
  amount: z.number().int('must be an integer number of minor units (cents)').min(0).max(Number.MAX_SAFE_INTEGER),
  currency: currencySchema,
});

/**
 * Parses a decimal string as a channel or CSV writes it ("12.30", "1,234.50", "$5") into minor
 * units without going through floating point. Returns undefined when it is not a number or has
 * more decimals than the currency allows.
 */
export function parseDecimalToMinor(input: string, currency: string): number | undefined {
  const s = input.trim().replace(/^[$€£¥]/, '').replace(/,/g, '');
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return undefined;
  const digits = minorDigits(currency);
  let frac = m[3] ?? '';
  // Extra trailing zeros are fine ("12.500" USD); real extra precision is not.
  if (frac.length > digits) {
    if (/[^0]/.test(frac.slice(digits))) return undefined;
    frac = frac.slice(0, digits);
  }
  frac = frac.padEnd(digits, '0');
  const value = Number(m[2]) * 10 ** digits + (frac ? Number(frac) : 0);
  if (!Number.isSafeInteger(value)) return undefined;
  return m[1] ? -value : value;
}

/** Formats minor units for people ("12.30 USD"). */
export function formatMoney(m: Money): string {
  const digits = minorDigits(m.currency);
  return `${(m.amount / 10 ** digits).toFixed(digits)} ${m.currency}`;
}
