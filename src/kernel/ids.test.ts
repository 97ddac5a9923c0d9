import { describe, expect, test } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './list.js';
import { newId, ulid, ulidTime } from './ids.js';

test('ids carry their prefix and sort by creation, also within one millisecond', () => {
  const ids = Array.from({ length: 2000 }, () => newId('order', 1_700_000_000_000));
  expect(ids[0]).toMatch(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/);
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ulid(1_700_000_000_001) > ids[ids.length - 1]!.slice(4)).toBe(true);
});

test('cursors round-trip and reject anything else', () => {
  const id = newId('order');
  expect(decodeCursor(encodeCursor(id))).toBe(id);
  expect(decodeCursor(undefined)).toBeUndefined();
  expect(() => decodeCursor('not-a-cursor')).toThrow(/Invalid cursor/);
  expect(() => decodeCursor(Buffer.from('{"after":"x; drop table"}').toString('base64url'))).toThrow(/Invalid cursor/);
});

test('toPage cuts the extra row and points at the last one shown', () => {
  const rows = ['a', 'b', 'c'].map((x) => ({ id: `ord_${x.repeat(26).toUpperCase()}` }));
  const p = toPage(rows, 2);
  expect(p.data).toHaveLength(2);
  expect(decodeCursor(p.next_cursor!)).toBe(rows[1]!.id);
  expect(toPage(rows, 3).next_cursor).toBeNull();
});

describe('ulidTime', () => {
  test('reads back the time a ULID was made at; anything else is undefined', () => {
    const t = Date.UTC(2099, 10, 26, 12); // later than any id made before (ids are monotonic)
    expect(ulidTime(ulid(t + 1_000_000))).toBe(t + 1_000_000);
    expect(ulidTime('not-a-ulid.upload')).toBeUndefined();
  });
});
