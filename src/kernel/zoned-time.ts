/** Wall-clock times in an IANA zone, without a time-zone library. */

/** Whether `tz` is an IANA time zone this runtime knows (America/Los_Angeles, Asia/Shanghai…). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function offsetMs(utcMs: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant of `date` (YYYY-MM-DD) + `seconds` after local midnight in `tz` (DST-safe). */
export function localToUtcMs(date: string, seconds: number, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d) + seconds * 1000;
  let guess = naive - offsetMs(naive, tz);
  guess = naive - offsetMs(guess, tz);
  return guess;
}

/** Seconds after local midnight of `date` in `tz` for an instant. */
export function utcMsToLocalSeconds(utcMs: number, date: string, tz: string): number {
  return (utcMs - localToUtcMs(date, 0, tz)) / 1000;
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-11-24T14:00:00-08:00. */
export function toZonedIso(utcMs: number, tz: string): string {
  const off = offsetMs(utcMs, tz);
  const local = new Date(Math.round((utcMs + off) / 1000) * 1000).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "HH:MM" to seconds after midnight. */
export function hhmmToSeconds(s: string): number {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 3600 + m * 60;
}
