/**
 * Live rates for decisions: every carrier the tenant has a native account for is asked at once,
 * each within a deadline; answers are kept a short while by the shape of the request (what a
 * carrier prices by: origin, destination postcode and country, residential, packages, options),
 * so a batch of similar orders asks once. A carrier that fails or is slow is reported as such and
 * the decision prices it from the tenant's cards.
 */
import type { LiveQuote, NativeCarrier } from '../../rating/live-rates.js';
import type { LiveRateRequest, LiveRateResult } from '../../routing/ports.js';
import type { CarrierGateways } from './gateways.js';
import type { ShopAnswer } from './native.js';

export interface LiveRateShopOptions {
  /** The most a decision waits for a carrier (its account's own timeout if shorter). */
  deadlineMs: number;
  /** How long an answer is reused for the same request shape. */
  ttlMs: number;
  /** How long a carrier that failed is not asked again (the decision prices from cards meanwhile). */
  failureTtlMs: number;
  maxEntries: number;
  now?: () => number;
}

export const LIVE_RATE_DEFAULTS: LiveRateShopOptions = { deadlineMs: 2500, ttlMs: 5 * 60_000, failureTtlMs: 30_000, maxEntries: 5000 };

const up = (n: number, step: number) => Math.ceil(n / step - 1e-9) * step;

/** The request as a carrier prices it: addresses by postcode, sizes rounded up as carriers round them. */
export function shapeKey(r: LiveRateRequest): string {
  const place = (a: LiveRateRequest['shipFrom']) => `${a.country}:${(a.postal_code ?? '').replace(/\s+/g, '').toUpperCase()}:${(a.state ?? '').toUpperCase()}`;
  const pkgs = r.packages.map((p) => {
    const g = p.weight.unit === 'lb' ? p.weight.value * 453.59237 : p.weight.unit === 'oz' ? p.weight.value * 28.349523125 : p.weight.unit === 'kg' ? p.weight.value * 1000 : p.weight.value;
    const d = p.dimensions;
    const f = d ? (d.unit === 'in' ? 25.4 : d.unit === 'cm' ? 10 : 1) : 0;
    return `${up(g / 45.359237, 1)}${d ? `/${[d.length, d.width, d.height].map((x) => up((x * f) / 2.54, 1)).join('x')}` : ''}`;
  });
  return [place(r.shipFrom), place(r.shipTo), r.shipTo.residential ? 'R' : 'C', pkgs.join(','), r.signature ?? '-', r.declaredValue ? `${r.declaredValue.amount}${r.declaredValue.currency}` : '-'].join('|');
}

export class LiveRateShop {
  private readonly cache = new Map<string, { until: number; value: LiveRateResult }>();
  private readonly now: () => number;

  constructor(private readonly gateways: CarrierGateways, private readonly o: LiveRateShopOptions = LIVE_RATE_DEFAULTS) {
    this.now = o.now ?? Date.now;
  }

  async rates(tenantId: string, req: LiveRateRequest): Promise<ReadonlyMap<string, LiveRateResult>> {
    const out = new Map<string, LiveRateResult>();
    const shape = shapeKey(req);
    await Promise.all(req.carriers.map(async (carrier) => {
      const account = await this.gateways.liveRater(tenantId, carrier);
      if (!account || !account.liveRates) return;
      const key = `${tenantId}|${account.accountId}|${shape}`;
      const hit = this.cache.get(key);
      if (hit && hit.until > this.now()) {
        out.set(carrier, hit.value.source === 'live' ? { ...hit.value, cached: true, latency_ms: 0 } : hit.value);
        return;
      }
      const started = performance.now();
      const deadline = Math.min(this.o.deadlineMs, account.timeoutMs);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), deadline); });
      const asked = account.rater.shop({ reference: req.reference, carrier, service: null, shipFrom: req.shipFrom, shipTo: req.shipTo, packages: req.packages, options: { signature: req.signature, insured_value: req.declaredValue, cod: null } })
        .catch((e: unknown): ShopAnswer => ({ quotes: [], messages: [{ carrier: carrier as NativeCarrier, code: 'CARRIER_UNAVAILABLE', message: e instanceof Error ? e.message : String(e), severity: 'error' }], failure: 'unavailable' }));
      const answer = await Promise.race([asked, late]).finally(() => clearTimeout(timer));
      const latency = Math.round(performance.now() - started);
      let value: LiveRateResult;
      if (answer === 'late') {
        value = { source: 'failed', why: 'timeout', message: `no answer within ${deadline} ms`, latency_ms: latency };
      } else if (answer.quotes.length === 0) {
        const error = answer.messages.find((m) => m.severity === 'error');
        value = { source: 'failed', why: answer.failure ?? 'refused', message: error ? `${error.code}: ${error.message}` : 'the carrier offered no service for the shipment', latency_ms: latency };
      } else {
        const quotes = new Map<string, LiveQuote>();
        for (const q of answer.quotes) quotes.set(account.rater.serviceName(q.service_code), q);
        value = { source: 'live', quotes, cached: false, latency_ms: latency };
      }
      this.remember(key, value);
      out.set(carrier, value);
    }));
    return out;
  }

  private remember(key: string, value: LiveRateResult) {
    if (this.cache.size >= this.o.maxEntries) {
      const now = this.now();
      for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
      // Still full: drop the oldest entries (a Map keeps insertion order).
      for (const k of this.cache.keys()) {
        if (this.cache.size < this.o.maxEntries) break;
        this.cache.delete(k);
      }
    }
    this.cache.set(key, { until: this.now() + (value.source === 'live' ? this.o.ttlMs : this.o.failureTtlMs), value });
  }
}
