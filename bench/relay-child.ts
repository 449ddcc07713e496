import { loadConfig, startRelay } from '../relay/index.ts';
import { serveParent } from './child.ts';
import { createXReadCounter } from './x-read-counter.ts';

/**
 * The relay in a process of its own, for the benchmarks: what `npm run relay` runs
 * (configuration from the environment, `startRelay`), plus an IPC channel through which the
 * bench asks for memory and for the posts read from X, and two timings shortened so a
 * benchmark need not wait half a minute after subscribing:
 * - the catch-up search after new rules (`ruleActivationMs`, real 30 s: X applies rules late,
 *   the emulator at once), and
 * - the second backfill pass after connecting (`backfillSecondPassMs`, real 30 s).
 * Both still happen, once, before the bench measures. Run with `--expose-gc` to have the
 * heap collected before it is read. With `BENCH_COUNT_X_READS=1`, calls to X go through a
 * counting fetch (left out otherwise: it costs the stream a little CPU).
 */
const counter = process.env['BENCH_COUNT_X_READS'] === '1' ? createXReadCounter() : undefined;
const relay = await startRelay(loadConfig(process.env), {
  ruleActivationMs: 500,
  backfillSecondPassMs: 500,
  ...(counter && { fetch: counter.fetch }),
});

// globalThis.gc exists only under --expose-gc.
const collect = (globalThis as { gc?: () => void }).gc;

serveParent({ url: relay.url }, async (message) => {
  if (message['type'] === 'stats') {
    collect?.();
    return { memory: process.memoryUsage(), xReads: counter?.counts() ?? [] };
  }
  if (message['type'] === 'stop') {
    await relay.close();
    setImmediate(() => process.exit(0));
    return { stopped: true };
  }
  return undefined;
});
