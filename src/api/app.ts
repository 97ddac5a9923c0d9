import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../kernel/errors.js';
import { ulid } from '../kernel/ids.js';
import type { Lastmile } from '../main.js';
import type { Scope } from '../tenants/api-key.js';
import type { Principal } from '../tenants/tenant.schema.js';
import { checkIdempotency, requestHash } from './idempotency.js';
import { sendProblem, toProblem } from './problem.js';
import { RateLimiter } from './rate-limit.js';
import { registerUploadParser, Upload } from './upload.js';
import { checkRequestStrings, registerJsonParser } from './json-body.js';
import { healthRoutes } from './routes/health.routes.js';
import { tenantRoutes } from './routes/tenant.routes.js';
import { apiKeyRoutes } from './routes/api-keys.routes.js';
import { authRoutes, SESSION_COOKIE } from './routes/auth.routes.js';
import { userRoutes } from './routes/users.routes.js';
import { warehouseRoutes } from './routes/warehouses.routes.js';
import { catalogRoutes } from './routes/catalog.routes.js';
import { addressRoutes } from './routes/addresses.routes.js';
import { ratingRoutes } from './routes/rating.routes.js';
import { packingRoutes } from './routes/packing.routes.js';
import { kpisRoutes } from './routes/kpis.routes.js';
import { routingRoutes } from './routes/routing.routes.js';
import { orderRoutes } from './routes/orders.routes.js';
import { jobRoutes } from './routes/jobs.routes.js';
import { shipmentRoutes } from './routes/shipments.routes.js';
import { trackingRoutes } from './routes/tracking.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { channelRoutes } from './routes/channels.routes.js';
import { truckPlanRoutes } from './routes/truck-plans.routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    idempotencyKey?: string;
  }
  interface FastifyContextConfig {
    /** The scope a route needs; routes under /v1 without one need only a valid key. */
    scope?: Scope;
    /** No API key: the route authenticates its caller itself (signed channel webhooks). */
    public?: boolean;
    /** Accepts a file body (text/csv) spooled to disk. */
    upload?: boolean;
  }
}

/** The tenant of the caller; routes under /v1 always have one. */
export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  return req.principal;
}

/** `api:key_…` or `user:usr_…`: who made a change, for audit trails (never the secret). */
export const actor = (req: FastifyRequest) => {
  const p = principal(req);
  return p.user ? `user:${p.user.id}` : `api:${p.keyId}`;
};

export interface HttpOptions {
  logLevel?: string;
  /** Where the built dashboard is (default web/dist); it is served at / when it exists. */
  webRoot?: string;
  /** Where the log goes (tests read it); stdout otherwise. */
  logStream?: NodeJS.WritableStream;
}

