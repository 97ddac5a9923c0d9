import type { Money } from '../kernel/money.js';
import { failRisk, lateRisk, lossRisk, type Risk } from './explain.js';
import type { RoutingConfig } from './routing-config.schema.js';

/** Outcomes seen on a carrier/service/lane (decayed counts, fed by tracking). */
export interface LaneStats {
  shipments: number;
  failedFirstAttempt: number;
  lost: number;
  late: number;
}

/** Weight of an observation `ageDays` old with the given half-life. */
export const decayWeight = (ageDays: number, halfLifeDays: number) => 0.5 ** (Math.max(0, ageDays) / halfLifeDays);

/**
 * A rate from few observations, shrunk toward the prior: (events + k·prior) / (n + k). With no
 * data it is the prior; with much data it is the observed rate.
 */
export const shrunk = (events: number, n: number, prior: number, strength: number) => (events + strength * prior) / (n + strength);

/** Business days each service level promises at most. */
export const SERVICE_LEVEL_DAYS: Record<string, number> = { overnight: 1, expedited: 2, standard: 5, economy: 8 };

export interface ScoreInput {
  carrier: string;
  quoteTotal: number;
  currency: string;
  orderValue: number;
  transitP50: number;
  transitP90: number;
  serviceLevel: string;
  stats: LaneStats | null;
  bonus: number;
}

/** Expected-cost components as money (minor units, rounded), risks as labelled probabilities. */
export interface Score {
  quote: Money;
  redelivery: Money;
  loss: Money;
  lateness: Money;
  preference_bonus: Money;
  /** Expected total cost: quote + P(fail) × redelivery + P(loss) × (value + reshipment) + P(late) × penalty − bonus. */
  expected_total: Money;
  risks: { fail_first_attempt: Risk; loss: Risk; late: Risk };
}

/**
 * Expected cost of a candidate. P(late vs promise) comes from the lane's late rate, raised when
 * the service's typical (p50) or slow (p90) transit exceeds what the order's service level
 * promises.
 */
export function score(i: ScoreInput, cfg: RoutingConfig): Score {
  const prior = cfg.priors.carriers[i.carrier] ?? cfg.priors.default;
  const n = i.stats?.shipments ?? 0;
  const k = cfg.priors.strength;
  const pFail = shrunk(i.stats?.failedFirstAttempt ?? 0, n, prior.fail_first_attempt, k);
  const pLoss = shrunk(i.stats?.lost ?? 0, n, prior.loss, k);
  let pLate = shrunk(i.stats?.late ?? 0, n, prior.late, k);
  const target = SERVICE_LEVEL_DAYS[i.serviceLevel] ?? 5;
  if (i.transitP50 > target) pLate = Math.max(pLate, 0.9);
  else if (i.transitP90 > target) pLate = Math.max(pLate, 0.3);
  // The costs are the tenant's; amounts are compared as they are when currencies differ (decide notes it).
  const redelivery = pFail * cfg.costs.redelivery.amount;
  const loss = pLoss * (i.orderValue + cfg.costs.reshipment.amount);
  const lateness = pLate * cfg.costs.lateness_penalty.amount;
  const c = i.currency;
  return {
    quote: money(i.quoteTotal, c),
    redelivery: money(redelivery, c),
    loss: money(loss, c),
    lateness: money(lateness, c),
    preference_bonus: money(i.bonus, c),
    expected_total: money(i.quoteTotal + redelivery + loss + lateness - i.bonus, c),
    risks: { fail_first_attempt: failRisk(p2(pFail)), loss: lossRisk(Math.round(pLoss * 1e6) / 1e6), late: lateRisk(p2(pLate)) },
  };
}

// Module-level helpers: scoring runs for every candidate of every order (no closures per call).
function money(x: number, currency: string): Money {
  return { amount: Math.round(x), currency };
}
function p2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A stable number in [0, 1) from a string (FNV-1a): pilots pick the same orders on every run. */
export function stableFraction(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}
