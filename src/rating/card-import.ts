import { AppError } from '../kernel/errors.js';
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
    if (typeof unit !== 'string' || !['g', 'kg', 'oz', 'lb'].includes(unit) || typeof currency !== 'string') {
      throw new AppError('VALIDATION_FAILED', 'The card needs weight_unit and currency to read its CSV grid', {
        errors: [{ path: 'card.weight_unit', message: 'g, kg, oz or lb' }, { path: 'card.currency', message: 'an ISO 4217 code' }],
      });
    }
    raw['prices'] = parsePriceGridCsv(pricesCsv, unit as 'lb', currency.toUpperCase());
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
