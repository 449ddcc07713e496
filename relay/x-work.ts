import type { Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import type { Ingest } from './ingest.ts';
import type { Metrics } from './metrics.ts';
import type { RuleManager } from './rules/rule-manager.ts';
import { createCatchUp } from './search/catch-up.ts';
import { createOverflowPoller } from './search/overflow-poller.ts';
import type { RelayStore } from './store/store.ts';
import { createBackfill } from './stream/backfill.ts';
import { createSearchCursor } from './stream/stream-cursor.ts';
import { StreamHolder } from './stream/stream-holder.ts';
import { createDeleteSweep } from './sweeps/delete-sweep.ts';
import { every } from './sweeps/every.ts';
import type { XClient } from './x/x-client.ts';

export interface XWorkDeps {
  config: RelayConfig;
  client: XClient;
  store: RelayStore;
  rules: RuleManager;
  ingest: Ingest;
  metrics: Metrics;
  logger: Logger;
  /** Delay of the second backfill pass after a gap (X's search index lags a little). */
  backfillSecondPassMs: number;
  /** How long X may take to apply a new rule, before the catch-up search. */
  ruleActivationMs: number;
}

/**
 * Everything that talks to X, started together when there is a bearer token: rule sync, the
 * stream (with gap backfill), the overflow poller and the delete sweep. All stop on `signal`.
 */
export function startXWork(deps: XWorkDeps, signal: AbortSignal) {
  const { config, client, store, rules, ingest, metrics } = deps;
  const logger = (component: string) => deps.logger.child({ component });

  const cursor = createSearchCursor(store, 'stream');
  const backfill = createBackfill({
    client,
    ingest,
    cursor,
    authorIds: rules.coveredIds,
    maxQueryLength: config.searchQueryMaxLength,
    backoff: config.backoff,
    secondPassMs: deps.backfillSecondPassMs,
    logger: logger('backfill'),
  });
  const stream = new StreamHolder({
    client,
    ingest,
    cursor,
    backfill,
    rules,
    stallMs: config.streamStallSeconds * 1000,
    backoff: config.backoff,
    logger: logger('stream'),
    metrics,
  });
  const poller = createOverflowPoller({
    client,
    ingest,
    state: store,
    authorIds: rules.uncoveredIds,
    intervalMs: config.overflowPollSeconds * 1000,
    maxQueryLength: config.searchQueryMaxLength,
    logger: logger('overflow'),
  });

  const catchUp = createCatchUp({
    client,
    ingest,
    maxQueryLength: config.searchQueryMaxLength,
    activationMs: deps.ruleActivationMs,
    logger: logger('catch-up'),
  });

  stream.start();
  const tasks = [rules.run(signal), poller.run(signal)];
  if (config.deleteSweepIntervalSeconds > 0 && config.deleteSweepReachHours > 0) {
    const intervalMs = config.deleteSweepIntervalSeconds * 1000;
    const sweepDeletes = createDeleteSweep({
      client,
      log: store,
      ingest,
      reachMs: config.deleteSweepReachHours * 3600_000,
      intervalMs,
      logger: logger('deletes'),
    });
    tasks.push(every(intervalMs, signal, logger('deletes'), 'delete sweep', sweepDeletes));
  }
  return {
    stream,
    tasks,
    /** Rules were added: search their accounts once X surely applies them. */
    catchUp: (ids: readonly string[], sinceMs: number) => catchUp.schedule(ids, sinceMs, signal),
  };
}
