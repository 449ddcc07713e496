import { loadConfig } from '../config.ts';
import { readHealth } from '../health.ts';
import { createApp } from '../http/app.ts';
import type { RelayDeps } from '../http/deps.ts';
import { createRelayCore } from '../relay-core.ts';
import { memoryLog } from './memory-log.ts';

/**
 * The relay's HTTP app over an in-memory store and no X, for `app.request()` tests: what
 * `startRelay` builds, minus the server, the stream and the sweeps.
 */
export function inProcessApp(env: Record<string, string> = {}) {
  const config = loadConfig({ RELAY_DATA_DIR: ':memory:', LOG_LEVEL: 'debug', ...env });
  const log = memoryLog();
  const closing = new AbortController();
  const core = createRelayCore(config, {
    client: undefined,
    logDestination: log.stream,
    rulesSettleMs: 0,
  });
  const deps: RelayDeps = {
    ...core,
    config,
    closing: closing.signal,
    health: () =>
      readHealth({ stream: undefined, rules: core.rules, store: core.store, sockets: () => 0 }),
  };
  return { ...core, app: createApp(deps), deps, log, close: () => closing.abort() };
}
