/**
 * Tables from USPS Publication 28 (Postal Addressing Standards), written out here so the
 * product runs offline. Appendix C1 (street suffixes), C2 (secondary unit designators), B
 * (state and territory codes), section 233 (directionals). `test/pub28-tables.test.ts` checks
 * them against an independent transcription in ../shared when it is present.
 */

/**
 * Appendix C1: standard suffix abbreviation -> every spelling USPS lists for it (incl. the
 * standard), plus a few common misspellings (CAUSWAY, CRESENT, HGTS…). CR, LA and TR are left
 * out on purpose: in real addresses they are County Road, the Spanish article and Trail/Terrace.
 */
const C1: Record<string, string[]> = {
  ALY: ['ALLEY', 'ALLEE', 'ALLY', 'ALY'],
  ANX: ['ANEX', 'ANNEX', 'ANNX', 'ANX'],
  ARC: ['ARCADE', 'ARC'],
  AVE: ['AVENUE', 'AV', 'AVE', 'AVEN', 'AVENU', 'AVN', 'AVNUE'],
  BYU: ['BAYOU', 'BAYOO', 'BYU'],
  BCH: ['BEACH', 'BCH'],
  BND: ['BEND', 'BND'],
  BLF: ['BLUFF', 'BLF', 'BLUF'],
  BLFS: ['BLUFFS', 'BLFS'],
  BTM: ['BOTTOM', 'BOT', 'BTM', 'BOTTM'],
  BLVD: ['BOULEVARD', 'BLVD', 'BOUL', 'BOULV'],
  BR: ['BRANCH', 'BR', 'BRNCH'],
  BRG: ['BRIDGE', 'BRDGE', 'BRG'],
  BRK: ['BROOK', 'BRK'],
  BRKS: ['BROOKS', 'BRKS'],
  BG: ['BURG', 'BG'],
  BGS: ['BURGS', 'BGS'],
  BYP: ['BYPASS', 'BYP', 'BYPA', 'BYPAS', 'BYPS'],
  CP: ['CAMP', 'CP', 'CMP'],
  CYN: ['CANYON', 'CANYN', 'CYN', 'CNYN'],
  CPE: ['CAPE', 'CPE'],
  CSWY: ['CAUSEWAY', 'CAUSWA', 'CSWY', 'CAUSWAY'],
  CTR: ['CENTER', 'CEN', 'CENT', 'CENTR', 'CENTRE', 'CNTER', 'CNTR', 'CTR'],
  CTRS: ['CENTERS', 'CTRS'],
  CIR: ['CIRCLE', 'CIR', 'CIRC', 'CIRCL', 'CRCL', 'CRCLE'],
  CIRS: ['CIRCLES', 'CIRS'],
  CLF: ['CLIFF', 'CLF'],
  CLFS: ['CLIFFS', 'CLFS'],
  CLB: ['CLUB', 'CLB'],
  CMN: ['COMMON', 'CMN'],
  CMNS: ['COMMONS', 'CMNS'],
  COR: ['CORNER', 'COR'],
  CORS: ['CORNERS', 'CORS'],
  CRSE: ['COURSE', 'CRSE'],
  CT: ['COURT', 'CT', 'CRT'],
  CTS: ['COURTS', 'CTS'],
  CV: ['COVE', 'CV'],
  CVS: ['COVES', 'CVS'],
  CRK: ['CREEK', 'CRK', 'CK'],
  CRES: ['CRESCENT', 'CRES', 'CRSENT', 'CRSNT', 'CRECENT', 'CRESENT', 'CRSCNT'],
  CRST: ['CREST', 'CRST'],
  XING: ['CROSSING', 'CRSSNG', 'XING', 'CRSSING'],
  XRD: ['CROSSROAD', 'XRD'],
  XRDS: ['CROSSROADS', 'XRDS'],
  CURV: ['CURVE', 'CURV'],
  DL: ['DALE', 'DL'],
  DM: ['DAM', 'DM'],
  DV: ['DIVIDE', 'DIV', 'DV', 'DVD'],
  DR: ['DRIVE', 'DR', 'DRIV', 'DRV'],
  DRS: ['DRIVES', 'DRS'],
  EST: ['ESTATE', 'EST'],
  ESTS: ['ESTATES', 'ESTS'],
  EXPY: ['EXPRESSWAY', 'EXP', 'EXPR', 'EXPRESS', 'EXPW', 'EXPY'],
  EXT: ['EXTENSION', 'EXT', 'EXTN', 'EXTNSN'],
  EXTS: ['EXTENSIONS', 'EXTS'],
  FALL: ['FALL'],
  FLS: ['FALLS', 'FLS'],
  FRY: ['FERRY', 'FRRY', 'FRY'],
  FLD: ['FIELD', 'FLD'],
  FLDS: ['FIELDS', 'FLDS'],
  FLT: ['FLAT', 'FLT'],
  FLTS: ['FLATS', 'FLTS'],
  FRD: ['FORD', 'FRD'],
  FRDS: ['FORDS', 'FRDS'],
  FRST: ['FOREST', 'FORESTS', 'FRST'],
  FRG: ['FORGE', 'FORG', 'FRG'],
  FRGS: ['FORGES', 'FRGS'],
  FRK: ['FORK', 'FRK'],
  FRKS: ['FORKS', 'FRKS'],
  FT: ['FORT', 'FRT', 'FT'],
  FWY: ['FREEWAY', 'FREEWY', 'FRWAY', 'FRWY', 'FWY'],
  GDN: ['GARDEN', 'GARDN', 'GRDEN', 'GRDN', 'GDN'],
  GDNS: ['GARDENS', 'GDNS', 'GRDNS'],
  GTWY: ['GATEWAY', 'GATEWY', 'GATWAY', 'GTWAY', 'GTWY'],
  GLN: ['GLEN', 'GLN'],
  GLNS: ['GLENS', 'GLNS'],
  GRN: ['GREEN', 'GRN'],
  GRNS: ['GREENS', 'GRNS'],
  GRV: ['GROVE', 'GROV', 'GRV'],
  GRVS: ['GROVES', 'GRVS'],
  HBR: ['HARBOR', 'HARB', 'HARBR', 'HBR', 'HRBOR'],
  HBRS: ['HARBORS', 'HBRS'],
  HVN: ['HAVEN', 'HVN', 'HAVN'],
  HTS: ['HEIGHTS', 'HT', 'HTS', 'HEIGHT', 'HGTS'],
  HWY: ['HIGHWAY', 'HIGHWY', 'HIWAY', 'HIWY', 'HWAY', 'HWY'],
  HL: ['HILL', 'HL'],
  HLS: ['HILLS', 'HLS'],
  HOLW: ['HOLLOW', 'HLLW', 'HOLLOWS', 'HOLW', 'HOLWS'],
  INLT: ['INLET', 'INLT'],
  IS: ['ISLAND', 'IS', 'ISLND'],
  ISS: ['ISLANDS', 'ISLNDS', 'ISS'],
  ISLE: ['ISLE', 'ISLES'],
  JCT: ['JUNCTION', 'JCT', 'JCTION', 'JCTN', 'JUNCTN', 'JUNCTON'],
  JCTS: ['JUNCTIONS', 'JCTNS', 'JCTS'],
  KY: ['KEY', 'KY'],
  KYS: ['KEYS', 'KYS'],
  KNL: ['KNOLL', 'KNL', 'KNOL'],
  KNLS: ['KNOLLS', 'KNLS'],
  LK: ['LAKE', 'LK'],
  LKS: ['LAKES', 'LKS'],
  LAND: ['LAND'],
  LNDG: ['LANDING', 'LNDG', 'LNDNG'],
  LN: ['LANE', 'LN', 'LANES'],
  LGT: ['LIGHT', 'LGT'],
  LGTS: ['LIGHTS', 'LGTS'],
  LF: ['LOAF', 'LF'],
  LCK: ['LOCK', 'LCK'],
  LCKS: ['LOCKS', 'LCKS'],
  LDG: ['LODGE', 'LDG', 'LDGE', 'LODG'],
  LOOP: ['LOOP', 'LOOPS'],
  MALL: ['MALL'],
  MNR: ['MANOR', 'MNR'],
  MNRS: ['MANORS', 'MNRS'],
  MDW: ['MEADOW', 'MDW'],
  MDWS: ['MEADOWS', 'MDWS', 'MEDOWS'],
  MEWS: ['MEWS'],
  ML: ['MILL', 'ML'],
  MLS: ['MILLS', 'MLS'],
  MSN: ['MISSION', 'MISSN', 'MSSN', 'MSN'],
  MTWY: ['MOTORWAY', 'MTWY'],
  MT: ['MOUNT', 'MNT', 'MT'],
  MTN: ['MOUNTAIN', 'MNTAIN', 'MNTN', 'MOUNTIN', 'MTIN', 'MTN'],
  MTNS: ['MOUNTAINS', 'MNTNS', 'MTNS'],
  NCK: ['NECK', 'NCK'],
  ORCH: ['ORCHARD', 'ORCH', 'ORCHRD'],
  OVAL: ['OVAL', 'OVL'],
  OPAS: ['OVERPASS', 'OPAS'],
  PARK: ['PARK', 'PRK', 'PARKS', 'PK'],
  PKWY: ['PARKWAY', 'PARKWY', 'PKWAY', 'PKWY', 'PKY', 'PARKWAYS', 'PKWYS'],
  PASS: ['PASS'],
  PSGE: ['PASSAGE', 'PSGE'],
  PATH: ['PATH', 'PATHS'],
  PIKE: ['PIKE', 'PIKES'],
  PNE: ['PINE', 'PNE'],
  PNES: ['PINES', 'PNES'],
  PL: ['PLACE', 'PL'],
  PLN: ['PLAIN', 'PLN'],
  PLNS: ['PLAINS', 'PLNS', 'PLAINES'],
  PLZ: ['PLAZA', 'PLZ', 'PLZA'],
  PT: ['POINT', 'PT'],
  PTS: ['POINTS', 'PTS'],
  PRT: ['PORT', 'PRT'],
  PRTS: ['PORTS', 'PRTS'],
  PR: ['PRAIRIE', 'PR', 'PRR', 'PRARIE'],
  RADL: ['RADIAL', 'RAD', 'RADIEL', 'RADL'],
  RAMP: ['RAMP'],
  RNCH: ['RANCH', 'RANCHES', 'RNCH', 'RNCHS'],
  RPD: ['RAPID', 'RPD'],
  RPDS: ['RAPIDS', 'RPDS'],
  RST: ['REST', 'RST'],
  RDG: ['RIDGE', 'RDG', 'RDGE'],
  RDGS: ['RIDGES', 'RDGS'],
  RIV: ['RIVER', 'RIV', 'RVR', 'RIVR'],
  RD: ['ROAD', 'RD'],
  RDS: ['ROADS', 'RDS'],
  RTE: ['ROUTE', 'RTE'],
  ROW: ['ROW'],
  RUE: ['RUE'],
  RUN: ['RUN'],
  SHL: ['SHOAL', 'SHL'],
  SHLS: ['SHOALS', 'SHLS'],
  SHR: ['SHORE', 'SHOAR', 'SHR'],
  SHRS: ['SHORES', 'SHOARS', 'SHRS'],
  SKWY: ['SKYWAY', 'SKWY'],
  SPG: ['SPRING', 'SPG', 'SPNG', 'SPRNG'],
  SPGS: ['SPRINGS', 'SPGS', 'SPNGS', 'SPRNGS'],
  SPUR: ['SPUR', 'SPURS'],
  SQ: ['SQUARE', 'SQ', 'SQR', 'SQRE', 'SQU'],
  SQS: ['SQUARES', 'SQRS', 'SQS'],
  STA: ['STATION', 'STA', 'STATN', 'STN'],
  STRA: ['STRAVENUE', 'STRA', 'STRAV', 'STRAVEN', 'STRAVN', 'STRVN', 'STRVNUE', 'STRAVE'],
  STRM: ['STREAM', 'STREME', 'STRM'],
  ST: ['STREET', 'STRT', 'ST', 'STR'],
  STS: ['STREETS', 'STS'],
  SMT: ['SUMMIT', 'SMT', 'SUMIT', 'SUMITT'],
  TER: ['TERRACE', 'TER', 'TERR'],
  TRWY: ['THROUGHWAY', 'TRWY'],
  TRCE: ['TRACE', 'TRACES', 'TRCE'],
  TRAK: ['TRACK', 'TRACKS', 'TRAK', 'TRK', 'TRKS'],
  TRFY: ['TRAFFICWAY', 'TRFY'],
  TRL: ['TRAIL', 'TRAILS', 'TRL', 'TRLS'],
  TRLR: ['TRAILER', 'TRLR', 'TRLRS'],
  TUNL: ['TUNNEL', 'TUNEL', 'TUNL', 'TUNLS', 'TUNNELS', 'TUNNL'],
  TPKE: ['TURNPIKE', 'TRNPK', 'TURNPK', 'TPKE', 'TPK', 'TRPK'],
  UPAS: ['UNDERPASS', 'UPAS'],
  UN: ['UNION', 'UN'],
  UNS: ['UNIONS', 'UNS'],
  VLY: ['VALLEY', 'VALLY', 'VLLY', 'VLY'],
  VLYS: ['VALLEYS', 'VLYS'],
  VIA: ['VIADUCT', 'VDCT', 'VIA', 'VIADCT'],
  VW: ['VIEW', 'VW'],
  VWS: ['VIEWS', 'VWS'],
  VLG: ['VILLAGE', 'VILL', 'VILLAG', 'VILLG', 'VILLIAGE', 'VLG'],
  VLGS: ['VILLAGES', 'VLGS'],
  VL: ['VILLE', 'VL'],
  VIS: ['VISTA', 'VIS', 'VIST', 'VST', 'VSTA'],
  WALK: ['WALK', 'WALKS'],
  WALL: ['WALL'],
  WAY: ['WAY', 'WY'],
  WAYS: ['WAYS'],
  WL: ['WELL', 'WL'],
  WLS: ['WELLS', 'WLS'],
};

