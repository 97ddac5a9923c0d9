/**
 * USPS behind the carrier gateway port: Domestic Prices (base rates and extra services) for live
 * rates, Domestic Labels v3 (a label per package, bought in order; a failure part-way cancels the
 * ones bought), label cancellation, Tracking v3, SCAN Form as the day's manifest, Addresses v3.
 */
import type { Address } from '../../../addresses/address.schema.js';
import { mergePdfs } from '../../../labels/carrier-documents.js';
import type { CarrierMessage, LiveQuote } from '../../../rating/live-rates.js';
import { CarrierError, type CarrierGateway, type LabelDocument, type LabelRef, type LabelRequest, type PurchasedLabel } from '../../../shipments/ports.js';
import type { CarrierAnswer } from '../oauth-client.js';
import { parseUsps } from '../tracking/usps.js';
import type { ParseResult } from '../tracking/types.js';
import { plainEvents, trackEach } from '../native-tracking.js';
import { errorText, failureKind, nativeFailure, ratesFromShop, type Failed, type ShopAnswer } from '../native.js';
import type { UspsClient } from './client.js';
import {
  USPS_MAIL_CLASSES, USPS_NAMES, USPS_SHOP_CLASSES, uspsAddressFromResponse, uspsAddressQuery, uspsBaseRatesRequest, uspsExtraServiceRequest, uspsExtraServices, uspsLabelFromResponse,
  uspsLabelRequest, uspsPickupPoints, uspsPostOfficeQuery, uspsQuote, uspsScanFormFromResponse, uspsScanFormRequest, type UspsAccountSettings, type UspsAddressResult, type UspsLabel,
} from './mapper.js';

export interface UspsCarrierSettings extends UspsAccountSettings {
  /** Extra or different service mappings: our service name → USPS mail class. */
  services: Record<string, string>;
}

const text = errorText;

/** USPS has no idempotency key and no look-up by reference: a label it may have sold must not be bought again blindly. */
const LOST = "it may have sold the label: check the account's labels before buying again (unused USPS labels can be cancelled for a refund)";

/** A failed USPS answer as the purchase flow's error (a timeout while buying is final: see LOST). */
export const uspsFailure = (a: Failed, doing: string, o: { timeoutRetryable: boolean }) => nativeFailure('USPS', a, doing, o.timeoutRetryable ? {} : { lostAnswer: LOST });

export class UspsCarrier implements CarrierGateway {
  private readonly today: () => string;

  constructor(private readonly client: UspsClient, private readonly s: UspsCarrierSettings, o: { now?: () => number } = {}) {
    const now = o.now ?? Date.now;
    this.today = () => new Date(now()).toISOString().slice(0, 10);
  }

  serviceCode(service: string): string | null {
    return this.s.services[service] ?? USPS_MAIL_CLASSES[service] ?? (USPS_NAMES[service] ? service : null);
  }

  serviceName(code: string): string {
    return Object.entries(this.s.services).find(([, c]) => c === code)?.[0] ?? Object.entries(USPS_MAIL_CLASSES).find(([, c]) => c === code)?.[0] ?? code;
  }

  /** Every parcel mail class (or the one asked), each package priced with its extra services; a class USPS does not price is left out with its message. */
  async shop(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted' | 'service'> & { service?: string | null }): Promise<ShopAnswer> {
    const one = req.service ? this.serviceCode(req.service) : null;
    if (req.service && !one) return { quotes: [], messages: [{ carrier: 'usps', code: 'UNKNOWN_SERVICE', message: `No USPS mail class for "${req.service}"`, severity: 'error' }], failure: 'refused' };
    const date = this.today();
    const extras = uspsExtraServices({ signature: req.options.signature as 'indirect' | 'direct' | 'adult' | null, declaredValue: req.options.insured_value }, req.packages.length);
    const classes = one ? [one] : USPS_SHOP_CLASSES;
    const results = await Promise.all(classes.map(async (mailClass) => {
      const answers = await Promise.all(req.packages.map(async (p) => {
        const base = await this.client.baseRates(uspsBaseRatesRequest(p, req.shipFrom, req.shipTo, mailClass, this.s, date));
        const ex = await Promise.all(extras.map(async (e) => ({ code: e.code, answer: await this.client.extraServiceRates(uspsExtraServiceRequest(p, e, mailClass, this.s, date)) })));
        return { base, ex };
      }));
      const failed = answers.map((a) => a.base).find((a): a is Extract<CarrierAnswer, { ok: false }> => !a.ok) ?? answers.flatMap((a) => a.ex.map((x) => x.answer)).find((a): a is Extract<CarrierAnswer, { ok: false }> => !a.ok);
      if (failed) return { mailClass, failed };
      const got = uspsQuote(mailClass, this.serviceName(mailClass), answers.map((a) => (a.base as { body: unknown }).body), answers.flatMap((a) => a.ex.map((x) => ({ code: x.code, body: (x.answer as { body: unknown }).body }))));
      return { mailClass, ...got };
    }));
    const quotes: LiveQuote[] = [];
    const messages: CarrierMessage[] = [];
    let firstFailure: Extract<CarrierAnswer, { ok: false }> | null = null;
    for (const r of results) {
      if ('failed' in r && r.failed) {
        firstFailure ??= r.failed;
        messages.push(...r.failed.messages.map((m) => ({ ...m, service_code: r.mailClass })));
        continue;
      }
      if ('quote' in r && r.quote) quotes.push(r.quote);
      if ('messages' in r && r.messages) messages.push(...r.messages);
    }
    quotes.sort((a, b) => a.total.amount - b.total.amount);
    if (quotes.length === 0 && firstFailure) {
      return { quotes, messages, failure: failureKind(firstFailure), error: uspsFailure(firstFailure, 'rating', { timeoutRetryable: true }) };
    }
    return { quotes, messages };
  }

