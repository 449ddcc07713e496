import type { Clock } from './clock.ts';

const MIN15 = 15 * 60_000;
const DAY = 24 * 60 * 60_000;

/** A fixed window: `limit` requests per `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** The windows of one endpoint, per app (bearer token) and per user (user token). */
export interface EndpointLimits {
  app?: RateWindow;
  user?: RateWindow;
  /** A 24-hour cap per app, shared by every user of the app (`x-app-limit-24hour-*`). */
  app24h?: number;
  /** A 24-hour cap per user (`x-user-limit-24hour-*`). */
  user24h?: number;
}

const w = (limit: number, windowMs = MIN15): RateWindow => ({ limit, windowMs });

/** Per-endpoint limits from the rate-limits page of X's docs (pay-per-use). */
export const DEFAULT_LIMITS: Record<string, EndpointLimits> = {
  'GET /2/tweets': { app: w(3500), user: w(5000) },
  'GET /2/tweets/:id': { app: w(450), user: w(900) },
  'GET /2/tweets/search/recent': { app: w(450), user: w(300) },
  'GET /2/tweets/search/stream': { app: w(50) },
  'GET /2/tweets/search/stream/rules': { app: w(450) },
  'POST /2/tweets/search/stream/rules': { app: w(100) },
  'POST /2/tweets': { user: w(100), app24h: 10_000 },
  'DELETE /2/tweets/:id': { user: w(50) },
  'GET /2/users/:id/tweets': { app: w(10_000), user: w(900) },
  'POST /2/users/:id/likes': { user: w(50), user24h: 1000 },
  'DELETE /2/users/:id/likes/:tweet_id': { user: w(50), user24h: 1000 },
  'POST /2/users/:id/retweets': { user: w(50) },
  'DELETE /2/users/:id/retweets/:source_tweet_id': { user: w(50) },
  'GET /2/users/me': { user: w(75) },
  'GET /2/users/:id': { app: w(300), user: w(900) },
  'GET /2/users/by/username/:username': { app: w(300), user: w(900) },
  'GET /2/users/:id/following': { app: w(300), user: w(300) },
  'POST /2/media/upload': { user: w(500), app24h: 50_000 },
  'POST /2/media/metadata': { user: w(500), app24h: 50_000 },
};

export type RateSubject = { kind: 'app' } | { kind: 'user'; userId: string };

/** The outcome of counting one request: the headers to send, and whether it may proceed. */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/** Fixed-window counters per endpoint and subject, read from the emulator clock. */
export function createRateLimiter(clock: Clock) {
  const buckets = new Map<string, { start: number; count: number }>();
  const overrides = new Map<string, RateWindow>();

  function count(key: string, window: RateWindow) {
    const now = clock.now();
    let bucket = buckets.get(key);
    if (!bucket || now >= bucket.start + window.windowMs) {
      bucket = { start: now, count: 0 };
      buckets.set(key, bucket);
    }
    bucket.count += 1;
    return {
      allowed: bucket.count <= window.limit,
      limit: window.limit,
      remaining: Math.max(0, window.limit - bucket.count),
      reset: Math.ceil((bucket.start + window.windowMs) / 1000),
    };
  }

  function consume(endpoint: string, subject: RateSubject): RateDecision {
    const limits = DEFAULT_LIMITS[endpoint];
    if (!limits) return { allowed: true, headers: {} };
    const headers: Record<string, string> = {};
    let allowed = true;

    const primary = overrides.get(endpoint) ?? (subject.kind === 'app' ? limits.app : limits.user);
    const who = subject.kind === 'app' ? 'app' : `user:${subject.userId}`;
    if (primary) {
      const r = count(`${endpoint}|${who}`, primary);
      allowed &&= r.allowed;
      headers['x-rate-limit-limit'] = String(r.limit);
      headers['x-rate-limit-remaining'] = String(r.remaining);
      headers['x-rate-limit-reset'] = String(r.reset);
    }
    const daily: [string, number | undefined, string][] = [
      ['app', limits.app24h, `${endpoint}|app24h`],
      ['user', subject.kind === 'user' ? limits.user24h : undefined, `${endpoint}|${who}|24h`],
    ];
    for (const [scope, limit, key] of daily) {
      if (limit === undefined) continue;
      const r = count(key, { limit, windowMs: DAY });
      allowed &&= r.allowed;
      headers[`x-${scope}-limit-24hour-limit`] = String(r.limit);
      headers[`x-${scope}-limit-24hour-remaining`] = String(r.remaining);
      headers[`x-${scope}-limit-24hour-reset`] = String(r.reset);
    }
    return { allowed, headers };
  }

  return {
    consume,
    /** Replaces the 15-minute window of `endpoint` (for app and user alike), e.g. to 2/min. */
    override(endpoint: string, window: RateWindow) {
      overrides.set(endpoint, window);
    },
    /** Forgets every count (and, with `all`, every override). */
    reset(all = false) {
      buckets.clear();
      if (all) overrides.clear();
    },
    overrides: () => Object.fromEntries(overrides),
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
