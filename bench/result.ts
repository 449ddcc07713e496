import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { describeMachine } from './machine.ts';
import { formatValue, type Summary } from './stats.ts';

/**
 * What a benchmark hands to `bench/main.ts`: a JSON file at the path in `BENCH_RESULT_FILE`
 * (when run alone, the summary is only printed). One result holds one or more runs; `main`
 * pools the runs of every invocation of the same bench and takes medians across them.
 */

const unitSchema = z.enum(['ms', 'bytes', 'count', 'per-second', 'ratio']);

/** One quantity measured in one run, with its same-run baseline when it has one. */
export const measureSchema = z.object({
  /** Stable id, e.g. `fanout.n5000.latency`; targets refer to it. */
  id: z.string().min(1),
  label: z.string().min(1),
  unit: unitSchema,
  better: z.enum(['lower', 'higher']),
  /** The run's median (or its only value). */
  median: z.number(),
  /** The run's p99, for figures made of many samples. */
  p99: z.number().optional(),
  n: z.number().int().optional(),
  baseline: z
    .object({ label: z.string(), median: z.number(), p99: z.number().optional() })
    .optional(),
  note: z.string().optional(),
});
export type Measure = z.infer<typeof measureSchema>;

export const benchResultSchema = z.object({
  bench: z.string(),
  title: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** 1, 5 and 15 minute load averages when the bench started: shared machines are noisy. */
  loadAverage: z.array(z.number()),
  runs: z.array(z.object({ measures: z.array(measureSchema) })),
  /** How it was measured, caveats, warnings: printed under the bench's figures. */
  notes: z.array(z.string()),
});
export type BenchResult = z.infer<typeof benchResultSchema>;

export const RESULT_FILE_VARIABLE = 'BENCH_RESULT_FILE';

/** A measure from a run's samples (median and p99 by `stats.ts`). */
export function fromSummary(
  base: Pick<Measure, 'id' | 'label' | 'unit' | 'better'>,
  summary: Summary,
  baseline?: { label: string; summary: Summary },
): Measure {
  return {
    ...base,
    median: summary.median,
    p99: summary.p99,
    n: summary.n,
    ...(baseline && {
      baseline: {
        label: baseline.label,
        median: baseline.summary.median,
        p99: baseline.summary.p99,
      },
    }),
  };
}

/** Starts a result; `finish` stamps it, prints it and writes it where main asked. */
export function startResult(bench: string, title: string) {
  const result: BenchResult = {
    bench,
    title,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    loadAverage: describeMachine().loadAverage,
    runs: [],
    notes: [],
  };
  const started = Date.now();
  return {
    result,
    /** A progress line on stderr, with the seconds since the bench started. */
    progress: (line: string) =>
      void process.stderr.write(
        `[${bench} +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`,
      ),
    addRun: (measures: Measure[]) => void result.runs.push({ measures }),
    note: (line: string) => void result.notes.push(line),
    finish(): BenchResult {
      result.finishedAt = new Date().toISOString();
      printResult(result);
      const file = process.env[RESULT_FILE_VARIABLE];
      if (file) writeFileSync(file, JSON.stringify(result));
      return result;
    },
  };
}

function printResult(result: BenchResult): void {
  console.log(`\n${result.title}`);
  result.runs.forEach((run, index) => {
    console.log(`  run ${index + 1}`);
    for (const m of run.measures) {
      const p99 = m.p99 === undefined ? '' : `  p99 ${formatValue(m.p99, m.unit)}`;
      const base = m.baseline
        ? `   | ${m.baseline.label}: ${formatValue(m.baseline.median, m.unit)}${
            m.baseline.p99 === undefined ? '' : ` p99 ${formatValue(m.baseline.p99, m.unit)}`
          }`
        : '';
      console.log(`    ${m.label}: ${formatValue(m.median, m.unit)}${p99}${base}`);
    }
  });
  for (const line of result.notes) console.log(`  note: ${line}`);
}

/** Reads and checks a result file written by a bench (another process: validate). */
export function readResult(file: string): BenchResult {
  return benchResultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