/**
 * Street types in common use that C1 does not list. USPS keeps them as part of the name; we
 * recognise them as the street's type so that the name is split where people split it, and
 * print them in full (the delivery line reads the same either way).
 */
const NON_C1_TYPES = ['OVERLOOK', 'STRIP', 'CONCOURSE', 'GULCH', 'TURN', 'GRADE', 'WOODS', 'BAY', 'CHASE'];

/** Any listed spelling (upper case, no punctuation) -> the C1 standard abbreviation. */
export const STREET_SUFFIXES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(C1).flatMap(([std, spellings]) => spellings.map((s) => [s, std] as const)),
  ...NON_C1_TYPES.map((t) => [t, t] as const),
]);

/** C1 standard abbreviation -> the primary street suffix name (for spelling out pre-types). */
export const SUFFIX_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(C1).map(([std, s]) => [std, s[0]!]));

/**
 * Appendix C2: secondary unit designators. `range` designators need a number or letter after
 * them (APT 4B); the others stand alone (REAR, PH).
 */
const C2: { std: string; range: boolean; spellings: string[] }[] = [
  { std: 'APT', range: true, spellings: ['APARTMENT', 'APT', 'APPT', 'APTS'] },
  { std: 'BSMT', range: false, spellings: ['BASEMENT', 'BSMT'] },
  { std: 'BLDG', range: true, spellings: ['BUILDING', 'BLDG', 'BLDNG', 'BLD', 'BLG'] },
  { std: 'DEPT', range: true, spellings: ['DEPARTMENT', 'DEPT', 'DPT'] },
  { std: 'FL', range: true, spellings: ['FLOOR', 'FL', 'FLR'] },
  { std: 'FRNT', range: false, spellings: ['FRONT', 'FRNT'] },
  { std: 'HNGR', range: true, spellings: ['HANGAR', 'HANGER', 'HNGR'] },
  { std: 'KEY', range: true, spellings: ['KEY'] },
  { std: 'LBBY', range: false, spellings: ['LOBBY', 'LBBY'] },
  { std: 'LOT', range: true, spellings: ['LOT'] },
  { std: 'LOWR', range: false, spellings: ['LOWER', 'LOWR'] },
  { std: 'OFC', range: false, spellings: ['OFFICE', 'OFC'] },
  { std: 'PH', range: false, spellings: ['PENTHOUSE', 'PH'] },
  { std: 'PIER', range: true, spellings: ['PIER'] },
  { std: 'REAR', range: false, spellings: ['REAR'] },
  { std: 'RM', range: true, spellings: ['ROOM', 'RM'] },
  { std: 'SIDE', range: false, spellings: ['SIDE'] },
  { std: 'SLIP', range: true, spellings: ['SLIP'] },
  { std: 'SPC', range: true, spellings: ['SPACE', 'SPC'] },
  { std: 'STOP', range: true, spellings: ['STOP'] },
  { std: 'STE', range: true, spellings: ['SUITE', 'STE', 'SUIT', 'SUTE'] },
  { std: 'TRLR', range: true, spellings: ['TRAILER', 'TRLR'] },
  { std: 'UNIT', range: true, spellings: ['UNIT'] },
  { std: '#', range: true, spellings: ['#'] },
  // Private mailbox at a commercial mail receiving agency (Pub 28 section 2.4).
  { std: 'PMB', range: true, spellings: ['PMB'] },
  // Not in Pub 28 but common on business mail: mail stop and mail codes, and the lockbox, bin
  // and file numbers of remittance addresses.
  { std: 'MSC', range: true, spellings: ['MSC'] },
  { std: 'MC', range: true, spellings: ['M/C', 'MAILCODE'] },
  { std: 'BIN', range: true, spellings: ['BIN'] },
  { std: 'CONDO', range: true, spellings: ['CONDO'] },
  { std: 'MAILBOX', range: true, spellings: ['MAILBOX'] },
  { std: 'FILE', range: true, spellings: ['FILE'] },
  { std: 'UPPR', range: false, spellings: ['UPPER', 'UPPR'] },
];

