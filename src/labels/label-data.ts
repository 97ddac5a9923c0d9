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
