/** Time as a port, so services and tests agree on "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const d = new Date(iso);
  return { now: () => new Date(d) };
}

/** A clock that stands still until it is set or moved (tests and scenario runs). */
export class ManualClock implements Clock {
  private t: number;

  constructor(iso: string) {
    this.t = Date.parse(iso);
    if (!Number.isFinite(this.t)) throw new Error(`Not an instant: ${iso}`);
  }

  now(): Date {
    return new Date(this.t);
  }

  set(iso: string): void {
    this.t = Date.parse(iso);
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
