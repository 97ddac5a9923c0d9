/**
 * Delivery lines that are boxes rather than streets: PO boxes (and drawers, lockboxes), rural
 * and highway contract routes with their box, military PSC/CMR/UNIT boxes, general delivery.
 */
import { PhraseIndex, type Token } from './tokens.js';

const PO_BOX_HEADS = ['POST OFFICE BOX', 'POST OFFICE', 'PO BOX', 'P O BOX', 'PO BX', 'POBOX', 'POB', 'PO DRAWER', 'DRAWER', 'BOX', 'BX', 'PO', 'LOCKBOX', 'LBX', 'LOCK BOX'];

const RURAL_HEADS: Record<string, string> = {
  'RURAL ROUTE': 'RR', RR: 'RR', RFD: 'RR', 'RURAL DELIVERY': 'RR', RD: 'RR',
  'HIGHWAY CONTRACT': 'HC', 'HIGHWAY CONTRACT ROUTE': 'HC', 'HIGHWAY CONTRACT RTE': 'HC', 'HWY CONTRACT ROUTE': 'HC',
  'HWY CONTRACT RTE': 'HC', 'HWY CONTRACT': 'HC', HC: 'HC', HCR: 'HC', 'HC ROUTE': 'HC', 'HC RTE': 'HC', 'HC RT': 'HC',
  'STAR ROUTE': 'HC', 'STAR RTE': 'HC', 'STAR RT': 'HC', 'RURAL RTE': 'RR', 'RR ROUTE': 'RR',
  ROUTE: 'RR', RTE: 'RR', RT: 'RR',
};

const MILITARY_HEADS = ['PSC', 'CMR', 'UNIT'];

/** "GENERAL DELIVERY" and its short forms: the length matched at i, or 0. */
export function generalDeliveryAt(toks: Token[], i: number, end: number): number {
  if (i + 1 >= end || !/^(GENERAL|GEN)$/.test(toks[i]!.up) || !/^(DELIVERY|DEL|DELIV)$/.test(toks[i + 1]!.up)) return 0;
  return 2;
}

const PO_BOX_INDEX = new PhraseIndex(PO_BOX_HEADS.map((h) => [h, h] as const));

const RURAL_INDEX = new PhraseIndex(Object.entries(RURAL_HEADS).map(([h, std]) => [h, [h, std] as const] as const));

interface Match {
  len: number;
}

export function matchPoBox(toks: Token[], i: number, end: number): (Match & { id: string }) | undefined {
  if (i >= end) return undefined;
  for (const head of PO_BOX_INDEX.matchesAt(toks, i, end)) {
    let j = i + head.len;
    if (j >= end) continue;
    if (toks[j]!.up === '#' && j + 1 < end) j++;
    const id = toks[j]!.up;
    if (/^\d+[A-Z]?$|^[A-Z]$|^\d+-\d+$/.test(id)) return { len: j + 1 - i, id };
  }
  // "POBOX123", "BOX123"
  const glued = /^(?:PO|POB|POBOX|BOX)(\d+)$/.exec(toks[i]!.up);
  return glued ? { len: 1, id: glued[1]! } : undefined;
}

export function matchRural(toks: Token[], i: number, end: number): (Match & { route: string; box: string | null }) | undefined {
  if (i >= end) return undefined;
  for (const { len, value } of RURAL_INDEX.matchesAt(toks, i, end)) {
    const [head, std] = value;
    let j = i + len;
    if (j >= end) continue;
    if (toks[j]!.up === '#' && j + 1 < end) j++;
    const route = toks[j]!.up;
    if (!/^\d+[A-Z]{0,2}$/.test(route)) continue;
    const box = matchPoBox(toks, j + 1, end);
    // "ROUTE 66" and "RD 5" are streets unless a box follows.
    if (!box && std === 'RR' && !['RR', 'RURAL ROUTE', 'RURAL RTE', 'RFD'].includes(head)) continue;
    return { len: j + 1 - i + (box?.len ?? 0), route: `${std} ${route}`, box: box?.id ?? null };
  }
  return undefined;
}

export function matchMilitary(toks: Token[], i: number, end: number): (Match & { unit: string; box: string | null }) | undefined {
  if (i >= end) return undefined;
  const head = toks[i]!.up;
  if (!MILITARY_HEADS.includes(head) || i + 1 >= end || !/^\d+$/.test(toks[i + 1]!.up)) return undefined;
  const box = matchPoBox(toks, i + 2, end);
  if (!box && head === 'UNIT') return undefined;
  return { len: 2 + (box?.len ?? 0), unit: `${head} ${toks[i + 1]!.up}`, box: box?.id ?? null };
}

export function hasPostOfficeBoxAfter(toks: Token[], from: number, end: number): boolean {
  for (let j = from; j < end; j++) if (postOfficeBoxAt(toks, j, end)) return true;
  return false;
}

/** Heads that say "post office box" outright, unlike a bare BOX or DRAWER. */
const POST_OFFICE_HEADS = new Set(['POST OFFICE BOX', 'POST OFFICE', 'PO BOX', 'P O BOX', 'PO BX', 'POBOX', 'POB', 'PO DRAWER']);

export function postOfficeBoxAt(toks: Token[], j: number, end: number): boolean {
  const head = PO_BOX_INDEX.matchesAt(toks, j, end).next().value;
  return !!head && POST_OFFICE_HEADS.has(head.value) && !!matchPoBox(toks, j, end);
}

/**
 * "REF NO 24385309 PO BOX 41602", "CLIENT # 40006620 PO BOX 740709": reference numbers right
 * before a post office box are not a house number; the address starts at the box.
 */
export function postOfficeBoxAfter(toks: Token[], i: number, end: number): number | undefined {
  for (let j = i + 1; j < end && j <= i + 5; j++) {
    if (postOfficeBoxAt(toks, j, end)) return j;
    // Only more numbers between ("RE ACCT # 056 552-9329 001 PO BOX …"); a word may be a street's.
    if (!/\d/.test(toks[j]!.up)) return undefined;
  }
  return undefined;
}
