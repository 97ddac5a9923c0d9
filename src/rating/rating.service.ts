import type { UsZipDirectory } from '../addresses/ports.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../kernel/clock.js';
import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { Money } from '../kernel/money.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import { readRateCard, SAMPLES } from './card-import.js';
import { convert, type RateTable } from './exchange.js';
import { weightIn } from './billable.js';
import type { ExchangeRate, RatingRepo, StoredRateCard } from './ports.js';
import { compileCard, type CompiledCard } from './quote.js';
import type { QuoteRequest, QuoteResponse } from './quote-request.schema.js';
import type { RateCard } from './rate-card.schema.js';
import type { Shipment } from './shipment.js';
import { resolveZone, ZoneBook } from './zone-resolver.js';
import type { ZoneAnswer } from './zones.js';
import { parseUspsZoneChart, parseZoneTableCsv } from './zone-import.js';

export interface RatingDeps {
  repo: RatingRepo;
  orders: OrdersService;
  warehouses: WarehousesService;
  catalog: CatalogService;
  loadDirectory: () => Promise<UsZipDirectory>;
  clock: Clock;
  /**
   * Whether other processes may change cards (PostgreSQL: several API processes). The embedded
   * database belongs to one process, which drops its cache whenever it writes: no check needed.
   */
  sharedDatabase: boolean;
}

export interface CardView extends StoredRateCard {
  /** Samples ship with lastmile; a tenant card for the same carrier and service hides them. */
  source: 'tenant' | 'sample';
  hidden_by: string | null;
}

const sampleViews: CardView[] = SAMPLES.map((card) => ({ id: card.code, card, created_at: '2025-01-01T00:00:00.000Z', source: 'sample', hidden_by: null }));

/** A tenant's cards and charts as this process holds them, valid while the stamp is. */
export interface TenantRates {
  tenantId: string;
  stamp: string;
  views: CardView[];
  /** Compiled card versions by row id and time (a replaced version compiles anew). */
  compiled: Map<string, CompiledCard>;
  book: ZoneBook | null;
}

export class RatingService {
  private readonly compiled = new Map<string, CompiledCard>();
  private readonly tenants = new Map<string, TenantRates>();

  constructor(private readonly d: RatingDeps) {}

  async importCard(tenantId: string, doc: Record<string, unknown>, pricesCsv?: string): Promise<CardView> {
    const card = readRateCard(doc, pricesCsv);
    if (card.sample) throw new AppError('VALIDATION_FAILED', 'Only cards shipped with lastmile are samples', { errors: [{ path: 'card.sample', message: 'leave it out or false' }] });
    if (SAMPLES.some((s) => s.code === card.code)) throw new AppError('CONFLICT', `${card.code} is the code of a sample card; choose another`);
    const stored = await this.d.repo.saveCard(tenantId, newId('rateCard'), card);
    this.tenants.delete(tenantId);
    return { ...stored, source: 'tenant', hidden_by: null };
  }

  /** Every card a tenant quotes with: its own versions, then the samples (marked when hidden). */
  async listCards(tenantId: string): Promise<CardView[]> {
    return (await this.rates(tenantId)).views;
  }

  /**
   * The tenant's cards and zone charts, read and compiled once per change: on a shared database
   * one primary-key read per call checks that no process changed them since (a quote then costs
   * the same with 50 cards as with 3).
   */
  async rates(tenantId: string): Promise<TenantRates> {
    const cur = this.tenants.get(tenantId);
    if (cur && !this.d.sharedDatabase) return cur;
    const stamp = await this.d.repo.version(tenantId);
    if (cur && cur.stamp === stamp) return cur;
    const views = await this.readViews(tenantId);
    const next: TenantRates = { tenantId, stamp, views, compiled: new Map(), book: null };
    // Keep what is still current: a card version that did not change stays compiled.
    if (cur) for (const v of views) {
      const c = cur.compiled.get(v.id + v.created_at);
      if (c) next.compiled.set(v.id + v.created_at, c);
    }
    this.tenants.set(tenantId, next);
    return next;
  }

  private async readViews(tenantId: string): Promise<CardView[]> {
    const own = await this.d.repo.listCards(tenantId);
    const ownViews: CardView[] = own.map((c) => ({ ...c, source: 'tenant', hidden_by: null }));
    return [
      ...ownViews,
      ...sampleViews.map((s) => {
        const mine = own.find((c) => c.card.carrier === s.card.carrier && c.card.service === s.card.service);
        return { ...s, hidden_by: mine ? mine.card.code : null };
      }),
    ];
  }

