import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../kernel/errors.js';
import { formatMoney } from '../kernel/money.js';
import { parseDimensions, parseWeight } from '../kernel/units.js';
import { lintRateCard } from '../rating/card-lint.js';
import { quoteRequestSchema, type QuoteResponse } from '../rating/quote-request.schema.js';
import { viaApiOrLocal } from './context.js';
import { EXIT, json, stderr, stdout } from './output.js';

async function readText(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new AppError('VALIDATION_FAILED', `Cannot read ${file}`, { errors: [{ path: flag, message: 'no such file' }] });
  }
}

function parseDoc(text: string, file: string): unknown {
  try {
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
}

function printQuote(r: QuoteResponse) {
  stdout(`${r.from} -> ${r.to} on ${r.ship_date}`);
  for (const s of r.services) {
    if (!s.eligible) {
      stdout(`  ${s.name.padEnd(44)} not available: ${s.reason}`);
      continue;
    }
    const p = s.packages[0]!;
    const parts = [`base ${formatMoney(p.base)}`, ...p.surcharges.map((x) => `${x.label} ${formatMoney(x.amount)}`), ...(p.discounts ?? []).map((x) => `-${formatMoney(x.amount)} ${x.label}`), ...(p.fuel.amount.amount ? [`fuel ${p.fuel.percent}% ${formatMoney(p.fuel.amount)}`] : [])];
    stdout(`  ${s.name.padEnd(44)} ${formatMoney(s.total).padStart(12)}  zone ${s.zone}${s.zone_source === 'estimated' ? ' (estimated)' : ''}, ${p.billable_weight.value} ${p.billable_weight.unit}, ${s.transit_days ?? '?'} days`);
    stdout(`      ${parts.join(' + ')}${s.converted ? `  = ${formatMoney(s.converted.total)} at ${s.converted.rate}` : ''}`);
  }
  for (const w of r.warnings) stderr(`warning: ${w}`);
  const notes = [...new Set(r.services.flatMap((s) => (s.eligible ? s.notes : [])))];
  for (const n of notes) stderr(`note: ${n}`);
}

export function registerRatingCommands(program: Command) {
  const cards = program.command('rate-cards').description('carrier rate cards');
  cards
    .command('import')
    .description('import a rate card version from JSON or YAML, its price grid inline or as a CSV')
    .argument('<card>', 'card document (.json, .yaml)')
    .option('--prices <csv>', 'the price grid as the carrier publishes it: weight, then one column per zone')
    .option('--tenant <name>', 'tenant name (default: the only tenant)')
    .option('--json', 'print the stored card as JSON')
    .action(async (file: string, o: { prices?: string; tenant?: string; json?: boolean }) => {
      const doc = parseDoc(await readText(file, '<card>'), file);
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new AppError('VALIDATION_FAILED', `${file} must hold one card (an object)`);
      const prices = o.prices ? await readText(o.prices, '--prices') : undefined;
      const body = { card: doc as Record<string, unknown>, ...(prices !== undefined ? { prices_csv: prices } : {}) };
      const view = await viaApiOrLocal(
        o.tenant,
        (c) => c.request<{ id: string; card: { code: string; effective_from: string } }>('POST', '/v1/rate-cards', body),
        (lm, t) => lm.services.rating.importCard(t, body.card, body.prices_csv),
      );
      if (o.json) json(view);
      else stdout(`imported ${view.card.code} effective ${view.card.effective_from} (${view.id})`);
    });
  cards
    .command('lint')
    .description('say what a card cannot express before it is imported: errors (with their path) and warnings; offline')
    .argument('<card>', 'card document (.json, .yaml)')
    .option('--prices <csv>', 'its price grid as a CSV')
    .option('--json', 'the findings as JSON')
    .action(async (file: string, o: { prices?: string; json?: boolean }) => {
      const doc = parseDoc(await readText(file, '<card>'), file);
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new AppError('VALIDATION_FAILED', `${file} must hold one card (an object)`);
      const prices = o.prices ? await readText(o.prices, '--prices') : undefined;
      const r = lintRateCard(doc as Record<string, unknown>, prices);
      if (o.json) json({ valid: r.errors.length === 0, errors: r.errors, warnings: r.warnings });
      else {
        for (const e of r.errors) stdout(`error    ${e.path}: ${e.message}`);
        for (const w of r.warnings) stdout(`warning  ${w.path}: ${w.message}`);
        stdout(r.errors.length ? `${file}: ${r.errors.length} error(s), ${r.warnings.length} warning(s): the card cannot be imported as it is` : `${file}: ${r.card!.code} effective ${r.card!.effective_from} is valid${r.warnings.length ? `, ${r.warnings.length} warning(s)` : ''}`);
      }
      if (r.errors.length) process.exitCode = EXIT.problems;
    });
  cards
    .command('list')
    .description('rate cards in use: your versions, then the samples')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'JSON on stdout')
    .action(async (o: { tenant?: string; json?: boolean }) => {
      type Row = { id: string; code: string; name: string; effective_from: string; source: string; hidden_by: string | null };
      const rows = await viaApiOrLocal<Row[]>(
        o.tenant,
        async (c) => (await c.request<{ data: Row[] }>('GET', '/v1/rate-cards')).data,
        async (lm, t) => (await lm.services.rating.listCards(t)).map((v) => ({ id: v.id, code: v.card.code, name: v.card.name, effective_from: v.card.effective_from, source: v.source, hidden_by: v.hidden_by })),
      );
      if (o.json) return json(rows);
      for (const r of rows) stdout(`${r.code.padEnd(32)} ${r.effective_from}  ${r.source.padEnd(6)} ${r.name}${r.hidden_by ? `  (replaced by ${r.hidden_by})` : ''}`);
    });

  program
    .command('zones')
    .description('zone charts')
    .command('import')
    .description('import a USPS zone chart (.json, one origin as the USPS service returns it) or a carrier zone table (.csv: origin,destination,zone)')
    .argument('<file>')
    .option('--code <code>', 'for a CSV table: the chart family the cards name in zones.chart')
    .option('--effective-from <date>', 'for a CSV table: YYYY-MM-DD')
    .option('--tenant <name>', 'tenant name')
    .action(async (file: string, o: { code?: string; effectiveFrom?: string; tenant?: string }) => {
      const text = await readText(file, '<file>');
      const csv = /\.csv$/i.test(file);
      if (csv && (!o.code || !o.effectiveFrom)) throw new AppError('VALIDATION_FAILED', 'A CSV zone table needs --code and --effective-from');
      const body = csv ? { format: 'csv' as const, code: o.code!, effective_from: o.effectiveFrom!, csv: text } : { format: 'usps' as const, chart: parseDoc(text, file) };
      const r = await viaApiOrLocal(
        o.tenant,
        (c) => c.request<Record<string, unknown>>('POST', '/v1/zone-charts', body),
        (lm, t) => (body.format === 'csv' ? lm.services.rating.importZoneTable(t, body.code, body.effective_from, body.csv) : lm.services.rating.importUspsZoneChart(t, body.chart)),
      );
      stdout(`imported ${JSON.stringify(r)}`);
    });

  program
    .command('rate')
    .description('quote every service for a package (offline on the local database, or through LASTMILE_URL)')
    .requiredOption('--from <zip>', 'origin ZIP Code')
    .requiredOption('--to <zip>', 'destination ZIP Code')
    .requiredOption('--weight <weight>', 'e.g. 5lb, 12oz, 2.5kg')
    .option('--dims <dims>', 'e.g. 12x10x8in, 30x20x15cm')
    .option('--residential', 'deliver to a residence (the default)')
    .option('--commercial', 'deliver to a business')
    .option('--zone <zone>', 'what-if: use this zone')
    .option('--signature <kind>', 'indirect, direct or adult')
    .option('--ship-date <date>', 'YYYY-MM-DD (default today)')
    .option('--services <codes>', 'comma-separated card codes')
    .option('--tenant <name>', 'tenant name')
    .option('--json', 'print the quote as JSON')
    .action(async (o: { from: string; to: string; weight: string; dims?: string; residential?: boolean; commercial?: boolean; zone?: string; signature?: string; shipDate?: string; services?: string; tenant?: string; json?: boolean }) => {
      const weight = parseWeight(o.weight);
      if (!weight) throw new AppError('VALIDATION_FAILED', `--weight ${o.weight}: expected e.g. 5lb, 12oz, 2.5kg`);
      const dims = o.dims ? parseDimensions(o.dims) : null;
      if (o.dims && !dims) throw new AppError('VALIDATION_FAILED', `--dims ${o.dims}: expected e.g. 12x10x8in`);
      if (o.residential && o.commercial) throw new AppError('VALIDATION_FAILED', 'give --residential or --commercial, not both');
      const parsed = quoteRequestSchema.safeParse({
        from: { postal_code: o.from }, to: { postal_code: o.to }, packages: [{ weight, dimensions: dims }],
        options: { residential: !o.commercial, ...(o.signature ? { signature: o.signature } : {}) },
        ...(o.zone ? { zone: o.zone } : {}), ...(o.shipDate ? { ship_date: o.shipDate } : {}),
        ...(o.services ? { services: o.services.split(',').map((s) => s.trim()) } : {}),
      });
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', 'Invalid quote options', { errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      }
      const r = await viaApiOrLocal(o.tenant, (c) => c.request<QuoteResponse>('POST', '/v1/rates', parsed.data), (lm, t) => lm.services.rating.quote(t, parsed.data));
      if (o.json) json(r);
      else printQuote(r);
      if (!r.services.some((s) => s.eligible)) process.exitCode = EXIT.problems;
    });
}
