import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/**
 * Runs `task` every `intervalMs` until `signal` aborts. A failure is logged and the next run
 * comes on schedule: sweeps are idempotent, so a missed one is made up by the next.
 */
export async function every(
  intervalMs: number,
  signal: AbortSignal,
  logger: Logger,
  name: string,
  task: (signal: AbortSignal) => Promise<unknown> | unknown,
): Promise<void> {
  while (!signal.aborted) {
    await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    try {
      await task(signal);
    } catch (error) {
      if (!signal.aborted) logger.warn({ err: error, task: name }, 'periodic task failed');
    }
  }
}
