import { z } from 'zod';
import { regionCalendar, type Calendar } from '../calendar/business-days.js';
import type { TrackingSummary } from './ports.js';
import { TERMINAL } from './taxonomy.js';

/**
 * Exception rules, each a `{code, args}` operation a tenant configures. Event rules run when
 * events arrive; the rules that depend on elapsed time run only on the scheduled or requested
 * scan, at its `now` (an old event arriving late must not look like a stalled parcel). Each
 * finding opens a case; a case whose condition no longer holds resolves itself.
 */
export const trackingRuleSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('no_scan'), args: z.object({ business_hours: z.number().min(1).max(2000).default(48) }).default({ business_hours: 48 }) }),
  z.object({ code: z.literal('failed_attempts'), args: z.object({ count: z.number().int().min(1).max(10).default(2) }).default({ count: 2 }) }),
  z.object({ code: z.literal('address_problem'), args: z.object({}).default({}) }),
  z.object({ code: z.literal('customs_hold'), args: z.object({}).default({}) }),
  z.object({
    code: z.literal('delivered_without_proof'),
    args: z.object({ min_value: z.number().int().min(0).nullable().default(null).describe('also require proof (signature or photo) for orders worth this much (minor units)') }).default({ min_value: null }),
  }),
  z.object({ code: z.literal('predicted_late'), args: z.object({}).default({}) }),
  z.object({ code: z.literal('lost'), args: z.object({ days_after_expected: z.number().int().min(1).max(60).default(5) }).default({ days_after_expected: 5 }) }),
  z.object({ code: z.literal('returned'), args: z.object({}).default({}) }),
]);
export type TrackingRule = z.output<typeof trackingRuleSchema>;
export type TrackingRuleCode = TrackingRule['code'];

/** Rules judged against the clock: only the scan runs them. */
export const TIME_RULES: ReadonlySet<TrackingRuleCode> = new Set(['no_scan', 'lost', 'predicted_late']);

/** Which rules a pass runs: `event` on ingestion, `scan` (every rule) on the scan. */
export type RulePhase = 'event' | 'scan';
export const rulesFor = (rules: readonly TrackingRule[], phase: RulePhase) => (phase === 'scan' ? rules : rules.filter((r) => !TIME_RULES.has(r.code)));

export const DEFAULT_RULES: TrackingRule[] = [
  { code: 'no_scan', args: { business_hours: 48 } },
  { code: 'failed_attempts', args: { count: 2 } },
  { code: 'address_problem', args: {} },
  { code: 'customs_hold', args: {} },
  { code: 'delivered_without_proof', args: { min_value: null } },
  { code: 'predicted_late', args: {} },
  { code: 'lost', args: { days_after_expected: 5 } },
  { code: 'returned', args: {} },
];

/** What the rules know about a parcel: its summary plus its shipment and order. */
export interface ParcelFacts {
  summary: TrackingSummary;
  /** When the label was made: the clock for parcels never scanned. */
  labeled_at: string | null;
  promise: { expected: string | null; latest: string | null };
  signature_required: boolean;
  value: number | null;
  /** Country or country-state whose weekends and holidays do not count. */
  destination_region: string;
}

export interface Finding {
  rule: TrackingRuleCode;
  title: string;
  evidence: Record<string, unknown>;
}

const HOUR = 3_600_000;

/** Hours between two instants that fall on the calendar's working days (days taken in UTC). */
export function businessHoursBetween(cal: Calendar, from: Date, to: Date): number {
  let total = 0;
  let t = from.getTime();
  const end = to.getTime();
  while (t < end) {
    const dayStart = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), new Date(t).getUTCDate());
    const next = Math.min(dayStart + 24 * HOUR, end);
    if (cal.isWorkday(new Date(dayStart).toISOString().slice(0, 10))) total += next - t;
    t = next;
  }
  return total / HOUR;
}

const calendars = new Map<string, Calendar>();
const calendarFor = (region: string) => {
  let c = calendars.get(region);
  if (!c) calendars.set(region, (c = regionCalendar(region)));
  return c;
};