export interface UnitDesignator {
  readonly std: string;
  /** True when the designator needs an identifier after it. */
  readonly range: boolean;
}

export const UNIT_DESIGNATORS: ReadonlyMap<string, UnitDesignator> = new Map(
  C2.flatMap((d) => d.spellings.map((s) => [s, { std: d.std, range: d.range }] as const)),
);

/** Section 233: directionals, one word or two. */
export const DIRECTIONALS: ReadonlyMap<string, string> = new Map([
  ['N', 'N'], ['NORTH', 'N'], ['NO', 'N'], ['S', 'S'], ['SOUTH', 'S'], ['SO', 'S'], ['E', 'E'], ['EAST', 'E'], ['W', 'W'], ['WEST', 'W'],
  ['NE', 'NE'], ['NORTHEAST', 'NE'], ['NW', 'NW'], ['NORTHWEST', 'NW'], ['SE', 'SE'], ['SOUTHEAST', 'SE'],
  ['SW', 'SW'], ['SOUTHWEST', 'SW'],
]);

/** Appendix B: states, DC, territories, freely associated states and the armed forces codes. */
const STATES: [string, string][] = [
  ['AL', 'ALABAMA'], ['AK', 'ALASKA'], ['AZ', 'ARIZONA'], ['AR', 'ARKANSAS'], ['CA', 'CALIFORNIA'],
  ['CO', 'COLORADO'], ['CT', 'CONNECTICUT'], ['DE', 'DELAWARE'], ['DC', 'DISTRICT OF COLUMBIA'],
  ['FL', 'FLORIDA'], ['GA', 'GEORGIA'], ['HI', 'HAWAII'], ['ID', 'IDAHO'], ['IL', 'ILLINOIS'],
  ['IN', 'INDIANA'], ['IA', 'IOWA'], ['KS', 'KANSAS'], ['KY', 'KENTUCKY'], ['LA', 'LOUISIANA'],
  ['ME', 'MAINE'], ['MD', 'MARYLAND'], ['MA', 'MASSACHUSETTS'], ['MI', 'MICHIGAN'], ['MN', 'MINNESOTA'],
  ['MS', 'MISSISSIPPI'], ['MO', 'MISSOURI'], ['MT', 'MONTANA'], ['NE', 'NEBRASKA'], ['NV', 'NEVADA'],
  ['NH', 'NEW HAMPSHIRE'], ['NJ', 'NEW JERSEY'], ['NM', 'NEW MEXICO'], ['NY', 'NEW YORK'],
  ['NC', 'NORTH CAROLINA'], ['ND', 'NORTH DAKOTA'], ['OH', 'OHIO'], ['OK', 'OKLAHOMA'], ['OR', 'OREGON'],
  ['PA', 'PENNSYLVANIA'], ['RI', 'RHODE ISLAND'], ['SC', 'SOUTH CAROLINA'], ['SD', 'SOUTH DAKOTA'],
  ['TN', 'TENNESSEE'], ['TX', 'TEXAS'], ['UT', 'UTAH'], ['VT', 'VERMONT'], ['VA', 'VIRGINIA'],
  ['WA', 'WASHINGTON'], ['WV', 'WEST VIRGINIA'], ['WI', 'WISCONSIN'], ['WY', 'WYOMING'],
  ['AS', 'AMERICAN SAMOA'], ['GU', 'GUAM'], ['MP', 'NORTHERN MARIANA ISLANDS'], ['PR', 'PUERTO RICO'],
  ['VI', 'VIRGIN ISLANDS'], ['FM', 'FEDERATED STATES OF MICRONESIA'], ['MH', 'MARSHALL ISLANDS'], ['PW', 'PALAU'],
  ['AA', 'ARMED FORCES AMERICAS'], ['AE', 'ARMED FORCES EUROPE'], ['AP', 'ARMED FORCES PACIFIC'],
];

