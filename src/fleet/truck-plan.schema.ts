import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

export const truckPlanCreateSchema = z.object({
  warehouse_id: z.string().min(1).max(100).describe('warehouse id or code; its fleet makes the trucks'),
  date: z.iso.date().describe('delivery day, in the warehouse time zone'),
  order_ids: z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(5000)
    .optional()
    .describe("default: the warehouse's open orders that asked for truck delivery (delivery_preference truck_appointment) or that the decision engine sent by truck (decision.mode truck)"),
  default_window: z
    .object({ start: hhmm, end: hhmm })
    .refine((w) => w.end > w.start, { message: 'end must be after start', path: ['end'] })
    .default({ start: '08:00', end: '18:00' })
    .describe('delivery window for orders without an appointment'),
  customer_window_minutes: z.number().int().min(30).max(720).default(120).describe('length of the window promised to each customer around the ETA'),
  time_limit_seconds: z.number().min(1).max(300).default(10),
  max_iterations: z.number().int().min(1).max(10_000_000).optional().describe('stop the solver after this many offspring as well (with a seed, the same plan on every run)'),
  seed: z.number().int().min(0).max(2 ** 31).default(1),
});
export type TruckPlanCreate = z.output<typeof truckPlanCreateSchema>;

const windowSchema = z.object({ start: z.string(), end: z.string() });
const pointSchema = z.object({ lat: z.number(), lon: z.number() });

export const plannedStopSchema = z.object({
  sequence: z.number(),
  order_id: z.string(),
  external_id: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string(),
  eta: z.string().describe('planned start of service'),
  service_minutes: z.number(),
  accessorials: z.array(z.string()),
  weight_kg: z.number(),
  order_window: windowSchema.describe('the window the stop must be served in'),
  customer_window: windowSchema.describe('the appointment window to send to the customer'),
  location_precision: z.enum(['address', 'zip_centroid']),
  location: pointSchema.optional().describe('where the stop was placed (absent on plans made before stop locations were recorded)'),
});

export const plannedTruckRouteSchema = z.object({
  vehicle_id: z.string(),
  vehicle_type: z.string(),
  departure: z.string(),
  return: z.string(),
  distance_km: z.number(),
  duration_minutes: z.number(),
  load: z.object({ weight_kg: z.number(), volume_m3: z.number(), pallets: z.number() }),
  stops: z.array(plannedStopSchema),
});

export const truckPlanResultSchema = z.object({
  depot: pointSchema.optional().describe("the warehouse's location, where every route starts and ends"),
  routes: z.array(plannedTruckRouteSchema),
  unassigned: z.array(z.object({ order_id: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  totals: z.object({ orders: z.number(), planned: z.number(), vehicles: z.number(), distance_km: z.number() }),
  matrix: z.string(),
  solver: z.object({ iterations: z.number(), seconds: z.number() }),
});
export type TruckPlanResult = z.output<typeof truckPlanResultSchema>;

export const truckPlanSchema = z.object({
  id: z.string(),
  warehouse_id: z.string(),
  date: z.string(),
  job_id: z.string().nullable(),
  state: z.string().describe('the state of its job: queued, running, succeeded, failed'),
  request: z.unknown(),
  result: truckPlanResultSchema.nullable(),
  created_at: z.string(),
});
export type TruckPlan = z.output<typeof truckPlanSchema>;

export const truckPlanSummarySchema = truckPlanSchema.pick({ id: true, warehouse_id: true, date: true, job_id: true, state: true, created_at: true }).extend({
  totals: truckPlanResultSchema.shape.totals.nullable().describe('null until the plan is solved'),
});
export const truckPlanListQuerySchema = z.object({
  warehouse_id: z.string().min(1).max(100).optional().describe('warehouse id or code'),
  date: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
