import { resolve } from 'node:path';
import { AppError } from './kernel/errors.js';

/** Configuration from the environment (CONVENTIONS.md); CLI flags override it. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  bootstrapApiKey: string | undefined;
  logLevel: string;
  rateLimit: { perSecond: number; burst: number };
  /** Invalid API keys a client address may send: `burst` at once, then `perMinute`. */
  authFailures: { perMinute: number; burst: number };
  /** Where uploaded import files wait for their job. */
  uploadDir: string;
  importMaxBytes: number;
  remote: { url: string; apiKey: string } | undefined;
  /** OSRM base URL for road distances; haversine × circuity otherwise. */
  osrmUrl: string | undefined;
  /** Key for secrets at rest (carrier credentials); a key file in the data directory otherwise. */
  secretKey: string | undefined;
  /** Base URL of this server as customers reach it (tracking links). */
  publicUrl: string;
  /** A MapLibre style (tile server) the dashboard draws truck routes on; none: the offline outlines only. */
  mapStyleUrl: string | null;
  /** Live carrier rates in decisions: the most a decision waits for a carrier, and how long answers are reused. */
  liveRates: { deadlineMs: number; ttlMs: number };
  /** Outbox retries: exponential backoff with jitter between baseDelayMs and maxDelayMs. */
  /**
   * Lets outbound requests to addresses tenants choose (webhooks, notification webhooks, HTTP
   * carriers, channel base URLs, SMTP) reach private, loopback and other non-public addresses
   * (development against local servers). Off: only public addresses, checked at connect time.
   */
  allowPrivateTargets: boolean;
  /** How often the server pulls every channel connection (ms; 0 turns it off). */
  channelSyncMs: number;
  /** How often the server runs the time-based tracking rules (ms; 0 turns it off). */
  trackingScanMs: number;
  /** How long a request waits for the first request with its Idempotency-Key (ms) before a 409. */
  idempotencyWaitMs: number;
  outbox: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; leaseMs: number; sweepMs: number; concurrency: number };
}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError('CONFIGURATION', `${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

/** An http(s) URL from the environment, or null when unset; anything else stops the start with the variable named. */
function httpUrl(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError('CONFIGURATION', `${name} must be an http or https URL (got "${raw}")`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('CONFIGURATION', `${name} must be an http or https URL (got "${raw}")`);
  return u.toString();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new AppError('CONFIGURATION', 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded database)');
  }
  const dataDir = resolve(env['LASTMILE_DATA_DIR'] || './.lastmile');
  const url = env['LASTMILE_URL'] || undefined;
  const apiKey = env['LASTMILE_API_KEY'] || undefined;
  if (url && !/^https?:\/\//.test(url)) throw new AppError('CONFIGURATION', 'LASTMILE_URL must be an http(s):// URL');
  if (env['LASTMILE_OSRM_URL'] && !/^https?:\/\//.test(env['LASTMILE_OSRM_URL'])) throw new AppError('CONFIGURATION', 'LASTMILE_OSRM_URL must be an http(s):// URL');
  if (env['LASTMILE_PUBLIC_URL'] && !/^https?:\/\//.test(env['LASTMILE_PUBLIC_URL'])) throw new AppError('CONFIGURATION', 'LASTMILE_PUBLIC_URL must be an http(s):// URL');
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
    dataDir,
    databaseUrl,
    bootstrapApiKey: env['LASTMILE_BOOTSTRAP_API_KEY'] || undefined,
    logLevel: env['LOG_LEVEL'] || 'info',
    rateLimit: {
      perSecond: int(env, 'LASTMILE_RATE_LIMIT', 50, 1, 1_000_000),
      burst: int(env, 'LASTMILE_RATE_BURST', 100, 1, 1_000_000),
    },
    authFailures: {
      perMinute: int(env, 'LASTMILE_AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
      burst: int(env, 'LASTMILE_AUTH_FAILURES_BURST', 20, 1, 1_000_000),
    },
    uploadDir: resolve(env['LASTMILE_UPLOAD_DIR'] || `${dataDir}/uploads`),
    importMaxBytes: int(env, 'LASTMILE_IMPORT_MAX_BYTES', 1024 * 1024 * 1024, 1024, Number.MAX_SAFE_INTEGER),
    remote: url && apiKey ? { url: url.replace(/\/+$/, ''), apiKey } : undefined,
    osrmUrl: env['LASTMILE_OSRM_URL'] || undefined,
    secretKey: env['LASTMILE_SECRET_KEY'] || undefined,
    mapStyleUrl: httpUrl(env, 'LASTMILE_MAP_STYLE_URL'),
    liveRates: {
      deadlineMs: int(env, 'LASTMILE_LIVE_RATES_TIMEOUT_MS', 2500, 50, 60_000),
      ttlMs: int(env, 'LASTMILE_LIVE_RATES_CACHE_MS', 300_000, 0, 86_400_000),
    },
    publicUrl: (env['LASTMILE_PUBLIC_URL'] || `http://${env['HOST'] || '127.0.0.1'}:${env['PORT'] || 3000}`).replace(/\/+$/, ''),
    // LASTMILE_WEBHOOKS_ALLOW_PRIVATE is the older name, from when only webhooks were checked.
    allowPrivateTargets: (env['LASTMILE_ALLOW_PRIVATE_TARGETS'] ?? env['LASTMILE_WEBHOOKS_ALLOW_PRIVATE']) === 'true',
    channelSyncMs: int(env, 'LASTMILE_CHANNEL_SYNC_MS', 300_000, 0, 86_400_000),
    trackingScanMs: int(env, 'LASTMILE_TRACKING_SCAN_MS', 900_000, 0, 86_400_000),
    idempotencyWaitMs: int(env, 'LASTMILE_IDEMPOTENCY_WAIT_MS', 10_000, 0, 120_000),
    outbox: {
      maxAttempts: int(env, 'LASTMILE_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
      baseDelayMs: int(env, 'LASTMILE_OUTBOX_BASE_DELAY_MS', 1000, 1, 3_600_000),
      maxDelayMs: int(env, 'LASTMILE_OUTBOX_MAX_DELAY_MS', 300_000, 1, 86_400_000),
      leaseMs: int(env, 'LASTMILE_OUTBOX_LEASE_MS', 60_000, 100, 3_600_000),
      sweepMs: int(env, 'LASTMILE_OUTBOX_SWEEP_MS', 15_000, 50, 3_600_000),
      concurrency: int(env, 'LASTMILE_OUTBOX_CONCURRENCY', 8, 1, 256),
    },
  };
}
