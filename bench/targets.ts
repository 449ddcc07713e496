import type { Figure } from './aggregate.ts';
import { formatRatio, formatValue } from './stats.ts';

/**
 * What the project aims at, figure by figure. An aim is not a test: the report says how far
 * each figure is from it, and a missed aim does not fail `npm run bench`.
 */
export interface Target {
  /** A figure id; `*` stands for any part of one, and then the worst match counts. */
  id: string;
  field: 'median' | 'p99' | 'ratio';
  op: '<=' | '>=';
  value: number;
  aim: string;
}

const KiB = 1024;
const MiB = 1024 * 1024;

export const TARGETS: Target[] = [
  {
    id: 'import.latency',
    field: 'p99',
    op: '<=',
    value: 2000,
    aim: 'Import: a post on X is a notice within 2 s (p99); polling every 70 s took up to 70 s',
  },
  {
    id: 'export.nudged',
    field: 'p99',
    op: '<=',
    value: 5000,
    aim: 'Export after a nudge: on X within 5 s (p99)',
  },
  {
    id: 'export.polled',
    field: 'p99',
    op: '<=',
    value: 35_000,
    aim: 'Export by the alarm alone: on X within the poll period plus 5 s (p99)',
  },
  {
    id: 'fanout.n1000.throughput',
    field: 'ratio',
    op: '>=',
    value: 0.5,
    aim: 'Fan-out throughput at 1,000 subscribers: at least half a bare ws broadcast',
  },
  {
    id: 'fanout.n5000.throughput',
    field: 'ratio',
    op: '>=',
    value: 0.5,
    aim: 'Fan-out throughput at 5,000 subscribers: at least half a bare ws broadcast',
  },
  {
    id: 'fanout.n5000.latency',
    field: 'p99',
    op: '<=',
    value: 1000,
    aim: 'Delivery latency at 5,000 subscribers under paced load: within 1 s (p99)',
  },
  {
    id: 'fanout.memory-per-1000',
    field: 'median',
    op: '<=',
    value: 5 * MiB,
    aim: 'Relay memory: at most 5 MiB RSS per 1,000 more connected subscriptions',
  },
  {
    id: 'fanout.n*.faults',
    field: 'median',
    op: '<=',
    value: 0,
    aim: 'Fan-out: no delivery missing or doubled',
  },
  {
    id: 'economy.x-reads-per-delivery',
    field: 'median',
    op: '<=',
    value: 0.1,
    aim: 'X reads per delivered post per subscriber: a tenth of per-user polling or less',
  },
  {
    id: 'economy.x-reads-per-delivery-with-sweep',
    field: 'median',
    op: '<=',
    value: 1,
    aim: 'The same with the delete sweep at its defaults: no worse than per-user polling',
  },
  {
    id: 'economy.x-calls.*',
    field: 'median',
    op: '<=',
    value: 1,
    aim: 'X calls per mirrored action (every kind): one, the write itself',
  },
  {
    id: 'economy.statusnet-calls-per-idle-hour',
    field: 'median',
    op: '<=',
    value: 120,
    aim: 'StatusNet calls per idle hour: at most 120 (two reads a minute)',
  },
  {
    id: 'footprint.background-gzip',
    field: 'median',
    op: '<=',
    value: 150 * KiB,
    aim: 'Background bundle: at most 150 KiB gzipped',
  },
  {
    id: 'footprint.options-gzip',
    field: 'median',
    op: '<=',
    value: 100 * KiB,
    aim: 'Options page: at most 100 KiB gzipped',
  },
  {
    id: 'footprint.worker-heap-after-day',
    field: 'median',
    op: '<=',
    value: 8 * MiB,
    aim: 'Service worker heap after a day: at most 8 MiB retained',
  },
];

export interface TargetOutcome {
  target: Target;
  figure: Figure | undefined;
  measured: number;
  status: 'met' | 'missed' | 'no figure';
  /** In words: how much room is left, or how far off it is. */
  distance: string;
}

function valueOf(figure: Figure, field: Target['field']): number {
  if (field === 'ratio') return figure.ratio?.median ?? NaN;
  if (field === 'p99') return figure.p99?.median ?? NaN;
  return figure.median.median;
}

export function evaluate(target: Target, figures: readonly Figure[]): TargetOutcome {
  const escape = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${target.id.split('*').map(escape).join('[^.]*')}$`);
  const matching = figures.filter((f) => pattern.test(f.id));
  const valued = matching
    .map((figure) => ({ figure, value: valueOf(figure, target.field) }))
    .filter((v) => Number.isFinite(v.value));
  if (valued.length === 0)
    return {
      target,
      figure: undefined,
      measured: NaN,
      status: 'no figure',
      distance: 'not measured',
    };

  // The worst of the matching figures: the largest for an upper bound, the smallest for a floor.
  const worst = valued.reduce((a, b) =>
    target.op === '<=' ? (b.value > a.value ? b : a) : b.value < a.value ? b : a,
  );
  const met = target.op === '<=' ? worst.value <= target.value : worst.value >= target.value;
  return {
    target,
    figure: worst.figure,
    measured: worst.value,
    status: met ? 'met' : 'missed',
    distance: distance(target, worst.value, met),
  };
}

function distance(target: Target, value: number, met: boolean): string {
  const unit = target.field === 'ratio' ? 'ratio' : undefined;
  if (target.value === 0) return met ? 'none' : `${formatValue(value, unit ?? 'count')} too many`;
  const share = value / target.value;
  if (target.op === '<=')
    return met ? `${Math.round(share * 100)}% of the limit` : `${formatRatio(share)} the limit`;
  return met ? `${formatRatio(share)} the aim` : `${Math.round(share * 100)}% of the aim`;
}