export async function buildHttpApp(lm: Lastmile, opts: HttpOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? lm.config.logLevel,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      // Bodies and headers carry personal data and secrets: log neither.
      redact: ['req.headers.authorization'],
      serializers: {
        req: (r: FastifyRequest) => ({ method: r.method, url: r.url.split('?')[0], request_id: r.id }),
        res: (r: { statusCode: number }) => ({ status: r.statusCode }),
      },
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : `req_${ulid()}`;
    },
    bodyLimit: 5 * 1024 * 1024,
    // Errors the router raises before any route runs (a bad %-encoding, an over-long path
    // parameter) get the same problem+json as every other error.
    frameworkErrors: (err, req, reply) => {
      reply.header('x-request-id', req.id);
      return sendProblem(reply, toProblem(err, req));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API (OpenAPI); the handlers' return types already come from
  // the same zod schemas, so responses are serialized as plain JSON. zod's encode would reject
  // the one-way transforms (trimming, defaults) the input schemas use.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(cookie);
  registerJsonParser(app, 5 * 1024 * 1024);
  registerUploadParser(app, lm.config.uploadDir, lm.config.importMaxBytes);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'lastmile API',
        version: '0.1.0',
        description: 'Orders, catalog and warehouses for last-mile delivery. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key: lm_live_… or lm_test_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'lm_session', description: 'A signed-in user (POST /v1/auth/login); state-changing requests also send X-CSRF-Token' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: createJsonSchemaTransform({ zodToJsonConfig: { override: describeTransforms } }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const limiter = new RateLimiter(lm.config.rateLimit.perSecond, lm.config.rateLimit.burst);
  const failedAuth = new RateLimiter(lm.config.authFailures.perMinute / 60, lm.config.authFailures.burst);
  const { tenants } = lm.services;

  app.setErrorHandler((err, req, reply) => sendProblem(reply, toProblem(err, req)));
  // The dashboard (web/dist, built by `npm run build:web`) at /, on the same origin as the API.
  const webRoot = opts.webRoot ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const dashboard = existsSync(join(webRoot, 'index.html'));
  if (dashboard) await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'], wildcard: false, preCompressed: true, cacheControl: false, setHeaders: (res, path) => res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache') });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    // The app's own routes (/orders/ord_…) are pages: the app reads the path.
    if (dashboard && req.method === 'GET' && !/^\/(v1|docs|openapi\.json|t|webhooks|health|ready|assets)(\/|$)/.test(path) && (req.headers.accept ?? '').includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, toProblem(new AppError('NOT_FOUND', `No route ${req.method} ${path}`), req));
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (!req.url.startsWith('/v1/') || req.routeOptions.config.public) return;
    const h = req.headers.authorization;
    const cookie = req.cookies[SESSION_COOKIE];
    // The dashboard sends a session cookie (and on every state-changing request its CSRF
    // token); machines send an API key.
    const viaSession = h === undefined && !!cookie;
    const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
    if (!viaSession && !m) throw new AppError('UNAUTHENTICATED', 'Send an API key as Authorization: Bearer <key>, or sign in (POST /v1/auth/login)');
    const secret = viaSession ? cookie! : m![1]!;
    // Guessing keys or sessions: a client address that sent too many invalid ones waits before it may try again.
    const locked = failedAuth.waitFor(req.ip);
    if (locked > 0) throw new AppError('RATE_LIMITED', `Too many invalid ${viaSession ? 'sessions' : 'API keys'} from this address`, { details: { retry_after: locked } });
    const p = viaSession ? await lm.services.users.authenticate(secret) : await tenants.authenticate(secret);
    if (!p) {
      failedAuth.take(req.ip);
      throw new AppError('UNAUTHENTICATED', viaSession ? 'The session ended or is not valid: sign in again' : 'The API key is not valid or was revoked');
    }
    if (viaSession && !SAFE_METHODS.has(req.method)) checkCsrf(req, secret);
    req.principal = p;
    const wait = limiter.take(p.keyId);
    if (wait > 0) throw new AppError('RATE_LIMITED', `Too many requests for this ${viaSession ? 'user' : 'API key'}`, { details: { retry_after: wait } });
    const scope = req.routeOptions.config.scope;
    if (scope) tenants.authorize(p, scope);
  });

  const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
  /** Another site's page can make the browser send the cookie, but can neither read the token nor fake the Origin. */
  const checkCsrf = (req: FastifyRequest, sessionToken: string) => {
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== 'null' && originHost(origin) !== req.headers.host) throw new AppError('FORBIDDEN', 'Cross-site request refused');
    const csrf = req.headers['x-csrf-token'];
    if (!lm.services.users.csrfMatches(sessionToken, typeof csrf === 'string' ? csrf : undefined)) {
      throw new AppError('FORBIDDEN', 'Missing or wrong CSRF token: send X-CSRF-Token with the csrf_token of GET /v1/auth/session');
    }
  };

  // A NUL or a lone surrogate in a path id or query value is a 400 naming it, on any route
  // (PostgreSQL would refuse it with an encoding error).
  app.addHook('preValidation', async (req) => checkRequestStrings(req.params, req.query));

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.principal) return;
    const path = req.url.split('?')[0]!;
    const body = req.body instanceof Upload ? { file_sha256: req.body.sha256, query: req.query } : { body: req.body, query: req.query };
    const decision = await checkIdempotency(lm.idempotency, req.principal.tenantId, key, { method: req.method, path, hash: requestHash(req.method, path, body) }, lm.clock.now(), { maxWaitMs: lm.config.idempotencyWaitMs, pollMs: 50 });
    if (decision.kind === 'replay') {
      if (req.body instanceof Upload) await req.body.discard();
      reply.header('idempotent-replayed', 'true');
      return reply.status(decision.response.statusCode).send(decision.response.body);
    }
    req.idempotencyKey = key;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.idempotencyKey && req.principal) {
      const { tenantId } = req.principal;
      const key = req.idempotencyKey;
      req.idempotencyKey = undefined;
      if (reply.statusCode >= 500) await lm.idempotency.release(tenantId, key);
      else {
        let body: unknown = null;
        try {
          body = typeof payload === 'string' ? JSON.parse(payload) : null;
        } catch {
          body = null;
        }
        await lm.idempotency.complete(tenantId, key, { statusCode: reply.statusCode, body });
      }
    }
    return payload;
  });

  app.addHook('onResponse', async (req) => {
    // A handler that failed before consuming its upload leaves the spool file behind.
    if (req.body instanceof Upload && !(req as { uploadKept?: boolean }).uploadKept) await req.body.discard();
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes(lm));
  await app.register(apiKeyRoutes(lm));
  await app.register(tenantRoutes(lm));
  await app.register(authRoutes(lm));
  await app.register(userRoutes(lm));
  await app.register(warehouseRoutes(lm));
  await app.register(catalogRoutes(lm));
  await app.register(addressRoutes(lm));
  await app.register(ratingRoutes(lm));
  await app.register(packingRoutes(lm));
  await app.register(kpisRoutes(lm));
  await app.register(routingRoutes(lm));
  await app.register(orderRoutes(lm));
  await app.register(jobRoutes(lm));
  await app.register(truckPlanRoutes(lm));
  await app.register(shipmentRoutes(lm));
  await app.register(trackingRoutes(lm));
  await app.register(webhookRoutes(lm));
  await app.register(channelRoutes(lm));
  return app;
}

