/** Services read time only through a Clock so tests can control it (lockout, expiry, idle timeout). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: string | Date = '2026-01-15T09:00:00.000Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(at: string | Date): void {
    this.#ms = new Date(at).getTime();
  }
}

/** ISO-8601 UTC with milliseconds: the only date-time format that crosses our boundaries. */
export const iso = (d: Date): string => d.toISOString();
