import type { JobQueue } from '../jobs/ports.js';
import { loggableError, sqlState } from '../kernel/errors.js';
import type { OutboxRepo, OutboxRow } from './ports.js';

export const OUTBOX_WAKE = 'outbox.wake';

export interface OutboxHandler {
  run(row: OutboxRow): Promise<void>;
  /** Called once when the row is given up (a final error, or attempts exhausted). */
  giveUp?(row: OutboxRow, err: unknown): Promise<void>;
  /** This kind's own retry policy (else the configured one). */
  retry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}

export interface OutboxConfig {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  leaseMs: number;
  sweepMs: number;
  concurrency: number;
}

interface Logger {
  error(obj: object, msg: string): void;
}

/** Errors that say whether trying again can help (carrier errors do). */
function retryable(e: unknown): boolean {
  const r = (e as { retryable?: unknown } | null)?.retryable;
  // Errors that do not say (bugs, a dropped database connection) are retried too, within the limit.
  return r === undefined ? !(e as { code?: unknown } | null)?.code || (e as { code?: unknown }).code === 'INTERNAL' : r === true;
}

/** What an outbox row keeps of a failure (its `last_error`, shown with a shipment). */
export function errorInfo(e: unknown): { code: string; message: string } {
  // A database error's message quotes the failed query's parameters (names, addresses): the row
  // keeps its SQLSTATE only, as the logs do.
  const state = sqlState(e);
  if (state) return { code: 'DATABASE', message: `database error ${state}` };
  const x = e as { code?: unknown; message?: unknown; carrierMessage?: unknown };
  const message = typeof x?.message === 'string' ? x.message : String(e);
  return { code: typeof x?.code === 'string' ? x.code : 'INTERNAL', message: typeof x?.carrierMessage === 'string' ? `${message}: ${x.carrierMessage}` : message };
}

/**
 * Carries out outbox rows. The table is the queue: workers lease due rows with SKIP LOCKED, so a
 * row is worked by one worker at a time and a worker that dies loses its lease, after which the
 * row is picked up again. pg-boss carries wake-ups (new rows, delayed retries) between
 * processes; a sweep every `sweepMs` catches anything a lost wake-up missed. Retries back off
 * exponentially with jitter (half fixed, half random).
 */
export class OutboxService {
  private readonly handlers = new Map<string, OutboxHandler>();
  private draining: Promise<number> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private started = false;
  private stopped = false;

  constructor(
    private readonly repo: OutboxRepo,
    private readonly queue: JobQueue,
    private readonly cfg: OutboxConfig,
    private readonly log?: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  register(kind: string, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Backoff before attempt `attempts + 1`. */
  delayMs(attempts: number, policy: { baseDelayMs: number; maxDelayMs: number } = this.cfg): number {
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  /** New rows were committed: work them now here, and tell other processes. */
  kick(): void {
    if (this.started) this.drainSoon(0);
    void this.queue.send(OUTBOX_WAKE, 'wake').catch((e) => this.log?.error({ error: loggableError(e) }, 'outbox wake-up not sent'));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.queue.work([OUTBOX_WAKE], async () => {
      await this.drain();
    });
    this.timer = setInterval(() => this.drainSoon(0), this.cfg.sweepMs);
    this.timer.unref();
    this.drainSoon(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const t of this.timers) clearTimeout(t);
    await this.draining?.catch(() => undefined);
  }

  private drainSoon(ms: number) {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.drain().catch((e) => this.log?.error({ error: loggableError(e) }, 'outbox drain failed'));
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  /** Works every due row; returns how many were worked. One drain at a time per process. */
  drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            if (this.stopped) return total;
            const rows = await this.repo.claim(this.cfg.concurrency, this.cfg.leaseMs);
            if (rows.length === 0) break;
            total += rows.length;
            await Promise.all(rows.map((r) => this.work(r)));
          }
        } while (this.again);
        return total;
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async work(row: OutboxRow): Promise<void> {
    const h = this.handlers.get(row.kind);
    try {
      if (!h) throw Object.assign(new Error(`no outbox handler for ${row.kind}`), { retryable: false, code: 'CONFIGURATION' });
      await h.run(row);
      await this.repo.complete(row.id);
    } catch (e) {
      const info = { ...errorInfo(e), at: new Date().toISOString() };
      const policy = h?.retry ?? this.cfg;
      if (retryable(e) && row.attempts < policy.maxAttempts) {
        const delay = this.delayMs(row.attempts, policy);
        await this.repo.retryLater(row.id, delay, info);
        if (this.started) this.drainSoon(delay);
        void this.queue.send(OUTBOX_WAKE, 'wake', { delayMs: delay }).catch(() => undefined);
        return;
      }
      try {
        await h?.giveUp?.(row, e);
        await this.repo.fail(row.id, info);
      } catch (e2) {
        // Giving up failed too (e.g. the carrier could not be asked one last time): try again later.
        await this.repo.retryLater(row.id, this.delayMs(row.attempts), { ...errorInfo(e2), at: new Date().toISOString() });
        this.log?.error({ error: loggableError(e2), outbox_id: row.id }, 'outbox give-up failed; retrying later');
      }
    }
  }
}
