import { z } from 'zod';
import { moneySchema } from '../kernel/money.js';
import { weightSchema } from '../kernel/units.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

export const VEHICLE_SKILLS = ['liftgate', 'two_person'] as const;

/** A kind of truck a warehouse runs, and how many of them. */
export const vehicleTypeSchema = z
  .object({
    code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ".", "_" and "-"'),
    name: z.string().trim().max(200).nullish().transform((v) => v ?? null),
    count: z.number().int().min(1).max(500),
    capacity: z.object({
      weight: weightSchema,
      volume_m3: z.number().positive().max(10_000).nullish().transform((v) => v ?? null),
      pallets: z.number().int().positive().max(1000).nullish().transform((v) => v ?? null),
    }),
    shift: z.object({ start: hhmm, end: hhmm }).refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] }),
    max_duration_hours: z.number().positive().max(24).nullish().transform((v) => v ?? null),
    skills: z.array(z.enum(VEHICLE_SKILLS)).default([]),
    fixed_cost: moneySchema.nullish().transform((v) => v ?? null).describe('cost of sending this truck out at all'),
    cost_per_km: moneySchema.nullish().transform((v) => v ?? null).describe('running cost; with fixed_cost it sets how many km one truck is worth'),
  })
  .refine((v) => !v.fixed_cost || !v.cost_per_km || v.fixed_cost.currency === v.cost_per_km.currency, {
    message: 'must be in the currency of fixed_cost',
    path: ['cost_per_km'],
  });
export type VehicleType = z.output<typeof vehicleTypeSchema>;

export const fleetSchema = z
  .object({ vehicle_types: z.array(vehicleTypeSchema).max(50) })
  .refine((f) => new Set(f.vehicle_types.map((v) => v.code)).size === f.vehicle_types.length, { message: 'vehicle type codes must be unique', path: ['vehicle_types'] });
export type Fleet = z.output<typeof fleetSchema>;
