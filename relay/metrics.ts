import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The relay's Prometheus metrics, in a registry of its own so that several relays in one
 * process (tests, benchmarks) do not share counters.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'relay_process_' });
  const registers = [registry];

  return {
    registry,
    sockets: new Gauge({
      name: 'relay_socket_connections',
      help: 'Open WebSocket connections from extensions',
      registers,
    }),
    subscriptions: new Gauge({
      name: 'relay_subscriptions',
      help: 'Registered subscriptions',
      registers,
    }),
    postsIn: new Counter({
      name: 'relay_posts_in_total',
      help: 'New posts appended to the log, by where they came from',
      labelNames: ['source'] as const,
      registers,
    }),
    duplicates: new Counter({
      name: 'relay_posts_duplicate_total',
      help: 'Posts received again and dropped (stream duplicates, backfill overlap)',
      registers,
    }),
    eventsOut: new Counter({
      name: 'relay_events_out_total',
      help: 'Events sent to extensions, by transport',
      labelNames: ['transport'] as const,
      registers,
    }),
    deletes: new Counter({
      name: 'relay_deletes_total',
      help: 'Delete events appended for posts deleted on X',
      registers,
    }),
    streamConnected: new Gauge({
      name: 'relay_stream_connected',
      help: '1 while the filtered stream is connected',
      registers,
    }),
    reconnects: new Counter({
      name: 'relay_stream_reconnects_total',
      help: 'Filtered stream connections lost and retried, by cause',
      labelNames: ['cause'] as const,
      registers,
    }),
    malformedLines: new Counter({
      name: 'relay_stream_malformed_total',
      help: 'Stream lines or posts that were not valid and were skipped',
      registers,
    }),
    backfilled: new Counter({
      name: 'relay_backfilled_posts_total',
      help: 'Posts recovered by recent search after a gap or for uncovered follows',
      registers,
    }),
    rulesUsed: new Gauge({
      name: 'relay_rule_capacity_used',
      help: 'Filtered-stream rules in use (ours and others)',
      registers,
    }),
    rulesTotal: new Gauge({
      name: 'relay_rule_capacity_total',
      help: 'Filtered-stream rules allowed (RULE_MAX_COUNT)',
      registers,
    }),
    uncovered: new Gauge({
      name: 'relay_uncovered_follows',
      help: 'Followed ids no rule covers, polled by recent search instead',
      registers,
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