  async rate(req: Omit<LabelRequest, 'idempotencyKey' | 'shipmentId' | 'quoted'>) {
    return ratesFromShop('USPS', await this.shop({ ...req, service: null }), (code) => this.serviceName(code));
  }


  async createLabel(req: LabelRequest): Promise<PurchasedLabel> {
    const mailClass = this.serviceCode(req.service);
    if (!mailClass) throw new CarrierError('CONFIGURATION', `No USPS mail class for "${req.service}": add it to the account's services (e.g. {"${req.service}": "USPS_GROUND_ADVANTAGE"})`, false);
    const extras = uspsExtraServices({ signature: req.options.signature as 'indirect' | 'direct' | 'adult' | null, declaredValue: req.options.insured_value }, req.packages.length);
    const date = this.today();
    const bought: UspsLabel[] = [];
    for (const p of req.packages) {
      const answer = await this.client.label(uspsLabelRequest(p, {
        shipFrom: req.shipFrom, shipTo: req.shipTo, mailClass, extras: extras.map((e) => e.code), packageValue: extras.find((e) => e.itemValue > 0)?.itemValue ?? null, returnLabel: false, reference: req.reference,
      }, this.s, date));
      const label = answer.ok ? uspsLabelFromResponse(answer.text, answer.contentType) : null;
      if (!answer.ok || !label?.label) {
        // Part of the shipment bought: cancel those labels so nothing is paid for a shipment that failed.
        await Promise.all(bought.map((b) => this.client.cancelLabel(b.trackingNumber).catch(() => undefined)));
        if (!answer.ok) throw uspsFailure(answer, `buying the label of package ${bought.length + 1} of ${req.packages.length}`, { timeoutRetryable: false });
        throw new CarrierError('CARRIER_REJECTED', `USPS sold no readable label: ${text(label?.messages ?? [])}`, false);
      }
      bought.push(label.label);
    }
    let documents: LabelDocument[] = [];
    const docs = bought.map((b) => b.document);
    if (docs.every((d) => d?.format === 'pdf')) documents = [{ format: 'pdf', data: await mergePdfs(docs.map((d) => d!.data)) }];
    else if (docs.every((d) => d?.format === 'zpl')) documents = [{ format: 'zpl', data: Buffer.concat(docs.map((d) => d!.data)) }];
    const cost = bought.every((b) => b.postage) ? { amount: bought.reduce((t, b) => t + b.postage!.amount, 0), currency: 'USD' } : null;
    return { carrierLabelId: bought[0]!.trackingNumber, trackingNumbers: bought.map((b) => b.trackingNumber), cost, sample: false, ...(documents.length ? { documents } : {}) };
  }

  /** USPS offers no look-up by reference: a purchase whose answer was lost is not retried (see uspsFailure). */
  async findLabel(): Promise<PurchasedLabel | null> {
    return null;
  }

  async voidLabel(label: LabelRef): Promise<void> {
    const numbers = label.trackingNumbers.length ? label.trackingNumbers : [label.carrierLabelId];
    for (const tn of numbers) {
      const a = await this.client.cancelLabel(tn);
      if (!a.ok) throw uspsFailure(a, `cancelling label ${tn}`, { timeoutRetryable: true });
    }
  }

  /** The day's SCAN Form (PS 5630): USPS scans it at acceptance for every label on it. */
  async manifest(labels: LabelRef[], meta: { warehouseId: string; shipDate: string; from?: Address }) {
    if (!meta.from) throw new CarrierError('CONFIGURATION', 'A USPS SCAN form needs the address the labels are mailed from', false);
    const a = await this.client.scanForm(uspsScanFormRequest(labels.flatMap((l) => l.trackingNumbers), meta.from, meta.shipDate));
    if (!a.ok) throw uspsFailure(a, 'creating the SCAN form', { timeoutRetryable: false });
    const id = uspsScanFormFromResponse(a.text, a.contentType);
    if (!id) throw new CarrierError('CARRIER_REJECTED', 'USPS created a SCAN form without a manifest number', false);
    return { carrierManifestId: id };
  }

  async track(trackingNumber: string) {
    return plainEvents(await this.trackParsed([trackingNumber]));
  }

  /** Tracking read with the carrier's own codes (the pipeline's table for it), parcels not found left out. */
  trackParsed(trackingNumbers: string[]): Promise<ParseResult | null> {
    return trackEach(trackingNumbers, (tn) => this.client.track(tn), parseUsps, (a) => uspsFailure(a, 'tracking', { timeoutRetryable: true }));
  }

  /** Post offices near a ZIP Code that hold parcels for pickup, as pickup points. */
  async pickupPoints(zip: string, radiusMiles: number) {
    const a = await this.client.postOffices(uspsPostOfficeQuery(zip, radiusMiles));
    if (!a.ok) throw uspsFailure(a, 'finding post offices', { timeoutRetryable: true });
    return uspsPickupPoints(a.body);
  }

  async validateAddress(a: Address): Promise<UspsAddressResult> {
    const answer = await this.client.address(uspsAddressQuery(a));
    if (!answer.ok) {
      if (answer.status === 400 || answer.status === 404) return { verdict: 'not_found', standardized: null, classification: null, messages: answer.messages };
      return { verdict: 'unavailable', standardized: null, classification: null, messages: answer.messages };
    }
    return uspsAddressFromResponse(answer.body);
  }
}
