import type { Address } from '../addresses/address.schema.js';
import type { Weight } from '../kernel/units.js';

/** Everything printed on one package's label. */
export interface LabelData {
  trackingNumber: string;
  carrier: string;
  serviceName: string;
  from: Address;
  to: Address;
  weight: Weight;
  reference: string;
  packageIndex: number;
  packageCount: number;
  shipDate: string;
  sample: boolean;
}

export const SAMPLE_BANNER = 'SAMPLE - NOT FOR SHIPPING';
/** An offline USPS label: lastmile numbers it, but buys no postage. */
export const NO_POSTAGE_BANNER = 'NO POSTAGE - PAY POSTAGE BEFORE MAILING';

/**
 * The tracking barcode's content. A USPS label that is not a sample carries the Intelligent Mail
 * package barcode (IMpb, USPS Publication 199): GS1-128 of the destination ZIP Code after AI
 * 420, then the 22-digit (or longer) number whose first two digits are its own AI (92–95). Other
 * carriers', and samples: the tracking number as Code 128.
 */
export function trackingBarcode(l: LabelData): { kind: 'gs1-128'; text: string } | { kind: 'code128'; text: string } {
  const zip = (l.to.postal_code ?? '').replace(/\D/g, '');
  if (l.carrier === 'usps' && !l.sample && l.to.country === 'US' && /^9[2-5]\d{20,32}$/.test(l.trackingNumber) && (zip.length === 5 || zip.length === 9)) {
    return { kind: 'gs1-128', text: `(420)${zip}(${l.trackingNumber.slice(0, 2)})${l.trackingNumber.slice(2)}` };
  }
  return { kind: 'code128', text: l.trackingNumber };
}

/** Whether the label must say it carries no postage: USPS labels lastmile draws for an offline account. */
export const needsPostageNotice = (l: LabelData) => l.carrier === 'usps' && !l.sample;

/**
 * The 2D code's content, kept short (a Data Matrix's encoding time grows fast with length):
 * tracking number | country and postal code | package n/m | reference (docs/shipments.md).
 */
export function twoDPayload(l: LabelData): string {
  return [l.trackingNumber, `${l.to.country}${l.to.postal_code ?? ''}`, `${l.packageIndex}/${l.packageCount}`, l.reference.slice(0, 40)].join('|');
}

export function addressLines(a: Address): string[] {
  const last = [a.city, [a.state, a.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.name, a.company, a.line1, a.line2, a.line3, last, a.country === 'US' ? null : a.country].filter((s): s is string => !!s);
}

/** The service banner: "UPS GROUND", or the service name alone when it already names the carrier. */
export function bannerText(l: LabelData): string {
  const service = l.serviceName.toUpperCase();
  const carrier = l.carrier.toUpperCase();
  return service.startsWith(carrier) ? service : `${carrier}  ${service}`;
}

export function weightText(w: Weight): string {
  return `${Math.round(w.value * 100) / 100} ${w.unit.toUpperCase()}`;
}
