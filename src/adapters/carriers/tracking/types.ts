import type { TrackingEvent } from '../../../tracking/ports.js';
import type { SubStatus, TrackingStatus } from '../../../tracking/taxonomy.js';

export type CarrierEvent = TrackingEvent;

export type { ParsedTracking, ParseResult } from '../../../tracking/ports.js';

export type CodeTable = Record<string, { status: TrackingStatus; sub?: SubStatus }>;

export function mapCode(table: CodeTable, code: string): Pick<CarrierEvent, 'status' | 'sub_status' | 'known'> {
  const m = table[code];
  return m ? { status: m.status, sub_status: m.sub ?? null, known: true } : { status: null, sub_status: 'unknown_code', known: false };
}

export function joinLocation(...parts: (string | null | undefined)[]): string | null {
  const s = parts.map((p) => (p ?? '').trim()).filter(Boolean).join(', ');
  return s || null;
}
