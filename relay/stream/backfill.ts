import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Ingest } from '../ingest.ts';
import type { SearchFrom } from '../search/recent-search.ts';
import { searchByAuthors } from '../search/recent-search.ts';
import type { XClient } from '../x/x-client.ts';
import type { BackoffBases } from './backoff.ts';
import { createBackoff } from './backoff.ts';
import type { SearchCursor } from './stream-cursor.ts';

export interface BackfillOptions {
  client: XClient;
  ingest: Ingest;
  cursor: SearchCursor;
  /** The ids the stream's rules cover; the overflow poller has the others. */
  authorIds: () => readonly string[];
  maxQueryLength: number;
  /** Retries after a failed backfill follow X's HTTP backoff. */
  backoff: BackoffBases;
  /**
   * Delay of a second pass over the same gap (0: none). X's search index lags the stream by
   * seconds, so a post made just before the gap closed may not be searchable at once.
   */
  secondPassMs: number;
  logger: Logger;
}

/**
 * Recovers what the stream missed during a gap (a disconnect, a restart) with recent search:
 * posts by the covered accounts since the newest post seen before the gap, twice (see
 * `secondPassMs`). Runs one at a time; a request while one runs is merged into one more run
 * after it, from the earlier of the two starting points.
 */
export function createBackfill(options: BackfillOptions) {
  let running: Promise<void> | undefined;
  let queued: SearchFrom | undefined;

  async function once(from: SearchFrom, signal: AbortSignal): Promise<void> {
    const ids = options.authorIds();
    if (ids.length === 0) return;
    let found = 0;
    await searchByAuthors({
      client: options.client,
      authorIds: ids,
      from,
      maxQueryLength: options.maxQueryLength,
      logger: options.logger,
      signal,
      onPage: (posts, includes) => {
        const result = options.ingest.ingestPosts(posts, includes, 'backfill');
        found += result.appended;
        options.cursor.advance(result.newestId);
      },
    });
    options.logger.info({ authors: ids.length, found, sinceId: from.sinceId }, 'backfill done');
  }

  async function drain(from: SearchFrom, signal: AbortSignal): Promise<void> {
    let next: SearchFrom | undefined = from;
    const backoff = createBackoff(options.backoff);
    while (next && !signal.aborted) {
      const current: SearchFrom = next;
      queued = undefined;
      try {
        await once(current, signal);
        backoff.reset();
        next = queued;
      } catch (error) {
        if (signal.aborted) return;
        // The live stream moves the cursor on meanwhile, so this gap is retried until it is
        // covered, or its posts would be lost.
        const delay = backoff.next('http');
        options.logger.warn({ err: error, retryInMs: delay }, 'backfill failed');
        await sleep(delay, undefined, { signal }).catch(() => undefined);
        next = earlier(queued, current);
      }
    }
  }

  function enqueue(from: SearchFrom, signal: AbortSignal): Promise<void> {
    if (running) {
      queued = earlier(queued, from);
      return running;
    }
    running = drain(from, signal).finally(() => (running = undefined));
    return running;
  }

  return {
    /** Backfills from `from` now (or after the one running), and again `secondPassMs` later. */
    request(from: SearchFrom, signal: AbortSignal): Promise<void> {
      if (options.secondPassMs > 0) {
        const timer = setTimeout(() => void enqueue(from, signal), options.secondPassMs);
        signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
      }
      return enqueue(from, signal);
    },
  };
}
export type Backfill = ReturnType<typeof createBackfill>;

function earlier(a: SearchFrom | undefined, b: SearchFrom): SearchFrom {
  if (!a) return b;
  if (a.sinceId === undefined || b.sinceId === undefined) {
    return { sinceId: undefined, startTimeMs: Math.min(a.startTimeMs, b.startTimeMs) };
  }
  return BigInt(a.sinceId) <= BigInt(b.sinceId) ? a : b;
}
