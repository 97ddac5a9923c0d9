import { expect, test } from 'vitest';
import { errorInfo } from './outbox.service.js';

test('a database error is kept as its SQLSTATE, without the message that quotes the query parameters', () => {
  const pg = Object.assign(new Error('new row for relation "orders" violates check constraint'), { code: '23514' });
  const drizzle = Object.assign(new Error('Failed query: insert into orders … params: Zhang Wei,742 Evergreen Terrace'), { cause: pg });
  expect(errorInfo(drizzle)).toEqual({ code: 'DATABASE', message: 'database error 23514' });
  expect(errorInfo(Object.assign(new Error('carrier said no'), { code: 'CARRIER_REJECTED', carrierMessage: 'bad zip' }))).toEqual({ code: 'CARRIER_REJECTED', message: 'carrier said no: bad zip' });
});

test('errno codes are not SQLSTATEs', () => {
  expect(errorInfo(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toEqual({ code: 'EPIPE', message: 'write EPIPE' });
});
