/**
 * UPS Address Validation (street level, API v2) as a pure mapper: our address → `XAVRequest`,
 * the `XAVResponse` → a verdict (valid, ambiguous with candidates, not found), the candidates in
 * our address shape and UPS's residential/commercial classification. Written against
 * `../shared/data/carriers/ups/AddressValidation.yaml`.
 */
import type { Address } from '../../../addresses/address.schema.js';
import type { CarrierMessage } from '../../../rating/live-rates.js';
import { arrayOf, obj, type Json } from './common.js';

export interface UpsAddressCandidate {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string;
  classification: 'residential' | 'commercial' | null;
}

export interface UpsAddressResult {
  /** `valid`: UPS knows the address as given; `ambiguous`: several candidates; `not_found`: none; `unavailable`: UPS did not answer. */
  verdict: 'valid' | 'ambiguous' | 'not_found' | 'unavailable';
  candidates: UpsAddressCandidate[];
  classification: 'residential' | 'commercial' | null;
  messages: CarrierMessage[];
}

export function upsAddressRequest(a: Address): Json {
  const lines = [a.line1, a.line2, a.line3].filter((x): x is string => !!x && x.trim() !== '').slice(0, 3).map((x) => x.slice(0, 100));
  const zip = (a.postal_code ?? '').replace(/\s+/g, '');
  const [low, ext] = a.country === 'US' ? [zip.slice(0, 5), zip.replace('-', '').slice(5, 9)] : [zip.slice(0, 10), ''];
  return {
    XAVRequest: {
      AddressKeyFormat: {
        ...(a.name || a.company ? { ConsigneeName: (a.company ?? a.name ?? '').slice(0, 40) } : {}),
        AddressLine: lines,
        PoliticalDivision2: a.city.slice(0, 30),
        ...(a.state ? { PoliticalDivision1: a.state.slice(0, 30) } : {}),
        ...(low ? { PostcodePrimaryLow: low } : {}),
        ...(ext ? { PostcodeExtendedLow: ext } : {}),
        CountryCode: a.country,
      },
    },
  };
}

const classOf = (v: unknown): UpsAddressCandidate['classification'] => {
  const code = String(obj(v)['Code'] ?? '');
  return code === '2' ? 'residential' : code === '1' ? 'commercial' : null;
};

export function upsAddressFromResponse(body: unknown): UpsAddressResult {
  const r = obj(obj(body)['XAVResponse']);
  const messages: CarrierMessage[] = arrayOf(obj(r['Response'])['Alert'] as Json | Json[]).map((x) => ({ carrier: 'ups', code: String(obj(x)['Code'] ?? ''), message: String(obj(x)['Description'] ?? ''), severity: 'warning' }));
  const candidates = arrayOf(r['Candidate'] as Json | Json[]).map((c) => {
    const k = obj(obj(c)['AddressKeyFormat']);
    const lines = arrayOf(k['AddressLine'] as string | string[]).map(String);
    const low = typeof k['PostcodePrimaryLow'] === 'string' ? k['PostcodePrimaryLow'] : null;
    const ext = typeof k['PostcodeExtendedLow'] === 'string' && k['PostcodeExtendedLow'] ? `-${k['PostcodeExtendedLow']}` : '';
    return {
      line1: lines[0] ?? null, line2: lines[1] ?? null,
      city: typeof k['PoliticalDivision2'] === 'string' ? k['PoliticalDivision2'] : null,
      state: typeof k['PoliticalDivision1'] === 'string' ? k['PoliticalDivision1'] : null,
      postal_code: low ? `${low}${ext}` : null,
      country: String(k['CountryCode'] ?? ''),
      classification: classOf(obj(c)['AddressClassification']),
    };
  });
  const verdict = 'ValidAddressIndicator' in r ? 'valid' : 'AmbiguousAddressIndicator' in r ? 'ambiguous' : 'not_found';
  return { verdict, candidates, classification: classOf(r['AddressClassification']) ?? candidates[0]?.classification ?? null, messages };
}
