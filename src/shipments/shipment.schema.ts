import { z } from 'zod';
import { addressSchema } from '../addresses/address.schema.js';
import { moneySchema } from '../kernel/money.js';
import { dimensionsSchema, weightSchema } from '../kernel/units.js';
import { SHIPMENT_STATUSES } from './lifecycle.js';

export const shipmentPackageSchema = z.object({
  weight: weightSchema,
  dimensions: dimensionsSchema.nullable(),
  tracking_number: z.string().nullable(),
});
export type ShipmentPackage = z.output<typeof shipmentPackageSchema>;

export const carrierErrorSchema = z.object({
  code: z.string().describe('CARRIER_REJECTED (final), CARRIER_UNAVAILABLE or CARRIER_TIMEOUT (retried), CONFIGURATION'),
  message: z.string(),
  carrier_message: z.string().nullable(),
  at: z.string(),
});
export type CarrierErrorInfo = z.output<typeof carrierErrorSchema>;

export const shipmentSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  warehouse_id: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  carrier: z.string(),
  service: z.string(),
  card: z.string().describe('the rate card code the decision chose'),
  account_id: z.string().nullable().describe('the carrier account used; null for the built-in sample account'),
  sample: z.boolean().describe('true: labels are printed "SAMPLE - NOT FOR SHIPPING" with test-range numbers'),
  reference: z.string(),
  ship_from: addressSchema,
  ship_to: addressSchema,
  packages: z.array(shipmentPackageSchema),
  tracking_numbers: z.array(z.string()),
  carrier_label_id: z.string().nullable(),
  cost: moneySchema.nullable(),
  options: z.object({
    signature: z.string().nullable(), insured_value: moneySchema.nullable(), cod: moneySchema.nullable(),
    freight: z.object({ accessorials: z.array(z.string()), description: z.string(), hazmat: z.boolean() }).nullable().optional()
      .describe('set for LTL and truck shipments: their document is a bill of lading (the label endpoint serves it as PDF; ZPL gives a PRO label per handling unit)'),
  }),
  purchase: z.object({ idempotency_key: z.string().nullable(), attempts: z.number().int(), last_error: carrierErrorSchema.nullable() }),
  error: carrierErrorSchema.nullable(),
  manifest_id: z.string().nullable(),
  batch_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  labeled_at: z.string().nullable(),
});
export type Shipment = z.output<typeof shipmentSchema>;

export const shipmentEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  actor: z.string(),
  created_at: z.string(),
});
export type ShipmentEvent = z.output<typeof shipmentEventSchema>;
