import { describe, expect, test } from 'vitest';
import { convertDimensions, convertWeight, dimensionsToMm, gramsTo, parseDimensions, parseWeight, toGrams } from './units.js';
import { formatMoney, minorDigits, parseDecimalToMinor } from './money.js';

describe('weights and lengths', () => {
  test('conversions use the exact international definitions', () => {
    expect(toGrams({ value: 1, unit: 'lb' })).toBe(453.59237);
    expect(toGrams({ value: 16, unit: 'oz' })).toBeCloseTo(453.59237, 9);
    expect(gramsTo(toGrams({ value: 5, unit: 'lb' }), 'lb')).toEqual({ value: 5, unit: 'lb' });
    const mm = dimensionsToMm({ length: 12, width: 10, height: 8, unit: 'in' });
    expect(mm.lengthMm).toBeCloseTo(304.8, 9);
    expect(mm.widthMm).toBeCloseTo(254, 9);
    expect(mm.heightMm).toBeCloseTo(203.2, 9);
    expect(convertWeight({ value: 2, unit: 'kg' }, 'imperial')).toEqual({ value: 4.409, unit: 'lb' });
    expect(convertWeight({ value: 2, unit: 'kg' }, undefined)).toEqual({ value: 2, unit: 'kg' });
    expect(convertDimensions({ length: 10, width: 10, height: 10, unit: 'in' }, 'metric')).toEqual({ length: 25.4, width: 25.4, height: 25.4, unit: 'cm' });
  });

  test('CLI shorthands', () => {
    expect(parseWeight('5lb')).toEqual({ value: 5, unit: 'lb' });
    expect(parseWeight('2.5 kg')).toEqual({ value: 2.5, unit: 'kg' });
    expect(parseWeight('8 OZ')).toEqual({ value: 8, unit: 'oz' });
    expect(parseWeight('5')).toBeUndefined();
    expect(parseWeight('0lb')).toBeUndefined();
    expect(parseWeight('5 stone')).toBeUndefined();
    expect(parseDimensions('12x10x8in')).toEqual({ length: 12, width: 10, height: 8, unit: 'in' });
    expect(parseDimensions('30 x 20 x 15 cm')).toEqual({ length: 30, width: 20, height: 15, unit: 'cm' });
    expect(parseDimensions('12x10in')).toBeUndefined();
  });
});

describe('money', () => {
  test('decimal strings become minor units without floating point error', () => {
    expect(parseDecimalToMinor('19.99', 'USD')).toBe(1999);
    expect(parseDecimalToMinor('0.1', 'USD')).toBe(10);
    expect(parseDecimalToMinor('1,234.50', 'USD')).toBe(123450);
    expect(parseDecimalToMinor('$5', 'USD')).toBe(500);
    expect(parseDecimalToMinor('12.500', 'USD')).toBe(1250);
    expect(parseDecimalToMinor('1000', 'JPY')).toBe(1000);
    expect(parseDecimalToMinor('1.234', 'KWD')).toBe(1234);
    expect(parseDecimalToMinor('30.005', 'USD')).toBeUndefined();
    expect(parseDecimalToMinor('12.5', 'JPY')).toBeUndefined();
    expect(parseDecimalToMinor('abc', 'USD')).toBeUndefined();
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney({ amount: 1999, currency: 'USD' })).toBe('19.99 USD');
  });
});
