import { startGnuSocialEmulator } from './gnusocial/index.ts';
import { DEMO_USER, startXEmulator } from './x/index.ts';

/**
 * `npm run emulate`: both emulators with their demo worlds, for trying the bridge locally.
 * Ports from GNUSOCIAL_PORT (default 8088) and X_PORT (default 8089); X_BEARER_TOKEN, when set,
 * is the app-only token the relay must present.
 */
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`${name} must be a port number from 0 to 65535, not ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const host = process.env['EMULATE_HOST'] || '127.0.0.1';
const gnusocial = await startGnuSocialEmulator({
  port: port('GNUSOCIAL_PORT', 8088),
  host,
  demo: true,
});
const bearerToken = process.env['X_BEARER_TOKEN'];
const x = await startXEmulator({
  port: port('X_PORT', 8089),
  host,
  demo: true,
  log: () => undefined,
  ...(bearerToken ? { bearerToken } : {}),
});

console.log(`GNU social  ${gnusocial.url}/api   users alice/alicepass123, bob/bobpass123, carol/carolpass123
X API       ${x.url}   signed in as @${DEMO_USER.username}, OAuth client id ${x.clientId}
            authorize URL ${x.url}/i/oauth2/authorize
            relay:  X_API_BASE=${x.url} X_BEARER_TOKEN=${x.bearerToken} npm run relay
Control APIs: ${gnusocial.url}/_control and ${x.url}/_control (see emulators/README.md). Ctrl-C stops.`);

async function stop(): Promise<void> {
  await Promise.all([x.close(), gnusocial.close()]);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
