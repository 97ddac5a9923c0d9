/**
 * UPS behind the carrier gateway port: the mappers (rating, shipping, tracking, address
 * validation) and the thin client put together. Carrier failures become `CarrierError`s the
 * purchase flow knows (retryable or not), with UPS's code and message.
 */
import type { Address } from '../../../addresses/address.schema.js';
import { gifLabelsToPdf } from '../../../labels/carrier-images.js';
import type { CarrierMessage, LiveQuote } from '../../../rating/live-rates.js';
import { CarrierError, type CarrierGateway, type LabelDocument, type LabelRef, type LabelRequest, type PurchasedLabel } from '../../../shipments/ports.js';
import type { ParseResult } from '../tracking/types.js';
import { plainEvents, trackEach } from '../native-tracking.js';
import { parseUps } from '../tracking/ups.js';
import { upsAddressRequest, upsAddressFromResponse, type UpsAddressResult } from './address.js';
import type { UpsClient } from './client.js';
import { errorText, failureKind, nativeFailure, ratesFromShop, type Failed, type ShopAnswer } from '../native.js';
import { upsRateRequest, upsRatesFromResponse, UPS_SERVICES } from './rating.js';
import { upsRecoveredFromResponse, upsRecoveryRequest, upsShipmentFromResponse, upsShipRequest, upsVoidFromResponse, upsVoidPath, type UpsShipment, type UpsShipSettings } from './shipping.js';

/** Our service names (as rate cards spell them) to UPS service codes; an account may add its own. */
export const UPS_SERVICE_CODES: Record<string, string> = {
  ground: '03', ground_saver: '93', '3_day_select': '12', three_day_select: '12', '2nd_day_air': '02', second_day_air: '02', '2nd_day_air_am': '59',
  next_day_air: '01', next_day_air_saver: '13', next_day_air_early: '14', standard: '11',
  worldwide_express: '07', worldwide_expedited: '08', worldwide_saver: '65', worldwide_express_plus: '54',
};

export interface UpsCarrierSettings extends UpsShipSettings {
  /** Extra or different service mappings: our service name → UPS code. */
  services: Record<string, string>;
}

const asError = errorText;
/** A failed UPS answer as the purchase flow's error. */
export const upsFailure = (a: Failed, doing: string) => nativeFailure('UPS', a, doing);

export type { ShopAnswer };

export class UpsCarrier implements CarrierGateway {
  constructor(private readonly client: UpsClient, private readonly s: UpsCarrierSettings) {}

  /** The UPS code for one of our service names, a UPS code given as it is, or null. */
  serviceCode(service: string): string | null {
    const code = this.s.services[service] ?? UPS_SERVICE_CODES[service] ?? (UPS_SERVICES[service] ? service : null);
    return code ?? null;
  }

  /** Our service name for a UPS code (the account's mapping first). */
  serviceName(code: string): string {
    return Object.entries(this.s.services).find(([, c]) => c === code)?.[0] ?? Object.entries(UPS_SERVICE_CODES).find(([, c]) => c === code)?.[0] ?? code;
  }

  /** Every UPS service on the lane (Shop), itemized; a failure is messages, never an exception. */
  async shop(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted' | 'service'> & { service?: string | null }): Promise<ShopAnswer> {
    const serviceCode = req.service ? this.serviceCode(req.service) : null;
    if (req.service && !serviceCode) return { quotes: [], messages: [{ carrier: 'ups', code: 'UNKNOWN_SERVICE', message: `No UPS service code for "${req.service}"`, severity: 'error' }], failure: 'refused' };
    const signature = req.options.signature === 'adult' ? 'adult' : req.options.signature ? 'direct' : null;
    const answer = await this.client.rate(upsRateRequest({ shipFrom: req.shipFrom, shipTo: req.shipTo, packages: req.packages, serviceCode, signature, declaredValue: req.options.insured_value, reference: req.reference }, this.s), serviceCode ? 'Rate' : 'Shop');
    if (!answer.ok) {
      return { quotes: [], messages: answer.messages, failure: failureKind(answer), error: upsFailure(answer, 'rating') };
    }
    return upsRatesFromResponse(answer.body);
  }

  async rate(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted'>) {
    return ratesFromShop('UPS', await this.shop({ ...req, service: null }), (code) => this.serviceName(code));
  }


