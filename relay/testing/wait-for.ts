import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until `check` returns a truthy value (or resolves to one) and returns it; fails with
 * `what` after `timeoutMs`. For conditions, never for timing: tests assert what happens,
 * not how fast.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await sleep(20);
  }
}
