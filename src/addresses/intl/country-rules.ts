import postalCodes from 'postal-codes-js';

/**
 * What a country's addresses must carry, for the countries our sellers ship to most. Letters as
 * in Google's address metadata: A address line, C city, S state/province/prefecture, Z postcode.
 * Countries not listed need an address line and a city, and a postcode where one exists.
 * `test/country-rules.test.ts` compares these with Google's metadata when ../shared is present.
 */
const REQUIRED: Record<string, string> = {
  US: 'ACSZ', CA: 'ACSZ', MX: 'ACZ', BR: 'ASCZ', AR: 'ACZ', CL: 'AC', CO: 'AS',
  GB: 'ACZ', IE: 'AC', DE: 'ACZ', FR: 'ACZ', NL: 'ACZ', BE: 'ACZ', LU: 'ACZ', ES: 'ACSZ', IT: 'ACSZ', PT: 'ACZ',
  AT: 'ACZ', CH: 'ACZ', PL: 'ACZ', SE: 'ACZ', DK: 'ACZ', NO: 'ACZ', FI: 'ACZ', CZ: 'ACZ', GR: 'ACZ',
  AU: 'ACSZ', NZ: 'ACZ', JP: 'ASZ', KR: 'ACSZ', CN: 'ACSZ', HK: 'AS', TW: 'ACSZ', SG: 'AZ', MY: 'ACZ',
  TH: 'ACZ', VN: 'AC', ID: 'ACS', PH: 'ACZ', IN: 'ACSZ', AE: 'AS', SA: 'ACZ', IL: 'AC', TR: 'ACZ', ZA: 'ACZ',
};

/** Countries with no postcodes at all (postal-codes-js accepts anything for them). */
const NO_POSTCODE = new Set(['HK', 'AE', 'QA', 'AG', 'BS', 'BZ', 'FJ', 'GH', 'JM', 'UG', 'ZW', 'BO', 'AO']);

export function requiredFields(country: string): { city: boolean; state: boolean; postcode: boolean } {
  const r = REQUIRED[country];
  if (r) return { city: r.includes('C'), state: r.includes('S'), postcode: r.includes('Z') };
  return { city: true, state: false, postcode: !NO_POSTCODE.has(country) && hasPostcodeFormat(country) };
}

function hasPostcodeFormat(country: string): boolean {
  return postalCodes.validate(country, '') !== true;
}

/** How a postcode is written: spaces and dashes where the post office puts them. */
const FORMATS: Record<string, [RegExp, string]> = {
  GB: [/^([A-Z0-9]{2,4})([0-9][A-Z]{2})$/, '$1 $2'],
  CA: [/^([A-Z][0-9][A-Z])([0-9][A-Z][0-9])$/, '$1 $2'],
  NL: [/^(\d{4})([A-Z]{2})$/, '$1 $2'],
  PL: [/^(\d{2})(\d{3})$/, '$1-$2'],
  PT: [/^(\d{4})(\d{3})$/, '$1-$2'],
  SE: [/^(\d{3})(\d{2})$/, '$1 $2'],
  CZ: [/^(\d{3})(\d{2})$/, '$1 $2'],
  GR: [/^(\d{3})(\d{2})$/, '$1 $2'],
  BR: [/^(\d{5})(\d{3})$/, '$1-$2'],
  JP: [/^(\d{3})(\d{4})$/, '$1-$2'],
  IE: [/^([A-Z0-9]{3})([A-Z0-9]{4})$/, '$1 $2'],
};

export type PostcodeCheck = { ok: true; postcode: string } | { ok: false; reason: string };

/** Validates a postcode for a country and writes it the way that country's post does. */
export function checkPostcode(country: string, raw: string): PostcodeCheck {
  const compact = raw.trim().toUpperCase().replace(/[\s-]+/g, '');
  const f = FORMATS[country];
  const written = f && f[0].test(compact) ? compact.replace(f[0], f[1]) : raw.trim().toUpperCase().replace(/\s+/g, ' ');
  // Validate the written form: some formats insist on their dash (PT 1100-148, PL 00-950).
  const result = postalCodes.validate(country, written);
  if (result !== true) {
    return { ok: false, reason: typeof result === 'string' ? result.replace(written, raw.trim()) : `not a postcode of ${country}` };
  }
  return { ok: true, postcode: written };
}
