import type { Db } from '../../shared/db.ts';
import { readRelayState, writeRelayState, type RelayLinkState } from '../../shared/relay-state.ts';
import { backlogCount } from './inbox.ts';

/** Backlog and last-event updates are written at most this often (a burst is one write). */
const REFRESH_MS = 1_000;

/**
 * Keeps kv `relayState` current for the options page: the link's state when it changes, and,
 * between changes, the backlog and the time of the last event, without a write per event.
 */
export function createLinkHealth(db: () => Promise<Db>) {
  let lastEventAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function write(state: Omit<RelayLinkState, 'since'>): Promise<void> {
    const store = await db();
    await writeRelayState(store, {
      ...state,
      backlog: await backlogCount(store),
      ...(lastEventAt !== undefined && { lastEventAt }),
    });
  }

  async function refresh(): Promise<void> {
    timer = undefined;
    const { state, detail } = await readRelayState(await db());
    await write({ state, ...(detail !== undefined && { detail }) });
  }

  return {
    /** The link's state changed. */
    setState: write,
    /** An event arrived, or the inbox moved: refresh the counts soon. */
    touch(eventArrived = false): void {
      if (eventArrived) lastEventAt = Date.now();
      timer ??= setTimeout(() => void refresh().catch(() => undefined), REFRESH_MS);
    },
  };
}
