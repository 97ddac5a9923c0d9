import { randomBytes } from 'node:crypto';
import type { CarrierGateway, LabelRequest, PurchasedLabel } from '../../shipments/ports.js';
import { CarrierError } from '../../shipments/ports.js';
import { serialCapacity, trackingNumber, type NumberFormat } from '../../shipments/tracking-numbers.js';

/** Hands out serial numbers (a counter in the database, so two workers never share one). */
export type SerialAllocator = (key: string, count: number, range: { first: number; last: number }) => Promise<number[] | null>;

export type OfflineNumbering =
  | { format: 'usps_impb'; mailer_id: string; service_type_codes: Record<string, string> }
  | { format: 'ups_1z'; shipper_number: string; service_codes: Record<string, string> }
  | { format: 'range'; prefix: string; digits: number; first: number; last: number; check: 'luhn' | 'mod7' | 'none' };

/**
 * Numbers for carriers without a configured account: printed "SAMPLE - NOT FOR SHIPPING".
 * UPS's documented test shipper (1Z999AA1…), a USPS Mailer ID outside the assigned ranges, and
 * an LMT-prefixed range for everyone else.
 */
export function sampleNumbering(carrier: string): OfflineNumbering {
  if (carrier === 'usps') return { format: 'usps_impb', mailer_id: '999999', service_type_codes: { '*': '001' } };
  if (carrier === 'ups') return { format: 'ups_1z', shipper_number: '999AA1', service_codes: { '*': '03', ground: '03', next_day_air: '01', second_day_air: '02', three_day_select: '12' } };
  return { format: 'range', prefix: 'LMT', digits: 12, first: 1, last: 999_999_999_999, check: 'luhn' };
}

export function formatFor(n: OfflineNumbering, service: string): NumberFormat {
  switch (n.format) {
    case 'usps_impb': {
      const stc = n.service_type_codes[service] ?? n.service_type_codes['*'];
      if (!stc) throw new CarrierError('CONFIGURATION', `The USPS account has no service type code for ${service} (set service_type_codes.${service} or "*")`, false);
      return { format: 'usps_impb', mailer_id: n.mailer_id, service_type_code: stc };
    }
    case 'ups_1z': {
      const code = n.service_codes[service] ?? n.service_codes['*'];
      if (!code) throw new CarrierError('CONFIGURATION', `The UPS account has no service code for ${service} (set service_codes.${service} or "*")`, false);
      return { format: 'ups_1z', shipper_number: n.shipper_number, service_code: code };
    }
    case 'range':
      return n;
  }
}

/**
 * The offline rate-card carrier: issues labels itself, the way shippers do with carriers that
 * let them print their own (USPS IMpb under the shipper's Mailer ID, UPS 1Z under the shipper
 * account, a regional carrier's assigned range). Nothing is bought at print time: the carrier
 * bills what is manifested or scanned, so a number allocated by a crashed attempt is simply
 * never used. Price: the rate card's quote.
 */
export class OfflineCarrier implements CarrierGateway {
  constructor(
    private readonly o: { carrier: string; numbering: OfflineNumbering; sample: boolean; serialKey: string; allocate: SerialAllocator },
  ) {}

  async rate(): Promise<never> {
    throw new CarrierError('CONFIGURATION', 'Offline carriers are rated from the rate cards (POST /v1/rates)', false);
  }

  async createLabel(req: LabelRequest): Promise<PurchasedLabel> {
    const f = formatFor(this.o.numbering, req.service);
    const range = serialCapacity(f);
    const serials = await this.o.allocate(this.o.serialKey, req.packages.length, range);
    if (!serials) {
      throw new CarrierError('CARRIER_REJECTED', `The number range for ${this.o.carrier} is used up (${range.first}-${range.last}); configure a new range`, false);
    }
    return {
      carrierLabelId: `off_${randomBytes(8).toString('hex')}`,
      trackingNumbers: serials.map((s) => trackingNumber(f, s)),
      cost: req.quoted,
      sample: this.o.sample,
    };
  }

  /** Nothing is recorded outside lastmile, so there is nothing to look up. */
  async findLabel(): Promise<null> {
    return null;
  }

  async voidLabel(): Promise<void> {}

  async manifest(labels: { carrierLabelId: string }[], meta: { warehouseId: string; shipDate: string }) {
    return { carrierManifestId: `local-${meta.shipDate}-${randomBytes(4).toString('hex')}-${labels.length}` };
  }

  async track() {
    return [];
  }
}
