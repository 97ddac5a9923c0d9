import { parse } from 'csv-parse/sync';
import { AppError } from '../kernel/errors.js';
import { parseMailService, parseZipRange, parseZoneCell, type OriginChart, type ZoneChart, type ZoneRange, type Zip5Exception } from './zones.js';

const months: Record<string, string> = {
  january: '01', february: '02', march: '03', april: '04', may: '05', june: '06', july: '07', august: '08',
  september: '09', october: '10', november: '11', december: '12',
};

/** "April 1, 2024" -> "2024-04-01". */
function isoFromUsps(text: string): string | undefined {
  const m = /^\s*([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})\s*$/.exec(text);
  const mm = m ? months[m[1]!.toLowerCase()] : undefined;
  return m && mm ? `${m[3]}-${mm}-${m[2]!.padStart(2, '0')}` : undefined;
}

interface UspsRow {
  ZipCodes?: unknown;
  Zone?: unknown;
  MailService?: unknown;
}

/**
 * Reads one origin's chart as the USPS zone chart service returns it
 * (`{zipCode3Digit…, effectiveDateRaw, zip3s: [{ZipCodes, Zone, MailService}], zip5s: […]}`).
 * Every bad row is reported with its list and index.
 */
export function parseUspsZoneChart(doc: unknown): { origin: string; effectiveFrom: string; chart: OriginChart } {
  const d = doc as { input?: { zipCode3Digit?: unknown }; originMin?: unknown; effectiveDateRaw?: unknown; zip3s?: unknown; zip5s?: unknown };
  const errors: { path: string; message: string }[] = [];
  const origin = typeof d?.input?.zipCode3Digit === 'string' ? d.input.zipCode3Digit : typeof d?.originMin === 'string' ? d.originMin.slice(0, 3) : undefined;
  if (!origin || !/^\d{3}$/.test(origin)) errors.push({ path: 'input.zipCode3Digit', message: 'the origin ZIP3 is missing' });
  const effectiveFrom = typeof d?.effectiveDateRaw === 'string' ? isoFromUsps(d.effectiveDateRaw) : undefined;
  if (!effectiveFrom) errors.push({ path: 'effectiveDateRaw', message: 'expected a date such as "April 1, 2024"' });
  if (!Array.isArray(d?.zip3s)) errors.push({ path: 'zip3s', message: 'expected a list' });
  const zip3: ZoneRange[] = [];
  const zip5: Zip5Exception[] = [];
  (Array.isArray(d?.zip3s) ? (d.zip3s as UspsRow[]) : []).forEach((r, i) => {
    const range = typeof r?.ZipCodes === 'string' ? parseZipRange(r.ZipCodes) : undefined;
    const zone = typeof r?.Zone === 'string' ? parseZoneCell(r.Zone) : undefined;
    if (!range || String(r.ZipCodes).replace(/\D/g, '').length % 3 !== 0) errors.push({ path: `zip3s[${i}].ZipCodes`, message: `not a ZIP3 or range: ${JSON.stringify(r?.ZipCodes)}` });
    else if (!zone) errors.push({ path: `zip3s[${i}].Zone`, message: `not a zone: ${JSON.stringify(r?.Zone)}` });
    else zip3.push({ from: range[0], to: range[1], zone: zone.zone, sameNdc: zone.sameNdc });
  });
  (Array.isArray(d?.zip5s) ? (d.zip5s as UspsRow[]) : []).forEach((r, i) => {
    const range = typeof r?.ZipCodes === 'string' ? parseZipRange(r.ZipCodes) : undefined;
    const zone = typeof r?.Zone === 'string' ? parseZoneCell(r.Zone) : undefined;
    if (!range) errors.push({ path: `zip5s[${i}].ZipCodes`, message: `not a ZIP or range: ${JSON.stringify(r?.ZipCodes)}` });
    else if (!zone) errors.push({ path: `zip5s[${i}].Zone`, message: `not a zone: ${JSON.stringify(r?.Zone)}` });
    else zip5.push({ from: range[0], to: range[1], zone: zone.zone, ...parseMailService(typeof r.MailService === 'string' ? r.MailService : '') });
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', 'Not a USPS zone chart', { errors: errors.slice(0, 100) });
  zip3.sort((a, b) => a.from - b.from);
  return { origin: origin!, effectiveFrom: effectiveFrom!, chart: { zip3, zip5 } };
}

/**
 * A carrier's own zone table as CSV: `origin,destination,zone` where origin and destination are
 * ZIP3s or ZIP3 ranges ("900-935"); a destination may also be a 5-digit ZIP or range.
 */
export function parseZoneTableCsv(code: string, effectiveFrom: string, csv: string): ZoneChart {
  let records: string[][];
  try {
    records = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `Not a CSV: ${(e as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [o, dcol, z] = [col('origin'), col('destination'), col('zone')];
  if (o < 0 || dcol < 0 || z < 0) {
    throw new AppError('VALIDATION_FAILED', 'A zone table needs the columns origin, destination, zone', { errors: [{ path: 'row 1', message: `header: ${header.join(', ')}` }] });
  }
  const errors: { path: string; message: string }[] = [];
  const origins = new Map<string, OriginChart>();
  records.slice(1).forEach((r, i) => {
    const row = i + 2;
    const orig = parseZipRange(r[o] ?? '');
    const dest = parseZipRange(r[dcol] ?? '');
    const zone = parseZoneCell(r[z] ?? '');
    if (!orig || String(r[o]).replace(/\D/g, '').length % 3 !== 0 || orig[0] > 999) errors.push({ path: `row ${row}, column origin`, message: `not a ZIP3 or range: ${r[o] ?? ''}` });
    else if (!dest) errors.push({ path: `row ${row}, column destination`, message: `not a ZIP3, ZIP or range: ${r[dcol] ?? ''}` });
    else if (!zone) errors.push({ path: `row ${row}, column zone`, message: `not a zone: ${r[z] ?? ''}` });
    else {
      const five = /^\s*\d{5}/.test(r[dcol] ?? '');
      for (let oz = orig[0]; oz <= orig[1]; oz++) {
        const key = String(oz).padStart(3, '0');
        const chart = origins.get(key) ?? { zip3: [], zip5: [] };
        if (five) chart.zip5.push({ from: dest[0], to: dest[1], zone: zone.zone, service: null, maxWeightOz: null });
        else chart.zip3.push({ from: dest[0], to: dest[1], zone: zone.zone, sameNdc: zone.sameNdc });
        origins.set(key, chart);
      }
    }
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', `The zone table has ${errors.length} bad row(s)`, { errors: errors.slice(0, 100) });
  for (const c of origins.values()) c.zip3.sort((a, b) => a.from - b.from);
  return { code, effectiveFrom, origins };
}
