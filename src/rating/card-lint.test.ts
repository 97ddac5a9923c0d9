import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lintRateCard } from './card-lint.js';
import { SAMPLES } from './card-import.js';
import { rateCardJsonSchema } from './rate-card.schema.js';

const base = {
  code: 'x', carrier: 'fedex', service: 'ground', name: 'X', currency: 'USD', effective_from: '2026-01-05', weight_unit: 'lb',
  weight_steps: [{ step: { value: 1, unit: 'lb' } }], prices: { zones: ['2', '3', '4'], rows: [{ weight: { value: 1, unit: 'lb' }, prices: [900, 950, 990] }, { weight: { value: 2, unit: 'lb' }, prices: [1000, 1050, 1090] }] },
};
const paths = (xs: { path: string }[]) => xs.map((x) => x.path);

describe('rate-card lint', () => {
  test('every sample is valid without a warning', () => {
    for (const s of SAMPLES) {
      const r = lintRateCard(JSON.parse(JSON.stringify(s)));
      expect([s.code, r.errors, r.warnings]).toEqual([s.code, [], []]);
    }
  });

  test('unknown fields at any depth are errors with their path', () => {
    const r = lintRateCard({ ...base, limits: { max_weight: { value: 70, unit: 'lb' }, max_girth: { value: 100, unit: 'in' } }, surcharges: [{ code: 'residential', args: { amount: 500, per_shipment: true } }] });
    expect(paths(r.errors)).toEqual(['card.limits.max_girth', 'card.surcharges.0.args.per_shipment']);
    expect(r.card).toBeNull();
  });

  test('references, units, periods and grids that cannot mean what they say', () => {
    const r = lintRateCard({
      ...base,
      prices: { zones: ['2', '3'], rows: [{ weight: { value: 2, unit: 'lb' }, prices: [1, 2] }, { weight: { value: 1, unit: 'lb' }, prices: [1, 2] }] },
      limits: { refuse_when: [{ when: 'sides_over', over: { value: 17, unit: 'in3' }, count: 2 }, { when: 'cubic' }] },
      surcharges: [
        { code: 'peak', only_with: ['large_package'], args: { periods: [{ from: '2026-12-01', to: '2026-01-15', amount: 100 }] } },
        { code: 'delivery_area', args: { tiers: [{ name: 'none', residential: 100, commercial: { '2': 50 } }] } },
      ],
      contract: { discounts: [{ name: 'd', percent: 10, applies_to: ['base', 'fuel'], zones: ['9'] }], earned: { applies_to: ['base'], tiers: [{ from_spend: 100, percent: 2 }], period_spend: 0 } },
      base_rules: [{ name: 'odd', when: [{ when: 'girth', over: { value: 10, unit: 'kg' } }], price: 100 }],
    });
    expect(r.errors).toEqual([
      { path: 'card.limits.refuse_when.0.over.unit', message: 'sides_over is measured as a length: in, cm, mm, m, ft' },
      { path: 'card.limits.refuse_when.1.over', message: 'cubic needs a threshold (over)' },
      { path: 'card.base_rules.0.when.0.over.unit', message: 'girth is measured as a length: in, cm, mm, m, ft' },
      { path: 'card.surcharges.0.only_with.0', message: 'the card has no large_package surcharge' },
      { path: 'card.surcharges.0.args.periods.0', message: 'from 2026-12-01 is after to 2026-01-15 (a period across the new year every year needs every_year: true)' },
      { path: 'card.contract.discounts.0.applies_to.1', message: 'the card has no fuel surcharge (base or a surcharge code)' },
      { path: 'card.prices.rows.1.weight', message: 'weights must rise from row to row' },
    ]);
    expect(r.warnings).toEqual([
      { path: 'card.surcharges.1.args.tiers.0', message: 'neither zips nor states: the tier never applies' },
      { path: 'card.surcharges.1.args.tiers.0.commercial', message: 'no amount for zone 3 and no default: the highest amount applies there' },
      { path: 'card.contract.discounts.0.zones.0', message: "zone 9 is not priced by the card's grid" },
      { path: 'card.contract.earned.tiers', message: 'no tier from 0: a spend under the first tier gets no earned discount' },
    ]);
  });

  test('a CSV grid is read first; its errors come with row and column', () => {
    const { prices: _p, ...card } = base;
    expect(lintRateCard(card, 'Weight,Zone 2\n1,$9.00\n').errors).toEqual([]);
    expect(lintRateCard(card, 'Weight,Zone 2\n1,nine\n').errors).toEqual([{ path: 'prices_csv row 2, column 2', message: '"nine" is not a price in USD' }]);
  });

  test('the contract written as a card in docs/rating.md lints clean and prices', () => {
    const md = readFileSync(new URL('../../docs/rating.md', import.meta.url), 'utf8');
    const yaml = /```yaml\n(code: fedex-hd-2026[\s\S]*?)```/.exec(md)![1]!;
    const doc = parseYaml(yaml) as Record<string, unknown>;
    const grid = ['Weight,Zone 2,Zone 3,Zone 4,Zone 5,Zone 6,Zone 7,Zone 8', ...Array.from({ length: 150 }, (_, w) => [w + 1, ...[2, 3, 4, 5, 6, 7, 8].map((z) => ((900 + w * (90 + 12 * z)) / 100).toFixed(2))].join(','))].join('\n');
    const r = lintRateCard(doc, grid);
    expect([r.errors, r.warnings]).toEqual([[], []]);
  });

  test('docs/rate-card.schema.json is the schema the validator generates (npm run docs:card-schema)', () => {
    const file = JSON.parse(readFileSync(new URL('../../docs/rate-card.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(rateCardJsonSchema());
  });
});
