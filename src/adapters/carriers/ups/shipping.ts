/**
 * UPS Shipping (API v2409) as a pure mapper: our label request → UPS's `ShipmentRequest`, its
 * `ShipmentResponse` → the label (tracking numbers, charges, the carrier-drawn images) with its
 * messages; the void and label-recovery calls likewise. Written against UPS's published
 * definition (`../shared/data/carriers/ups/Shipping.yaml`); the tests validate every request this
 * builds against it. No I/O: the client sends, `UpsCarrier` puts the two together.
 */
import type { Address } from '../../../addresses/address.schema.js';
import type { Money } from '../../../kernel/money.js';
import { dimensionsToMm, type Dimensions, type Weight } from '../../../kernel/units.js';
import { UPS_SERVICES, type CarrierMessage, type UpsAccountSettings } from './rating.js';
import { arrayOf, inches, lbs, obj, upsAddress, upsDecimal, upsMoney, upsName, type Json } from './common.js';

export type UpsLabelFormat = 'pdf' | 'zpl';

export interface UpsShipSettings extends UpsAccountSettings {
  /** `pdf`: UPS draws a GIF, lastmile makes it a 4×6 PDF page; `zpl`: UPS's ZPL as it is. */
  labelFormat: UpsLabelFormat;
}

export interface UpsShipRequest {
  /** Printed on the label and searchable: the order's reference. */
  reference: string;
  /** The purchase's idempotency key, sent as the second reference so a lost answer can be recovered by it. */
  purchaseKey: string;
  serviceCode: string;
  shipFrom: Address;
  shipTo: Address;
  packages: { weight: Weight; dimensions: Dimensions | null }[];
  signature: 'indirect' | 'direct' | 'adult' | null;
  declaredValue: Money | null;
}

/** What UPS sold: the shipment number (what a void names), one tracking number and image per package. */
export interface UpsShipment {
  shipmentId: string;
  trackingNumbers: string[];
  cost: Money | null;
  /** Per package, in package order: UPS's `GIF` or `ZPL`, base64. */
  images: { format: 'GIF' | 'ZPL'; data: string }[];
}

/** UPS reference values are at most 35 characters. */
export const upsReference = (s: string) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 35);


const phone = (a: Address) => {
  const digits = (a.phone ?? '').replace(/\D/g, '').slice(-15);
  return digits.length >= 10 ? { Phone: { Number: digits } } : {};
};

/** Our label request as UPS's `SHIPRequestWrapper` body. */
export function upsShipRequest(req: UpsShipRequest, account: UpsShipSettings): Json {
  // Package-level delivery confirmation: 2 signature required, 3 adult signature (Shipping.yaml).
  const dcis = req.signature === 'adult' ? '3' : req.signature ? '2' : null;
  const n = req.packages.length;
  const packages = req.packages.map((p, k) => {
    const d = p.dimensions ? dimensionsToMm(p.dimensions) : null;
    const share = req.declaredValue ? Math.floor(req.declaredValue.amount / n) + (k < req.declaredValue.amount % n ? 1 : 0) : 0;
    return {
      Packaging: { Code: '02', Description: 'Package' },
      ...(d ? { Dimensions: { UnitOfMeasurement: { Code: 'IN', Description: 'Inches' }, Length: inches(d.lengthMm, 3), Width: inches(d.widthMm, 3), Height: inches(d.heightMm, 3) } } : {}),
      PackageWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: lbs(p.weight) },
      ReferenceNumber: [{ Value: upsReference(req.reference) || 'lastmile' }],
      ...(dcis || req.declaredValue
        ? {
            PackageServiceOptions: {
              ...(dcis ? { DeliveryConfirmation: { DCISType: dcis } } : {}),
              ...(req.declaredValue ? { DeclaredValue: { CurrencyCode: req.declaredValue.currency, MonetaryValue: upsDecimal(share, req.declaredValue.currency) } } : {}),
            },
          }
        : {}),
    };
  });
  const shipper = { Name: upsName(req.shipFrom), ShipperNumber: account.shipperNumber, ...phone(req.shipFrom), Address: upsAddress(req.shipFrom) };
  return {
    ShipmentRequest: {
      Request: { RequestOption: 'nonvalidate', SubVersion: '2409', TransactionReference: { CustomerContext: req.purchaseKey.slice(0, 512) } },
      Shipment: {
        Description: upsReference(req.reference) || 'Merchandise',
        Shipper: shipper,
        ShipTo: {
          Name: upsName(req.shipTo),
          ...(req.shipTo.name && req.shipTo.company ? { AttentionName: req.shipTo.name.slice(0, 35) } : {}),
          ...phone(req.shipTo),
          Address: { ...upsAddress(req.shipTo), ...(req.shipTo.residential ? { ResidentialAddressIndicator: 'Y' } : {}) },
        },
        ShipFrom: { Name: upsName(req.shipFrom), ...phone(req.shipFrom), Address: upsAddress(req.shipFrom) },
        PaymentInformation: { ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: account.shipperNumber } }] },
        // The shipment-level references: the order's, and the purchase key a recovery searches by.
        ReferenceNumber: [{ Value: upsReference(req.purchaseKey) }],
        Service: { Code: req.serviceCode, Description: (UPS_SERVICES[req.serviceCode] ?? req.serviceCode).slice(0, 35) },
        NumOfPiecesInShipment: String(n),
        Package: packages,
        ...(account.negotiatedRates ? { ShipmentRatingOptions: { NegotiatedRatesIndicator: 'Y' } } : {}),
      },
      LabelSpecification: labelSpecification(account.labelFormat),
    },
  };
}

