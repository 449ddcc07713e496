import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{extension,relay,protocol,emulators,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    // Sockets and SQLite files per test: keep parallelism to the two cores we have.
    maxWorkers: 2,
    // The JSON report feeds the one-line total that `npm test` ends with (scripts/test-summary.ts).
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
  },
});
