import Holidays from 'date-holidays';

/**
 * Business-day calendars: public holidays from date-holidays per country (and state), with
 * overrides where the library is known to be incomplete (China's and Vietnam's swapped
 * weekend working days are not in it: give them as `workdays`). Carriers keep their own
 * calendars: UPS, FedEx and the regional carriers close only on six US holidays, USPS on all
 * federal ones, and most carriers do not deliver on weekends.
 */
export interface CalendarOverrides {
  holidays: readonly string[];
  workdays: readonly string[];
}

const cache = new Map<string, Set<string>>();

/** Public holidays (YYYY-MM-DD) of a country or country-state for a year. */
export function publicHolidays(region: string, year: number): Set<string> {
  const key = `${region}:${year}`;
  let set = cache.get(key);
  if (!set) {
    const [country, state] = region.split('-');
    const hd = state ? new Holidays(country!, state) : new Holidays(country!);
    set = new Set((hd.getHolidays(year) ?? []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    cache.set(key, set);
  }
  return set;
}

/** The six holidays UPS, FedEx and most private US carriers close on. */
const PRIVATE_CARRIER_HOLIDAYS = /^(New Year's Day|Memorial Day|Independence Day|Labor Day|Thanksgiving Day|Christmas Day)/;
const carrierCache = new Map<number, Set<string>>();
function privateCarrierHolidays(year: number): Set<string> {
  let set = carrierCache.get(year);
  if (!set) {
    const hd = new Holidays('US');
    set = new Set((hd.getHolidays(year) ?? []).filter((h) => h.type === 'public' && PRIVATE_CARRIER_HOLIDAYS.test(h.name)).map((h) => h.date.slice(0, 10)));
    carrierCache.set(year, set);
  }
  return set;
}

export interface Calendar {
  /** Whether deliveries (or pickups) happen on this date. */
  isWorkday(date: string): boolean;
}

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Remembers each answer: decisions ask about the same few dates again and again. */
export function memoCalendar(cal: Calendar): Calendar {
  const seen = new Map<string, boolean>();
  return {
    isWorkday(date) {
      let v = seen.get(date);
      if (v === undefined) seen.set(date, (v = cal.isWorkday(date)));
      return v;
    },
  };
}

const carrierCalendars = new Map<string, Calendar>();

/** A carrier's delivery calendar: its days of the week and its holidays, plus overrides. */
export function carrierCalendar(carrier: string, overrides?: CalendarOverrides, deliversSaturday = carrier === 'usps'): Calendar {
  if (overrides) return memoCalendar(rawCarrierCalendar(carrier, overrides, deliversSaturday));
  const key = `${carrier}:${deliversSaturday}`;
  let cal = carrierCalendars.get(key);
  if (!cal) carrierCalendars.set(key, (cal = memoCalendar(rawCarrierCalendar(carrier, undefined, deliversSaturday))));
  return cal;
}

function rawCarrierCalendar(carrier: string, overrides: CalendarOverrides | undefined, deliversSaturday: boolean): Calendar {
  return withOverrides(overrides, (date) => {
    const d = weekday(date);
    if (d === 0 || (d === 6 && !deliversSaturday)) return false;
    const year = Number(date.slice(0, 4));
    return !(carrier === 'usps' ? publicHolidays('US', year) : privateCarrierHolidays(year)).has(date);
  });
}

/** A calendar from a rule for working days, with the overrides' extra holidays and working days on top. */
function withOverrides(overrides: CalendarOverrides | undefined, isWorkday: (date: string) => boolean): Calendar {
  const extraHolidays = new Set(overrides?.holidays ?? []);
  const extraWorkdays = new Set(overrides?.workdays ?? []);
  return { isWorkday: (date) => extraWorkdays.has(date) || (!extraHolidays.has(date) && isWorkday(date)) };
}

/** A country's (or region's) working days: Monday to Friday minus public holidays, with overrides. */
export function regionCalendar(region: string, overrides?: CalendarOverrides): Calendar {
  return withOverrides(overrides, (date) => {
    const d = weekday(date);
    return d !== 0 && d !== 6 && !publicHolidays(region, Number(date.slice(0, 4))).has(date);
  });
}

const nextDay = new Map<string, string>();

export function addDays(date: string, n: number): string {
  if (n === 1) {
    let d = nextDay.get(date);
    if (!d) {
      const t = new Date(`${date}T12:00:00Z`);
      t.setUTCDate(t.getUTCDate() + 1);
      nextDay.set(date, (d = t.toISOString().slice(0, 10)));
    }
    return d;
  }
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** The first workday on or after `date`. */
export function nextWorkday(cal: Calendar, date: string): string {
  let d = date;
  for (let i = 0; i < 30 && !cal.isWorkday(d); i++) d = addDays(d, 1);
  return d;
}

/** `n` workdays after `date` (not counting `date` itself). */
export function addWorkdays(cal: Calendar, date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}
