/**
 * Benchmark, not a test: the extension's footprint. The gzipped size of what the background
 * and the options page load (following dist/chrome's manifest), and the service worker's JS
 * heap after a day's activity replayed in Chromium (bench/worker-memory.ts), beside its heap
 * when freshly set up, in the same run.
 *
 *   npx tsx bench/footprint.ts [notices=200] [imports=500]
 */
import { ensureBuilt } from './build.ts';
import { measureBundles } from './bundle-sizes.ts';
import { startResult, type Measure } from './result.ts';
import { formatBytes } from './stats.ts';
import { measureWorkerMemory } from './worker-memory.ts';

const NOTICES = Number(process.argv[2] ?? 200);
const IMPORTS = Number(process.argv[3] ?? 500);

const bench = startResult('footprint', 'Footprint');
const measures: Measure[] = [];
let failed = false;
try {
  if (ensureBuilt())
    bench.note('Built with `npm run build` first: dist/chrome was older than its sources.');
  for (const bundle of measureBundles('dist/chrome')) {
    measures.push({
      id: `footprint.${bundle.name.split(' ')[0]}-gzip`,
      label: `Bundle: ${bundle.name}, gzipped`,
      unit: 'bytes',
      better: 'lower',
      median: bundle.gzipBytes,
      note: `${formatBytes(bundle.bytes)} raw: ${bundle.files.join(', ')}`,
    });
  }
  bench.note(
    'Bundles: every file the context loads, from the manifest (service worker loader and its imports, transitively; the options page, its scripts, preloads, stylesheets and their imports), each gzipped at level 9 and summed. Chunks shared by both count in both.',
  );

  bench.progress('worker memory: replaying a day in Chromium');
  const memory = await measureWorkerMemory({
    notices: NOTICES,
    imports: IMPORTS,
    progress: bench.progress,
  });
  measures.push(
    {
      id: 'footprint.worker-heap-after-day',
      label: 'Service worker JS heap after a replayed day (retained, after GC)',
      unit: 'bytes',
      better: 'lower',
      median: memory.afterDay.retained,
      baseline: { label: 'freshly set up, same run', median: memory.fresh.retained },
    },
    {
      id: 'footprint.worker-heap-used-after-day',
      label: 'Service worker JS heap after a replayed day (as found, before GC)',
      unit: 'bytes',
      better: 'lower',
      median: memory.afterDay.used,
      baseline: { label: 'freshly set up, same run', median: memory.fresh.used },
    },
  );
  bench.note(
    `Worker heap: the built extension in headless Chromium with both emulators and the relay on loopback; ${memory.exported} notices exported to X and ${memory.imported} posts imported from X, at the same time, in ${(memory.replayMs / 1000).toFixed(0)} s (X's limit of 100 posts per 15 min widened for that). Read with CDP Runtime.getHeapUsage on the service worker, as found and after HeapProfiler.collectGarbage. ${memory.sameWorker ? 'The same worker lived throughout.' : 'WARNING: the worker was restarted during the replay, so its heap does not hold the whole day.'}`,
  );
} catch (error) {
  failed = true;
  bench.note(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

bench.addRun(measures);
bench.finish();
process.exit(failed ? 1 : 0);
