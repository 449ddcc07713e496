import type { SearchFrom } from '../search/recent-search.ts';
import type { StateStore } from '../store/store.ts';
import { maxId } from '../x/x-id.ts';
import { idBefore } from '../x/snowflake.ts';

// The stream delivers posts out of order within its few seconds of latency (P99 ~6-7 s,
// consuming-streaming-data.mdx), so a search after a gap starts this far before the newest
// post seen; the overlap is dropped by dedupe.
const OVERLAP_MS = 30_000;

/**
 * Where a search must start to cover a gap, kept across restarts under `key`: the newest
 * post id seen, or (before any post) the time the relay first started.
 */
export function createSearchCursor(state: StateStore, key: string, now = Date.now) {
  const timeKey = `${key}.since_time`;
  const idKey = `${key}.newest_id`;
  if (state.getState(timeKey) === undefined) state.setState(timeKey, String(now()));
  let newest = state.getState(idKey);

  return {
    /** Records posts seen; only a newer id moves the cursor. */
    advance(id: string | undefined): void {
      const next = maxId(newest, id);
      if (next === newest || next === undefined) return;
      newest = next;
      state.setState(idKey, next);
    },
    /** The start of a search that covers everything since the newest post seen. */
    snapshot(): SearchFrom {
      return {
        sinceId: newest === undefined ? undefined : idBefore(newest, OVERLAP_MS),
        startTimeMs: Number(state.getState(timeKey)),
      };
    },
  };
}
export type SearchCursor = ReturnType<typeof createSearchCursor>;
