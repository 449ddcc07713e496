import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.ts';
import type { BackoffBases } from '../stream/backoff.ts';
import { createBackoff } from '../stream/backoff.ts';
import type { FollowsChange } from '../store/store.ts';
import type { XClient } from '../x/x-client.ts';
import { XApiError } from '../x/x-client.ts';
import type { ExistingRule, RuleLimits, RulePlan } from './planner.ts';
import { planRules } from './planner.ts';
import { applyRuleChange, fetchRules } from './rule-syncer.ts';

export interface RuleManagerOptions {
  /** Absent without X_BEARER_TOKEN: rules are then planned (for coverage) but not sent. */
  client: XClient | undefined;
  followerCounts: ReadonlyMap<string, number>;
  limits: RuleLimits;
  tagPrefix: string;
  logger: Logger;
  metrics: Metrics;
  /** Quiet time after a follows change before syncing, so bursts make one rules call. */
  settleMs: number;
  /** Retries after a failed sync follow X's backoff (HTTP errors, and 429 from its reset). */
  backoff: BackoffBases;
  /**
   * Rules were added for these ids, in a sync for follows changed since `sinceMs`. X takes
   * up to ~20 s to apply a new rule (matching-returned-tweets.mdx), and a rewritten rule is
   * deleted before its successor is added: posts meanwhile reach only search.
   */
  onRulesAdded?: (ids: string[], sinceMs: number) => void;
}

// X's rules can change behind our back (another tool, the console): read them now and then.
const RECONCILE_EVERY_MS = 3600_000;

/**
 * Keeps X's filtered-stream rules in step with what subscriptions follow: counts followers
 * per id, plans rules on every change (so coverage is known at once), and syncs the plan to
 * X in the background, reading X's rules first after a start or a failure.
 */
export function createRuleManager(options: RuleManagerOptions) {
  const { client, limits, tagPrefix, logger, metrics } = options;
  const counts = new Map(options.followerCounts);
  let applied: ExistingRule[] = [];
  let strays: string[] = [];
  let foreign = 0;
  let reconciled = false;
  let plan: RulePlan = { rules: [], add: [], remove: [], uncovered: [] };
  let uncovered = new Set<string>();
  let dirty = true;
  let changedAt: number | undefined;
  let wake: (() => void) | undefined;
  const rulesWaiters = new Set<() => void>();
  replan();

  function replan(): RulePlan {
    plan = planRules({
      current: applied,
      wanted: counts,
      limits: { maxLength: limits.maxLength, maxCount: Math.max(0, limits.maxCount - foreign) },
      tagPrefix,
    });
    if (!client) {
      // No X to talk to: take the plan as applied, so coverage still reads true.
      applied = plan.rules.map((rule) => ({
        id: rule.id ?? rule.tag,
        tag: rule.tag,
        ids: rule.ids,
      }));
    }
    uncovered = new Set(plan.uncovered);
    metrics.uncovered.set(plan.uncovered.length);
    metrics.rulesUsed.set(applied.length + foreign);
    metrics.rulesTotal.set(limits.maxCount);
    return plan;
  }

  function changed(): void {
    dirty = true;
    changedAt ??= Date.now();
    wake?.();
  }

  async function reconcile(signal: AbortSignal): Promise<void> {
    // Guarded by the caller: reconcile runs only with a client.
    const onX = await fetchRules(client!, tagPrefix, signal);
    applied = onX.ours;
    strays = onX.strays;
    foreign = onX.foreign;
    reconciled = true;
    logger.info(
      { ours: applied.length, foreign, strays: strays.length },
      'read stream rules from X',
    );
  }

  async function sync(signal: AbortSignal): Promise<void> {
    const since = changedAt ?? Date.now();
    await syncFrom(since, signal);
    // A change during the sync keeps the earlier time: a wider search, never a gap.
    changedAt = dirty ? since : undefined;
  }

  async function syncFrom(since: number, signal: AbortSignal): Promise<void> {
    if (!reconciled) await reconcile(signal);
    const next = replan();
    const remove = [...next.remove, ...strays];
    if (next.add.length === 0 && remove.length === 0) return notifyIfRules();

    const result = await applyRuleChange(client!, { add: next.add, remove }, signal);
    if (result.created.length > 0) {
      options.onRulesAdded?.(
        result.created.flatMap((rule) => rule.ids),
        since,
      );
    }
    const deleted = new Set(result.deleted);
    applied = [...applied.filter((rule) => !deleted.has(rule.id)), ...result.created];
    strays = strays.filter((id) => !deleted.has(id));
    replan();
    logger.info(
      {
        added: result.created.length,
        removed: result.deleted.length,
        rules: applied.length,
        uncovered: plan.uncovered.length,
      },
      'stream rules synced',
    );
    notifyIfRules();
    if (result.failed.length > 0) {
      reconciled = false;
      throw new Error(`X refused rule changes: ${result.failed.slice(0, 3).join('; ')}`);
    }
  }

  function notifyIfRules(): void {
    if (!hasRules()) return;
    for (const resolve of [...rulesWaiters]) resolve();
  }

  function hasRules(): boolean {
    return applied.length + foreign > 0;
  }

  /** Waits for a follows change (then lets it settle), or for the periodic re-read. */
  async function nextChange(signal: AbortSignal): Promise<void> {
    if (!dirty) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          reconciled = false;
          resolve();
        }, RECONCILE_EVERY_MS);
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
      wake = undefined;
    }
    if (signal.aborted) return;
    if (dirty) await sleep(options.settleMs, undefined, { signal });
    dirty = false;
  }

  async function run(signal: AbortSignal): Promise<void> {
    if (!client) return;
    const backoff = createBackoff(options.backoff);
    while (!signal.aborted) {
      try {
        dirty = false;
        await sync(signal);
        backoff.reset();
        await nextChange(signal);
      } catch (error) {
        if (signal.aborted) return;
        reconciled = false;
        const delay =
          error instanceof XApiError && error.status === 429
            ? backoff.next('rate-limit', error.resetAtMs)
            : backoff.next('http');
        logger.warn({ err: error, retryInMs: delay }, 'stream rules sync failed');
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  return {
    run,
    /** A subscription's follows changed: update counts, replan, sync soon. */
    followsChanged(change: FollowsChange): void {
      for (const id of change.added) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const id of change.removed) {
        const n = (counts.get(id) ?? 0) - 1;
        if (n > 0) counts.set(id, n);
        else counts.delete(id);
      }
      replan();
      changed();
    },
    /** X says the stream has no rules (409): ours are not what we think; read them again. */
    invalidate(): void {
      reconciled = false;
      changed();
    },
    hasRules,
    /** Resolves once at least one rule is on X (the stream answers 409 without one). */
    waitForRules(signal: AbortSignal): Promise<void> {
      if (hasRules()) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          rulesWaiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        rulesWaiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    },
    /** Ids our rules on X cover now: gap backfill searches for these. */
    coveredIds: (): string[] => applied.flatMap((rule) => rule.ids),
    /** Ids no rule can cover (capacity): the overflow poller searches for these. */
    uncoveredIds: (): readonly string[] => plan.uncovered,
    isUncovered: (id: string): boolean => uncovered.has(id),
    usage: () => ({
      used: applied.length + foreign,
      total: limits.maxCount,
      ours: applied.length,
      foreign,
    }),
  };
}
export type RuleManager = ReturnType<typeof createRuleManager>;
