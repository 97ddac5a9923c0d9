import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { classify, type Classification } from './classify.js';
import { toIso2, countryName } from './intl/countries.js';
import { checkPostcode, requiredFields } from './intl/country-rules.js';
import { matchTaxId, TAX_ID_KINDS } from './intl/tax-ids.js';
import { Findings, type AddressIssue, type Verdict } from './issues.js';
import type { UsZipDirectory, UsZipInfo } from './ports.js';
import { deliveryLine, lastLine, secondLine, type UsComponents } from './us/components.js';
import { parseUsAddress } from './us/parse.js';
import { FREELY_ASSOCIATED, STATE_CODES, TERRITORIES } from './us/pub28.js';
import { cityKey, cleanText } from './us/standardize.js';
import { validateUs } from './us/validate-us.js';

/** An address as people send it: one line of text, or fields. */
export type AddressValidationInput = string | StructuredAddressInput;
export interface StructuredAddressInput {
  name?: string | null;
  company?: string | null;
  line1: string;
  line2?: string | null;
  line3?: string | null;
  city?: string | null;
  state?: string | null;
  postal_code?: string | null;
  /** Name, ISO alpha-2 or alpha-3; US when absent. */
  country?: string | null;
  phone?: string | null;
  tax_id?: string | null;
}

export interface StandardizedAddress {
  line1: string;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string;
}

export interface AddressValidation {
  verdict: Verdict;
  /** Pub 28 components for US addresses; null elsewhere. */
  components: UsComponents | null;
  standardized: StandardizedAddress;
  classification: Classification;
  issues: AddressIssue[];
  phone: { e164: string; country: string | null } | null;
  tax_id: { kind: string; value: string } | null;
  /** The input as given, when a correction was applied. */
  original?: AddressValidationInput;
}

/**
 * Parses, standardizes, validates and classifies one address, offline. Pure given the ZIP
 * directory: the same input always gives the same answer.
 */
export function validateAddress(input: AddressValidationInput, dir: UsZipDirectory): AddressValidation {
  const f = new Findings();
  const structured = typeof input === 'string' ? null : input;
  let country = 'US';
  if (structured?.country?.trim()) {
    const iso = toIso2(structured.country);
    if (!iso) f.error('COUNTRY_UNKNOWN', 'country', `"${structured.country}" is not a country name or ISO 3166 code`);
    else country = iso;
  } else if (typeof input === 'string') {
    country = trailingCountry(input) ?? 'US';
  }

  // Puerto Rico, Guam… are US states for the post: country US, state PR.
  let territoryState: string | null = null;
  if (TERRITORIES.has(country) && !FREELY_ASSOCIATED.has(country)) {
    territoryState = country;
    f.info('TERRITORY_AS_US', 'country', `${countryName(country)} is addressed as a US state: country US, state ${country}`);
    country = 'US';
  }

  const result =
    country === 'US' ? validateUsInput(input, territoryState, dir, f) : validateInternational(input, country, f);
  const phone = checkPhone(structured?.phone ?? null, result.standardized.country, f);
  const taxId = checkTaxId(structured?.tax_id ?? null, result.standardized.country, f);
  const out: AddressValidation = {
    verdict: f.verdict(),
    components: result.components,
    standardized: result.standardized,
    classification: classify({
      company: structured?.company?.trim() || null,
      components: result.components,
      zip: result.zip,
      territory: result.components?.state ? TERRITORIES.has(result.components.state) : false,
    }),
    issues: f.issues,
    phone,
    tax_id: taxId,
  };
  if (f.corrected) out.original = input;
  return out;
}

interface Partial {
  components: UsComponents | null;
  standardized: StandardizedAddress;
  zip?: UsZipInfo;
}

