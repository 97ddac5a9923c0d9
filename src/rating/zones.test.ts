import { describe, expect, test } from 'vitest';
import { parseZoneTableCsv } from './zone-import.js';
import { chartZone, parseMailService, parseZoneCell, zoneForDistance, type ZoneChart } from './zones.js';

describe('zone charts', () => {
  test('zone cells and mail services', () => {
    expect(parseZoneCell('2*')).toEqual({ zone: '2', sameNdc: true, exceptions: false });
    expect(parseZoneCell('1*+')).toEqual({ zone: '1', sameNdc: true, exceptions: true });
    expect(parseZoneCell('x')).toBeUndefined();
    expect(parseMailService('USPS Ground Advantage (< 16 oz.)')).toEqual({ service: 'ground_advantage', maxWeightOz: 16 });
    expect(parseMailService('Priority Mail service')).toEqual({ service: 'priority', maxWeightOz: null });
  });

  test('a service-specific exception wins over a general one, which wins over the ZIP3 row', () => {
    const chart: ZoneChart = {
      code: 'usps', effectiveFrom: '2024-04-01',
      origins: new Map([['070', {
        zip3: [{ from: 90, to: 99, zone: '7', sameNdc: false }, { from: 969, to: 969, zone: '9', sameNdc: false }],
        zip5: [
          { from: 9000, to: 9999, zone: '5', service: 'priority', maxWeightOz: null },
          { from: 9000, to: 9999, zone: '4', service: 'ground_advantage', maxWeightOz: 16 },
          { from: 96900, to: 96938, zone: '8', service: null, maxWeightOz: null },
        ],
      }]]),
    };
    const q = (destZip: string, service?: 'priority' | 'ground_advantage', weightOz?: number) => chartZone(chart, { originZip: '07001', destZip, service, weightOz });
    expect(q('09012')).toBe('7');
    expect(q('09012', 'priority')).toBe('5');
    expect(q('09012', 'ground_advantage', 15)).toBe('4');
    expect(q('09012', 'ground_advantage', 16)).toBe('7');
    expect(q('96910')).toBe('8');
    expect(q('96940')).toBe('9');
    expect(q('10001')).toBeUndefined();
    expect(chartZone(chart, { originZip: '90001', destZip: '09012' })).toBeUndefined();
  });

  test('distance bands: zone 1 up to 50 miles … zone 8 beyond 1,800', () => {
    expect([10, 50, 51, 150, 151, 300, 600, 1000, 1400, 1800, 1801, 5000].map(zoneForDistance)).toEqual(['1', '1', '2', '2', '3', '3', '4', '5', '6', '7', '8', '8']);
  });

  test('a carrier zone table in CSV, with row and column errors', () => {
    const chart = parseZoneTableCsv('ontrac', '2026-01-01', 'origin,destination,zone\n900-901,900-935,2\n900,100-119,8\n900,10001,7\n');
    expect(chartZone(chart, { originZip: '90101', destZip: '93001' })).toBe('2');
    expect(chartZone(chart, { originZip: '90001', destZip: '10001' })).toBe('7');
    expect(chartZone(chart, { originZip: '90001', destZip: '10002' })).toBe('8');
    expect(() => parseZoneTableCsv('x', '2026-01-01', 'origin,destination,zone\n9,100,2\n900,abc,2\n900,100,z\n')).toThrow(
      expect.objectContaining({ errors: [
        { path: 'row 2, column origin', message: 'not a ZIP3 or range: 9' },
        { path: 'row 3, column destination', message: 'not a ZIP3, ZIP or range: abc' },
        { path: 'row 4, column zone', message: 'not a zone: z' },
      ] }),
    );
  });
});
