import type { Db } from './db.ts';
import { notifyChanged } from './changes.ts';

/** The link from this browser to the relay, as the options page shows it. */
export interface RelayLinkState {
  /**
   * `off`: import is off or not set up; `connecting`: opening the link; `connected`: events
   * flow; `backoff`: waiting before the next attempt; `error`: needs the user (bad admission
   * code, relay forgot the subscription...).
   */
  state: 'off' | 'connecting' | 'connected' | 'backoff' | 'error';
  /** Why, in the user's words: the relay's own message, or when the next attempt is. */
  detail?: string;
  /** Epoch ms when this state began. */
  since: number;
  /** Epoch ms of the last event received from the relay. */
  lastEventAt?: number;
  /** Posts received but not yet in StatusNet. */
  backlog?: number;
}

const KEY = 'relayState';

/** The stored relay link state; `off` when none was ever written. */
export async function readRelayState(db: Db): Promise<RelayLinkState> {
  const stored = (await db.get('kv', KEY)) as RelayLinkState | undefined;
  return stored ?? { state: 'off', since: 0 };
}

/**
 * Stores the relay link state and tells open pages. `since` moves only when `state` changes, so
 * the page can say "connected for 3 hours" while details (backlog, last event) update.
 */
export async function writeRelayState(
  db: Db,
  next: Omit<RelayLinkState, 'since'> & { since?: number },
): Promise<RelayLinkState> {
  const tx = db.transaction('kv', 'readwrite');
  const previous = (await tx.store.get(KEY)) as RelayLinkState | undefined;
  const state: RelayLinkState = {
    ...previous,
    ...next,
    since: next.since ?? (previous?.state === next.state ? previous.since : Date.now()),
  };
  if (next.detail === undefined) delete state.detail;
  await tx.store.put(state, KEY);
  await tx.done;
  notifyChanged('health');
  return state;
}
