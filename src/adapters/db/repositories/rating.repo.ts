import { and, asc, eq, sql } from 'drizzle-orm';
import type { RateCard } from '../../../rating/rate-card.schema.js';
import type { ExchangeRate, RatingRepo, StoredRateCard, StoredZoneChart } from '../../../rating/ports.js';
import type { Db } from '../database.js';
import { exchangeRates, rateCards, ratingVersions, zoneCharts } from '../schema.js';

const toCard = (r: typeof rateCards.$inferSelect): StoredRateCard => ({ id: r.id, card: r.card as RateCard, created_at: r.createdAt.toISOString() });

export class DrizzleRatingRepo implements RatingRepo {
  constructor(private readonly db: Db) {}

  async saveCard(tenantId: string, id: string, card: RateCard) {
    const [r] = await this.db
      .insert(rateCards)
      .values({ id, tenantId, code: card.code, carrier: card.carrier, service: card.service, effectiveFrom: card.effective_from, card })
      .onConflictDoUpdate({
        target: [rateCards.tenantId, rateCards.code, rateCards.effectiveFrom],
        set: { card, carrier: card.carrier, service: card.service, createdAt: sql`now()` },
      })
      .returning();
    await this.bump(tenantId);
    return toCard(r!);
  }

  async listCards(tenantId: string) {
    const rows = await this.db.select().from(rateCards).where(eq(rateCards.tenantId, tenantId)).orderBy(asc(rateCards.code), asc(rateCards.effectiveFrom));
    return rows.map(toCard);
  }

  async version(tenantId: string) {
    const [r] = await this.db.select({ v: ratingVersions.version }).from(ratingVersions).where(eq(ratingVersions.tenantId, tenantId));
    return String(r?.v ?? 0);
  }

  /** After a change is written: readers compare the counter, so it moves only once the data is there. */
  private async bump(tenantId: string) {
    await this.db
      .insert(ratingVersions)
      .values({ tenantId, version: 1 })
      .onConflictDoUpdate({ target: ratingVersions.tenantId, set: { version: sql`${ratingVersions.version} + 1` } });
  }

  async getCard(tenantId: string, id: string) {
    const [r] = await this.db.select().from(rateCards).where(and(eq(rateCards.tenantId, tenantId), eq(rateCards.id, id)));
    return r && toCard(r);
  }

  async saveZoneChart(tenantId: string, id: string, c: StoredZoneChart) {
    await this.db
      .insert(zoneCharts)
      .values({ id, tenantId, code: c.code, origin: c.origin, effectiveFrom: c.effective_from, chart: c.chart })
      .onConflictDoUpdate({ target: [zoneCharts.tenantId, zoneCharts.code, zoneCharts.origin, zoneCharts.effectiveFrom], set: { chart: c.chart, createdAt: sql`now()` } });
    await this.bump(tenantId);
  }

  async listZoneCharts(tenantId: string) {
    const rows = await this.db.select().from(zoneCharts).where(eq(zoneCharts.tenantId, tenantId)).orderBy(asc(zoneCharts.code), asc(zoneCharts.origin));
    return rows.map((r) => ({ code: r.code, origin: r.origin, effective_from: r.effectiveFrom, chart: r.chart as StoredZoneChart['chart'] }));
  }

  async saveExchangeRates(tenantId: string, rates: ExchangeRate[]) {
    if (rates.length === 0) return;
    await this.db
      .insert(exchangeRates)
      .values(rates.map((r) => ({ tenantId, base: r.base, quote: r.quote, date: r.date, rate: r.rate })))
      .onConflictDoUpdate({ target: [exchangeRates.tenantId, exchangeRates.base, exchangeRates.quote, exchangeRates.date], set: { rate: sql`excluded.rate` } });
  }

  async listExchangeRates(tenantId: string) {
    const rows = await this.db.select().from(exchangeRates).where(eq(exchangeRates.tenantId, tenantId)).orderBy(asc(exchangeRates.base), asc(exchangeRates.quote), asc(exchangeRates.date));
    return rows.map((r) => ({ base: r.base, quote: r.quote, date: r.date, rate: r.rate }));
  }
}