  async getCard(tenantId: string, id: string): Promise<CardView> {
    const sample = sampleViews.find((s) => s.id === id);
    if (sample) return sample;
    const c = await this.d.repo.getCard(tenantId, id);
    if (!c) throw notFound('rate card', id);
    return { ...c, source: 'tenant', hidden_by: null };
  }

  async importUspsZoneChart(tenantId: string, doc: unknown): Promise<{ code: string; origin: string; effective_from: string; zip3_rows: number; zip5_rows: number }> {
    const { origin, effectiveFrom, chart } = parseUspsZoneChart(doc);
    await this.d.repo.saveZoneChart(tenantId, newId('zoneChart'), { code: 'usps', origin, effective_from: effectiveFrom, chart });
    this.tenants.delete(tenantId);
    return { code: 'usps', origin, effective_from: effectiveFrom, zip3_rows: chart.zip3.length, zip5_rows: chart.zip5.length };
  }

  async importZoneTable(tenantId: string, code: string, effectiveFrom: string, csv: string): Promise<{ code: string; origins: number; effective_from: string }> {
    if (code === 'usps') throw new AppError('VALIDATION_FAILED', 'usps is reserved for USPS charts', { errors: [{ path: 'code', message: 'name the carrier table, e.g. ontrac' }] });
    const chart = parseZoneTableCsv(code, effectiveFrom, csv);
    for (const [origin, c] of chart.origins) await this.d.repo.saveZoneChart(tenantId, newId('zoneChart'), { code, origin, effective_from: effectiveFrom, chart: c });
    this.tenants.delete(tenantId);
    return { code, origins: chart.origins.size, effective_from: effectiveFrom };
  }

  async listZoneCharts(tenantId: string) {
    return (await this.d.repo.listZoneCharts(tenantId)).map((c) => ({ code: c.code, origin: c.origin, effective_from: c.effective_from, zip3_rows: c.chart.zip3.length, zip5_rows: c.chart.zip5.length }));
  }

  async saveExchangeRates(tenantId: string, rates: ExchangeRate[]) {
    await this.d.repo.saveExchangeRates(tenantId, rates);
    return this.d.repo.listExchangeRates(tenantId);
  }

  listExchangeRates(tenantId: string) {
    return this.d.repo.listExchangeRates(tenantId);
  }

  /**
   * Quotes every service (or the ones asked for) for ad-hoc packages. Orders are priced by the
   * routing context (`RoutingService.quoteOrder`), with the packages its decisions use, through
   * `quoteShipments`.
   */
  async quote(tenantId: string, req: QuoteRequest): Promise<QuoteResponse> {
    if (req.order_id) throw new Error('orders are quoted by RoutingService.quoteOrder');
    const shipDate = req.ship_date ?? this.d.clock.now().toISOString().slice(0, 10);
    // The cards price parcels within the US (zones between ZIP Codes): another country is every
    // service's answer, not an error, so the page shows it next to each service.
    if (req.from!.country !== 'US' || req.to!.country !== 'US') {
      const cards = await this.cardsFor(await this.rates(tenantId), shipDate, req.services);
      const services = cards.map((c) => ({
        eligible: false as const, card: c.card.code, carrier: c.card.carrier, service: c.card.service, name: c.card.name, sample: !!c.card.sample,
        code: 'DOMESTIC_ONLY', reason: `${c.card.name} prices parcels within the US only (from ${req.from!.country} to ${req.to!.country} asked)`,
      }));
      return { ship_date: shipDate, from: `${req.from!.country} ${req.from!.postal_code}`, to: `${req.to!.country} ${req.to!.postal_code}`, services, warnings: [] };
    }
    const dir = await this.d.loadDirectory();
    const warnings: string[] = [];
    const destZip = req.to!.postal_code.slice(0, 5);
    const destState = req.to!.state ?? dir.lookup(destZip)?.state ?? null;
    // The tenant's own zone charts are authoritative for their ZIPs: a ZIP the bundled reference
    // data lacks but a carrier chart lists is not worth a warning.
    const rates = await this.rates(tenantId);
    if (!dir.lookup(destZip) && !(await this.zoneBook(rates)).lists(destZip)) warnings.push(`ZIP Code ${destZip} is in neither the reference data nor your zone charts`);
    const shipments = req.packages!.map((p) => adHocShipment(req, p, destZip, destState));
    return this.quoteShipments(rates, shipments, { shipDate, services: req.services, zone: req.zone, currency: req.currency, periodSpend: req.period_spend }, warnings);
  }

