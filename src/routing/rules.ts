import type { Mode, RoutingRule, RuleAction, RuleCondition } from './routing-config.schema.js';

/** What rules can look at, for one order. */
export interface OrderFacts {
  country: string;
  state: string | null;
  zip: string | null;
  weightLb: number;
  longestIn: number | null;
  /** Order value in minor units of `currency`. */
  value: number;
  currency?: string;
  flags: readonly string[];
  channel: string;
  tags: readonly string[];
  customerType: string;
  residential: boolean;
  remote: boolean;
  poBox: boolean;
  military: boolean;
}

const inRange = (v: number | null, r: { min?: number | undefined; max?: number | undefined } | undefined) =>
  !r || (v !== null && (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max));
type MoneyRange = { min?: { amount: number; currency: string } | undefined; max?: { amount: number; currency: string } | undefined };
/** A money condition matches orders in its currency only. */
const inMoneyRange = (v: number, currency: string, r: MoneyRange | undefined) =>
  !r || ((r.min?.currency ?? r.max?.currency) === currency && (r.min === undefined || v >= r.min.amount) && (r.max === undefined || v <= r.max.amount));
const anyOf = <T>(have: readonly T[], want: readonly T[] | undefined) => !want || want.some((w) => have.includes(w));
const oneOf = <T>(v: T | null, want: readonly T[] | undefined) => !want || (v !== null && want.includes(v));

export function ruleMatches(w: RuleCondition, f: OrderFacts): boolean {
  return (
    oneOf(f.country, w.countries) &&
    oneOf(f.state, w.states) &&
    (!w.zip_prefixes || (f.zip !== null && w.zip_prefixes.some((p) => f.zip!.startsWith(p)))) &&
    inRange(f.weightLb, w.weight_lb) &&
    inRange(f.longestIn, w.longest_side_in) &&
    inMoneyRange(f.value, f.currency ?? 'USD', w.value) &&
    anyOf(f.flags, w.flags) &&
    oneOf(f.channel, w.channels) &&
    anyOf(f.tags, w.tags) &&
    oneOf(f.customerType, w.customer_types) &&
    (w.residential === undefined || w.residential === f.residential) &&
    (w.remote === undefined || w.remote === f.remote) &&
    (w.po_box === undefined || w.po_box === f.poBox) &&
    (w.military === undefined || w.military === f.military)
  );
}

/** The combined effect of the rules that matched, and which ones did. */
export interface RuleEffects {
  mode: { mode: Mode; rule: string } | null;
  allowCarriers: { list: string[]; rule: string } | null;
  denyCarriers: Map<string, string>;
  allowServices: { list: string[]; rule: string } | null;
  denyServices: Map<string, string>;
  prefer: { carrier?: string | undefined; service?: string | undefined; bonus: { amount: number; currency: string }; rule: string }[];
  signature: { kind: 'indirect' | 'direct' | 'adult'; rule: string } | null;
  insurance: { rule: string } | null;
  serviceLevel: { level: string; rule: string } | null;
  applied: string[];
}

/**
 * Applies the rules in priority order (lower first). For single-valued actions (mode, an allow
 * list, signature, service level) the first rule that sets one wins; denials and preferences
 * accumulate. A rule with `stop` ends the evaluation for the order.
 */
export function applyRules(rules: readonly RoutingRule[], f: OrderFacts): RuleEffects {
  const e: RuleEffects = { mode: null, allowCarriers: null, denyCarriers: new Map(), allowServices: null, denyServices: new Map(), prefer: [], signature: null, insurance: null, serviceLevel: null, applied: [] };
  for (const r of sortRules(rules)) {
    if (!ruleMatches(r.when, f)) continue;
    e.applied.push(r.id);
    const t = r.then;
    if (t.mode && !e.mode) e.mode = { mode: t.mode, rule: r.id };
    if (t.allow_carriers && !e.allowCarriers) e.allowCarriers = { list: t.allow_carriers, rule: r.id };
    if (t.allow_services && !e.allowServices) e.allowServices = { list: t.allow_services, rule: r.id };
    // A denial does not override an earlier rule that allowed the same carrier or service: on a
    // conflict the earlier rule wins (as checkRules reports).
    for (const c of t.deny_carriers ?? []) if (!e.denyCarriers.has(c) && !(e.allowCarriers && e.allowCarriers.rule !== r.id && e.allowCarriers.list.includes(c))) e.denyCarriers.set(c, r.id);
    for (const s of t.deny_services ?? []) if (!e.denyServices.has(s) && !(e.allowServices && e.allowServices.rule !== r.id && e.allowServices.list.includes(s))) e.denyServices.set(s, r.id);
    for (const p of t.prefer ?? []) e.prefer.push({ ...p, rule: r.id });
    if (t.require_signature && !e.signature) e.signature = { kind: t.require_signature, rule: r.id };
    if (t.require_insurance && !e.insurance) e.insurance = { rule: r.id };
    if (t.service_level && !e.serviceLevel) e.serviceLevel = { level: t.service_level, rule: r.id };
    if (r.stop) break;
  }
  return e;
}

export const sortRules = (rules: readonly RoutingRule[]) => [...rules].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));

// ---- checking a rule set when it is saved -------------------------------------------------

