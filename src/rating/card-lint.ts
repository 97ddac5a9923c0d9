import { AppError } from '../kernel/errors.js';
import { isCurrency } from '../kernel/money.js';
import { parsePriceGridCsv } from './grid-csv.js';
import { rateCardSchema, type Condition, type RateCard } from './rate-card.schema.js';
import { weightIn } from './billable.js';
import { MEASURE_KIND, zoneKeyRange } from './surcharges.js';

/** One finding: where in the card (`card.surcharges.2.args.criteria.0.over`) and what. */
export interface CardIssue {
  path: string;
  message: string;
}

export interface CardLint {
  /** The card as lastmile reads it, when it is valid. */
  card: RateCard | null;
  /** What makes the card unusable, or says something lastmile would not apply (an unknown field). */
  errors: CardIssue[];
  /** What imports but probably does not mean what it says. */
  warnings: CardIssue[];
}

const WEIGHTS = new Set(['g', 'kg', 'oz', 'lb']);
const LENGTHS = new Set(['in', 'cm', 'mm', 'm', 'ft']);
const VOLUMES = new Set(['in3', 'cm3']);
const KIND_UNITS = { weight: WEIGHTS, length: LENGTHS, volume: VOLUMES } as const;

/**
 * Reads a card and says what it cannot express before it is used: schema errors with their path,
 * fields the format does not have (which a plain parse would drop without a word), thresholds in
 * the wrong kind of unit, references to surcharges the card does not have, and amounts for zones
 * its grid does not price.
 */
export function lintRateCard(doc: Record<string, unknown>, pricesCsv?: string): CardLint {
  const errors: CardIssue[] = [];
  const warnings: CardIssue[] = [];
  const raw: Record<string, unknown> = { ...doc };
  if (pricesCsv !== undefined) {
    if (raw['prices'] !== undefined) return { card: null, errors: [{ path: 'card.prices', message: 'give the prices inline or as CSV, not both' }], warnings };
    const unit = raw['weight_unit'];
    const currency = raw['currency'];
    if (typeof unit !== 'string' || !WEIGHTS.has(unit)) errors.push({ path: 'card.weight_unit', message: 'g, kg, oz or lb (needed to read the CSV grid)' });
    // The grid's decimals are read in the currency's minor units, so it must be a real one.
    if (typeof currency !== 'string' || !isCurrency(currency.toUpperCase())) errors.push({ path: 'card.currency', message: 'an ISO 4217 currency code such as USD (needed to read the CSV grid)' });
    if (errors.length) return { card: null, errors, warnings };
    try {
      raw['prices'] = parsePriceGridCsv(pricesCsv, unit as 'lb', (currency as string).toUpperCase());
    } catch (e) {
      if (e instanceof AppError) return { card: null, errors: e.errors.length ? e.errors.map((x) => ({ path: x.path ?? 'prices_csv', message: x.message })) : [{ path: 'prices_csv', message: e.message }], warnings };
      throw e;
    }
  }
  const r = rateCardSchema.safeParse(raw);
  if (!r.success) {
    errors.push(...r.error.issues.slice(0, 100).map((i) => ({ path: ['card', ...i.path].join('.'), message: i.message })));
    return { card: null, errors, warnings };
  }
  const card = r.data;
  unknownKeys(raw, card, 'card', errors);
  semantics(card, errors, warnings);
  return { card: errors.length ? null : card, errors, warnings };
}

/** Validates a card for import: any error refuses it, every one named with its path. */
export function readRateCard(doc: Record<string, unknown>, pricesCsv?: string): RateCard {
  const lint = lintRateCard(doc, pricesCsv);
  if (!lint.card) throw new AppError('VALIDATION_FAILED', 'The rate card is not valid', { errors: lint.errors });
  return lint.card;
}