function validateUsInput(input: AddressValidationInput, territoryState: string | null, dir: UsZipDirectory, f: Findings): Partial {
  let c: UsComponents;
  if (typeof input !== 'string' && input.postal_code?.trim()) {
    // A ZIP field a spreadsheet or a hurried hand changed: "2108" (leading zero lost), "62701-",
    // "IL 62701". Read it, and say so.
    const fixed = fixPostalField(input.postal_code);
    // (A lost zero is only assumed where the ZIP it gives exists: "6270" stays a format error.)
    if (fixed && (!fixed.padded || dir.lookup(fixed.postal.slice(0, 5)))) {
      f.correct('ZIP_CORRECTED', 'postal_code', `ZIP Code "${input.postal_code.trim()}" read as ${fixed.postal}${fixed.state ? ` with state ${fixed.state}` : ''}`);
      input = { ...input, postal_code: fixed.postal, state: input.state?.trim() ? input.state : fixed.state ?? input.state };
    }
  }
  if (typeof input === 'string') {
    c = parseUsAddress(stripTrailingCountry(input), dir);
  } else if (!input.city?.trim() && !input.postal_code?.trim()) {
    // Everything in the first line(s): parse it as one.
    c = parseUsAddress([input.line1, input.line2, input.line3].filter((l) => l?.trim()).join(', '), dir);
  } else if (!input.state?.trim() && !input.postal_code?.trim() && holdsLastLine(input.city!)) {
    // State and ZIP in the city field ("Springfield IL 62701"): read the lines and it as one text.
    c = parseUsAddress(asOneText(input), dir);
  } else {
    c = parseUsAddress({ ...input, line2: [input.line2, input.line3].filter((l) => l?.trim()).join(' ') || null }, dir);
    if (input.state?.trim() && c.state && c.state.length !== 2) c.state = cleanText(input.state);
    // No city field, and words left over in the lines: when read as one text they end in a
    // known place ("Springfield, IL" as line 2), that is the city; otherwise they stay aside
    // ("Back door").
    if (!input.city?.trim() && c.building) {
      const whole = parseUsAddress(asOneText(input), dir);
      if (whole.city && dir.isPlace(cityKey(whole.city))) c = whole;
    }
  }
  if (territoryState && !c.state) c.state = territoryState;
  const zip = validateUs(c, dir, f);
  // No US ZIP, but a Canadian, British or Australian last line: say which country to send.
  if (!zip && !territoryState && !(typeof input !== 'string' && input.country?.trim())) {
    const foreign = foreignLastLine(typeof input === 'string' ? input : asOneText(input));
    if (foreign) f.error('FOREIGN_ADDRESS', 'country', `this looks like an address in ${countryName(foreign.country)} (${foreign.why}): send it with country ${foreign.country}`);
  }
  // Words before the address ("C/O JANE DOE", a firm) are kept on the second line unless they
  // only repeat the name or company given: a carrier needs them to find the recipient.
  const given = typeof input === 'string' ? [] : [input.name, input.company].filter((v): v is string => !!v?.trim()).map((v) => cleanText(v));
  const attention = c.recipient && !given.includes(c.recipient) ? c.recipient : null;
  // A building with no street found keeps its name rather than an empty first line; beside a
  // street, words kept aside (a building, "BACK DOOR", a firm in line 2) stay on the second line.
  const street = deliveryLine(c);
  const aside = street && c.building && !given.includes(c.building) ? c.building : null;
  const standardized: StandardizedAddress = {
    line1: street || (c.building ?? ''),
    line2: [attention, secondLine(c), aside].filter(Boolean).join(' ') || null,
    city: c.city,
    state: c.state,
    postal_code: c.zip5 ? (c.zip4 ? `${c.zip5}-${c.zip4}` : c.zip5) : null,
    country: 'US',
  };
  void lastLine;
  return { components: c, standardized, zip };
}

function validateInternational(input: AddressValidationInput, country: string, f: Findings): Partial {
  if (typeof input === 'string') {
    f.warn('FREE_TEXT_INTERNATIONAL', 'address', `free-text addresses are parsed for the US only; send fields (line1, city, postal_code, country) for ${countryName(country)}`);
    return { components: null, standardized: { line1: cleanText(stripTrailingCountry(input), false), line2: null, city: null, state: null, postal_code: null, country } };
  }
  const need = requiredFields(country);
  const text = (v: string | null | undefined) => (v?.trim() ? v.trim().replace(/\s+/g, ' ') : null);
  const std: StandardizedAddress = {
    line1: text(input.line1) ?? '',
    line2: text([input.line2, input.line3].filter((l) => l?.trim()).join(', ')),
    city: text(input.city),
    state: text(input.state),
    postal_code: text(input.postal_code),
    country,
  };
  const name = countryName(country);
  if (!std.line1) f.error('ADDRESS_LINE_MISSING', 'line1', 'an address line is required');
  if (need.city && !std.city) f.error('CITY_MISSING', 'city', `${name} addresses need a city`);
  if (need.state && !std.state) f.error('STATE_MISSING', 'state', `${name} addresses need a state, province or prefecture`);
  if (std.postal_code) {
    const pc = checkPostcode(country, std.postal_code);
    if (!pc.ok) f.error('POSTCODE_FORMAT', 'postal_code', pc.reason);
    else if (pc.postcode !== std.postal_code) {
      f.correct('POSTCODE_FORMATTED', 'postal_code', `postcode written as ${pc.postcode}`);
      std.postal_code = pc.postcode;
    }
  } else if (need.postcode) {
    f.error('POSTCODE_MISSING', 'postal_code', `${name} addresses need a postcode`);
  }
  return { components: null, standardized: std };
}

