import type { RateCard } from './rate-card.schema.js';
import type { OriginChart } from './zones.js';

export interface StoredRateCard {
  id: string;
  card: RateCard;
  created_at: string;
}

export interface StoredZoneChart {
  code: string;
  origin: string;
  effective_from: string;
  chart: OriginChart;
}

export interface ExchangeRate {
  base: string;
  quote: string;
  date: string;
  /** Decimal string: 1 base = rate quote. */
  rate: string;
}

export interface RatingRepo {
  /** Inserts a card version; a version with the same code and effective date is replaced. */
  saveCard(tenantId: string, id: string, card: RateCard): Promise<StoredRateCard>;
  listCards(tenantId: string): Promise<StoredRateCard[]>;
  /**
   * A stamp that changes whenever the tenant's cards or zone charts change (in any process), moved
   * after the change is written: what the per-process cache of compiled cards is checked against,
   * one primary-key read per quote.
   */
  version(tenantId: string): Promise<string>;
  getCard(tenantId: string, id: string): Promise<StoredRateCard | undefined>;
  /** Inserts or replaces one origin's chart version. */
  saveZoneChart(tenantId: string, id: string, chart: StoredZoneChart): Promise<void>;
  listZoneCharts(tenantId: string): Promise<StoredZoneChart[]>;
  saveExchangeRates(tenantId: string, rates: ExchangeRate[]): Promise<void>;
  listExchangeRates(tenantId: string): Promise<ExchangeRate[]>;
}
