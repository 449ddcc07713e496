import { ConfigError, loadConfig } from './config.ts';
import { startRelay } from './start-relay.ts';

// `npm run relay`: configuration from the environment only, then the relay until a signal.
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`relay: ${error.message}\n`);
  process.exit(2);
}

const relay = await startRelay(config);

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  // Should closing hang (a stuck socket), do not hang the operator's shell or orchestrator.
  setTimeout(() => process.exit(1), 15_000).unref();
  relay.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`relay: failed to stop cleanly on ${signal}: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
