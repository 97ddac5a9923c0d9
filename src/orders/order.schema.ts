import { z } from 'zod';
import { addressSchema } from '../addresses/address.schema.js';
import { addressCheckSchema } from '../addresses/address-validation.schema.js';
import { moneySchema } from '../kernel/money.js';
import { dimensionsSchema, weightSchema } from '../kernel/units.js';

export const ORDER_STATUSES = [
  'new', 'address_review', 'ready', 'decided', 'fulfilling', 'shipped', 'delivered', 'cancelled', 'exception',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const SERVICE_LEVELS = ['economy', 'standard', 'expedited', 'overnight'] as const;
export const CUSTOMER_TYPES = ['b2c', 'b2b'] as const;
/** What a line may say about its goods itself, beside (or instead of) the catalog's SKU flags. */
export const LINE_FLAGS = ['battery', 'hazmat', 'liquid', 'fragile', 'signature'] as const;
export const TRUCK_ACCESSORIALS = ['curbside', 'liftgate', 'appointment', 'inside_delivery', 'room_of_choice', 'white_glove', 'assembly'] as const;

export const channelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a lower-case name such as api, csv, shopify');

export const orderLineSchema = z
  .object({
    sku: z.string().trim().min(1).max(100).nullish().transform((v) => v ?? null),
    name: z.string().trim().max(300).nullish().transform((v) => v || null),
    quantity: z.number().int().min(1).max(100_000),
    weight: weightSchema.nullish().transform((v) => v ?? null).describe('weight of one unit; defaults to the catalog SKU'),
    dimensions: dimensionsSchema.nullish().transform((v) => v ?? null).describe('size of one unit; defaults to the catalog SKU'),
    unit_price: moneySchema.nullish().transform((v) => v ?? null),
    flags: z.array(z.enum(LINE_FLAGS)).max(5).optional().transform((f) => (f?.length ? [...new Set(f)].sort() : undefined)).describe("the goods' own flags (battery, hazmat, liquid, fragile, signature); they add to the catalog SKU's"),
  })
  .refine((l) => l.sku !== null || l.weight !== null, { message: 'a line needs a sku or a weight', path: ['sku'] });
export type OrderLine = z.output<typeof orderLineSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

export const deliveryPreferenceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('home') }),
  z.object({ type: z.literal('pickup_point'), pickup_point_id: z.string().trim().min(1).max(100) }),
  z.object({
    type: z.literal('truck_appointment'),
    window: z
      .object({ start: isoDateTime, end: isoDateTime })
      .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'end must be after start', path: ['end'] })
      .nullish()
      .transform((v) => v ?? null),
    accessorials: z.array(z.enum(TRUCK_ACCESSORIALS)).default([]),
  }),
]);
export type DeliveryPreference = z.output<typeof deliveryPreferenceSchema>;

const tagSchema = z.string().trim().min(1).max(64);

const orderFields = {
  channel: channelSchema.default('api'),
  external_id: z.string().trim().min(1).max(200).optional().describe("the order's id in its channel; defaults to the lastmile id"),
  warehouse_id: z.string().trim().min(1).max(100).nullish().describe("ship-from warehouse id or code; defaults to the tenant's first warehouse"),
  customer_type: z.enum(CUSTOMER_TYPES).default('b2c'),
  ship_to: addressSchema,
  lines: z.array(orderLineSchema).min(1).max(1000),
  order_value: moneySchema,
  cod_amount: moneySchema.nullish().transform((v) => v ?? null).describe('cash to collect on delivery'),
  service_level: z.enum(SERVICE_LEVELS).default('standard'),
  delivery_preference: deliveryPreferenceSchema.nullish().transform((v) => v ?? null).describe('what the customer chose: home, a pickup point or a truck appointment; null or absent when they said nothing (the policy may then suggest a pickup point)'),
  tags: z.array(tagSchema).max(50).default([]).transform((t) => [...new Set(t)]),
  notes: z.string().max(2000).nullish().transform((v) => v || null),
  placed_at: isoDateTime.nullish().transform((v) => v ?? null).describe('when the customer placed the order'),
};

const sameCurrency = (o: { order_value?: { currency: string }; cod_amount?: { currency: string } | null }) =>
  !o.cod_amount || !o.order_value || o.cod_amount.currency === o.order_value.currency;

export const orderCreateSchema = z
  .object(orderFields)
  .refine(sameCurrency, { message: 'must be in the currency of order_value', path: ['cod_amount'] });
export type OrderCreate = z.output<typeof orderCreateSchema>;
export type OrderCreateInput = z.input<typeof orderCreateSchema>;

/**
 * What may change before fulfilment. Lists and objects are replaced whole. No defaults here:
 * zod 4 applies defaults inside `.partial()`, which would reset fields the caller did not send.
 */
export const orderPatchSchema = z
  .object({
    warehouse_id: z.string().trim().min(1).max(100).nullable(),
    customer_type: z.enum(CUSTOMER_TYPES),
    ship_to: addressSchema,
    lines: orderFields.lines,
    order_value: moneySchema,
    cod_amount: moneySchema.nullable(),
    service_level: z.enum(SERVICE_LEVELS),
    delivery_preference: deliveryPreferenceSchema.nullable(),
    tags: z.array(tagSchema).max(50).transform((t) => [...new Set(t)]),
    notes: z.string().max(2000).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type OrderPatch = z.output<typeof orderPatchSchema>;

export const orderSchema = z.object({
  id: z.string(),
  channel: z.string(),
  external_id: z.string(),
  warehouse_id: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  customer_type: z.enum(CUSTOMER_TYPES),
  ship_to: addressSchema,
  address_check: addressCheckSchema.nullable().describe('validation of ship_to; null for orders stored before address validation existed'),
  decision: z.record(z.string(), z.unknown()).nullable().describe('the delivery decision (mode, service, promise dates) with its explanation; null until decided'),
  lines: z.array(orderLineSchema),
  order_value: moneySchema,
  cod_amount: moneySchema.nullable(),
  service_level: z.enum(SERVICE_LEVELS),
  delivery_preference: deliveryPreferenceSchema.nullable().describe('null: the customer stated no preference'),
  truck_plan: z.object({ plan_id: z.string(), vehicle_id: z.string(), stop: z.number().int() }).nullable().describe('the truck plan that delivers the order, its truck and stop number; null when none'),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  placed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullable(),
  cancel_reason: z.string().nullable(),
});
export type Order = z.output<typeof orderSchema>;

export const orderListQuerySchema = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  channel: z.string().max(100).optional(),
  tag: z.string().max(100).optional(),
  warehouse_id: z.string().min(1).max(100).optional().describe('the warehouse id the order ships from'),
  mode: z.enum(['parcel', 'truck', 'pickup']).optional().describe('the delivery mode of its decision (decided orders only)'),
  carrier: z.string().min(1).max(100).optional().describe("the carrier of its decision's chosen service"),
  q: z.string().trim().min(1).max(200).optional().describe("search: the order number from its start (any case), words of the customer's name, company or e-mail from their start (every word given), or the destination postal code (exact)"),
  created_from: isoDateTime.optional(),
  created_to: isoDateTime.optional(),
});
export type OrderFilters = z.output<typeof orderListQuerySchema>;

export const acceptAddressSchema = z.object({
  reason: z.string().trim().min(3).max(500).describe('why the address is right as it is (kept in the audit trail)'),
});

export const cancelSchema = z.object({ reason: z.string().trim().min(1).max(500).default('cancelled by request') });

export interface OrderEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  actor: string | null;
  created_at: string;
}
