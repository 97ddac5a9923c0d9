import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, evaluate, resolutionReason, rulesFor, TIME_RULES, timeCaseCleared, type ParcelFacts } from './rules.js';
import { EMPTY_SUMMARY } from './summary.js';

const facts = (over: Partial<ParcelFacts['summary']> = {}): ParcelFacts => ({
  summary: { ...EMPTY_SUMMARY, status: 'in_transit', ...over } as ParcelFacts['summary'],
  labeled_at: '2026-11-18T10:00:00.000Z', promise: { expected: null, latest: '2026-11-25T23:59:59Z' }, signature_required: false, value: null, destination_region: 'US-MA',
});

describe('rule phases', () => {
  test('ingestion runs the event rules; the scan runs every rule, the time-based ones included', () => {
    expect(rulesFor(DEFAULT_RULES, 'event').map((r) => r.code).sort()).toEqual(['address_problem', 'customs_hold', 'delivered_without_proof', 'failed_attempts', 'returned']);
    expect(rulesFor(DEFAULT_RULES, 'scan')).toHaveLength(DEFAULT_RULES.length);
    expect([...TIME_RULES].sort()).toEqual(['lost', 'no_scan', 'predicted_late']);
    // The same stale parcel: a stall case only when the scan judges it, at its now.
    const stale = facts({ last_scan_at: '2026-11-18T10:00:00.000Z' });
    expect(evaluate(rulesFor(DEFAULT_RULES, 'event'), stale, new Date('2026-11-26T12:00:00Z'))).toEqual([]);
    expect(evaluate(rulesFor(DEFAULT_RULES, 'scan'), stale, new Date('2026-11-26T12:00:00Z')).map((f) => f.rule)).toContain('no_scan');
  });

  test('a resolved case says why its condition stopped holding', () => {
    expect(resolutionReason('no_scan', facts({ last_scan_at: '2026-11-26T11:00:00.000Z' }))).toBe('A new scan at 2026-11-26T11:00:00.000Z');
    expect(resolutionReason('lost', facts({ status: 'delivered', delivered_at: '2026-11-27T15:00:00.000Z' }))).toBe('Delivered at 2026-11-27T15:00:00.000Z');
    expect(resolutionReason('customs_hold', facts({ customs_released_at: '2026-11-25T09:00:00.000Z' }))).toBe('Released from customs at 2026-11-25T09:00:00.000Z');
    expect(resolutionReason('predicted_late', facts({ estimated_delivery: '2026-11-24' }))).toBe('The carrier now expects 2026-11-24, within the promise');
  });
});

test('between scans a time rule\'s case clears only when the events show it, never by elapsed time', () => {
  const opened = { last_scan_at: '2026-11-18T10:00:00.000Z' };
  expect(timeCaseCleared('no_scan', opened, facts({ last_scan_at: '2026-11-18T10:00:00.000Z' }), DEFAULT_RULES)).toBe(false);
  expect(timeCaseCleared('no_scan', opened, facts({ last_scan_at: '2026-11-26T11:00:00.000Z' }), DEFAULT_RULES)).toBe(true);
  expect(timeCaseCleared('lost', opened, facts({ status: 'delivered' }), DEFAULT_RULES)).toBe(true);
  expect(timeCaseCleared('predicted_late', {}, facts({ estimated_delivery: '2026-12-30' }), DEFAULT_RULES)).toBe(false);
  expect(timeCaseCleared('predicted_late', {}, facts({ estimated_delivery: '2026-11-24' }), DEFAULT_RULES)).toBe(true);
  expect(timeCaseCleared('failed_attempts', {}, facts({ last_scan_at: '2026-11-26T11:00:00.000Z' }), DEFAULT_RULES)).toBe(false);
});