  async createLabel(req: LabelRequest): Promise<PurchasedLabel> {
    const serviceCode = this.serviceCode(req.service);
    if (!serviceCode) throw new CarrierError('CONFIGURATION', `No UPS service code for "${req.service}": add it to the account's services (e.g. {"${req.service}": "03"})`, false);
    const signature = req.options.signature === 'adult' ? 'adult' : req.options.signature ? 'direct' : null;
    const answer = await this.client.ship(upsShipRequest({
      reference: req.reference, purchaseKey: req.idempotencyKey, serviceCode, shipFrom: req.shipFrom, shipTo: req.shipTo, packages: req.packages, signature, declaredValue: req.options.insured_value,
    }, this.s));
    if (!answer.ok) throw upsFailure(answer, 'buying the label');
    const { shipment, messages } = upsShipmentFromResponse(answer.body);
    if (!shipment) throw new CarrierError('CARRIER_REJECTED', `UPS sold no readable label: ${asError(messages)}`, false, asError(messages));
    return this.purchased(shipment);
  }

  /** The label bought under this purchase key (sent as the shipment's reference), recovered with its images. */
  async findLabel(idempotencyKey: string): Promise<PurchasedLabel | null> {
    const answer = await this.client.recoverLabel(upsRecoveryRequest(idempotencyKey, this.s));
    if (!answer.ok) {
      // Nothing under that reference: UPS answers 400 with "no shipment found"; any other failure stops the retry.
      if (answer.status !== null && answer.status >= 400 && answer.status < 500 && answer.status !== 401 && answer.status !== 403 && answer.status !== 429) return null;
      throw upsFailure(answer, 'looking up the label');
    }
    const { shipment } = upsRecoveredFromResponse(answer.body);
    return shipment ? this.purchased(shipment) : null;
  }

  async voidLabel(label: LabelRef): Promise<void> {
    const answer = await this.client.void(upsVoidPath(label.carrierLabelId));
    if (!answer.ok) throw upsFailure(answer, 'voiding the label');
    const { voided, messages } = upsVoidFromResponse(answer.body);
    if (!voided) throw new CarrierError('CARRIER_REJECTED', `UPS did not void ${label.carrierLabelId}: ${asError(messages) || 'status 0 (not voided)'}`, false);
  }

  /**
   * UPS needs no manifest for API labels (they are uploaded when bought and scanned at pickup):
   * the manifest is lastmile's own pickup sheet, numbered here.
   */
  async manifest(labels: LabelRef[], meta: { warehouseId: string; shipDate: string }) {
    return { carrierManifestId: `UPS-${meta.shipDate.replace(/-/g, '')}-${labels.length}` };
  }

  async track(trackingNumber: string) {
    return plainEvents(await this.trackParsed([trackingNumber]));
  }

  /** Tracking read with the carrier's own codes (the pipeline's table for it), parcels not found left out. */
  trackParsed(trackingNumbers: string[]): Promise<ParseResult | null> {
    return trackEach(trackingNumbers, (tn) => this.client.track(tn), parseUps, (a) => upsFailure(a, 'tracking'));
  }

  /** UPS's street-level check of an address (with its residential/commercial classification). */
  async validateAddress(a: Address): Promise<UpsAddressResult> {
    const answer = await this.client.validateAddress(upsAddressRequest(a), 3);
    if (!answer.ok) return { verdict: 'unavailable', candidates: [], classification: null, messages: answer.messages };
    return upsAddressFromResponse(answer.body);
  }

  private async purchased(s: UpsShipment): Promise<PurchasedLabel> {
    let documents: LabelDocument[] = [];
    if (s.images.length && s.images.every((i) => i.format === 'ZPL')) {
      documents = [{ format: 'zpl', data: Buffer.concat(s.images.map((i) => Buffer.from(i.data, 'base64'))) }];
    } else if (s.images.length && s.images.every((i) => i.format === 'GIF')) {
      documents = [{ format: 'pdf', data: await gifLabelsToPdf(s.images.map((i) => Buffer.from(i.data, 'base64')), { title: `UPS ${s.shipmentId}` }) }];
    }
    return { carrierLabelId: s.shipmentId, trackingNumbers: s.trackingNumbers, cost: s.cost, sample: false, ...(documents.length ? { documents } : {}) };
  }
}
