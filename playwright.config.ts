import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test-e2e',
  testMatch: '**/*.spec.ts',
  // One Chromium with the extension per worker; two cores, so two workers at the most.
  workers: 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: { trace: 'off' },
});
