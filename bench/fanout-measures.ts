import type { PhaseOutcome } from './fanout-phase.ts';
import { fromSummary, type Measure } from './result.ts';
import { summarize } from './stats.ts';

type Outcome = { paced: PhaseOutcome; burst: PhaseOutcome };
type Memory = {
  n: number;
  relay: { rss: number; heapUsed: number };
  bare: { rss: number; heapUsed: number };
};

/** One round's figures at one size: latency, throughput, CPU, losses; relay beside bare ws. */
export function fanoutMeasures(n: number, relay: Outcome, bare: Outcome): Measure[] {
  const faults = (o: Outcome) =>
    o.paced.expected -
    o.paced.delivered +
    o.burst.expected -
    o.burst.delivered +
    o.paced.duplicates +
    o.burst.duplicates;
  return [
    fromSummary(
      {
        id: `fanout.n${n}.latency`,
        label: `Delivery latency, ${n.toLocaleString('en-US')} subscribers, paced posts`,
        unit: 'ms',
        better: 'lower',
      },
      summarize(relay.paced.latencies),
      { label: 'bare ws', summary: summarize(bare.paced.latencies) },
    ),
    {
      id: `fanout.n${n}.throughput`,
      label: `Throughput, ${n.toLocaleString('en-US')} subscribers, burst (deliveries/s)`,
      unit: 'per-second',
      better: 'higher',
      median: relay.burst.throughput,
      n: relay.burst.delivered,
      baseline: { label: 'bare ws', median: bare.burst.throughput },
    },
    {
      id: `fanout.n${n}.cpu-per-1000`,
      label: `Server CPU per 1,000 deliveries, ${n.toLocaleString('en-US')} subscribers, burst`,
      unit: 'ms',
      better: 'lower',
      median: relay.burst.serverCpuPer1000,
      baseline: { label: 'bare ws', median: bare.burst.serverCpuPer1000 },
    },
    {
      id: `fanout.n${n}.faults`,
      label: `Deliveries missing or doubled, ${n.toLocaleString('en-US')} subscribers`,
      unit: 'count',
      better: 'lower',
      median: faults(relay),
      baseline: { label: 'bare ws', median: faults(bare) },
    },
  ];
}

/**
 * Server memory per 1,000 subscriptions (registered, socket open, idle), after a full collection
 * in both servers. From empty to the first size it includes the relay's one-off growth on its
 * first traffic (V8 and SQLite caches growing, code compiled); between two sizes it is the
 * marginal cost of 1,000 more, which is the figure to plan capacity with.
 */
export function memoryMeasures(before: Memory, after: Memory): Measure[] {
  const thousands = (after.n - before.n) / 1000;
  const count = (n: number) => n.toLocaleString('en-US');
  const first = before.n === 0;
  const span = first ? `empty to ${count(after.n)}` : `${count(before.n)} to ${count(after.n)}`;
  const perThousand = (kind: 'rss' | 'heapUsed', side: 'relay' | 'bare') =>
    (after[side][kind] - before[side][kind]) / thousands;
  const rss: Measure = {
    id: first ? `fanout.n${after.n}.memory-from-empty` : 'fanout.memory-per-1000',
    label: first
      ? `Relay RSS per 1,000 subscriptions, ${span} (with its first growth)`
      : `Relay RSS per 1,000 more subscriptions, ${span} (idle, connected)`,
    unit: 'bytes',
    better: 'lower',
    median: perThousand('rss', 'relay'),
    baseline: { label: 'bare ws, per 1,000 sockets', median: perThousand('rss', 'bare') },
  };
  const heap: Measure = {
    ...rss,
    id: first ? `fanout.n${after.n}.heap-from-empty` : 'fanout.heap-per-1000',
    label: `Relay JS heap per 1,000 ${first ? '' : 'more '}subscriptions, ${span}`,
    median: perThousand('heapUsed', 'relay'),
    baseline: { label: 'bare ws, per 1,000 sockets', median: perThousand('heapUsed', 'bare') },
  };
  return [rss, heap];
}
