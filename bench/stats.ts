/**
 * The statistics every benchmark uses, so that "p99" means the same thing in every figure.
 *
 * Quantiles use the nearest-rank method: the q-quantile of n samples is the sample of rank
 * ceil(q * n) once sorted (1-based). No interpolation, so every figure is a value that was
 * observed. With fewer than 100 samples the p99 is the largest sample.
 *
 * Repeated runs are summarised by the median of the runs' values (the median of the runs'
 * medians, the median of the runs' p99s), with the smallest and largest run beside it, so a
 * noisy run shows as a wide range instead of moving the figure.
 */

/** The q-quantile (0 < q <= 1) of `samples` by nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  // rank is within 1..length: q <= 1 and the max(1, ...) above.
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** The median by the same nearest-rank rule (the lower middle of an even count). */
export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** One run's samples, summarised. */
export interface Summary {
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  return {
    n,
    median: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    min: n ? Math.min(...samples) : NaN,
    max: n ? Math.max(...samples) : NaN,
    mean: n ? samples.reduce((sum, value) => sum + value, 0) / n : NaN,
  };
}

/** A value over repeated runs: the median run, and the smallest and largest. */
export interface AcrossRuns {
  runs: number;
  median: number;
  min: number;
  max: number;
}

export function acrossRuns(values: readonly number[]): AcrossRuns {
  const finite = values.filter(Number.isFinite);
  return {
    runs: finite.length,
    median: median(finite),
    min: finite.length ? Math.min(...finite) : NaN,
    max: finite.length ? Math.max(...finite) : NaN,
  };
}

/** What a figure counts, which decides how it is written. */
export type Unit = 'ms' | 'bytes' | 'count' | 'per-second' | 'ratio';

const group = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Up to three significant digits, for counts that are fractions (calls per delivery). */
function significant(value: number): string {
  if (value === 0 || Math.abs(value) >= 100) return group(value);
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return group(value, Math.min(digits, 4));
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10_000) return `${group(value / 1000, 1)} s`;
  if (value >= 1000) return `${group(value / 1000, 2)} s`;
  if (value >= 10) return `${group(value)} ms`;
  return `${group(value, 1)} ms`;
}

export function formatBytes(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1024 ** 2) return `${group(value / 1024 ** 2, 2)} MiB`;
  if (abs >= 1024) return `${group(value / 1024, 1)} KiB`;
  return `${group(value)} B`;
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${significant(value)}×` : 'n/a';
}

/** A value in its unit, e.g. `387 ms`, `41.2 KiB`, `12,400/s`, `0.025`. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'bytes':
      return formatBytes(value);
    case 'per-second':
      return `${group(value)}/s`;
    case 'ratio':
      return formatRatio(value);
    case 'count':
      return significant(value);
  }
}
