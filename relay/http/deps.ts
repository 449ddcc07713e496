import type { Logger } from 'pino';
import type { RelayConfig } from '../config.ts';
import type { EventHub } from '../fanout/event-hub.ts';
import type { Health } from '../health.ts';
import type { Metrics } from '../metrics.ts';
import type { RuleManager } from '../rules/rule-manager.ts';
import type { RelayStore } from '../store/store.ts';

/** What the HTTP routes and the socket server need from the running relay. */
export interface RelayDeps {
  config: RelayConfig;
  store: RelayStore;
  hub: EventHub;
  rules: RuleManager;
  metrics: Metrics;
  logger: Logger;
  health: () => Health;
  /** Aborts when the relay is closing: long-polls answer at once. */
  closing: AbortSignal;
}

/** Hono variables set by the subscription auth middleware. */
export interface SubscriptionEnv {
  Variables: { subscriptionId: string };
}
