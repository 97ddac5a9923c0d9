import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadUsZipDirectory } from '../adapters/geo/us-zip-directory.js';
import { addressValidationInputSchema, structuredAddressInputSchema } from '../addresses/address-validation.schema.js';
import { validateAddress, type AddressValidation } from '../addresses/validate.js';
import { AppError } from '../kernel/errors.js';
import { EXIT, json, stderr, stdout } from './output.js';

const lineSchema = z.object({ id: z.union([z.string(), z.number()]).optional(), address: addressValidationInputSchema });

/**
 * `address validate`: runs offline on the bundled reference data, with no database or server.
 */
export function registerAddressCommands(program: Command) {
  const address = program.command('address').description('parse, standardize, validate and classify addresses (offline)');
  address
    .command('validate')
    .description('validate one address given as text, or a JSON-lines file with --input')
    .argument('[address]', 'one address as free text, e.g. "1600 Pennsylvania Ave NW, Washington, DC 20500", or as a JSON object {line1, line2, city, state, postal_code, country}')
    .option('--input <file>', 'JSON lines: {"id": …, "address": "free text"} or {"id": …, "address": {line1, line2, city, state, postal_code, country}}; one JSON result per line on stdout')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit status: 0 when every address is valid, corrected or suspect; 1 when one is invalid or an input line is bad.')
    .action(async (text: string | undefined, o: { input?: string; json?: boolean }) => {
      if ((text === undefined) === (o.input === undefined)) {
        throw new AppError('VALIDATION_FAILED', 'give one address as an argument, or --input FILE.jsonl');
      }
      if (o.input !== undefined) {
        process.exitCode = await validateFile(o.input);
        return;
      }
      const result = validateAddress(argumentAddress(text!), await loadUsZipDirectory());
      if (o.json) json(result);
      else stdout(describe(result));
      if (result.verdict === 'invalid') process.exitCode = EXIT.problems;
    });
}

/** The argument as free text, or as the fields of a JSON object when it is one. */
function argumentAddress(text: string): z.infer<typeof addressValidationInputSchema> {
  if (!text.trim().startsWith('{')) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `the address looks like JSON but is not: ${(e as Error).message}`);
  }
  const r = structuredAddressInputSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AppError('VALIDATION_FAILED', `${issue.path.join('.') || 'address'}: ${issue.message}`);
  }
  return r.data;
}

async function validateFile(file: string): Promise<number> {
  try {
    await access(file);
  } catch {
    throw new AppError('VALIDATION_FAILED', `Cannot read ${file}`);
  }
  const dir = await loadUsZipDirectory();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let problems = false;
  const out: string[] = [];
  const flush = () => {
    if (out.length) stdout(out.join('\n'));
    out.length = 0;
  };
  for await (const raw of lines) {
    n++;
    if (raw.trim() === '') continue;
    let parsed: z.infer<typeof lineSchema>;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || !('address' in value)) {
        throw new Error('address: required, as free text or {line1, line2, city, state, postal_code, country}');
      }
      const r = lineSchema.safeParse(value);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new Error(`${issue.path.join('.') || 'line'}: ${issue.message}`);
      }
      parsed = r.data;
    } catch (e) {
      problems = true;
      out.push(JSON.stringify({ line: n, error: { code: 'VALIDATION_FAILED', message: (e as Error).message } }));
      continue;
    }
    const r = validateAddress(parsed.address, dir);
    if (r.verdict === 'invalid') problems = true;
    out.push(JSON.stringify({ id: parsed.id ?? null, ...r }));
    if (out.length >= 1000) flush();
  }
  flush();
  if (process.stderr.isTTY) stderr(`${n} lines read`);
  return problems ? EXIT.problems : EXIT.ok;
}

function describe(r: AddressValidation): string {
  const s = r.standardized;
  const lines = [
    `verdict: ${r.verdict}`,
    '',
    `  ${s.line1}`,
    ...(s.line2 ? [`  ${s.line2}`] : []),
    `  ${[s.city, s.state, s.postal_code].filter(Boolean).join(' ')}`,
    `  ${s.country}`,
    '',
  ];
  const c = r.classification;
  lines.push(
    `residential: ${c.residential.value} (${c.residential.confidence}: ${c.residential.reasons.join('; ')})`,
    `region: ${c.region ?? 'unknown'}${c.density_per_km2 !== null ? ` (${Math.round(c.density_per_km2)} people/km²)` : ''}`,
  );
  if (c.geocode) lines.push(`geocode: ${c.geocode.lat}, ${c.geocode.lon} (ZIP centroid)`);
  if (r.phone) lines.push(`phone: ${r.phone.e164}`);
  if (r.issues.length) {
    lines.push('', 'issues:');
    for (const i of r.issues) lines.push(`  ${i.severity.padEnd(7)} ${i.code} (${i.field}): ${i.message}${i.suggestion ? ` [suggestion: ${i.suggestion}]` : ''}`);
  }
  return lines.join('\n');
}
