import { toZonedIso } from '../kernel/zoned-time.js';
import { addDays, addWorkdays, nextWorkday, type Calendar } from './business-days.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface PromiseInput {
  /** When the order can leave: its placement (or now), ISO with offset. */
  readyAt: string;
  warehouse: { timezone: string; operating_days: readonly string[]; pickup_cutoffs: readonly { carrier: string; cutoff: string }[] };
  carrier: string;
  /** Transit business days: typical (p50) and slow (p90). */
  transitP50: number;
  transitP90: number;
  carrierCalendar: Calendar;
}

export interface PromiseDates {
  ship_date: string;
  expected: string;
  latest: string;
  /** Why the ship date is what it is. */
  reason: string;
}

/**
 * Ship date: the order's day in the warehouse's time zone, or the next day when it is past the
 * carrier's pickup cut-off (15:00 when the warehouse lists none), moved to a day the warehouse
 * works and the carrier picks up. Expected and latest delivery: the p50 and p90 transit days
 * counted on the carrier's delivery calendar.
 */
export function promiseDates(p: PromiseInput): PromiseDates {
  const local = localTime(p.readyAt, p.warehouse.timezone);
  let date = local.slice(0, 10);
  const time = local.slice(11, 16);
  const cutoff = cutoffOf(p.warehouse.pickup_cutoffs, p.carrier);
  let reason = `ready ${date} ${time} before the ${cutoff} ${p.carrier} cut-off`;
  if (time >= cutoff) {
    date = addDay(date);
    reason = `ready ${date} after the ${cutoff} ${p.carrier} cut-off of the day before`;
  }
  let ship = date;
  for (let i = 0; i < 30 && !works(p, ship); i++) ship = addDay(ship);
  if (ship !== date) reason += `; first day the warehouse works and ${p.carrier} picks up: ${ship}`;
  return {
    ship_date: ship,
    expected: addWorkdays(p.carrierCalendar, ship, p.transitP50),
    latest: addWorkdays(p.carrierCalendar, ship, Math.max(p.transitP50, p.transitP90)),
    reason,
  };
}

// Module-level helpers (no closures per call: dates are computed for every candidate of every order).
function cutoffOf(cutoffs: PromiseInput['warehouse']['pickup_cutoffs'], carrier: string): string {
  let any: string | undefined;
  for (const c of cutoffs) {
    if (c.carrier === carrier) return c.cutoff;
    if (c.carrier === '*') any ??= c.cutoff;
  }
  return any ?? '15:00';
}
function works(p: PromiseInput, d: string): boolean {
  return p.warehouse.operating_days.includes(WEEKDAYS[weekdayOf(d)]!) && p.carrierCalendar.isWorkday(d);
}
const addDay = (d: string) => addDays(d, 1);
const weekdays = new Map<string, number>();
const weekdayOf = (d: string) => {
  let w = weekdays.get(d);
  if (w === undefined) weekdays.set(d, (w = new Date(`${d}T12:00:00Z`).getUTCDay()));
  return w;
};

/** Time-zone conversion is slow (Intl); one order asks for the same instant once per candidate. */
const locals = new Map<string, string>();
function localTime(at: string, tz: string): string {
  const key = `${at}|${tz}`;
  let v = locals.get(key);
  if (v === undefined) {
    if (locals.size > 10_000) locals.clear();
    locals.set(key, (v = toZonedIso(Date.parse(at), tz)));
  }
  return v;
}

export { nextWorkday };
