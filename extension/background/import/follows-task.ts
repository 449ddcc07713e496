import { loadSettings } from '../../shared/settings.ts';
import { xClientFor } from '../accounts/x-session.ts';
import type { Background } from '../background.ts';
import { followsDue, syncFollows } from './follows-sync.ts';
import { createRelayClient } from './relay-client.ts';
import { loadSubscription } from './relay-subscription.ts';

/**
 * Sends the follows to the relay when they are due (or now, when `force`): on setup, when the
 * X account changes, and daily. One run at a time; answers the count sent, if it ran.
 */
export function createFollowsTask(bg: Background) {
  let running: Promise<number | undefined> | undefined;

  async function run(force: boolean, signal: AbortSignal): Promise<number | undefined> {
    const db = await bg.db();
    const settings = await loadSettings(db);
    if (!settings.import.enabled || !settings.relay.url) return undefined;

    const relay = createRelayClient({ url: settings.relay.url });
    const subscription = await loadSubscription(db, relay.url);
    const x = await xClientFor(bg);
    if (!subscription || !x) return undefined;
    if (!force && !followsDue(subscription, x.userId)) return undefined;

    return syncFollows({ db, relay, subscription, x }, signal);
  }

  return (force: boolean, signal: AbortSignal): Promise<number | undefined> => {
    running ??= run(force, signal).finally(() => (running = undefined));
    return running;
  };
}
