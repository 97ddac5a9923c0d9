import { z } from 'zod';
import { addressSchema } from '../addresses/address.schema.js';
import { fleetSchema } from '../fleet/fleet.schema.js';
import { isTimeZone } from '../kernel/zoned-time.js';
import { boxSchema } from '../packing/box.schema.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export { isTimeZone };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM in the warehouse time zone');

export const pickupCutoffSchema = z.object({
  carrier: z.string().min(1).max(40).describe('carrier code, or "*" for any carrier'),
  cutoff: hhmm,
});

const warehouseFields = {
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ".", "_" and "-"'),
  name: z.string().trim().min(1).max(200),
  address: addressSchema,
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles'),
  operating_days: z.array(z.enum(WEEKDAYS)).min(1),
  pickup_cutoffs: z.array(pickupCutoffSchema),
  has_dock: z.boolean(),
  has_liftgate: z.boolean(),
  /** The trucks this warehouse runs, for truck delivery plans. */
  fleet: fleetSchema,
  /** The boxes, mailers and envelopes it packs with. */
  boxes: z.array(boxSchema).max(200).refine((b) => new Set(b.map((x) => x.id)).size === b.length, 'box ids must be unique'),
};

export const warehouseCreateSchema = z.object({
  ...warehouseFields,
  operating_days: warehouseFields.operating_days.default(['mon', 'tue', 'wed', 'thu', 'fri']),
  pickup_cutoffs: warehouseFields.pickup_cutoffs.default([]),
  has_dock: warehouseFields.has_dock.default(false),
  has_liftgate: warehouseFields.has_liftgate.default(false),
  fleet: warehouseFields.fleet.default({ vehicle_types: [] }),
  boxes: warehouseFields.boxes.default([]),
});
export type WarehouseCreate = z.output<typeof warehouseCreateSchema>;
// Without defaults: zod 4 would apply them inside .partial() and reset fields not sent.
export const warehouseUpdateSchema = z.object(warehouseFields).partial();
export type WarehouseUpdate = z.output<typeof warehouseUpdateSchema>;

export const warehouseSchema = warehouseCreateSchema.extend({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Warehouse = z.output<typeof warehouseSchema>;
