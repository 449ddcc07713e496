export interface BackoffPolicy {
  /** The first wait. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/**
 * The wait before attempt `failures + 1`: doubling from `baseMs` up to `maxMs`, then "equal
 * jitter" (half fixed, half random) so that many browsers that lost the same relay do not all
 * come back in the same second, while none retries at once.
 *
 * @example backoffDelay(0, { baseMs: 1000, maxMs: 60_000 }) // between 500 and 1000
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random = Math.random,
): number {
  const exponential = policy.baseMs * 2 ** Math.min(Math.max(failures, 0), 30);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/** Reconnecting to the relay: 1 s doubling to 5 minutes. */
export const RELAY_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** StatusNet down or failing: 5 s doubling to 10 minutes, for as long as it takes. */
export const STATUSNET_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000 };

/** Waits `ms`, or less if the signal aborts first. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
