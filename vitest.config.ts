import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{extension,relay,protocol,emulators,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    // Sockets and SQLite files per test: keep parallelism to the two cores we have.
    maxWorkers: 2,
  },
});
