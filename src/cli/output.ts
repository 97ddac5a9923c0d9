import { AppError } from '../kernel/errors.js';

/** Exit codes (CONVENTIONS.md). */
export const EXIT = { ok: 0, problems: 1, usage: 2, config: 3, internal: 4 } as const;

export function exitCodeFor(e: unknown): number {
  if (e instanceof AppError) {
    if (e.code === 'CONFIGURATION' || e.code === 'DATABASE_LOCKED' || e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN') return EXIT.config;
    if (e.code === 'INTERNAL') return EXIT.internal;
    if (e.code === 'VALIDATION_FAILED') return EXIT.usage;
    return EXIT.problems;
  }
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET') return EXIT.config;
  return EXIT.internal;
}

/** One line on stderr for an error, with field errors indented below it. */
export function describeError(e: unknown): string {
  if (e instanceof AppError) {
    const fields = e.errors.map((f) => `\n  ${f.path ? `${f.path}: ` : ''}${f.message}`).join('');
    return `error: ${e.message}${fields}`;
  }
  const err = e as Error & { cause?: { code?: string } };
  if (err?.cause?.code === 'ECONNREFUSED') return `error: cannot connect: ${err.message}`;
  return `error: ${err?.message ?? String(e)}`;
}

export const stdout = (s: string): void => void process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);
export const stderr = (s: string): void => void process.stderr.write(s.endsWith("\n") ? s : `${s}\n`);
export const json = (v: unknown) => stdout(JSON.stringify(v, null, 2));
