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
