import { z } from 'zod';
import { LENGTH_UNITS, WEIGHT_UNITS } from '../kernel/units.js';

const positive = z.number().positive().max(100_000);

/** The ad-hoc packing request (`POST /v1/packing/plan`, `./bin/lastmile pack --input`). */
export const packRequestSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(100),
        length: positive,
        width: positive,
        height: positive,
        weight: positive,
        quantity: z.number().int().min(1).max(1000).default(1),
        flags: z.array(z.string().trim().min(1).max(40)).default([]).describe('this_side_up, ships_alone, own_container, battery, liquid, …'),
      }),
    )
    .min(1)
    .max(500)
    .refine((i) => new Set(i.map((x) => x.id)).size === i.length, 'item ids must be unique'),
  boxes: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(100),
        inner: z.object({ length: positive, width: positive, height: positive }),
        outer: z.object({ length: positive, width: positive, height: positive }).optional(),
        max_weight: positive,
        tare_weight: z.number().min(0).max(100_000).default(0),
        cost: z.number().min(0).max(1_000_000).default(0).describe('in major units of the currency (0.45 = 45 cents)'),
        type: z.enum(['box', 'poly_mailer', 'envelope']).default('box'),
      }),
    )
    .max(200)
    .refine((b) => new Set(b.map((x) => x.id)).size === b.length, 'box ids must be unique'),
  units: z.object({ length: z.enum(LENGTH_UNITS), weight: z.enum(WEIGHT_UNITS) }).default({ length: 'in', weight: 'lb' }),
  dim_divisor: z.number().positive().max(100_000).default(139).describe('in³/lb for inches, cm³/kg for centimetres'),
  service: z.string().optional().describe('a rate card code: price each package with it instead of comparing billable weight'),
  zone: z.string().regex(/^\d{1,2}$/).default('5').describe('the zone to price at when a service is given'),
  separate: z.array(z.tuple([z.string(), z.string()])).default([]).describe('pairs of flags whose items may not share a package'),
});
export type PackRequest = z.output<typeof packRequestSchema>;
export type PackRequestInput = z.input<typeof packRequestSchema>;

const xyz = z.object({ x: z.number(), y: z.number(), z: z.number() });
const lwh = z.object({ length: z.number(), width: z.number(), height: z.number() });

export const packResponseSchema = z.object({
  packages: z.array(
    z.object({
      box_id: z.string().nullable().describe('null: the item ships in its own container'),
      items: z.array(z.object({ item_id: z.string(), unit: z.number().int(), position: xyz, dimensions: lwh })),
      dimensions: lwh,
      gross_weight: z.number(),
      billable_weight: z.number(),
      box_cost: z.number(),
      shipping_cost: z.number().nullable().describe('with a service: the rated price of this package'),
    }),
  ),
  unpacked: z.array(z.object({ item_id: z.string(), unit: z.number().int(), reason: z.string() })),
  units: z.object({ length: z.string(), weight: z.string() }),
  objective: z.string(),
  total_cost: z.number().nullable().describe('with a service: shipping plus boxes, in major units'),
  alternatives: z.array(z.object({ description: z.string(), cost: z.number().nullable() })),
  notes: z.array(z.string()),
});
export type PackResponse = z.output<typeof packResponseSchema>;
