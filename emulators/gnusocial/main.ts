import { parseArgs } from 'node:util';
import { startGnuSocialEmulator } from './index.ts';

/**
 * Runs the emulator on its own for demos and manual tests:
 * `npx tsx emulators/gnusocial/main.ts --port 8088` (demo world unless `--empty`).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    empty: { type: 'boolean', default: false },
  },
});

const stop = new AbortController();
const gs = await startGnuSocialEmulator({
  port: Number(values.port),
  host: values.host,
  demo: !values.empty,
  signal: stop.signal,
});
console.log(`GNU social emulator on ${gs.url} (control API at ${gs.url}/_control)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