  /**
   * Every service's price for these packages: parcels package by package, freight as one
   * shipment of all of them (handling units). Cheapest first in one currency.
   */
  async quoteShipments(tenant: string | TenantRates, shipments: Shipment[], o: { shipDate: string; services?: string[] | undefined; zone?: string | undefined; currency?: string | undefined; periodSpend?: Money | undefined }, warnings: string[]): Promise<QuoteResponse> {
    const dir = await this.d.loadDirectory();
    const targetCurrency = o.currency;
    const snap = typeof tenant === 'string' ? await this.rates(tenant) : tenant;
    const cards = await this.cardsFor(snap, o.shipDate, o.services);
    const book = await this.zoneBook(snap);
    const rates = targetCurrency ? await this.d.repo.listExchangeRates(snap.tenantId) : [];
    // Cards of one chart family (and USPS mail service) share the order's zone: looked up once.
    const zones = new Map<string, ZoneAnswer>();
    const lb = shipments.reduce((t, s) => t + weightIn(s.weight, 'lb'), 0);
    const zoneOf = (card: CompiledCard) => {
      const key = `${card.card.zones.chart}/${card.card.zones.mail_service ?? ''}`;
      let z = zones.get(key);
      // One zone for the order (its total weight), as decisions look it up.
      if (!z) zones.set(key, (z = resolveZone(card.card, { ...shipments[0]!, weight: { value: lb, unit: 'lb' } }, o.shipDate, book, dir, o.zone)));
      return z;
    };
    const services = cards.map((card) => this.quoteCard(card, shipments, o.shipDate, zoneOf(card), targetCurrency, rates, o.periodSpend));
    // Cheapest first in one currency: the target's (through the exchange rates) or else the
    // cards' own; a price that cannot be converted cannot be compared and goes after the others.
    const compareIn = targetCurrency ?? services.find((x) => x.eligible)?.total.currency;
    const key = (x: (typeof services)[number]) =>
      !x.eligible ? Infinity : x.total.currency === compareIn ? x.total.amount : x.converted ? x.converted.total.amount : Number.MAX_SAFE_INTEGER;
    services.sort((a, b) => key(a) - key(b) || (a.eligible === b.eligible ? 0 : a.eligible ? -1 : 1));
    return { ship_date: o.shipDate, from: shipments[0]!.originZip, to: shipments[0]!.destZip, services, warnings };
  }

  private quoteCard(card: CompiledCard, shipments: Shipment[], shipDate: string, answer: ZoneAnswer, target: string | undefined, rates: RateTable, spend: Money | undefined): QuoteResponse['services'][number] {
    const earned = card.card.contract?.earned;
    const spendFits = spend !== undefined && spend.currency === card.card.currency;
    const quotes = card.quoteAll(shipments, answer, shipDate, spendFits ? { periodSpend: spend.amount } : undefined);
    if (!Array.isArray(quotes)) return quotes;
    const ok = quotes;
    const cur = card.card.currency;
    const m = (amount: number): Money => ({ amount, currency: cur });
    const total = ok.reduce((t, q) => t + q.total, 0);
    const conversion = target && target !== cur ? convert(total, cur, target, shipDate, rates) : undefined;
    const notes = [...new Set(ok.flatMap((q) => q.notes))];
    if (target && target !== cur && !conversion) notes.push(`no ${cur}→${target} exchange rate on or before ${shipDate}`);
    if (earned && spend && !spendFits) notes.push(`period spend in ${spend.currency} not applied: the card's earned tiers are in ${cur}`);
    const first = ok[0]!;
    return {
      eligible: true,
      card: first.card, carrier: first.carrier, service: first.service, name: first.name, sample: first.sample,
      zone: first.zone, zone_source: first.zone_source, transit_days: first.transit_days,
      packages: ok.map((q) => ({
        billable_weight: q.billable_weight,
        dim_weight: q.dim_weight,
        ...(q.freight_class !== undefined ? { freight_class: q.freight_class } : {}),
        ...(q.handling_units !== undefined ? { handling_units: q.handling_units } : {}),
        base: m(q.base),
        surcharges: q.surcharges.map((s) => ({ code: s.code, label: s.label, amount: m(s.amount) })),
        ...(q.discounts.length ? { discounts: q.discounts.map((s) => ({ code: s.code, label: s.label, amount: m(s.amount) })) } : {}),
        fuel: { percent: q.fuel.percent, amount: m(q.fuel.amount) },
        total: m(q.total),
      })),
      total: m(total),
      converted: conversion ? { total: { amount: conversion.amount, currency: target! }, rate: conversion.rate, rate_date: conversion.date } : null,
      notes,
    };
  }

