import { MAX_FOLLOWS } from '../../../protocol/relay-api.ts';
import type { Db } from '../../shared/db.ts';
import { logActivity } from '../../shared/activity.ts';
import type { XClient } from '../clients/x-client.ts';
import type { RelayClient } from './relay-client.ts';
import { saveSubscription, type StoredSubscription } from './relay-subscription.ts';

/** Follows are sent again after this long (and whenever import is set up anew). */
export const FOLLOWS_REFRESH_MS = 24 * 60 * 60_000;

export interface FollowsSyncDeps {
  db: Db;
  relay: RelayClient;
  subscription: StoredSubscription;
  x: { userId: string; client: Pick<XClient, 'following'> };
}

/** Every account the user follows on X, all pages, with the user's own token. */
export async function readFollowing(
  x: FollowsSyncDeps['x'],
  signal: AbortSignal,
): Promise<string[]> {
  const ids = new Set<string>();
  let token: string | undefined;
  do {
    signal.throwIfAborted();
    const page = await x.client.following(x.userId, token);
    for (const user of page.data ?? []) ids.add(user.id);
    token = page.meta.next_token;
  } while (token && ids.size < MAX_FOLLOWS);
  return [...ids].slice(0, MAX_FOLLOWS);
}

/** Whether the follows are due: never sent, sent for another X account, or over a day ago. */
export function followsDue(
  subscription: StoredSubscription,
  xUserId: string,
  now = Date.now(),
): boolean {
  if (subscription.xUserId !== xUserId) return true;
  return (subscription.followsSyncedAt ?? 0) + FOLLOWS_REFRESH_MS <= now;
}

/**
 * Reads the user's following list from X and hands it to the relay, which turns the union of
 * all its users' follows into stream rules. Answers the number of accounts followed.
 */
export async function syncFollows(deps: FollowsSyncDeps, signal: AbortSignal): Promise<number> {
  const { db, relay, subscription, x } = deps;
  const followIds = await readFollowing(x, signal);
  signal.throwIfAborted();

  const status = await relay.putFollows(subscription, { xUserId: x.userId, followIds });
  await saveSubscription(db, {
    ...subscription,
    followsSyncedAt: Date.now(),
    xUserId: x.userId,
    follows: status.follows,
  });

  if (subscription.follows !== status.follows) {
    const uncovered = status.uncovered
      ? ` The relay's stream rules are full: ${status.uncovered} of them are polled, so their posts arrive a few minutes late.`
      : '';
    await logActivity(db, {
      level: 'info',
      area: 'relay',
      message: `The relay now follows the ${status.follows} accounts you follow on X.${uncovered}`,
    });
  }
  return status.follows;
}