/** Two-letter code -> state name. */
export const STATE_NAMES: ReadonlyMap<string, string> = new Map(STATES);

/** Full names and common variants -> two-letter code (codes map to themselves). */
export const STATE_CODES: ReadonlyMap<string, string> = new Map([
  ...STATES.map(([code]) => [code, code] as const),
  ...STATES.map(([code, name]) => [name, code] as const),
  ['D C', 'DC'], ['US VIRGIN ISLANDS', 'VI'],
  // Traditional (GPO) abbreviations still seen on labels.
  ...Object.entries({
    AL: ['ALA'], AK: ['ALAS'], AZ: ['ARIZ'], AR: ['ARK'], CA: ['CAL', 'CALIF'], CO: ['COLO'], CT: ['CONN'],
    DE: ['DEL'], FL: ['FLA'], IL: ['ILL'], IN: ['IND'], KS: ['KAN', 'KANS'], KY: ['KEN', 'KENT'],
    MA: ['MASS'], MI: ['MICH'], MN: ['MINN'], MS: ['MISS'], MT: ['MONT'], NE: ['NEB', 'NEBR'], NV: ['NEV'],
    ND: ['N DAK'], NM: ['N MEX', 'NEW M'], OK: ['OKLA'], OR: ['ORE', 'OREG'], PA: ['PENN', 'PENNA'],
    SD: ['S DAK'], TN: ['TENN'], TX: ['TEX'], WA: ['WASH'], WV: ['W VA'], WI: ['WIS', 'WISC'], WY: ['WYO'],
  }).flatMap(([code, names]) => names.map((n) => [n, code] as const)),
  ['ARMED FORCES AFRICA', 'AE'], ['ARMED FORCES CANADA', 'AE'], ['ARMED FORCES MIDDLE EAST', 'AE'],
]);

