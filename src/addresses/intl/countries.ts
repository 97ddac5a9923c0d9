import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** Names people write that the ISO list spells differently. */
const ALIASES: Record<string, string> = {
  USA: 'US', 'U S A': 'US', 'U S': 'US', AMERICA: 'US', 'UNITED STATES OF AMERICA': 'US',
  UK: 'GB', 'U K': 'GB', 'GREAT BRITAIN': 'GB', BRITAIN: 'GB', ENGLAND: 'GB', SCOTLAND: 'GB', WALES: 'GB', 'NORTHERN IRELAND': 'GB',
  'SOUTH KOREA': 'KR', KOREA: 'KR', 'REPUBLIC OF KOREA': 'KR', 'NORTH KOREA': 'KP', RUSSIA: 'RU', VIETNAM: 'VN', 'VIET NAM': 'VN',
  HOLLAND: 'NL', 'THE NETHERLANDS': 'NL', 'CZECH REPUBLIC': 'CZ', CZECHIA: 'CZ', 'HONG KONG SAR': 'HK', MACAU: 'MO',
  TAIWAN: 'TW', 'UAE': 'AE', 'U A E': 'AE', 'IVORY COAST': 'CI', 'DEUTSCHLAND': 'DE', 'ESPANA': 'ES', 'ESPAÑA': 'ES',
  BRASIL: 'BR', 'MEXICO': 'MX', 'MÉXICO': 'MX', 'NIPPON': 'JP', 'TURKEY': 'TR', 'TÜRKIYE': 'TR', 'TURKIYE': 'TR',
};

/**
 * A country as a name ("Germany", "United States"), ISO 3166-1 alpha-2 ("de") or alpha-3
 * ("DEU") -> alpha-2 ("DE"); undefined when it is none of these.
 */
export function toIso2(input: string): string | undefined {
  const text = input.trim().replace(/\./g, ' ').replace(/\s+/g, ' ').toUpperCase();
  if (text === '') return undefined;
  if (ALIASES[text]) return ALIASES[text];
  if (/^[A-Z]{2}$/.test(text)) return countries.isValid(text) ? text : undefined;
  if (/^[A-Z]{3}$/.test(text)) return countries.alpha3ToAlpha2(text) ?? undefined;
  return countries.getAlpha2Code(input.trim(), 'en') ?? undefined;
}

export function countryName(iso2: string): string {
  return countries.getName(iso2, 'en') ?? iso2;
}
