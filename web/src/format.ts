import { localeOf } from './i18n';

type Money = { amount: number; currency: string };
const moneyFormats = new Map<string, { f: Intl.NumberFormat; digits: number }>();

/** Money in the user's locale ("$14.24", "US$14.24"), from minor units. */
export function money(m: Money | null | undefined, lang: string): string {
  if (!m) return '—';
  const key = `${lang}|${m.currency}`;
  let e = moneyFormats.get(key);
  if (!e) {
    const f = new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency: m.currency });
    moneyFormats.set(key, (e = { f, digits: f.resolvedOptions().maximumFractionDigits ?? 2 }));
  }
  return e.f.format(m.amount / 10 ** e.digits);
}

let zone: string | undefined;
/** The time zone dates and times are shown in: the tenant's when it set one, else the browser's. */
export function setDisplayTimeZone(tz: string | null | undefined) {
  zone = tz ?? undefined;
}
/** The zone days are counted in here ("today" on the overview): the tenant's, else the browser's. */
export const displayTimeZone = () => zone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

// Formatters are costly to make (a few ms each) and a page formats hundreds of values: one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (kind: string, lang: string, o: Intl.DateTimeFormatOptions) => {
  let f = formatters.get(`${kind}|${lang}|${o.timeZone ?? ''}`);
  if (!f) formatters.set(`${kind}|${lang}|${o.timeZone ?? ''}`, (f = new Intl.DateTimeFormat(localeOf(lang), o)));
  return f;
};
export const dateTime = (iso: string | null | undefined, lang: string) => (iso ? formatter('dateTime', lang, { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }).format(new Date(iso)) : '—');
export const date = (iso: string | null | undefined, lang: string) => (iso ? formatter('date', lang, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`)) : '—');
export const percent = (p: number, lang: string) => new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 1 }).format(p);

const digitsCache = new Map<string, number>();
/** How many minor units a currency has (2 for USD, 0 for JPY), as Intl knows it. */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}
/** An amount typed in major units ("12.5" dollars) as integer minor units (1250 cents). */
export const toMinor = (major: number, currency: string) => Math.round(major * 10 ** currencyDigits(currency));
/** Minor units as the major-unit number a form shows. */
export const toMajor = (m: Money) => m.amount / 10 ** currencyDigits(m.currency);
