import { rateCardSchema, type RateCard } from './rate-card.schema.js';
import { SAMPLE_CARDS } from './samples.js';

export { lintRateCard, readRateCard } from './card-lint.js';

/** The samples shipped with lastmile, validated once. */
export const SAMPLES: readonly RateCard[] = SAMPLE_CARDS.map((c) => rateCardSchema.parse(c));
