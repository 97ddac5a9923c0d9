import { expect, test } from 'vitest';
import { detectCsvFormat } from './order-import.service.js';
import { serviceLevelFromMethod, shopifyTime } from './shopify-csv.js';
import { TEMPLATE_COLUMNS } from './template-csv.js';

test("Shopify's timestamps become ISO 8601 with the offset kept", () => {
  expect(shopifyTime('2024-03-05 14:02:11 -0500')).toBe('2024-03-05T14:02:11-05:00');
  expect(shopifyTime('2024-03-05 14:02 +0530')).toBe('2024-03-05T14:02:00+05:30');
  expect(shopifyTime(undefined)).toBeNull();
  expect(shopifyTime('yesterday')).toBeUndefined();
});

test('checkout shipping methods map to service levels', () => {
  expect(serviceLevelFromMethod('UPS Next Day Air')).toBe('overnight');
  expect(serviceLevelFromMethod('Express (2-day)')).toBe('expedited');
  expect(serviceLevelFromMethod('Priority Mail')).toBe('expedited');
  expect(serviceLevelFromMethod('Free Shipping')).toBe('economy');
  expect(serviceLevelFromMethod('Standard')).toBe('standard');
  expect(serviceLevelFromMethod(undefined)).toBe('standard');
});

test('the format is detected from the header', () => {
  expect(detectCsvFormat(['Name', 'Email', 'Lineitem quantity', 'Lineitem sku'])).toBe('shopify-csv');
  expect(detectCsvFormat([...TEMPLATE_COLUMNS])).toBe('csv');
  expect(detectCsvFormat(['order', 'address'])).toBeUndefined();
});
