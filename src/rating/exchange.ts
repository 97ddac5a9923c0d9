import { minorDigits } from '../kernel/money.js';
import type { ExchangeRate } from './ports.js';

export type RateTable = readonly ExchangeRate[];

/**
 * Converts minor units with the tenant's rate in force on the date (the latest on or before
 * it), directly or through the inverse pair. Rounds half up in the target currency.
 */
export function convert(amount: number, from: string, to: string, date: string, rates: RateTable): { amount: number; rate: string; date: string } | undefined {
  let best: { rate: number; text: string; date: string } | undefined;
  for (const r of rates) {
    if (r.date > date) continue;
    const direct = r.base === from && r.quote === to;
    const inverse = r.base === to && r.quote === from;
    if (!direct && !inverse) continue;
    if (best && best.date >= r.date) continue;
    const value = Number(r.rate);
    best = { rate: direct ? value : 1 / value, text: direct ? r.rate : `1/${r.rate}`, date: r.date };
  }
  if (!best) return undefined;
  const major = amount / 10 ** minorDigits(from);
  const converted = Math.floor(major * best.rate * 10 ** minorDigits(to) + 0.5 + 1e-9);
  return { amount: converted, rate: best.text, date: best.date };
}
