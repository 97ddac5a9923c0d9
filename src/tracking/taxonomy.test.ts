import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { regionCalendar } from '../calendar/business-days.js';
import { businessHoursBetween } from './rules.js';
import { currentStatus, TRACKING_STATUSES, type StatusEvent } from './taxonomy.js';

const e = (status: StatusEvent['status'], at: string, sub: StatusEvent['sub_status'] = null): StatusEvent => ({ status, sub_status: sub, occurred_at: at });

describe('current status', () => {
  test('progress, side states and terminal states', () => {
    expect(currentStatus([])).toEqual({ status: 'pending', sub_status: null });
    expect(currentStatus([e('in_transit', '2026-01-01T00:00:00Z'), e('attempt_failed', '2026-01-02T00:00:00Z', 'refused')])).toEqual({ status: 'attempt_failed', sub_status: 'refused' });
    expect(currentStatus([e('attempt_failed', '2026-01-02T00:00:00Z'), e('out_for_delivery', '2026-01-03T00:00:00Z')]).status).toBe('out_for_delivery');
    expect(currentStatus([e('delivered', '2026-01-03T00:00:00Z'), e('exception', '2026-01-04T00:00:00Z')]).status).toBe('delivered');
    expect(currentStatus([e('delivered', '2026-01-03T00:00:00Z'), e('returning', '2026-01-05T00:00:00Z')]).status).toBe('returning');
    expect(currentStatus([e('out_for_delivery', '2026-01-03T00:00:00Z'), e('in_transit', '2026-01-04T00:00:00Z')]).status).toBe('out_for_delivery');
    expect(currentStatus([e('in_transit', '2026-01-03T00:00:00Z'), e(null, '2026-01-04T00:00:00Z', 'unknown_code')]).status).toBe('in_transit');
  });

  test('the order events arrive in never matters', () => {
    const ev = fc.record({ status: fc.constantFrom(...TRACKING_STATUSES, null), sub_status: fc.constant(null), occurred_at: fc.integer({ min: 0, max: 1e6 }).map((m) => new Date(1.7e12 + m * 60_000).toISOString()) });
    fc.assert(
      fc.property(fc.uniqueArray(ev, { selector: (x) => x.occurred_at, maxLength: 12 }), fc.integer(), (events, seed) => {
        const shuffled = [...events].sort((a, b) => ((a.occurred_at.charCodeAt(20) * seed) % 7) - ((b.occurred_at.charCodeAt(20) * seed) % 7));
        expect(currentStatus(shuffled)).toEqual(currentStatus(events));
      }),
    );
  });
});

describe('business hours', () => {
  const us = regionCalendar('US');
  test('weekends and holidays do not count', () => {
    // Wed 2026-11-25 10:00 to Mon 2026-11-30 12:00 over Thanksgiving: 14 + 0 + 24 + 0 + 0 + 12.
    expect(businessHoursBetween(us, new Date('2026-11-25T10:00:00Z'), new Date('2026-11-30T12:00:00Z'))).toBe(50);
    expect(businessHoursBetween(us, new Date('2026-11-28T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).toBe(0);
    expect(businessHoursBetween(regionCalendar('VN'), new Date('2026-11-27T00:00:00Z'), new Date('2026-11-28T00:00:00Z'))).toBe(24);
  });
});

describe('summaries', () => {
  test('folding new events onto a summary equals reading the whole history, when they are not older', async () => {
    const { foldSummary, canFold } = await import('./summary.js');
    const ev = fc.record({
      code: fc.constantFrom('A', 'B'), description: fc.constant('d'), known: fc.boolean(), proof: fc.constant(null),
      status: fc.constantFrom(...TRACKING_STATUSES, null), sub_status: fc.constantFrom(null, 'address_issue' as const, 'customs_hold' as const, 'customs_released' as const),
      occurred_at: fc.integer({ min: 0, max: 1e5 }).map((m) => new Date(1.7e12 + m * 60_000).toISOString()),
    });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 10 }), fc.array(ev, { maxLength: 10 }), (a, b) => {
        const first = foldSummary(null, a, null);
        if (!canFold(first, b)) return;
        expect(foldSummary(first, b, null)).toEqual(foldSummary(null, [...a, ...b], null));
      }),
    );
  });
});