type Cond = RuleCondition;
const listKeys = ['countries', 'states', 'channels', 'customer_types'] as const;
const anyKeys = ['flags', 'tags'] as const;
const rangeKeys = ['weight_lb', 'longest_side_in'] as const;
const currencyOf = (r: MoneyRange) => r.min?.currency ?? r.max?.currency;
/** A money range's amounts (compare only ranges of one currency). */
const amounts = (r: MoneyRange | undefined) => (r ? { min: r.min?.amount, max: r.max?.amount } : undefined);
const boolKeys = ['residential', 'remote', 'po_box', 'military'] as const;

/** Whether some order could match both conditions. */
export function conditionsOverlap(a: Cond, b: Cond): boolean {
  for (const k of listKeys) {
    const x = a[k] as readonly string[] | undefined;
    const y = b[k] as readonly string[] | undefined;
    if (x && y && !x.some((v) => y.includes(v))) return false;
  }
  for (const k of rangeKeys) {
    const x = a[k];
    const y = b[k];
    if (x && y && ((x.max !== undefined && y.min !== undefined && x.max < y.min) || (y.max !== undefined && x.min !== undefined && y.max < x.min))) return false;
  }
  if (a.value && b.value) {
    if (currencyOf(a.value) !== currencyOf(b.value)) return false;
    const x = amounts(a.value)!;
    const y = amounts(b.value)!;
    if ((x.max !== undefined && y.min !== undefined && x.max < y.min) || (y.max !== undefined && x.min !== undefined && y.max < x.min)) return false;
  }
  for (const k of boolKeys) if (a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]) return false;
  if (a.zip_prefixes && b.zip_prefixes && !a.zip_prefixes.some((p) => b.zip_prefixes!.some((q) => p.startsWith(q) || q.startsWith(p)))) return false;
  return true;
}

/** Whether every order matching `inner` also matches `outer`. */
export function conditionImplies(inner: Cond, outer: Cond): boolean {
  for (const k of listKeys) {
    const o = outer[k] as readonly string[] | undefined;
    const i = inner[k] as readonly string[] | undefined;
    if (o && (!i || !i.every((v) => o.includes(v)))) return false;
  }
  for (const k of anyKeys) {
    const o = outer[k];
    const i = inner[k];
    // "has one of o" is implied by "has one of i" only when every i is in o.
    if (o && (!i || !i.every((v) => o.includes(v)))) return false;
  }
  for (const k of rangeKeys) {
    const o = outer[k];
    if (!o) continue;
    const i = inner[k];
    if (!i) return false;
    if (o.min !== undefined && (i.min === undefined || i.min < o.min)) return false;
    if (o.max !== undefined && (i.max === undefined || i.max > o.max)) return false;
  }
  if (outer.value) {
    if (!inner.value || currencyOf(inner.value) !== currencyOf(outer.value)) return false;
    const o = amounts(outer.value)!;
    const i = amounts(inner.value)!;
    if (o.min !== undefined && (i.min === undefined || i.min < o.min)) return false;
    if (o.max !== undefined && (i.max === undefined || i.max > o.max)) return false;
  }
  for (const k of boolKeys) if (outer[k] !== undefined && inner[k] !== outer[k]) return false;
  if (outer.zip_prefixes && (!inner.zip_prefixes || !inner.zip_prefixes.every((p) => outer.zip_prefixes!.some((q) => p.startsWith(q))))) return false;
  return true;
}

function contradictions(a: RuleAction, b: RuleAction): string[] {
  const out: string[] = [];
  if (a.mode && b.mode && a.mode !== b.mode) out.push(`mode ${a.mode} vs ${b.mode}`);
  if (a.require_signature && b.require_signature && a.require_signature !== b.require_signature) out.push(`signature ${a.require_signature} vs ${b.require_signature}`);
  if (a.service_level && b.service_level && a.service_level !== b.service_level) out.push(`service level ${a.service_level} vs ${b.service_level}`);
  for (const [x, y] of [[a, b], [b, a]] as const) {
    for (const c of x.allow_carriers ?? []) if (y.deny_carriers?.includes(c)) out.push(`carrier ${c} allowed and denied`);
    for (const s of x.allow_services ?? []) if (y.deny_services?.includes(s)) out.push(`service ${s} allowed and denied`);
  }
  if (a.allow_carriers && b.allow_carriers && !a.allow_carriers.some((c) => b.allow_carriers!.includes(c))) out.push('no carrier allowed by both');
  return out.filter(Boolean);
}

export interface RuleSetReport {
  conflicts: { rules: [string, string]; reasons: string[]; winner: string }[];
  unreachable: { rule: string; because: string }[];
  duplicates: string[];
}

/**
 * What is wrong with a rule set: pairs that could match the same order and ask for
 * contradictory things (the earlier one wins — say which), rules no order can reach because an
 * earlier `stop` rule always catches their orders first, and duplicate ids.
 */
export function checkRules(rules: readonly RoutingRule[]): RuleSetReport {
  const sorted = sortRules(rules);
  const report: RuleSetReport = { conflicts: [], unreachable: [], duplicates: [] };
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) report.duplicates.push(r.id);
    seen.add(r.id);
  }
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (!conditionsOverlap(a.when, b.when)) continue;
      if (a.stop && conditionImplies(b.when, a.when)) {
        if (!report.unreachable.some((u) => u.rule === b.id)) report.unreachable.push({ rule: b.id, because: `rule ${a.id} (priority ${a.priority}) stops every order ${b.id} would match` });
        continue;
      }
      const reasons = contradictions(a.then, b.then);
      if (reasons.length && !a.stop) report.conflicts.push({ rules: [a.id, b.id], reasons, winner: a.id });
    }
  }
  return report;
}
