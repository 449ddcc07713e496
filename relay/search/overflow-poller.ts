import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Ingest } from '../ingest.ts';
import type { StateStore } from '../store/store.ts';
import type { XClient } from '../x/x-client.ts';
import { searchByAuthors } from './recent-search.ts';

export interface OverflowPollerOptions {
  client: XClient;
  ingest: Ingest;
  state: StateStore;
  /** Followed ids no stream rule covers (rule capacity ran out). */
  authorIds: () => readonly string[];
  intervalMs: number;
  maxQueryLength: number;
  logger: Logger;
}

const SINCE_KEY = 'overflow.since_time';
// Each cycle searches from a little before the previous one began: its queries ran one after
// another, so a post made meanwhile may have missed the query for its author.
const OVERLAP_MS = 30_000;

/**
 * Covers the follows that did not fit in stream rules by polling recent search every
 * `intervalMs`. Slower than the stream and billed per post read, so it is the overflow path
 * only; health and metrics say how many follows depend on it.
 */
export function createOverflowPoller(options: OverflowPollerOptions) {
  const { state, logger } = options;

  async function cycle(signal: AbortSignal): Promise<void> {
    const ids = options.authorIds();
    const startedAt = Date.now();
    if (ids.length === 0) {
      // Nothing to cover now; an id uncovered later is searched from then, not from long ago.
      state.setState(SINCE_KEY, String(startedAt - OVERLAP_MS));
      return;
    }
    const since = Number(state.getState(SINCE_KEY) ?? startedAt - options.intervalMs);
    let found = 0;
    await searchByAuthors({
      client: options.client,
      authorIds: ids,
      from: { sinceId: undefined, startTimeMs: since },
      maxQueryLength: options.maxQueryLength,
      logger,
      signal,
      onPage: (posts, includes) => {
        found += options.ingest.ingestPosts(posts, includes, 'poll').appended;
      },
    });
    state.setState(SINCE_KEY, String(startedAt - OVERLAP_MS));
    logger.info({ authors: ids.length, found }, 'overflow poll done');
  }

  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await cycle(signal);
      } catch (error) {
        if (signal.aborted) return;
        // The cursor did not move: the next cycle searches the same stretch again.
        logger.warn({ err: error }, 'overflow poll failed');
      }
      await sleep(options.intervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  return { run, cycle };
}
