import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../kernel/errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
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

/** Maps every error to RFC 9457 problem+json with a stable code (CONVENTIONS.md). */
export function toProblem(err: unknown, req: FastifyRequest): Problem {
  if (err instanceof AppError) return problem(err.status, err.code, err.message, err.errors, req.id, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const ctx = (err as { validationContext?: string }).validationContext;
    const errors = err.validation.map((v) => {
      const parts = v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const path = joinPath(parts);
      return { path: ctx && ctx !== 'body' ? (path ? `${ctx}.${path}` : ctx) : path, message: v.message ?? 'invalid' };
    });
    return problem(400, 'VALIDATION_FAILED', `The request ${ctx ?? 'body'} is not valid`, errors, req.id);
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(415, 'UNSUPPORTED_MEDIA_TYPE', fe.message, [], req.id);
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large', [], req.id);
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe instanceof SyntaxError) {
    return problem(400, 'VALIDATION_FAILED', 'The request body is not valid JSON', [{ path: '', message: fe.message }], req.id);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problem(fe.statusCode, 'VALIDATION_FAILED', fe.message, [], req.id);
  }
  req.log.error({ err }, 'unhandled error');
  return problem(500, 'INTERNAL', 'Internal error; the request id identifies it in the server log', [], req.id);
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  if (p.status === 429 && typeof p['retry_after'] === 'number') reply.header('retry-after', String(p['retry_after']));
  return reply.status(p.status).type('application/problem+json').send(p);
}
