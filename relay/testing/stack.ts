import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningXEmulator, XEmulatorOptions } from '../../emulators/x/index.ts';
import { startXEmulator } from '../../emulators/x/index.ts';
import { loadConfig } from '../config.ts';
import type { RelayOptions, RunningRelay } from '../start-relay.ts';
import { startRelay } from '../start-relay.ts';
import { memoryLog } from './memory-log.ts';
import { waitFor } from './wait-for.ts';

/**
 * Settings for a relay under test against the X emulator: X's backoff and timers shrunk a
 * thousandfold, logs at debug level so they can be searched.
 */
export function testEnv(x: RunningXEmulator, dataDir: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    RELAY_DATA_DIR: dataDir,
    X_BEARER_TOKEN: x.bearerToken,
    X_API_BASE: x.url,
    STREAM_STALL_SECONDS: '1',
    STREAM_BACKOFF_NETWORK_MS: '5',
    STREAM_BACKOFF_HTTP_MS: '10',
    STREAM_BACKOFF_RATE_LIMIT_MS: '20',
    OVERFLOW_POLL_SECONDS: '1',
    LOG_LEVEL: 'debug',
  };
}

/** A temporary data directory, removed by `remove()`. */
export function tempDir(prefix = 'relay-test-') {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Stack {
  x: RunningXEmulator;
  relay: RunningRelay;
  log: ReturnType<typeof memoryLog>;
  dataDir: string;
  env: Record<string, string>;
  /** Stops the relay (keeping X and the data), and starts it again on the same data. */
  restartRelay(extraEnv?: Record<string, string>): Promise<RunningRelay>;
  close(): Promise<void>;
}

/** An X emulator (keep-alive every 100 ms) and a relay in this process, wired together. */
export async function startStack(
  options: { env?: Record<string, string>; x?: XEmulatorOptions; relay?: RelayOptions } = {},
): Promise<Stack> {
  const x = await startXEmulator({ keepAliveMs: 100, log: () => undefined, ...options.x });
  const dir = tempDir();
  const log = memoryLog();
  const env = { ...testEnv(x, dir.path), ...options.env };
  const start = (extra: Record<string, string> = {}) =>
    startRelay(loadConfig({ ...env, ...extra }), {
      logDestination: log.stream,
      rulesSettleMs: 10,
      ...options.relay,
    });
  const stack: Stack = {
    x,
    relay: await start(),
    log,
    dataDir: dir.path,
    env,
    async restartRelay(extraEnv) {
      await stack.relay.close();
      stack.relay = await start(extraEnv);
      return stack.relay;
    },
    async close() {
      await stack.relay.close();
      await x.close();
      dir.remove();
    },
  };
  return stack;
}

/** Waits until X holds rules covering exactly `ids`: the relay synced its follows. */
export async function rulesCover(stack: Stack, ids: readonly string[]): Promise<void> {
  const expected = [...ids].sort().join(' ');
  await waitFor(`rules covering ${expected}`, () => {
    const covered = [...stack.x.state.rules.values()].flatMap(
      (rule) => rule.value.match(/[0-9]+/g) ?? [],
    );
    return covered.sort().join(' ') === expected;
  });
}
