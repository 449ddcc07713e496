/** The relay as a library: start one in-process (tests, benchmarks) with a parsed config. */
export { ConfigError, loadConfig } from './config.ts';
export type { RelayConfig } from './config.ts';
export { startRelay } from './start-relay.ts';
export type { RelayOptions, RunningRelay } from './start-relay.ts';
