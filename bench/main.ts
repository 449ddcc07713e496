/**
 * `npm run bench`: runs every benchmark, one after the other, each in a process of its own (so
 * one's load does not disturb the next), collects their results (JSON files, bench/result.ts)
 * and writes docs/performance.md. A bench that fails is reported as failed, and then this exits
 * non-zero; the report is written either way.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregate } from './aggregate.ts';
import { ensureBuilt } from './build.ts';
import { describeMachine, machineLine } from './machine.ts';
import { renderReport, type BenchOutcome } from './report.ts';
import { runBench } from './run-bench.ts';
import { evaluate, TARGETS } from './targets.ts';

/** The plan, in order. Sizes are chosen so that the whole stays near 10 minutes on 2 cores. */
const PLAN = [
  {
    bench: 'import-latency',
    title: 'Import latency: post on X -> notice on StatusNet',
    args: ['200', '20'],
    runs: 3,
  },
  {
    bench: 'export-latency',
    title: 'Export latency: notice on StatusNet -> post on X',
    args: ['20', '8', '30'],
    runs: 1,
  },
  { bench: 'relay-fanout', title: 'Relay fan-out', args: ['1000,5000', '3'], runs: 1 },
  { bench: 'api-economy', title: 'API economy', args: ['1000', '300'], runs: 1 },
  { bench: 'footprint', title: 'Footprint', args: ['200', '300'], runs: 1 },
];
const REPORT = 'docs/performance.md';

const startedAt = new Date();
const machine = describeMachine();
console.log(`bench: ${machineLine(machine)}`);
const scratch = mkdtempSync(join(tmpdir(), 'bench-results-'));
const outcomes: BenchOutcome[] = [];

let buildError: string | undefined;
try {
  if (ensureBuilt()) console.log('bench: built the extension (dist/chrome was stale)');
} catch (error) {
  buildError = `npm run build failed: ${String(error)}`;
}

for (const step of PLAN) {
  const command = `npx tsx bench/${step.bench}.ts ${step.args.join(' ')}`;
  console.log(`\nbench: ${command}${step.runs > 1 ? ` (${step.runs} runs)` : ''}`);
  const runs = [];
  for (let run = 0; run < step.runs; run++)
    runs.push(await runBench(step.bench, step.args, join(scratch, `${step.bench}-${run}.json`)));

  const results = runs.flatMap((r) => (r.result ? [r.result] : []));
  const failures = runs.filter((r) => r.failure).map((r) => r.failure!);
  if (buildError && (step.bench === 'export-latency' || step.bench === 'footprint'))
    failures.unshift(buildError);
  outcomes.push({
    bench: step.bench,
    title: results[0]?.title ?? step.title,
    command,
    runs: results.reduce((sum, r) => sum + r.runs.length, 0),
    seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
    failed: failures.length > 0,
    ...(failures.length > 0 && { failure: failures.join('\n\n') }),
    loadAverages: results.map((r) => r.loadAverage),
    figures: aggregate(results),
    notes: [...new Set(results.flatMap((r) => r.notes))],
  });
}
rmSync(scratch, { recursive: true, force: true });

const figures = outcomes.flatMap((o) => o.figures);
const seconds = (Date.now() - startedAt.getTime()) / 1000;
const report = renderReport({
  machine,
  startedAt,
  seconds,
  benches: outcomes,
  targets: TARGETS.map((target) => evaluate(target, figures)),
});
writeFileSync(REPORT, report);

const failed = outcomes.filter((o) => o.failed).map((o) => o.bench);
console.log(`\nbench: wrote ${REPORT} in ${(seconds / 60).toFixed(1)} min`);
if (failed.length > 0) console.log(`bench: FAILED: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
