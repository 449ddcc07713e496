import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('backoffDelay', () => {
  it('waits between half and all of the base after the first failure', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, () => 1)).toBe(1000);
  });

  it('doubles with each failure', () => {
    expect(backoffDelay(3, policy, () => 1)).toBe(8000);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(backoffDelay(10_000, policy, () => 1)).toBe(60_000);
    expect(backoffDelay(10_000, policy, () => 0)).toBe(30_000);
  });
});
