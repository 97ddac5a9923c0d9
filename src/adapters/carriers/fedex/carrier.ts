/**
 * FedEx behind the carrier gateway port: Rate Quotes for live rates (account and list), Ship
 * (FedEx's PDF or ZPL labels, a reference on each package), Cancel, Track, Address Validation and
 * Ground End of Day close as the day's manifest.
 */
import type { Address } from '../../../addresses/address.schema.js';
import { mergePdfs } from '../../../labels/carrier-documents.js';
import { CarrierError, type CarrierGateway, type LabelDocument, type LabelRef, type LabelRequest, type PurchasedLabel } from '../../../shipments/ports.js';
import { errorText, failureKind, nativeFailure, ratesFromShop, type Failed, type ShopAnswer } from '../native.js';
import { plainEvents, trackEach } from '../native-tracking.js';
import { parseFedex } from '../tracking/fedex.js';
import type { ParseResult } from '../tracking/types.js';
import type { FedexClient } from './client.js';
import {
  FEDEX_SERVICE_TYPES, fedexAddressFromResponse, fedexAddressRequest, fedexCancelled, fedexCancelRequest, fedexCloseRequest, fedexRateRequest, fedexRatesFromResponse, fedexReferenceNumbers,
  fedexReferenceRequest, fedexShipmentFromResponse, fedexShipRequest, fedexTrackRequest, type FedexAccountSettings, type FedexAddressResult,
} from './mapper.js';

export interface FedexCarrierSettings extends FedexAccountSettings {
  services: Record<string, string>;
}

const failure = (a: Failed, doing: string) => nativeFailure('FedEx', a, doing);

export class FedexCarrier implements CarrierGateway {
  private readonly today: () => string;

  constructor(private readonly client: FedexClient, private readonly s: FedexCarrierSettings, o: { now?: () => number } = {}) {
    const now = o.now ?? Date.now;
    this.today = () => new Date(now()).toISOString().slice(0, 10);
  }

  serviceCode(service: string): string | null {
    return this.s.services[service] ?? FEDEX_SERVICE_TYPES[service] ?? (Object.values(FEDEX_SERVICE_TYPES).includes(service) ? service : null);
  }

  serviceName(code: string): string {
    return Object.entries(this.s.services).find(([, c]) => c === code)?.[0] ?? Object.entries(FEDEX_SERVICE_TYPES).find(([, c]) => c === code)?.[0] ?? code;
  }

  async shop(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted' | 'service'> & { service?: string | null }): Promise<ShopAnswer> {
    const serviceType = req.service ? this.serviceCode(req.service) : null;
    if (req.service && !serviceType) return { quotes: [], messages: [{ carrier: 'fedex', code: 'UNKNOWN_SERVICE', message: `No FedEx service type for "${req.service}"`, severity: 'error' }], failure: 'refused' };
    const signature = req.options.signature as 'indirect' | 'direct' | 'adult' | null;
    const answer = await this.client.rates(fedexRateRequest({ shipFrom: req.shipFrom, shipTo: req.shipTo, packages: req.packages, serviceType, signature, declaredValue: req.options.insured_value, shipDate: this.today() }, this.s));
    if (!answer.ok) return { quotes: [], messages: answer.messages, failure: failureKind(answer), error: failure(answer, 'rating') };
    return fedexRatesFromResponse(answer.body, this.s);
  }

  async rate(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted'>) {
    return ratesFromShop('FedEx', await this.shop({ ...req, service: null }), (code) => this.serviceName(code));
  }


