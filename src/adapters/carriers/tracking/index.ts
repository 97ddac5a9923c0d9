import { parseDhlExpress } from './dhl-express.js';
import { parseFedex } from './fedex.js';
import type { ParseResult } from './types.js';
import { parseUps } from './ups.js';
import { parseUsps } from './usps.js';

/** Carrier tracking response parsers by carrier code. */
export const TRACKING_PARSERS: Record<string, (raw: string) => ParseResult> = {
  ups: parseUps,
  fedex: parseFedex,
  usps: parseUsps,
  dhl: parseDhlExpress,
};

export type { CarrierEvent, ParsedTracking, ParseResult } from './types.js';
