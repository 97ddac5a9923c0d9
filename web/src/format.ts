import { localeOf } from './i18n';

type Money = { amount: number; currency: string };
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money in the user's locale ("$14.24", "US$14.24"), from minor units. */
export function money(m: Money | null | undefined, lang: string): string {
  if (!m) return '—';
  const key = `${lang}|${m.currency}`;
  let f = moneyFormats.get(key);
  if (!f) moneyFormats.set(key, (f = new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency: m.currency })));
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(m.amount / 10 ** digits);
}

export const dateTime = (iso: string | null | undefined, lang: string) => (iso ? new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—');
export const date = (iso: string | null | undefined, lang: string) => (iso ? new Intl.DateTimeFormat(localeOf(lang), { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`)) : '—');
export const percent = (p: number, lang: string) => new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 1 }).format(p);