function labelSpecification(format: UpsLabelFormat) {
  return format === 'zpl'
    ? { LabelImageFormat: { Code: 'ZPL', Description: 'ZPL' }, LabelStockSize: { Height: '6', Width: '4' } }
    : { LabelImageFormat: { Code: 'GIF', Description: 'GIF' }, LabelStockSize: { Height: '6', Width: '4' }, HTTPUserAgent: 'Mozilla/4.5' };
}

/** UPS's alerts (warnings that come with a result). */
const alerts = (response: unknown): CarrierMessage[] =>
  arrayOf(obj(response)['Alert'] as Json | Json[]).map((a) => ({ carrier: 'ups', code: String(obj(a)['Code'] ?? ''), message: String(obj(a)['Description'] ?? ''), severity: 'warning' }));

/** The `ShipmentResponse`: the label, or null with an error message when it cannot be read whole. */
export function upsShipmentFromResponse(body: unknown): { shipment: UpsShipment | null; messages: CarrierMessage[] } {
  const r = obj(obj(body)['ShipmentResponse']);
  const messages = alerts(r['Response']);
  const results = obj(r['ShipmentResults']);
  const packages = arrayOf(results['PackageResults'] as Json | Json[]).map(obj);
  const trackingNumbers = packages.map((p) => String(p['TrackingNumber'] ?? ''));
  const images = packages.flatMap((p) => {
    const label = obj(p['ShippingLabel']);
    const code = String(obj(label['ImageFormat'])['Code'] ?? '').toUpperCase();
    const data = label['GraphicImage'];
    return (code === 'GIF' || code === 'ZPL') && typeof data === 'string' && data ? [{ format: code as 'GIF' | 'ZPL', data }] : [];
  });
  const shipmentId = String(results['ShipmentIdentificationNumber'] ?? trackingNumbers[0] ?? '');
  if (!shipmentId || trackingNumbers.length === 0 || trackingNumbers.some((t) => !t)) {
    return { shipment: null, messages: [...messages, { carrier: 'ups', code: 'UNREADABLE_LABEL', message: 'UPS answered without a shipment number or a tracking number per package', severity: 'error' }] };
  }
  if (images.length !== packages.length) {
    messages.push({ carrier: 'ups', code: 'NO_LABEL_IMAGE', message: `UPS returned ${images.length} label images for ${packages.length} packages; lastmile draws its own label from the tracking numbers`, severity: 'warning' });
  }
  const neg = obj(results['NegotiatedRateCharges']);
  const cost = upsMoney(neg['TotalCharge']) ?? upsMoney(obj(results['ShipmentCharges'])['TotalCharges']);
  return { shipment: { shipmentId, trackingNumbers, cost, images: images.length === packages.length ? images : [] }, messages };
}

/** The void's path: the whole shipment (every package) by its identification number. */
export const upsVoidPath = (shipmentId: string) => `/api/shipments/v2409/void/cancel/${encodeURIComponent(shipmentId)}`;

/** Whether UPS voided the shipment (`SummaryResult.Status.Code` 1), with its messages. */
export function upsVoidFromResponse(body: unknown): { voided: boolean; messages: CarrierMessage[] } {
  const r = obj(obj(body)['VoidShipmentResponse']);
  const status = String(obj(obj(r['SummaryResult'])['Status'])['Code'] ?? '');
  return { voided: status === '1', messages: alerts(r['Response']) };
}

/** A label-recovery request by the purchase key (the shipment reference sent with the label). */
export function upsRecoveryRequest(purchaseKey: string, account: UpsShipSettings): Json {
  const spec = labelSpecification(account.labelFormat);
  return {
    LabelRecoveryRequest: {
      Request: { SubVersion: '1903', RequestOption: 'Non_Validate', TransactionReference: { CustomerContext: purchaseKey.slice(0, 512) } },
      LabelSpecification: { LabelImageFormat: { Code: spec.LabelImageFormat.Code }, LabelStockSize: spec.LabelStockSize },
      ReferenceValues: { ReferenceNumber: { Value: upsReference(purchaseKey) }, ShipperNumber: account.shipperNumber },
    },
  };
}

/** The recovered label (UPS does not repeat the charges: the cost is unknown). */
export function upsRecoveredFromResponse(body: unknown): { shipment: UpsShipment | null; messages: CarrierMessage[] } {
  const r = obj(obj(body)['LabelRecoveryResponse']);
  const messages = alerts(r['Response']);
  const results = arrayOf(r['LabelResults'] as Json | Json[]).map(obj);
  const trackingNumbers = results.map((x) => String(x['TrackingNumber'] ?? '')).filter(Boolean);
  const images = results.flatMap((x) => {
    const img = obj(x['LabelImage']);
    const code = String(obj(img['LabelImageFormat'])['Code'] ?? '').toUpperCase();
    return (code === 'GIF' || code === 'ZPL') && typeof img['GraphicImage'] === 'string' ? [{ format: code as 'GIF' | 'ZPL', data: img['GraphicImage'] as string }] : [];
  });
  const shipmentId = String(r['ShipmentIdentificationNumber'] ?? trackingNumbers[0] ?? '');
  if (!shipmentId || trackingNumbers.length === 0) return { shipment: null, messages };
  return { shipment: { shipmentId, trackingNumbers, cost: null, images: images.length === trackingNumbers.length ? images : [] }, messages };
}
