import { expect, test } from 'vitest';
import { assertTransition, canTransition, ORDER_TRANSITIONS, statusAfterEdit } from './lifecycle.js';
import { ORDER_STATUSES } from './order.schema.js';

test('the table covers every status and names only known ones', () => {
  expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  for (const targets of Object.values(ORDER_TRANSITIONS)) for (const t of targets) expect(ORDER_STATUSES).toContain(t);
});

test('terminal statuses go nowhere; shipped orders cannot be cancelled', () => {
  expect(ORDER_TRANSITIONS.delivered).toEqual([]);
  expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
  expect(canTransition('shipped', 'cancelled')).toBe(false);
  expect(canTransition('new', 'cancelled')).toBe(true);
  expect(() => assertTransition('delivered', 'new')).toThrow(/cannot go from delivered to new/);
});

test('editing a decided order sends it back to ready; shipped orders are not editable', () => {
  expect(statusAfterEdit('new')).toBe('new');
  expect(statusAfterEdit('decided')).toBe('ready');
  expect(() => statusAfterEdit('shipped')).toThrow(/can no longer be changed/);
  expect(() => statusAfterEdit('cancelled')).toThrow();
});
