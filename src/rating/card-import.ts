import { AppError } from '../kernel/errors.js';
import { isCurrency } from '../kernel/money.js';
import { parsePriceGridCsv } from './grid-csv.js';
import { rateCardSchema, type RateCard } from './rate-card.schema.js';
import { SAMPLE_CARDS } from './samples.js';

/**
 * Validates a card document, with its price grid inline or as the carrier's CSV. Field errors
 * come back with their path (`card.limits.max_weight.unit`) or CSV row and column.
 */
export function readRateCard(doc: Record<string, unknown>, pricesCsv?: string): RateCard {
  const raw: Record<string, unknown> = { ...doc };
  if (pricesCsv !== undefined) {
    if (raw['prices'] !== undefined) throw new AppError('VALIDATION_FAILED', 'Give the prices inline or as CSV, not both', { errors: [{ path: 'card.prices', message: 'remove it, or drop the CSV' }] });
    const unit = raw['weight_unit'];
    const currency = raw['currency'];
    const errors = [
      ...(typeof unit !== 'string' || !['g', 'kg', 'oz', 'lb'].includes(unit) ? [{ path: 'card.weight_unit', message: 'g, kg, oz or lb' }] : []),
      // The grid's decimals are read in the currency's minor units, so it must be a real one.
      ...(typeof currency !== 'string' || !isCurrency(currency.toUpperCase()) ? [{ path: 'card.currency', message: 'an ISO 4217 currency code such as USD' }] : []),
    ];
    if (errors.length) throw new AppError('VALIDATION_FAILED', 'The card needs a weight_unit and a currency to read its CSV grid', { errors });
    raw['prices'] = parsePriceGridCsv(pricesCsv, unit as 'lb', (currency as string).toUpperCase());
  }
  const r = rateCardSchema.safeParse(raw);
  if (!r.success) {
    throw new AppError('VALIDATION_FAILED', 'The rate card is not valid', {
      errors: r.error.issues.slice(0, 100).map((i) => ({ path: ['card', ...i.path].join('.'), message: i.message })),
    });
  }
  return r.data;
}

/** The samples shipped with lastmile, validated once. */
export const SAMPLES: readonly RateCard[] = SAMPLE_CARDS.map((c) => rateCardSchema.parse(c));
