import { expect, test } from 'vitest';
import { hhmmToSeconds, localToUtcMs, toZonedIso, utcMsToLocalSeconds } from './zoned-time.js';

test('local wall-clock times convert to instants and back, across DST changes', () => {
  expect(new Date(localToUtcMs('2026-11-24', hhmmToSeconds('14:00'), 'America/Los_Angeles')).toISOString()).toBe('2026-11-24T22:00:00.000Z');
  expect(new Date(localToUtcMs('2026-07-01', hhmmToSeconds('14:00'), 'America/Los_Angeles')).toISOString()).toBe('2026-07-01T21:00:00.000Z');
  // 2026-03-08: clocks jump from 02:00 to 03:00 in New York; 08:00 is EDT (-04:00).
  expect(new Date(localToUtcMs('2026-03-08', hhmmToSeconds('08:00'), 'America/New_York')).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  expect(toZonedIso(Date.parse('2026-11-24T22:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-24T14:00:00-08:00');
  expect(toZonedIso(Date.parse('2026-11-24T22:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-25T03:30:00+05:30');
  expect(utcMsToLocalSeconds(Date.parse('2026-11-24T22:00:00Z'), '2026-11-24', 'America/Los_Angeles')).toBe(14 * 3600);
});