/** The longest state name in words (FEDERATED STATES OF MICRONESIA). */
export const MAX_STATE_WORDS = 4;

/** US territories and freely associated states (own customs/postal quirks). */
export const TERRITORIES: ReadonlySet<string> = new Set(['AS', 'GU', 'MP', 'PR', 'VI', 'FM', 'MH', 'PW']);
/** The freely associated states (Micronesia, the Marshall Islands, Palau): USPS ZIPs, but no US territories. */
export const FREELY_ASSOCIATED: ReadonlySet<string> = new Set(['FM', 'MH', 'PW']);
/** Armed Forces "states" used with APO/FPO/DPO. */
export const MILITARY_STATES: ReadonlySet<string> = new Set(['AA', 'AE', 'AP']);

/**
 * The armed-forces "state" a military ZIP belongs to, by its first three digits: AA (the
 * Americas) 340, AE (Europe, the Middle East, Africa, Canada) 090–098, AP (the Pacific) 962–966;
 * undefined outside those ranges.
 */
export function militaryStateOfZip(zip5: string): 'AA' | 'AE' | 'AP' | undefined {
  const p = Number(zip5.slice(0, 3));
  if (p === 340) return 'AA';
  if (p >= 90 && p <= 98 && zip5.startsWith('0')) return 'AE';
  if (p >= 962 && p <= 966) return 'AP';
  return undefined;
}
