import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIST = 'dist/chrome';
const SOURCES = ['extension', 'protocol', 'vite.config.ts', 'package.json'];

/** The newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether dist/chrome is missing or older than anything it is built from. */
export function buildIsStale(): boolean {
  try {
    const built = statSync(join(DIST, 'manifest.json')).mtimeMs;
    return Math.max(...SOURCES.map(newest)) > built;
  } catch {
    return true;
  }
}

/**
 * Runs `npm run build` when dist/chrome is stale, so the benchmarks measure the extension as
 * its sources are now. Answers whether it built.
 */
export function ensureBuilt(): boolean {
  if (!buildIsStale()) return false;
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return true;
}