function checkPhone(phone: string | null, country: string, f: Findings): AddressValidation['phone'] {
  if (!phone?.trim()) return null;
  const parsed = parsePhoneNumberFromString(phone, { defaultCountry: country as never });
  if (!parsed || !parsed.isValid()) {
    f.warn('PHONE_INVALID', 'phone', `"${phone}" is not a valid phone number for ${countryName(country)}; carriers need one to reach the recipient`);
    return null;
  }
  return { e164: parsed.number, country: parsed.country ?? null };
}

function checkTaxId(taxId: string | null, country: string, f: Findings): AddressValidation['tax_id'] {
  const kinds = TAX_ID_KINDS[country];
  if (!kinds) return null;
  const names = kinds.map((k) => k.name).join(' or ');
  if (!taxId?.trim()) {
    f.warn('TAX_ID_MISSING', 'tax_id', `${countryName(country)} customs ask for the recipient's ${names} on imports`);
    return null;
  }
  const kind = matchTaxId(country, taxId);
  if (!kind) {
    f.error('TAX_ID_INVALID', 'tax_id', `"${taxId}" is not a valid ${names}`);
    return null;
  }
  return { kind: kind.name, value: taxId.trim() };
}

/** The ISO code of a country named after the last comma of a free-text address, if any. */
function trailingCountry(text: string): string | undefined {
  const last = text.split(/[,\n]/).at(-1)?.trim() ?? '';
  if (/\d/.test(last) || last.length < 2) return undefined;
  // A two-letter tail is a US state far more often than a country ("…, Chicago, IL").
  if (/^[A-Za-z]{2}$/.test(last) || STATE_CODES.has(cleanText(last))) return undefined;
  return toIso2(last);
}

const CA_POSTCODE = /\b([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)\b/;
const CA_PROVINCES = /\b(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|CANADA)\b/;
const GB_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})\b/;
const AU_STATE_POSTCODE = /\b(NSW|VIC|QLD|TAS|ACT) (\d{4})\b/;

/**
 * A Canadian (postcode A1A 1A1 with a province), British (postcode M44 6TD) or Australian (NSW,
 * VIC, QLD, TAS or ACT with a 4-digit postcode) last line in text sent as a US address.
 */
export function foreignLastLine(text: string): { country: string; why: string } | undefined {
  const up = cleanText(text);
  const ca = CA_POSTCODE.exec(up);
  if (ca && CA_PROVINCES.test(up)) return { country: 'CA', why: `postcode ${ca[1]} ${ca[2]}` };
  const au = AU_STATE_POSTCODE.exec(up);
  if (au) return { country: 'AU', why: `${au[1]} ${au[2]}` };
  const gb = GB_POSTCODE.exec(up);
  if (gb) return { country: 'GB', why: `postcode ${gb[1]} ${gb[2]}` };
  return undefined;
}

/**
 * A ZIP field that is not a ZIP as typed but clearly holds one: a 4-digit ZIP that lost its
 * leading zero (New England, New Jersey, Puerto Rico), a trailing dash, the state in front.
 * Undefined when it is fine as it is or not a ZIP at all.
 */
function fixPostalField(raw: string): { postal: string; state?: string; padded: boolean } | undefined {
  const text = raw.trim().toUpperCase();
  const m = /^(?:([A-Z]{2})[\s,]*)?(\d{4,5})(?:[-\s]?(\d{4}))?[-\s]*$/.exec(text);
  if (!m || (m[1] && !STATE_CODES.has(m[1]))) return undefined;
  const postal = `${m[2]!.padStart(5, '0')}${m[3] ? `-${m[3]}` : ''}`;
  // (A 5-digit ZIP alone is already read as typed — 62701, 62701-1234, 62701 1234, 627011234 —
  // unless a dash closes it.)
  if (!m[1] && m[2]!.length === 5 && !text.endsWith('-')) return undefined;
  return { postal, state: m[1], padded: m[2]!.length === 4 };
}

/** The lines, then city, state and ZIP, as one text. */
function asOneText(input: StructuredAddressInput): string {
  const last = [input.city, input.state, input.postal_code].filter((v) => v?.trim()).join(' ');
  return [input.line1, input.line2, input.line3, last].filter((l) => l?.trim()).join(', ');
}

/** A city field that also holds the state code or the ZIP ("Springfield IL", "Springfield, IL 62701"). */
function holdsLastLine(city: string): boolean {
  const words = cleanText(city).split(' ');
  return /\d/.test(city) || (words.length >= 2 && words.at(-1)!.length === 2 && STATE_CODES.has(words.at(-1)!));
}

function stripTrailingCountry(text: string): string {
  const parts = text.split(/[,\n]/);
  return parts.length > 1 && trailingCountry(text) ? parts.slice(0, -1).join(',') : text;
}
