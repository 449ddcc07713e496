import { startXEmulator } from './index.ts';

// Runs the X emulator alone with its demo world: `npx tsx emulators/x/main.ts`.
// X_PORT picks the port (default ephemeral), X_BEARER_TOKEN the app-only bearer token.
const emulator = await startXEmulator({
  demo: true,
  ...(process.env.X_PORT ? { port: Number(process.env.X_PORT) } : {}),
  ...(process.env.X_BEARER_TOKEN ? { bearerToken: process.env.X_BEARER_TOKEN } : {}),
});

const stop = () => void emulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
