import { parse } from 'csv-parse/sync';
import { AppError, type FieldError } from '../kernel/errors.js';
import { pickupPointSchema, type PickupPoint } from './pickup-point.schema.js';

/**
 * Reads a pickup point / locker directory: columns id, operator, carrier, name, line1, city,
 * state, postal_code, country, lat, lon, opening_hours, compartments — the last one as
 * `S 38x64x8cm 25kg; M 38x64x19cm 25kg` (sizes in cm, weight limit in kg). Every bad row is
 * reported with its row and column; nothing is saved when one is bad.
 */
export function parsePickupCsv(csv: string): PickupPoint[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `Not a CSV: ${(e as Error).message}`);
  }
  const errors: FieldError[] = [];
  const out: PickupPoint[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const compartments: PickupPoint['compartments'] = [];
    for (const part of (r['compartments'] ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
      const m = /^(\S+)\s+(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*cm\s+(\d+(?:\.\d+)?)\s*kg$/i.exec(part);
      if (!m) {
        errors.push({ path: `row ${row}, column compartments`, message: `"${part}" is not like "S 38x64x8cm 25kg"` });
        continue;
      }
      compartments.push({ size: m[1]!, length_cm: Number(m[2]), width_cm: Number(m[3]), height_cm: Number(m[4]), max_weight_kg: Number(m[5]) });
    }
    const parsed = pickupPointSchema.safeParse({ ...r, lat: Number(r['lat']), lon: Number(r['lon']), compartments });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ path: `row ${row}, column ${String(issue.path[0] ?? '')}`, message: issue.message });
    } else out.push(parsed.data);
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', `The pickup point file has ${errors.length} error(s)`, { errors: errors.slice(0, 200) });
  return out;
}
