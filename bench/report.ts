import type { Figure } from './aggregate.ts';
import { machineLine, type Machine } from './machine.ts';
import { formatRatio, formatValue, type AcrossRuns, type Unit } from './stats.ts';
import type { TargetOutcome } from './targets.ts';

/** What main knows of one bench after running it. */
export interface BenchOutcome {
  bench: string;
  title: string;
  command: string;
  runs: number;
  seconds: number;
  failed: boolean;
  /** Why it failed, and the tail of its output, when it did. */
  failure?: string;
  loadAverages: number[][];
  figures: Figure[];
  notes: string[];
}

export interface ReportInput {
  machine: Machine;
  startedAt: Date;
  seconds: number;
  benches: BenchOutcome[];
  targets: TargetOutcome[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** `median (min–max)` over runs, the range only when there were several runs. */
function ranged(value: AcrossRuns, unit: Unit): string {
  const main = formatValue(value.median, unit);
  if (value.runs < 2) return main;
  return `${main} (${formatValue(value.min, unit)}–${formatValue(value.max, unit)})`;
}

function figureRow(f: Figure): string {
  const p99 = f.p99 ? ranged(f.p99, f.unit) : '';
  const base = f.baseline
    ? `${f.baseline.label}: ${formatValue(f.baseline.median.median, f.unit)}${
        f.baseline.p99 ? `, p99 ${formatValue(f.baseline.p99.median, f.unit)}` : ''
      }`
    : '';
  const ratio = f.ratio
    ? `${ranged(f.ratio, 'ratio')}${f.ratioP99 ? `; p99 ${formatRatio(f.ratioP99.median)}` : ''}`
    : '';
  const runs = f.n === undefined ? `${f.median.runs}` : `${f.median.runs} × ${f.n}`;
  return `| ${cell(f.label)} | ${ranged(f.median, f.unit)} | ${p99} | ${cell(base)} | ${ratio} | ${runs} |`;
}

function benchSection(b: BenchOutcome): string[] {
  const lines = [`## ${b.title}`, ''];
  const status = b.failed ? '**FAILED**' : 'ok';
  lines.push(
    `\`${b.command}\`: ${b.runs} run${b.runs === 1 ? '' : 's'}, ${Math.round(b.seconds)} s, ${status}. Load average at start: ${b.loadAverages.map((l) => (l[0] ?? NaN).toFixed(1)).join(', ') || 'n/a'}.`,
    '',
  );
  if (b.failed) lines.push('```', (b.failure ?? 'no reason given').trim(), '```', '');
  if (b.figures.length > 0) {
    lines.push(
      '| Figure | Median | p99 | Same-run baseline (median) | Ratio to baseline | Runs × samples |',
      '| --- | --- | --- | --- | --- | --- |',
      ...b.figures.map(figureRow),
      '',
    );
  } else lines.push('No figures.', '');
  const notes = [
    ...new Set([...b.figures.flatMap((f) => f.notes.map((n) => `${f.label}: ${n}`)), ...b.notes]),
  ];
  if (notes.length > 0) lines.push(...notes.map((n) => `- ${n}`), '');
  return lines;
}

function targetRow(t: TargetOutcome): string {
  const unit: Unit = t.target.field === 'ratio' ? 'ratio' : (t.figure?.unit ?? 'count');
  const field = t.target.field === 'median' ? '' : ` (${t.target.field})`;
  const status =
    t.status === 'met' ? 'met' : t.status === 'missed' ? '**missed**' : '**no figure**';
  return `| ${cell(t.target.aim)} | ${t.target.op} ${formatValue(t.target.value, unit)}${field} | ${formatValue(t.measured, unit)} | ${status} | ${t.distance} |`;
}

export function renderReport(input: ReportInput): string {
  const failed = input.benches.filter((b) => b.failed);
  const lines = [
    '# Performance',
    '',
    `Written by \`npm run bench\` (bench/main.ts) on ${input.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC, in ${(input.seconds / 60).toFixed(1)} min. Everything runs on loopback: the emulators, the relay as its own process, the built extension in headless Chromium where it matters.`,
    '',
    failed.length > 0
      ? `**${failed.length} bench${failed.length === 1 ? '' : 'es'} failed: ${failed.map((b) => b.bench).join(', ')}.** Their sections say why.`
      : 'Every bench ran to the end.',
    '',
    '## Machine',
    '',
    machineLine(input.machine),
    '',
    'This machine is shared (other test suites run beside the benchmarks), so an absolute time means little on its own: read each figure against the baseline measured in the same process and the same minute.',
    '',
    '## How to read the figures',
    '',
    '- Quantiles are nearest-rank: the q-quantile of n samples is the sample of rank ceil(q·n), so every figure is a value that was observed, and a p99 of fewer than 100 samples is their maximum.',
    "- A bench runs several times (runs). **Median** is the median of the runs' medians, **p99** the median of the runs' p99s, each with the smallest and largest run in brackets.",
    '- **Ratio to baseline** is taken run by run, against the baseline measured in the same run (same process, same minute), then summarised the same way: below 1 the bridge takes less than the baseline, above 1 more.',
    "- Figures that are counts or sizes come from one run: they do not depend on the machine's load.",
    '',
    ...input.benches.flatMap(benchSection),
    '## Targets',
    '',
    'What the project aims at, and how far each figure is. An aim is not a test: missing one does not fail the bench.',
    '',
    '| Aim | Target | Measured | Status | How far |',
    '| --- | --- | --- | --- | --- |',
    ...input.targets.map(targetRow),
    '',
  ];
  return lines.join('\n');
}