  /** One card, compiled, by code (a tenant card or a sample) in force on the date. */
  async card(tenantId: string | undefined, code: string, date: string): Promise<CompiledCard> {
    if (!tenantId) {
      const sample = SAMPLES.find((c) => c.code === code && c.effective_from <= date);
      if (!sample) throw new AppError('VALIDATION_FAILED', `Unknown rate card ${code} (offline, only the samples are known)`, { errors: [{ path: 'service', message: SAMPLES.map((c) => c.code).join(', ') }] });
      return this.compile(`sample:${code}`, sample);
    }
    return (await this.cardsFor(tenantId, date, [code]))[0]!;
  }

  /** A synchronous zone lookup for many orders (reference data and charts loaded once). */
  async zoneResolver(tenantId: string, date: string): Promise<(card: CompiledCard, originZip: string, destZip: string, destState: string | null, weightLb: number) => ZoneAnswer> {
    const dir = await this.d.loadDirectory();
    const book = await this.zoneBook(await this.rates(tenantId));
    return (card, originZip, destZip, destState, weightLb) =>
      resolveZone(card.card, { originZip, destZip, destState, weight: { value: weightLb, unit: 'lb' } } as Shipment, date, book, dir);
  }

  /** The zone a card would use between two ZIPs (chart, else estimated). */
  async zoneFor(tenantId: string, card: CompiledCard, originZip: string, destZip: string, date: string, weightLb: number) {
    const dir = await this.d.loadDirectory();
    const s = { originZip, destZip, destState: dir.lookup(destZip)?.state ?? null, weight: { value: weightLb, unit: 'lb' as const } } as Shipment;
    return resolveZone(card.card, s, date, await this.zoneBook(await this.rates(tenantId)), dir);
  }

  /** The card version in force on the date for each code; tenant cards hide samples of the same service. */
  async cardsFor(tenant: string | TenantRates, date: string, codes?: string[]): Promise<CompiledCard[]> {
    const rates = typeof tenant === 'string' ? await this.rates(tenant) : tenant;
    const views = rates.views.filter((v) => !v.hidden_by && v.card.effective_from <= date);
    const latest = new Map<string, CardView>();
    for (const v of views) {
      const cur = latest.get(v.card.code);
      if (!cur || cur.card.effective_from < v.card.effective_from) latest.set(v.card.code, v);
    }
    let chosen = [...latest.values()];
    if (codes?.length) {
      const unknown = codes.filter((c) => !latest.has(c));
      if (unknown.length) throw new AppError('VALIDATION_FAILED', `Unknown or not yet effective rate cards: ${unknown.join(', ')}`, { errors: [{ path: 'services', message: unknown.join(', ') }] });
      chosen = chosen.filter((v) => codes.includes(v.card.code));
    }
    return chosen.map((v) => {
      if (v.source === 'sample') return this.compile(`sample:${v.id}`, v.card);
      const key = v.id + v.created_at;
      let c = rates.compiled.get(key);
      if (!c) rates.compiled.set(key, (c = compileCard(v.card)));
      return c;
    });
  }

  /** Samples never change: compiled once per process. */
  private compile(key: string, card: RateCard): CompiledCard {
    let c = this.compiled.get(key);
    if (!c) this.compiled.set(key, (c = compileCard(card)));
    return c;
  }

  private async zoneBook(rates: TenantRates): Promise<ZoneBook> {
    return (rates.book ??= new ZoneBook(await this.d.repo.listZoneCharts(rates.tenantId)));
  }
}

function adHocShipment(req: QuoteRequest, p: NonNullable<QuoteRequest['packages']>[number], destZip: string, destState: string | null): Shipment {
  const o = req.options;
  return {
    originZip: req.from!.postal_code.slice(0, 5),
    destZip,
    destState,
    residential: o.residential ?? true,
    weight: p.weight,
    dimensions: p.dimensions,
    signature: o.signature ?? null,
    declaredValue: o.declared_value?.amount ?? null,
    cod: o.cod ?? false,
    nonCartonPackaging: o.non_carton ?? false,
    battery: o.battery ?? false,
    hazmat: o.hazmat ?? false,
    accessorials: new Set(o.accessorials ?? []),
    freightClass: o.freight_class ?? null,
  };
}