/**
 * OpenAPI for responses: a zod transform's output has no JSON Schema (zod writes `{}`), so the
 * document described many response fields as anything — and a typed client as `unknown`. Our
 * transforms keep the type (trimming, upper-casing, `nullish` → null), so they are described by
 * their input. Unions lose the empty branches zod leaves (what the library's own override did).
 */
function describeTransforms(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) {
  const def = (ctx.zodSchema as { _zod?: { def?: { type?: string; in?: z.ZodType; out?: { _zod?: { def?: { type?: string } } } } } })._zod?.def;
  const describesNothing = Object.keys(ctx.jsonSchema).every((k) => k === 'description' || k === 'title' || k === 'default' || k === 'examples' || k === 'deprecated');
  if (def?.type === 'pipe' && def.out?._zod?.def?.type === 'transform' && def.in && describesNothing) {
    const { $schema: _s, ...inner } = z.toJSONSchema(def.in, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    for (const [k, v] of Object.entries(inner)) if (!(k in ctx.jsonSchema)) ctx.jsonSchema[k] = v;
  }
  if (def?.type === 'union' && Array.isArray(ctx.jsonSchema['anyOf'])) {
    ctx.jsonSchema['anyOf'] = (ctx.jsonSchema['anyOf'] as object[]).filter((x) => Object.keys(x).length > 0);
  }
}

const originHost = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

/** Marks an upload as handed to a job, so the request does not delete it. */
export function keepUpload(req: FastifyRequest) {
  (req as { uploadKept?: boolean }).uploadKept = true;
}
