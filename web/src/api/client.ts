import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../.generated/schema';

/** An API error as the server says it (RFC 9457 problem details), with the fields it names. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

let csrf: string | null = null;
/** The session's CSRF token, sent on every state-changing request (the cookie alone is refused). */
export const setCsrf = (token: string | null) => {
  csrf = token;
};

const withCsrf: Middleware = {
  onRequest({ request }) {
    if (csrf && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) request.headers.set('x-csrf-token', csrf);
    return request;
  },
};

/** The public /v1 API, typed from its OpenAPI document (a response it does not describe is a build error). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(withCsrf);

/** The data of a response, or an ApiError with the server's problem details. */
export async function unwrap<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) {
    const e = (error ?? {}) as Partial<Problem>;
    throw new ApiError({ status: response.status, code: e.code ?? 'HTTP_' + response.status, detail: e.detail ?? response.statusText, errors: e.errors ?? [] });
  }
  return data as T;
}
