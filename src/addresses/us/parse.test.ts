import { describe, expect, test } from 'vitest';
import { smallZipDirectory } from '../../../test/helpers/zip-directory.js';
import { deliveryLine, lastLine, type UsComponents } from './components.js';
import { parseUsAddress } from './parse.js';

const PLACES: [zip: string, state: string, place: string][] = [
  ['20500', 'DC', 'WASHINGTON'], ['60622', 'IL', 'CHICAGO'], ['60201', 'IL', 'EVANSTON'], ['60035', 'IL', 'HIGHLAND PARK'],
  ['63105', 'MO', 'SAINT LOUIS'], ['93402', 'CA', 'LOS OSOS'], ['84102', 'UT', 'SALT LAKE CITY'], ['05048', 'VT', 'HARTLAND'],
  ['53186', 'WI', 'WAUKESHA'], ['09012', 'AE', 'APO'], ['96620', 'AP', 'FPO'], ['39120', 'MS', 'NATCHEZ'], ['32054', 'FL', 'LAKE BUTLER'],
];
const dir = smallZipDirectory(PLACES);

const parts = (text: string) => {
  const c = parseUsAddress(text, dir);
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null && v !== false && !(Array.isArray(v) && v.length === 0))) as Partial<UsComponents>;
};

describe('parseUsAddress', () => {
  test('the issue example: lower case, spelled-out suffix and directional, a unit, city, state and ZIP', () => {
    const c = parseUsAddress('1600 pennsylvania avenue northwest apt 4b washington dc 20500', dir);
    expect(c).toMatchObject({ number: '1600', street_name: 'PENNSYLVANIA', suffix: 'AVE', postdirectional: 'NW', unit_type: 'APT', unit_number: '4B', city: 'WASHINGTON', state: 'DC', zip5: '20500' });
    expect(deliveryLine(c)).toBe('1600 PENNSYLVANIA AVE NW APT 4B');
    expect(lastLine(c)).toBe('WASHINGTON DC 20500');
  });

  test.each<[string, Partial<UsComponents>]>([
    ['123 N. Main St., Apt #4, Springfield, IL 62701-1234', { number: '123', predirectional: 'N', street_name: 'MAIN', suffix: 'ST', unit_type: 'APT', unit_number: '4', city: 'SPRINGFIELD', state: 'IL', zip5: '62701', zip4: '1234' }],
    ['123 1/2 Main St #4', { number: '123 1/2', street_name: 'MAIN', suffix: 'ST', unit_type: '#', unit_number: '4' }],
    ['2274-2284 Ashley River Rd', { number: '2274-2284', street_name: 'ASHLEY RIVER', suffix: 'RD' }],
    ['214 B South Blvd', { number: '214B', street_name: 'SOUTH', suffix: 'BLVD' }],
    ['1234 E 400 S, Salt Lake City, UT 84102', { number: '1234', predirectional: 'E', street_name: '400', postdirectional: 'S', city: 'SALT LAKE CITY', state: 'UT', zip5: '84102' }],
    ['N6W23001 Bluemound Rd, Waukesha WI 53186', { number: 'N6W23001', street_name: 'BLUEMOUND', suffix: 'RD', city: 'WAUKESHA', state: 'WI', zip5: '53186' }],
    ['10 Hwy 61 N, Natchez, MS 39120', { number: '10', street_name: 'HIGHWAY 61', postdirectional: 'N', city: 'NATCHEZ', state: 'MS' }],
    ['5965 State Rt. 140', { number: '5965', street_name: 'STATE ROUTE 140' }],
    ['135 W Old US Highway 90', { number: '135', predirectional: 'W', street_name: 'OLD US HIGHWAY 90' }],
    ['7441 East County Road Y', { number: '7441', predirectional: 'E', street_name: 'COUNTY ROAD Y' }],
    ['9912 S. Avenue H', { number: '9912', predirectional: 'S', street_name: 'AVENUE H' }],
    ['1044 Lake Shore Boulevard Evanston IL 60201', { number: '1044', street_name: 'LAKE SHORE', suffix: 'BLVD', city: 'EVANSTON', state: 'IL', zip5: '60201' }],
    ['1850 Green Bay Road Highland Park IL 60035', { street_name: 'GREEN BAY', suffix: 'RD', city: 'HIGHLAND PARK' }],
    ['790 FOGGY BOTTOM FARM RD', { street_name: 'FOGGY BOTTOM FARM', suffix: 'RD' }],
    ['1320 west Webster chiago il 60622', { number: '1320', predirectional: 'W', street_name: 'WEBSTER', city: 'CHIAGO', state: 'IL', zip5: '60622' }],
    ['1800 M Street, NW, Suite 700, Washington, DC 20500', { street_name: 'M', suffix: 'ST', postdirectional: 'NW', unit_type: 'STE', unit_number: '700', city: 'WASHINGTON' }],
    ['219 South Dearborn Second Floor', { predirectional: 'S', street_name: 'DEARBORN', unit_type: 'FL', unit_number: '2' }],
    ['203 N Wabash 608', { street_name: 'WABASH', unit_number: '608' }],
    ['500 W Madison St Bldg 2 Ste 1000', { unit_type: 'STE', unit_number: '1000', extra_units: ['BLDG 2'] }],
    ['Suite 200, Building 17, 7000 Peachtree Dunwoody Rd', { number: '7000', unit_type: 'STE', unit_number: '200', extra_units: ['BLDG 17'] }],
    ['2110 Saint John W St', { street_name: 'SAINT JOHN', postdirectional: 'W', suffix: 'ST' }],
    ['HC Route 68 Box 23A', { rural_route: 'HC 68', box: '23A' }],
    ['11745 I 10 W', { number: '11745', street_name: 'I 10', postdirectional: 'W' }],
    ['3520 Okemos Rd PMB 175', { unit_type: 'PMB', unit_number: '175' }],
    ['9832 Costa Del Sol Boulevar', { street_name: 'COSTA DEL SOL', suffix: 'BLVD' }],
    ['8358 S. Stony Island', { predirectional: 'S', street_name: 'STONY ISLAND' }],
    ['3340 peachtree rd ne tower place ste 1685', { street_name: 'PEACHTREE', suffix: 'RD', postdirectional: 'NE', building: 'TOWER PLACE', unit_type: 'STE', unit_number: '1685' }],
    ['Acme Inc, 500 W Madison St, Chicago, IL 60622', { recipient: 'ACME INC', number: '500', street_name: 'MADISON' }],
    ['1000 Cathedral Pl 925 W Georgia St', { number: '925', predirectional: 'W', street_name: 'GEORGIA', suffix: 'ST' }],
    ['P.O. Box 123, Saint Louis, MO 63105', { po_box: '123', city: 'SAINT LOUIS', state: 'MO', zip5: '63105' }],
    ['PO Box 628 Hwy 231, Lake Butler, FL 32054', { po_box: '628', street_name: 'HIGHWAY 231', city: 'LAKE BUTLER' }],
    ['RR 2 Box 152, Hartland, VT 05048', { rural_route: 'RR 2', box: '152', city: 'HARTLAND', state: 'VT' }],
    ['HC 68 Box 10', { rural_route: 'HC 68', box: '10' }],
    ['WRS Tower, 10th Floor 312 Rosa L Parks Avenue Nashville TN 37243', { recipient: 'WRS TOWER', unit_type: 'FL', unit_number: '10', number: '312', suffix: 'AVE' }],
    ['6000 Feldwood Road Lockbox # 402605 College Park GA 30349', { po_box: '402605', city: 'COLLEGE PARK' }],
    ['Lockbox 1007, PO Box 4829, Houston TX 77210', { po_box: '4829', unit_type: 'LOCKBOX', unit_number: '1007' }],
    ['6000 Feldwood Rd Lockbox 402605 College Park GA 30349', { number: '6000', street_name: 'FELDWOOD', suffix: 'RD', po_box: '402605' }],
    ['851 United States Highway 53 Business', { number: '851', street_name: 'UNITED STATES HIGHWAY 53 BUSINESS' }],
    ['PSC 1234 BOX 5678 APO AE 09012', { military: 'PSC 1234', box: '5678', city: 'APO', state: 'AE', zip5: '09012' }],
    ['CMR 450 Box 1, APO AE 09012', { military: 'CMR 450', box: '1', city: 'APO' }],
    ['USS Nimitz FPO AP 96620', { military: 'USS NIMITZ', city: 'FPO', state: 'AP' }],
    ['12th & Millard', { street_name: '12TH', cross_street: 'MILLARD' }],
    ['1085 Santa Paula Avenue, Los Osos', { number: '1085', street_name: 'SANTA PAULA', suffix: 'AVE', city: 'LOS OSOS' }],
    ['  1600   PENNSYLVANIA  AVE., N.W. ;  Washington , D.C.  20500 ', { number: '1600', street_name: 'PENNSYLVANIA', suffix: 'AVE', postdirectional: 'NW', city: 'WASHINGTON', state: 'DC', zip5: '20500' }],
    ['80 Main St, Hartland, VT 5048', { zip5: '05048', state: 'VT' }],
    ['4411 Stone Way North, Waukesha, Waukesha County, WI 53186', { street_name: 'STONE', suffix: 'WAY', postdirectional: 'N', city: 'WAUKESHA', state: 'WI' }],
    ['84 Social Street Woonsocket, Rhode Island 02895 United States', { street_name: 'SOCIAL', suffix: 'ST', state: 'RI', zip5: '02895' }],
  ])('%s', (text, expected) => {
    expect(parts(text)).toMatchObject(expected);
  });

  test('a trailing state that is also a unit word, and a big city with neither state nor ZIP', () => {
    expect(parts('8725 NW 18th Ter Ste 106 Salt Lake City FL')).toMatchObject({ unit_type: 'STE', unit_number: '106', state: 'FL' });
    expect(parts('1750 Tysons Blvd Fourth Fl')).toMatchObject({ unit_type: 'FL', unit_number: '4' });
  });

  test('an abbreviated directional before a lone suffix word is the directional; a spelled-out one names the street', () => {
    expect(parts('1520 N Wells')).toMatchObject({ predirectional: 'N', street_name: 'WELLS' });
    expect(parts('123 North St')).toMatchObject({ street_name: 'NORTH', suffix: 'ST' });
    expect(parts('3001 N Boulevard')).toMatchObject({ street_name: 'N', suffix: 'BLVD' });
  });

  test('structured input keeps the city, state and ZIP it was given', () => {
    const c = parseUsAddress({ line1: '500 west madison street', line2: 'suite 1000', city: 'Chicago', state: 'Illinois', postal_code: '60661-1234' }, dir);
    expect(c).toMatchObject({ number: '500', predirectional: 'W', street_name: 'MADISON', suffix: 'ST', unit_type: 'STE', unit_number: '1000', city: 'CHICAGO', state: 'IL', zip5: '60661', zip4: '1234' });
  });

  test('no street at all leaves the street components empty rather than inventing them', () => {
    expect(parts('Wrigley Field')).not.toHaveProperty('number');
    expect(parts('')).toEqual({});
  });
});
