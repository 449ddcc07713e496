/** Why a stream connection failed, which decides how long to wait (handling-disconnections.mdx). */
export type FailureKind = 'network' | 'http' | 'rate-limit';

/** Base delays; X's are 250 ms, 5 s and 60 s. Tests pass tiny ones. */
export interface BackoffBases {
  networkMs: number;
  httpMs: number;
  rateLimitMs: number;
}

// X caps network backoff at 16 s (64 x 250 ms) and HTTP backoff at 320 s (64 x 5 s); it gives
// no cap for 429, so the same 64 x keeps a long rate limit from waiting for hours.
const CAP_FACTOR = 64;

/**
 * X's reconnect policy: network errors back off linearly (250 ms more each attempt, up to
 * 16 s), HTTP errors exponentially (5 s doubling to 320 s), 429 exponentially from 60 s,
 * and not sooner than the rate limit's reset when X gives one. A successful connection
 * starts all three over.
 */
export function createBackoff(bases: BackoffBases) {
  const attempts: Record<FailureKind, number> = { network: 0, http: 0, 'rate-limit': 0 };

  /** The delay before the next attempt after a failure of `kind`. */
  function next(kind: FailureKind, resetAtMs?: number, now = Date.now()): number {
    attempts[kind] += 1;
    const n = attempts[kind];
    let delay: number;
    if (kind === 'network') {
      delay = Math.min(n * bases.networkMs, CAP_FACTOR * bases.networkMs);
    } else {
      const base = kind === 'http' ? bases.httpMs : bases.rateLimitMs;
      delay = Math.min(base * 2 ** (n - 1), CAP_FACTOR * base);
    }
    if (kind === 'rate-limit' && resetAtMs !== undefined) {
      delay = Math.max(delay, Math.min(resetAtMs - now, CAP_FACTOR * bases.rateLimitMs));
    }
    return delay;
  }

  function reset(): void {
    attempts.network = 0;
    attempts.http = 0;
    attempts['rate-limit'] = 0;
  }

  return { next, reset };
}
export type Backoff = ReturnType<typeof createBackoff>;