/** Runs the rules on one parcel at `now`. Pure. */
export function evaluate(rules: readonly TrackingRule[], f: ParcelFacts, now: Date): Finding[] {
  const out: Finding[] = [];
  const t = f.summary;
  const done = TERMINAL.has(t.status);
  const delivered = t.status === 'delivered';
  for (const rule of rules) {
    switch (rule.code) {
      case 'no_scan': {
        const since = t.last_scan_at ?? f.labeled_at;
        if (done || !since || t.status === 'available_for_pickup' || t.status === 'returning') break;
        const hours = businessHoursBetween(calendarFor(f.destination_region), new Date(since), now);
        if (hours >= rule.args.business_hours) {
          out.push({ rule: rule.code, title: `No scan for ${Math.floor(hours)} business hours`, evidence: { last_scan_at: since, business_hours: Math.floor(hours), limit: rule.args.business_hours, region: f.destination_region } });
        }
        break;
      }
      case 'failed_attempts':
        if (!delivered && t.attempts.length >= rule.args.count) out.push({ rule: rule.code, title: `${t.attempts.length} failed delivery attempts`, evidence: { attempts: t.attempts } });
        break;
      case 'address_problem':
        if (!delivered && t.address_issue) out.push({ rule: rule.code, title: 'The carrier reports an address problem', evidence: { ...t.address_issue } });
        break;
      case 'customs_hold': {
        const hold = t.customs_hold;
        const released = hold && t.customs_released_at !== null && t.customs_released_at > hold.at;
        if (!delivered && hold && !released) out.push({ rule: rule.code, title: hold.sub_status === 'duties_unpaid' ? 'Held in customs: duties unpaid' : 'Held in customs', evidence: { ...hold } });
        break;
      }
      case 'delivered_without_proof': {
        if (!delivered) break;
        const required = f.signature_required || (rule.args.min_value !== null && f.value !== null && f.value >= rule.args.min_value);
        const hasProof = f.signature_required ? !!t.proof?.signed_by : !!(t.proof?.signed_by || t.proof?.photo);
        if (required && !hasProof) {
          out.push({ rule: rule.code, title: 'Suspected false delivery: delivered without the required proof', evidence: { delivered_at: t.delivered_at, signature_required: f.signature_required, proof: t.proof } });
        }
        break;
      }
      case 'predicted_late':
        if (!done && t.estimated_delivery && f.promise.latest && t.estimated_delivery > f.promise.latest.slice(0, 10)) {
          out.push({ rule: rule.code, title: `Expected ${t.estimated_delivery}, promised by ${f.promise.latest.slice(0, 10)}`, evidence: { estimated_delivery: t.estimated_delivery, promised_by: f.promise.latest } });
        }
        break;
      case 'lost': {
        const expected = t.estimated_delivery ?? f.promise.latest?.slice(0, 10) ?? f.promise.expected?.slice(0, 10) ?? null;
        if (done || !expected || t.status === 'returning') break;
        const end = Date.parse(`${expected}T23:59:59Z`);
        const lastScan = t.last_scan_at ? Date.parse(t.last_scan_at) : 0;
        if (now.getTime() > end + rule.args.days_after_expected * 24 * HOUR && lastScan < end) {
          out.push({ rule: rule.code, title: `Presumed lost: no scan ${rule.args.days_after_expected} days after the expected date`, evidence: { expected, last_scan_at: t.last_scan_at } });
        }
        break;
      }
      case 'returned':
        if (t.status === 'returning' || t.status === 'returned') {
          out.push({ rule: rule.code, title: t.status === 'returned' ? 'Returned to sender' : 'Being returned to sender', evidence: { at: t.returned?.at ?? null, description: t.returned?.description ?? null } });
        }
        break;
    }
  }
  return out;
}

/**
 * Why an open case of `rule` no longer holds, given the parcel's facts now (for the case's
 * record when it resolves itself).
 */
export function resolutionReason(rule: TrackingRuleCode, f: ParcelFacts): string {
  const t = f.summary;
  if (t.status === 'delivered' && rule !== 'delivered_without_proof') return `Delivered${t.delivered_at ? ` at ${t.delivered_at}` : ''}`;
  switch (rule) {
    case 'no_scan':
      return t.last_scan_at ? `A new scan at ${t.last_scan_at}` : `The parcel is now ${t.status}`;
    case 'lost':
      return t.last_scan_at ? `Scanned again at ${t.last_scan_at}` : `The parcel is now ${t.status}`;
    case 'predicted_late':
      return t.estimated_delivery ? `The carrier now expects ${t.estimated_delivery}, within the promise` : 'The carrier no longer gives a later date';
    case 'customs_hold':
      return t.customs_released_at ? `Released from customs at ${t.customs_released_at}` : 'No longer held in customs';
    case 'delivered_without_proof':
      return 'Proof of delivery received';
    default:
      return `The condition no longer holds (the parcel is ${t.status})`;
  }
}

/**
 * Between scans, a time rule's case clears when the events show it no longer holds: a scan newer
 * than the one the case was opened on (no scan, lost), the parcel at its end, or a carrier date
 * back within the promise (predicted late). Elapsed time itself is judged only by the scan.
 */
export function timeCaseCleared(rule: string, evidence: Record<string, unknown>, f: ParcelFacts, rules: readonly TrackingRule[]): boolean {
  const t = f.summary;
  if (TERMINAL.has(t.status)) return true;
  const since = typeof evidence['last_scan_at'] === 'string' ? Date.parse(evidence['last_scan_at']) : Number.NEGATIVE_INFINITY;
  const newer = t.last_scan_at !== null && Date.parse(t.last_scan_at) > since;
  switch (rule) {
    case 'no_scan':
      return newer || t.status === 'available_for_pickup' || t.status === 'returning';
    case 'lost':
      return newer || t.status === 'returning';
    case 'predicted_late': {
      const rule = rules.find((r) => r.code === 'predicted_late');
      return !rule || evaluate([rule], f, new Date(0)).length === 0;
    }
    default:
      return false;
  }
}
