import type { BenchResult, Measure } from './result.ts';
import { acrossRuns, type AcrossRuns, type Unit } from './stats.ts';

/**
 * One figure of the report: a measure pooled over every run of its bench. Its median is the
 * median of the runs' medians, its p99 the median of the runs' p99s; each ratio is taken run
 * by run against the baseline measured in that same run, then summarised the same way.
 */
export interface Figure {
  id: string;
  label: string;
  unit: Unit;
  better: Measure['better'];
  median: AcrossRuns;
  p99?: AcrossRuns;
  /** Samples per run (the first run's count), when the figure is made of samples. */
  n?: number;
  baseline?: { label: string; median: AcrossRuns; p99?: AcrossRuns };
  /** value / baseline, per run, summarised across runs. */
  ratio?: AcrossRuns;
  ratioP99?: AcrossRuns;
  notes: string[];
}

const defined = (values: (number | undefined)[]) =>
  values.filter((v): v is number => v !== undefined);

/** Pools every run of the given results (one bench, one or several invocations). */
export function aggregate(results: readonly BenchResult[]): Figure[] {
  const byId = new Map<string, Measure[]>();
  for (const result of results)
    for (const run of result.runs)
      for (const measure of run.measures) {
        const list = byId.get(measure.id) ?? [];
        list.push(measure);
        byId.set(measure.id, list);
      }

  return [...byId.values()].map((measures) => {
    // Every list has at least the measure that created it.
    const first = measures[0]!;
    const p99s = defined(measures.map((m) => m.p99));
    const withBaseline = measures.filter((m) => m.baseline);
    const figure: Figure = {
      id: first.id,
      label: first.label,
      unit: first.unit,
      better: first.better,
      median: acrossRuns(measures.map((m) => m.median)),
      notes: [...new Set(measures.flatMap((m) => (m.note ? [m.note] : [])))],
      ...(p99s.length > 0 && { p99: acrossRuns(p99s) }),
      ...(first.n !== undefined && { n: first.n }),
    };
    if (withBaseline.length > 0) {
      // `withBaseline` holds only measures that have one.
      const baselines = withBaseline.map((m) => m.baseline!);
      const baseP99s = defined(baselines.map((b) => b.p99));
      figure.baseline = {
        label: baselines[0]!.label,
        median: acrossRuns(baselines.map((b) => b.median)),
        ...(baseP99s.length > 0 && { p99: acrossRuns(baseP99s) }),
      };
      figure.ratio = acrossRuns(withBaseline.map((m) => m.median / m.baseline!.median));
      const pairs = withBaseline.filter((m) => m.p99 !== undefined && m.baseline!.p99);
      if (pairs.length > 0)
        figure.ratioP99 = acrossRuns(pairs.map((m) => m.p99! / m.baseline!.p99!));
    }
    return figure;
  });
}
