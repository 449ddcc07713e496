import type { SubscriptionStatus } from '../../protocol/index.ts';
import type { RelayDeps } from './deps.ts';
import { unauthorized } from './require-subscription.ts';

/** A subscription's status as the protocol defines it. */
export function subscriptionStatus(deps: RelayDeps, id: string): SubscriptionStatus {
  const record = deps.store.subscription(id);
  // Authenticated a moment ago; gone only if deleted concurrently, which reads as unknown.
  if (!record) unauthorized();
  const uncovered =
    deps.rules.uncoveredIds().length === 0
      ? 0
      : deps.store.followsOf(id).filter((x) => deps.rules.isUncovered(x)).length;
  return {
    id,
    xUserId: record.xUserId,
    follows: record.follows,
    uncovered,
    ackedSeq: record.ackedSeq,
    oldestSeq: deps.store.logBounds().oldestSeq,
  };
}
