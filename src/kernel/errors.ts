/** A failing field: `path` is the dotted/bracketed path in the request body or file row. */
export interface FieldError {
  path: string;
  message: string;
}

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'IDEMPOTENCY_CONFLICT'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'INVALID_STATE'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'DATABASE_LOCKED'
  | 'CONFIGURATION'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  DUPLICATE: 409,
  IDEMPOTENCY_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DATABASE_LOCKED: 503,
  CONFIGURATION: 500,
  INTERNAL: 500,
};

/**
 * An expected failure with a stable code. The API maps it to problem+json, the CLI to an exit
 * code and one line. Bugs and infrastructure failures stay plain Errors.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[];
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { errors?: FieldError[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.errors = opts.errors ?? [];
    this.details = opts.details;
  }
}

export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} not found`);

export const validationFailed = (errors: FieldError[], message = 'The request is not valid') =>
  new AppError('VALIDATION_FAILED', message, { errors });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * What of an error may go to a log: names, codes and code locations, never messages. A database
 * error's message carries the failed query's parameters (a ship-to's name, phone, address), and
 * other messages may quote input too. Walks the `cause` chain.
 */
export function loggableError(e: unknown): Record<string, unknown> {
  const chain: Record<string, unknown>[] = [];
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const x = cur as { name?: unknown; code?: unknown; routine?: unknown; constraint?: unknown; table?: unknown; severity?: unknown; stack?: unknown; cause?: unknown };
    const entry: Record<string, unknown> = { type: typeof x.name === 'string' ? x.name : typeof cur };
    if (typeof x.code === 'string' || typeof x.code === 'number') entry['code'] = x.code;
    for (const k of ['routine', 'constraint', 'table', 'severity'] as const) if (typeof x[k] === 'string') entry[k] = x[k];
    // Stack frames without the message line: where it failed, not what it was given.
    if (typeof x.stack === 'string') entry['at'] = x.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).map((l) => l.trim());
    chain.push(entry);
    cur = x.cause;
  }
  return chain.length === 1 ? chain[0]! : { ...chain[0], causes: chain.slice(1) };
}

/** The SQLSTATE of a PostgreSQL error, through drizzle's wrapper or straight from the driver. */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const c = (cur as { code?: unknown }).code;
    // SQLSTATE classes start with a digit, or are HV, P0, XX, F0 (not errno codes like EPIPE).
    if (typeof c === 'string' && /^([0-9][0-9A-Z]|HV|P0|XX|F0)[0-9A-Z]{3}$/.test(c)) return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
