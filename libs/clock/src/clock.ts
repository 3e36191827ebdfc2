/**
 * The one source of "now" for product code. Production binds the system clock; tests bind a
 * `ManualClock` they move by hand; the demo and end-to-end tests start the processes with
 * `CLOCK_START`, a clock that starts at a given instant and runs on in real time.
 *
 * Elapsed time (timeouts, durations, back-off) is not "now": it uses `performance.now()`.
 */
export interface Clock {
  now(): Date;
}

/** The injection token of the process's clock (Nest providers). */
export const CLOCK = Symbol('CLOCK');

/** The machine's clock. The only place in product code that reads it. */
export const systemClock: Clock = {
  // eslint-disable-next-line no-restricted-syntax -- the one reading of the machine's clock
  now: () => new Date(Date.now()),
};

/**
 * A clock that reads `start` at the moment it is made and then advances with the machine's
 * monotonic time: what a process started with `CLOCK_START` sees.
 */
export function clockStartingAt(start: Date, monotonicMs: () => number = () => performance.now()): Clock {
  if (Number.isNaN(start.getTime())) throw new Error('clockStartingAt: invalid start instant');
  const startedAt = monotonicMs();
  return { now: () => new Date(start.getTime() + (monotonicMs() - startedAt)) };
}

/** A clock that moves only when told to (tests). */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date | string) {
    this.ms = new Date(start).getTime();
    if (Number.isNaN(this.ms)) throw new Error(`ManualClock: invalid start instant ${String(start)}`);
  }

  now(): Date {
    return new Date(this.ms);
  }

  set(instant: Date | string): void {
    const ms = new Date(instant).getTime();
    if (Number.isNaN(ms)) throw new Error(`ManualClock: invalid instant ${String(instant)}`);
    this.ms = ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
