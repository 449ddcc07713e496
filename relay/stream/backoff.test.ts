import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.ts';

const X = { networkMs: 250, httpMs: 5000, rateLimitMs: 60_000 };
const series = (kind: 'network' | 'http' | 'rate-limit', n: number) => {
  const backoff = createBackoff(X);
  return Array.from({ length: n }, () => backoff.next(kind));
};

describe('createBackoff', () => {
  it('backs off linearly by 250 ms up to 16 s after network errors', () => {
    const delays = series('network', 70);
    expect(delays.slice(0, 4)).toEqual([250, 500, 750, 1000]);
    expect(delays.at(-1)).toBe(16_000);
    expect(Math.max(...delays)).toBe(16_000);
  });

  it('backs off exponentially from 5 s up to 320 s after HTTP errors', () => {
    expect(series('http', 9)).toEqual([
      5000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000, 320_000,
    ]);
  });

  it('backs off exponentially from a minute after 429', () => {
    expect(series('rate-limit', 3)).toEqual([60_000, 120_000, 240_000]);
  });

  it('waits at least until the rate limit resets when X says when', () => {
    const backoff = createBackoff(X);
    expect(backoff.next('rate-limit', 1_000_000 + 300_000, 1_000_000)).toBe(300_000);
    expect(backoff.next('rate-limit', 1_000_000 + 1_000, 1_000_000)).toBe(120_000);
  });

  it('starts over after a successful connection', () => {
    const backoff = createBackoff(X);
    backoff.next('http');
    backoff.next('http');
    backoff.next('network');
    backoff.reset();
    expect(backoff.next('http')).toBe(5000);
    expect(backoff.next('network')).toBe(250);
  });

  it('scales with injected bases, so tests can use tiny ones', () => {
    const backoff = createBackoff({ networkMs: 1, httpMs: 2, rateLimitMs: 3 });
    expect([backoff.next('network'), backoff.next('http'), backoff.next('rate-limit')]).toEqual([
      1, 2, 3,
    ]);
  });
});
