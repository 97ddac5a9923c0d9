import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatFor, sampleNumbering } from '../adapters/carriers/offline-carrier.js';
import { assertShipmentTransition, canTransition, SHIPMENT_STATUSES, SHIPMENT_TRANSITIONS } from './lifecycle.js';
import { isValidFor, isValidUpsTracking, isValidUspsTracking, luhnCheckDigit, trackingNumber, trackingUrl, uspsCheckDigit } from './tracking-numbers.js';

// Published valid and invalid numbers from jkeen/tracking_number_data (MIT licence), the test
// data behind the tracking_number libraries.
const UPS_VALID = ['1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1Z8V92A70367203024'];
const UPS_INVALID = ['2Z5R89390357567127', '1A5R89390357567127', '1Z1111111111111111'];
const USPS_VALID = [
  '0307 1790 0005 2348 3741', '7112 3456 7891 2345 6787', '4201002334249200190132607600833457', '4201028200009261290113185417468510',
  '420 22153 9101026837331000039521', '7196 9010 7560 0307 7385', '9505 5110 6960 5048 6006 24', '9101 1234 5678 9000 0000 13',
  '92748931507708513018050063', '9400 1112 0108 0805 4830 16', '9361 2898 7870 0317 6337 95', '9405803699300124287899',
];
const USPS_INVALID = ['0307 1790 0005 2348 3742', '4201028200009261290113185417468511', '9200000000000000000000', '420000000000000000000000000000'];

describe('check digits', () => {
  test.each(UPS_VALID)('UPS %s is valid', (n) => expect(isValidUpsTracking(n)).toBe(true));
  test.each(UPS_INVALID)('UPS %s is not', (n) => expect(isValidUpsTracking(n)).toBe(false));
  test.each(USPS_VALID)('USPS %s is valid', (n) => expect(isValidUspsTracking(n)).toBe(true));
  test.each(USPS_INVALID)('USPS %s is not', (n) => expect(isValidUspsTracking(n)).toBe(false));

  test('Luhn and the USPS MOD 10 on textbook values', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    // The last digit of the published valid number 9400 1112 0108 0805 4830 16.
    expect(uspsCheckDigit('940011120108080548301')).toBe(6);
  });

  test('every number we issue passes its own format check, and a changed digit fails it', () => {
    const formats = [
      formatFor(sampleNumbering('usps'), 'ground_advantage'),
      formatFor({ format: 'usps_impb', mailer_id: '901234567', service_type_codes: { '*': '001' } }, 'x'),
      formatFor(sampleNumbering('ups'), 'ground'),
      formatFor(sampleNumbering('metro'), 'x'),
      { format: 'range' as const, prefix: 'RG', digits: 10, first: 1, last: 9_999_999_999, check: 'mod7' as const },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...formats), fc.integer({ min: 1, max: 9_999_999 }), fc.nat(), (f, serial, pos) => {
        const tn = trackingNumber(f, serial);
        expect(isValidFor(f, tn)).toBe(true);
        if (f.format === 'range' && f.check === 'mod7') return;
        // Change one digit of the serial part: the check digit catches it.
        const digits = [...tn].map((c, i) => ({ c, i })).filter((x) => /\d/.test(x.c) && x.i < tn.length - 1 && x.i >= tn.length - 8);
        const d = digits[pos % digits.length]!;
        const changed = tn.slice(0, d.i) + String((Number(d.c) + 1) % 10) + tn.slice(d.i + 1);
        expect(isValidFor(f, changed)).toBe(false);
      }),
    );
  });

  test('tracking URLs: carriers we know, our own page otherwise', () => {
    expect(trackingUrl('ups', '1Z5R89390357567127', 'http://x')).toBe('https://www.ups.com/track?tracknum=1Z5R89390357567127');
    expect(trackingUrl('metro', 'LMT1', 'https://lm.example.com/')).toBe('https://lm.example.com/t/LMT1');
  });
});

describe('shipment lifecycle', () => {
  test('every status is in the table and only listed moves are allowed', () => {
    for (const s of SHIPMENT_STATUSES) expect(SHIPMENT_TRANSITIONS[s]).toBeDefined();
    expect(canTransition('label_pending', 'labeled')).toBe(true);
    expect(canTransition('delivered', 'cancelled')).toBe(false);
    expect(canTransition('returned', 'in_transit')).toBe(false);
    expect(() => assertShipmentTransition('in_transit', 'cancelled')).toThrow(/cannot go from in_transit to cancelled/);
  });
  test('terminal states go nowhere', () => {
    expect(SHIPMENT_TRANSITIONS.cancelled).toEqual([]);
    expect(SHIPMENT_TRANSITIONS.returned).toEqual([]);
  });
});