  async createLabel(req: LabelRequest): Promise<PurchasedLabel> {
    const serviceType = this.serviceCode(req.service);
    if (!serviceType) throw new CarrierError('CONFIGURATION', `No FedEx service type for "${req.service}": add it to the account's services (e.g. {"${req.service}": "FEDEX_GROUND"})`, false);
    const answer = await this.client.ship(fedexShipRequest({
      shipFrom: req.shipFrom, shipTo: req.shipTo, packages: req.packages, serviceType, signature: req.options.signature as 'indirect' | 'direct' | 'adult' | null,
      declaredValue: req.options.insured_value, shipDate: this.today(), reference: req.idempotencyKey,
    }, this.s));
    if (!answer.ok) throw failure(answer, 'buying the label');
    const { shipment, messages } = fedexShipmentFromResponse(answer.body);
    if (!shipment) throw new CarrierError('CARRIER_REJECTED', `FedEx sold no readable label: ${errorText(messages)}`, false, errorText(messages));
    let documents: LabelDocument[] = [];
    const docs = shipment.labels.map((l) => ({ format: l.format, data: Buffer.from(l.data, 'base64') }));
    if (docs.length && docs.every((d) => d.format === 'pdf')) documents = [{ format: 'pdf', data: docs.length === 1 ? docs[0]!.data : await mergePdfs(docs.map((d) => d.data)) }];
    else if (docs.length && docs.every((d) => d.format === 'zpl')) documents = [{ format: 'zpl', data: Buffer.concat(docs.map((d) => d.data)) }];
    return { carrierLabelId: shipment.masterTrackingNumber, trackingNumbers: shipment.trackingNumbers, cost: shipment.cost, sample: false, ...(documents.length ? { documents } : {}) };
  }

  /**
   * A label FedEx sold under this purchase key (each package carries it as its customer
   * reference) whose answer was lost. FedEx cannot send that label's images again, so the label
   * is cancelled and null returned: the retry buys one label that lastmile can print, and the
   * account keeps one active shipment.
   */
  async findLabel(idempotencyKey: string): Promise<PurchasedLabel | null> {
    const answer = await this.client.trackByReference(fedexReferenceRequest(idempotencyKey, this.s, this.today()));
    if (!answer.ok) {
      if (answer.status === 404) return null;
      throw failure(answer, 'looking up the label');
    }
    for (const tn of new Set(fedexReferenceNumbers(answer.body))) await this.voidLabel({ carrierLabelId: tn, trackingNumbers: [tn] });
    return null;
  }

  async voidLabel(label: LabelRef): Promise<void> {
    const answer = await this.client.cancel(fedexCancelRequest(label.carrierLabelId, this.s, 'US'));
    if (!answer.ok) throw failure(answer, `cancelling ${label.carrierLabelId}`);
    if (!fedexCancelled(answer.body)) throw new CarrierError('CARRIER_REJECTED', `FedEx did not cancel ${label.carrierLabelId}`, false);
  }

  /** Ground End of Day close (FedEx Express needs none): the day's manifest. */
  async manifest(labels: LabelRef[], meta: { warehouseId: string; shipDate: string }) {
    const answer = await this.client.groundClose(fedexCloseRequest(this.s, meta.shipDate));
    if (!answer.ok) throw failure(answer, 'closing the day');
    const id = (answer.body as { transactionId?: string } | null)?.transactionId;
    return { carrierManifestId: id ? `FDX-CLOSE-${id}` : `FDX-CLOSE-${meta.shipDate}-${labels.length}` };
  }

  async track(trackingNumber: string) {
    return plainEvents(await this.trackParsed([trackingNumber]));
  }

  /** Tracking read with the carrier's own codes (the pipeline's table for it), parcels not found left out. */
  trackParsed(trackingNumbers: string[]): Promise<ParseResult | null> {
    return trackEach(trackingNumbers, (tn) => this.client.track(fedexTrackRequest(tn)), parseFedex, (a) => failure(a, 'tracking'));
  }

  async validateAddress(a: Address): Promise<FedexAddressResult> {
    const answer = await this.client.validateAddress(fedexAddressRequest(a));
    if (!answer.ok) return { verdict: 'unavailable', standardized: null, classification: null, messages: answer.messages };
    return fedexAddressFromResponse(answer.body);
  }
}
