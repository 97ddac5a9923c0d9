/** What UPS's mappers share: its address, name, decimal and money shapes, and tolerant readers. */
import type { Address } from '../../../addresses/address.schema.js';
import { minorDigits, parseDecimalToMinor, type Money } from '../../../kernel/money.js';
import { toGrams, type Weight } from '../../../kernel/units.js';

export type Json = Record<string, unknown>;

const lines = (a: Address) => [a.line1, a.line2, a.line3].filter((x): x is string => !!x && x.trim() !== '').slice(0, 3).map((x) => x.slice(0, 35));

export const upsAddress = (a: Address) => ({
  AddressLine: lines(a),
  City: a.city.slice(0, 30),
  ...(a.state ? { StateProvinceCode: a.state.slice(0, 5) } : {}),
  ...(a.postal_code ? { PostalCode: a.postal_code.replace(/\s+/g, '').slice(0, 9) } : {}),
  CountryCode: a.country,
});

export const upsName = (a: Address) => (a.company ?? a.name ?? 'Shipper').slice(0, 35);

/** Pounds to one decimal, rounded up (UPS bills any fraction as the next tenth at least), in the five characters UPS allows. */
export const lbs = (w: Weight) => {
  const v = Math.max(0.1, Math.ceil((toGrams(w) / 453.59237) * 10) / 10);
  return String(v).length <= 5 ? String(v) : String(Math.ceil(v));
};

/** Inches rounded up to one decimal, or to a whole inch when the field's length needs it (Shipping allows three characters, Rating nine). */
export const inches = (mm: number, maxLength = 9) => {
  const v = Math.ceil((mm / 25.4) * 10) / 10;
  return String(v).length <= maxLength ? String(v) : String(Math.ceil(v));
};

/** Minor units as UPS's decimal string ("12.34"). */
export function upsDecimal(amount: number, currency: string): string {
  const d = minorDigits(currency);
  return (Math.round(amount) / 10 ** d).toFixed(d);
}

/** UPS returns one object where the schema says an array (and sometimes the reverse). */
export const arrayOf = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** `{CurrencyCode, MonetaryValue}` as money, or null when either is missing or unreadable. */
export function upsMoney(v: unknown): Money | null {
  const m = obj(v);
  const currency = typeof m['CurrencyCode'] === 'string' ? m['CurrencyCode'] : null;
  const value = typeof m['MonetaryValue'] === 'string' ? m['MonetaryValue'] : typeof m['MonetaryValue'] === 'number' ? String(m['MonetaryValue']) : null;
  if (!currency || value === null) return null;
  const amount = parseDecimalToMinor(value, currency);
  return amount === undefined ? null : { amount, currency };
}
