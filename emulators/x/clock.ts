/**
 * The emulator's sense of time. Everything that expires or is stamped (tokens, auth codes,
 * rate-limit windows, post times, snowflake ids) reads it, so tests can move time instead of
 * waiting. Timers that pace real I/O (stream keep-alives, the demo poster) use real time.
 */
export interface Clock {
  now(): number;
  /** Moves this clock (not the one it reads from) forward by `ms`. */
  advance(ms: number): void;
}

/** A clock that follows `base` (default `Date.now`) plus whatever it was advanced by. */
export function createClock(base: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms) {
      offset += ms;
    },
  };
}

/** A clock for tests that only moves when told to. */
export function createManualClock(start = Date.UTC(2026, 8, 1, 12, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    set(ms: number) {
      current = ms;
    },
    advance(ms: number) {
      current += ms;
    },
  };
}
export type ManualClock = ReturnType<typeof createManualClock>;
