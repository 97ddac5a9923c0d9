import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiFixture, labeledShipment, type ApiFixture } from './helpers/api-fixture.js';

type Json = Record<string, any>;
let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({ trackingScanMs: 0 });
});
afterAll(async () => {
  await f?.close();
});

const ev = (code: string, at: string) => ({ code, occurred_at: at, description: code.toLowerCase(), location: 'Boston, MA' });
const track = async (tn: string, events: unknown[]) =>
  expect((await f.app.inject({ method: 'POST', url: '/v1/tracking/events', headers: f.auth(), payload: { tracking_number: tn, events } })).statusCode).toBe(200);
const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('carrier KPIs', () => {
  test('on-time, first-attempt, loss and in-flight counts per service, and the decision engine learns from them', async () => {
    const [a, b, c, d] = [await labeledShipment(f), await labeledShipment(f), await labeledShipment(f), await labeledShipment(f)];
    expect(new Set([a, b, c, d].map((s) => s.card)).size).toBe(1);
    const latest = (await f.app.inject({ url: `/v1/orders/${a.order_id}`, headers: f.auth() })).json().decision.chosen.promise.latest.slice(0, 10) as string;
    // a: delivered on the last promised day; b: a failed attempt, then delivered two days late;
    // c: lost; d: still moving. The clock moves past all of it (events from the future are refused).
    f.clock.set(`${dayAfter(latest, 4)}T12:00:00Z`);
    await track(a.tracking_numbers[0]!, [ev('PICKED_UP', `${dayAfter(latest, -2)}T10:00:00Z`), ev('DELIVERED', `${latest}T15:00:00Z`)]);
    await track(b.tracking_numbers[0]!, [ev('ATTEMPTED', `${latest}T15:00:00Z`), ev('DELIVERED', `${dayAfter(latest, 2)}T15:00:00Z`)]);
    await track(c.tracking_numbers[0]!, [ev('IN_TRANSIT', `${dayAfter(latest, -2)}T10:00:00Z`), ev('LOST', `${dayAfter(latest, 3)}T10:00:00Z`)]);
    await track(d.tracking_numbers[0]!, [ev('IN_TRANSIT', `${dayAfter(latest, -2)}T10:00:00Z`)]);

    const r = await f.app.inject({ url: '/v1/kpis/carriers?sla=0.9', headers: f.auth() });
    expect(r.statusCode, r.body).toBe(200);
    const k = r.json().carriers.find((x: Json) => x.card === a.card);
    expect(k).toMatchObject({
      carrier: a.carrier, shipments: 4, packages: 4, delivered: 2, lost: 1, returned: 0, in_flight: 1,
      on_time_rate: 0.5, first_attempt_rate: 0.5, loss_rate: 0.3333, sla: { target: 0.9, met: false },
    });
    expect(k.cost_per_parcel).toEqual(a.cost);
    expect(k.avg_transit_days).toBeGreaterThan(0);
    // A period with nothing labelled in it: no rows.
    expect((await f.app.inject({ url: '/v1/kpis/carriers?from=2020-01-01&to=2020-01-31', headers: f.auth() })).json().carriers).toEqual([]);
    expect((await f.app.inject({ url: '/v1/kpis/carriers?from=2026-12-01&to=2026-11-01', headers: f.auth() })).statusCode).toBe(400);

    // The decision engine's estimates for that service move from the priors toward what was seen.
    const cfg = (await f.app.inject({ url: '/v1/routing/rules', headers: f.auth() })).json();
    f.t.lm.services.kpis.forget(f.tenantId);
    const e = await labeledShipment(f);
    const decision = (await f.app.inject({ url: `/v1/orders/${e.order_id}`, headers: f.auth() })).json().decision;
    const cand = [decision.chosen, ...decision.candidates].find((x: Json) => x.card === a.card);
    expect(cand.score.risks.loss.probability).toBeGreaterThan(cfg.priors.default.loss);
    expect(cand.score.risks.fail_first_attempt.probability).toBeGreaterThan(cfg.priors.default.fail_first_attempt);
  });

  test('week by week, for everything and per carrier; the overview counts the queue, today and open cases', async () => {
    // The four shipments of the first test were labelled on Thursday 2026-11-26: the week of Monday 2026-11-23.
    const w = await f.app.inject({ url: '/v1/kpis/weekly?weeks=4', headers: f.auth() });
    expect(w.statusCode, w.body).toBe(200);
    const weeks = w.json().weeks as { week: string; kpis: Json[] }[];
    expect(weeks.map((x) => x.week)).toEqual([...weeks.map((x) => x.week)].sort());
    expect(weeks.every((x) => new Date(`${x.week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    const nov23 = weeks.find((x) => x.week === '2026-11-23')!;
    expect(nov23.kpis).toHaveLength(1);
    expect(nov23.kpis[0]).toMatchObject({ carrier: 'all', shipments: 4, delivered: 2, lost: 1, on_time_rate: 0.5, first_attempt_rate: 0.5 });
    const byCarrier = (await f.app.inject({ url: '/v1/kpis/weekly?weeks=4&by=carrier', headers: f.auth() })).json().weeks as { week: string; kpis: Json[] }[];
    const thatWeek = (await f.app.inject({ url: '/v1/kpis/carriers?from=2026-11-23&to=2026-11-29', headers: f.auth() })).json().carriers as Json[];
    expect(byCarrier.find((x) => x.week === '2026-11-23')!.kpis.map((k) => k.carrier)).toEqual([...new Set(thatWeek.map((k) => k.carrier))]);
    expect((await f.app.inject({ url: '/v1/kpis/weekly?weeks=54', headers: f.auth() })).statusCode).toBe(400);

    const o = await f.app.inject({ url: `/v1/overview?tz=${encodeURIComponent('America/New_York')}`, headers: f.auth() });
    expect(o.statusCode, o.body).toBe(200);
    const ov = o.json();
    const now = f.clock.now();
    expect(ov.today).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(now));
    // Midnight in New York is 04:00 or 05:00 UTC.
    expect(ov.since).toMatch(/T0[45]:00:00\.000Z$/);
    let all = 0;
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { data: unknown[]; next_cursor: string | null } = (await f.app.inject({ url: `/v1/orders?limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers: f.auth() })).json();
      all += page.data.length;
      cursor = page.next_cursor;
    }
    expect(Object.values(ov.orders_by_status as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(all);
    // The fifth shipment was labelled at the clock's time, today.
    expect(ov.labels_since.shipments).toBeGreaterThanOrEqual(1);
    const unresolved = (await f.app.inject({ url: '/v1/cases?state=unresolved&limit=200', headers: f.auth() })).json().data.length;
    expect(ov.open_cases).toBe(unresolved);
    const bad = await f.app.inject({ url: '/v1/overview?tz=Mars/Olympus', headers: f.auth() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.tz');
  });
});
