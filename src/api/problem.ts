import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, loggableError, sqlState, type FieldError } from '../kernel/errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: FieldError[];
  request_id: string;
  [k: string]: unknown;
}

function problem(status: number, code: string, detail: string, errors: FieldError[], requestId: string, extra?: Record<string, unknown>): Problem {
  // Extra details never replace the standard members.
  return {
    ...extra,
    type: `https://lastmile.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    errors,
    request_id: requestId,
  };
}

const joinPath = (parts: readonly PropertyKey[]) =>
  parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: ZodIssueLike[][];
}

/**
 * A failed union (a body that may take one of several shapes) names the fields of the shape the
 * body was closest to — the one it lacks no top-level field of, then the one with the fewest
 * issues — instead of one bare "Invalid input" at the root. Nested unions recurse.
 */
function unionIssues(branches: ZodIssueLike[][] | undefined): { path: PropertyKey[]; message: string }[] | undefined {
  if (!branches?.length) return undefined;
  const missing = (i: ZodIssueLike): boolean =>
    (i.code === 'invalid_type' && /received undefined/.test(i.message)) || (i.code === 'invalid_union' && !!i.errors?.every((b) => b.every((x) => x.path.length === 0 && missing(x))));
  // A top-level field the body lacks, or a top-level key the shape does not have: the wrong shape.
  const offShape = (b: ZodIssueLike[]) => b.filter((i) => (i.path.length <= 1 && missing(i)) || (i.path.length === 0 && i.code === 'unrecognized_keys')).length;
  const best = [...branches].sort((a, b) => offShape(a) - offShape(b) || a.length - b.length)[0]!;
  return best.flatMap((i) => {
    const inner = i.code === 'invalid_union' ? unionIssues(i.errors) : undefined;
    return inner?.length ? inner.map((x) => ({ path: [...i.path, ...x.path], message: x.message })) : [{ path: i.path, message: i.message }];
  });
}

/** Maps every error to RFC 9457 problem+json with a stable code (CONVENTIONS.md). */
export function toProblem(err: unknown, req: FastifyRequest): Problem {
  if (err instanceof AppError) return problem(err.status, err.code, err.message, err.errors, req.id, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const ctx = (err as { validationContext?: string }).validationContext;
    const errors = err.validation.flatMap((v) => {
      const parts: PropertyKey[] = v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const issues = v.keyword === 'invalid_union' ? unionIssues((v.params as { errors?: ZodIssueLike[][] }).errors) : undefined;
      const list = issues?.length ? issues.map((i) => ({ parts: [...parts, ...i.path], message: i.message })) : [{ parts, message: v.message ?? 'invalid' }];
      return list.map((x) => {
        const path = joinPath(x.parts);
        return { path: ctx && ctx !== 'body' ? (path ? `${ctx}.${path}` : ctx) : path || ctx || 'body', message: x.message };
      });
    });
    return problem(400, 'VALIDATION_FAILED', `The request ${ctx ?? 'body'} is not valid`, errors, req.id);
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_BAD_URL') return problem(400, 'VALIDATION_FAILED', 'The URL has a malformed component (a bad percent-encoding)', [{ path: 'url', message: 'not a valid URL component' }], req.id);
  if (fe.code === 'FST_ERR_MAX_PARAM_LENGTH') return problem(414, 'URI_TOO_LONG', 'A path parameter is longer than 100 characters', [{ path: 'url', message: 'a path parameter of at most 100 characters' }], req.id);
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(415, 'UNSUPPORTED_MEDIA_TYPE', fe.message, [], req.id);
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large', [], req.id);
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe instanceof SyntaxError) {
    return problem(400, 'VALIDATION_FAILED', 'The request body is not valid JSON', [{ path: '', message: fe.message }], req.id);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problem(fe.statusCode, 'VALIDATION_FAILED', fe.message, [], req.id);
  }
  const pgCode = sqlState(err);
  // A value the database cannot take (PostgreSQL class 22, data exception) is bad input that got
  // past validation: a 400, with the database's reason and no value.
  if (pgCode?.startsWith('22')) {
    req.log.warn({ request_id: req.id, error: loggableError(err) }, 'value refused by the database');
    return problem(400, 'VALIDATION_FAILED', `A value in the request cannot be stored (database code ${pgCode})`, [], req.id);
  }
  req.log.error({ request_id: req.id, error: loggableError(err) }, 'unhandled error');
  return problem(500, 'INTERNAL', 'Internal error; the request id identifies it in the server log', [], req.id);
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  if (typeof p['retry_after'] === 'number') reply.header('retry-after', String(p['retry_after']));
  return reply.status(p.status).type('application/problem+json').send(p);
}
