import type { Logger } from 'pino';
import type { DestinationStream } from 'pino';
import type { RelayConfig } from './config.ts';
import type { EventHub } from './fanout/event-hub.ts';
import { createEventHub } from './fanout/event-hub.ts';
import type { Ingest } from './ingest.ts';
import { createIngest } from './ingest.ts';
import { createLogger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { createMetrics } from './metrics.ts';
import type { RuleManager } from './rules/rule-manager.ts';
import { createRuleManager } from './rules/rule-manager.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { RelayStore } from './store/store.ts';
import type { XClient } from './x/x-client.ts';

/** The tag prefix of our stream rules: rules with other tags are left alone. */
export const RULE_TAG_PREFIX = 'relay:';

/** The parts every relay has, whether it talks to X or not. */
export interface RelayCore {
  logger: Logger;
  store: RelayStore;
  metrics: Metrics;
  hub: EventHub;
  rules: RuleManager;
  ingest: Ingest;
}

/**
 * Opens the store and builds the log, hub, metrics and rule manager around it. `client` is
 * X, or undefined without a bearer token (rules are then planned but not sent).
 */
export function createRelayCore(
  config: RelayConfig,
  options: {
    client: XClient | undefined;
    logDestination?: DestinationStream | undefined;
    rulesSettleMs: number;
    onRulesAdded?: (ids: string[], sinceMs: number) => void;
  },
): RelayCore {
  const logger = createLogger(config.logLevel, options.logDestination);
  const store = openSqliteStore(config.databasePath);
  const metrics = createMetrics();
  const hub = createEventHub();
  const rules = createRuleManager({
    client: options.client,
    followerCounts: store.followerCounts(),
    limits: { maxLength: config.ruleMaxLength, maxCount: config.ruleMaxCount },
    tagPrefix: RULE_TAG_PREFIX,
    logger: logger.child({ component: 'rules' }),
    metrics,
    settleMs: options.rulesSettleMs,
    backoff: config.backoff,
    ...(options.onRulesAdded && { onRulesAdded: options.onRulesAdded }),
  });
  const ingest = createIngest({
    store,
    hub,
    metrics,
    logger: logger.child({ component: 'ingest' }),
  });
  metrics.subscriptions.set(store.subscriptionCount());
  return { logger, store, metrics, hub, rules, ingest };
}
