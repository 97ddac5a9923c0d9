import { z } from 'zod';
import { addressSchema } from '../addresses/address.schema.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM in the warehouse time zone');

export const pickupCutoffSchema = z.object({
  carrier: z.string().min(1).max(40).describe('carrier code, or "*" for any carrier'),
  cutoff: hhmm,
});

export const warehouseCreateSchema = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ".", "_" and "-"'),
  name: z.string().trim().min(1).max(200),
  address: addressSchema,
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles'),
  operating_days: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  pickup_cutoffs: z.array(pickupCutoffSchema).default([]),
  has_dock: z.boolean().default(false),
  has_liftgate: z.boolean().default(false),
});
export type WarehouseCreate = z.output<typeof warehouseCreateSchema>;
export const warehouseUpdateSchema = warehouseCreateSchema.partial();
export type WarehouseUpdate = z.output<typeof warehouseUpdateSchema>;

export const warehouseSchema = warehouseCreateSchema.extend({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Warehouse = z.output<typeof warehouseSchema>;