/** Keys of the document that the parsed card does not have: fields the format does not know. */
function unknownKeys(input: unknown, output: unknown, path: string, out: CardIssue[]) {
  if (Array.isArray(input) && Array.isArray(output)) {
    input.forEach((v, i) => unknownKeys(v, output[i], `${path}.${i}`, out));
    return;
  }
  if (!isObject(input) || !isObject(output)) return;
  for (const [k, v] of Object.entries(input)) {
    if (!(k in output)) {
      if (v !== undefined) out.push({ path: `${path}.${k}`, message: 'not part of the card format: lastmile would ignore it (see docs/rate-card.schema.json)' });
      continue;
    }
    unknownKeys(v, output[k], `${path}.${k}`, out);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function semantics(card: RateCard, errors: CardIssue[], warnings: CardIssue[]) {
  const zones = new Set(card.prices?.zones ?? Object.values(card.ltl?.per_cwt_by_class ?? {}).flatMap((z) => Object.keys(z)));
  const codes = card.surcharges.map((s) => s.code);
  const known = new Set(['base', ...codes]);

  const checkCondition = (c: Condition, path: string) => {
    const kind = MEASURE_KIND[c.when];
    if (kind === null) return;
    if (!c.over) {
      errors.push({ path: `${path}.over`, message: `${c.when} needs a threshold (over)` });
      return;
    }
    if (!KIND_UNITS[kind].has(c.over.unit)) errors.push({ path: `${path}.over.unit`, message: `${c.when} is measured as a ${kind}: ${[...KIND_UNITS[kind]].join(', ')}` });
    if (c.count !== undefined && c.when !== 'sides_over') warnings.push({ path: `${path}.count`, message: 'count is read only by sides_over' });
  };
  const checkAmount = (a: unknown, path: string) => {
    if (typeof a === 'number' || !isObject(a)) return;
    if (Array.isArray(a['by_weight'])) {
      const bands = a['by_weight'] as { up_to?: unknown; amount: unknown }[];
      bands.forEach((b, i) => checkAmount(b.amount, `${path}.by_weight.${i}.amount`));
      if (bands.slice(0, -1).some((b) => b.up_to === undefined)) errors.push({ path: `${path}.by_weight`, message: 'only the last band may leave out up_to' });
      return;
    }
    if (zones.size === 0) return;
    const covered = (z: string) =>
      Object.keys(a).some((k) => {
        const r = zoneKeyRange(k);
        return k === z || k === 'default' || (r !== null && Number(z) >= r[0] && Number(z) <= r[1]);
      });
    for (const k of Object.keys(a)) {
      if (k === 'default' || zoneKeyRange(k)) continue;
      if (!zones.has(k)) warnings.push({ path: `${path}.${k}`, message: `zone ${k} is not priced by the card's grid` });
    }
    const missing = [...zones].filter((z) => !covered(z));
    if (missing.length) warnings.push({ path, message: `no amount for zone${missing.length > 1 ? 's' : ''} ${missing.join(', ')} and no default: the highest amount applies there` });
  };

  card.limits.refuse_when.forEach((c, i) => checkCondition(c, `card.limits.refuse_when.${i}`));
  card.base_rules.forEach((r, i) => {
    const p = `card.base_rules.${i}`;
    r.when.forEach((c, j) => checkCondition(c, `${p}.when.${j}`));
    r.unless.forEach((c, j) => checkCondition(c, `${p}.unless.${j}`));
    if (r.when.length === 0 && r.unless.length === 0 && !r.cubic) warnings.push({ path: `${p}.when`, message: 'no conditions: the rule prices every package' });
    if (r.price !== undefined) checkAmount(r.price, `${p}.price`);
    if (r.cubic) {
      const missing = [...zones].filter((z) => !r.cubic!.zones.includes(z));
      if (missing.length) warnings.push({ path: `${p}.cubic.zones`, message: `zones ${missing.join(', ')} have no cubic price: those packages are refused (NO_PRICE)` });
    }
    if (card.mode === 'ltl') warnings.push({ path: p, message: 'base rules price parcels; an LTL card ignores them' });
  });

  card.surcharges.forEach((s, i) => {
    const p = `card.surcharges.${i}`;
    s.only_with?.forEach((code, j) => {
      const at = codes.indexOf(code as (typeof codes)[number]);
      if (at < 0) errors.push({ path: `${p}.only_with.${j}`, message: `the card has no ${code} surcharge` });
      else if (at > i) errors.push({ path: `${p}.only_with.${j}`, message: `${code} comes later in the list: surcharges apply in order, so list it before this one` });
    });
    switch (s.code) {
      case 'residential':
        checkAmount(s.args.amount, `${p}.args.amount`);
        break;
      case 'delivery_area':
        s.args.tiers.forEach((t, j) => {
          if (t.zips.length === 0 && t.states.length === 0) warnings.push({ path: `${p}.args.tiers.${j}`, message: 'neither zips nor states: the tier never applies' });
          checkAmount(t.residential, `${p}.args.tiers.${j}.residential`);
          checkAmount(t.commercial, `${p}.args.tiers.${j}.commercial`);
        });
        break;
      case 'additional_handling':
        s.args.criteria.forEach((c, j) => {
          checkCondition(c, `${p}.args.criteria.${j}`);
          checkAmount(c.amount, `${p}.args.criteria.${j}.amount`);
          if (c.min_billable_weight && (c.when === 'weight' || c.when === 'billable_weight')) warnings.push({ path: `${p}.args.criteria.${j}.min_billable_weight`, message: 'carriers raise the billable weight for size, not for weight' });
        });
        break;
      case 'large_package':
        s.args.criteria.forEach((c, j) => checkCondition(c, `${p}.args.criteria.${j}`));
        checkAmount(s.args.amount, `${p}.args.amount`);
        break;
      case 'dimension_fee':
        s.args.tiers.forEach((t, j) => {
          checkCondition(t, `${p}.args.tiers.${j}`);
          checkAmount(t.amount, `${p}.args.tiers.${j}.amount`);
        });
        break;
      case 'peak':
        s.args.periods.forEach((x, j) => {
          if (!x.every_year && x.from > x.to) errors.push({ path: `${p}.args.periods.${j}`, message: `from ${x.from} is after to ${x.to} (a period across the new year every year needs every_year: true)` });
          checkAmount(x.amount, `${p}.args.periods.${j}.amount`);
        });
        break;
      default:
        break;
    }
  });

  card.fuel?.applies_to.forEach((code, i) => {
    if (!known.has(code)) warnings.push({ path: `card.fuel.applies_to.${i}`, message: `the card has no ${code} surcharge` });
  });
  const contract = card.contract;
  if (contract) {
    contract.discounts.forEach((d, i) => {
      d.applies_to.forEach((code, j) => {
        if (!known.has(code)) errors.push({ path: `card.contract.discounts.${i}.applies_to.${j}`, message: `the card has no ${code} surcharge (base or a surcharge code)` });
      });
      d.zones?.forEach((z, j) => {
        if (zones.size && !zones.has(z)) warnings.push({ path: `card.contract.discounts.${i}.zones.${j}`, message: `zone ${z} is not priced by the card's grid` });
      });
    });
    contract.earned?.applies_to.forEach((code, j) => {
      if (!known.has(code)) errors.push({ path: `card.contract.earned.applies_to.${j}`, message: `the card has no ${code} surcharge (base or a surcharge code)` });
    });
    if (contract.earned && Math.min(...contract.earned.tiers.map((t) => t.from_spend)) > 0) warnings.push({ path: 'card.contract.earned.tiers', message: 'no tier from 0: a spend under the first tier gets no earned discount' });
    if (contract.minimum_net) checkAmount(contract.minimum_net.amount, 'card.contract.minimum_net.amount');
  }
  if (card.prices) {
    const rows = card.prices.rows;
    for (let i = 1; i < rows.length; i++) {
      if (weightIn(rows[i]!.weight, 'g') <= weightIn(rows[i - 1]!.weight, 'g')) errors.push({ path: `card.prices.rows.${i}.weight`, message: 'weights must rise from row to row' });
    }
  }
}
