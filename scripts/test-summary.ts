import { existsSync, readFileSync } from 'node:fs';

/**
 * Prints the whole suite's total as one line, `N passed, N failed`, from the JSON reports that
 * vitest and Playwright wrote during `npm test`, so a reader (or CI) sees one verdict.
 */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

function read<T>(path: string): T {
  if (!existsSync(path)) throw new Error(`${path} is missing: did that part of the suite run?`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const unit = read<VitestReport>('reports/unit.json');
const e2e = read<PlaywrightReport>('reports/e2e.json');

const passed = unit.numPassedTests + e2e.stats.expected + e2e.stats.flaky;
const failed = unit.numFailedTests + e2e.stats.unexpected;
const skipped = unit.numPendingTests + e2e.stats.skipped;

console.log(`unit: ${unit.numPassedTests} passed; end-to-end: ${e2e.stats.expected} passed`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
