import { z } from 'zod';

export const compartmentSchema = z.object({
  size: z.string().min(1).max(20),
  length_cm: z.number().positive().max(10_000),
  width_cm: z.number().positive().max(10_000),
  height_cm: z.number().positive().max(10_000),
  max_weight_kg: z.number().positive().max(100_000),
});

export const pickupPointSchema = z.object({
  id: z.string().trim().min(1).max(100),
  operator: z.string().trim().min(1).max(60).describe('amazon_hub, ups_access_point, inpost, …'),
  carrier: z.string().trim().toLowerCase().max(40).nullish().transform((v) => v || null).describe('the only carrier that can deliver there, if any'),
  name: z.string().trim().min(1).max(200),
  line1: z.string().trim().max(200),
  city: z.string().trim().max(100),
  state: z.string().trim().max(10).nullish().transform((v) => v || null),
  postal_code: z.string().trim().max(20),
  country: z.string().trim().length(2).toUpperCase(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  opening_hours: z.string().max(500).nullish().transform((v) => v || null),
  compartments: z.array(compartmentSchema).min(1),
});
export type PickupPoint = z.output<typeof pickupPointSchema>;
