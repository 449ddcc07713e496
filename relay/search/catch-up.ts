import type { Logger } from 'pino';
import type { Ingest } from '../ingest.ts';
import type { XClient } from '../x/x-client.ts';
import { searchByAuthors } from './recent-search.ts';

export interface CatchUpOptions {
  client: XClient;
  ingest: Ingest;
  maxQueryLength: number;
  /** How long X may take to apply a new rule; the search runs after it. */
  activationMs: number;
  logger: Logger;
}

// Clocks differ a little between us and X: search from a bit earlier than asked.
const MARGIN_MS = 5000;

/**
 * Closes the window between a follows change and X applying the new rules: once the rules
 * are surely active, searches the accounts they cover from the time of the change. The
 * overlap with the stream is dropped by dedupe.
 */
export function createCatchUp(options: CatchUpOptions) {
  return {
    schedule(ids: readonly string[], sinceMs: number, signal: AbortSignal): void {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', cancel);
        void searchByAuthors({
          client: options.client,
          authorIds: ids,
          from: { sinceId: undefined, startTimeMs: sinceMs - MARGIN_MS },
          maxQueryLength: options.maxQueryLength,
          logger: options.logger,
          signal,
          onPage: (posts, includes) => void options.ingest.ingestPosts(posts, includes, 'backfill'),
        }).catch((error: unknown) => {
          // The next gap backfill (after any reconnect) searches these accounts again.
          if (!signal.aborted)
            options.logger.warn({ err: error, authors: ids.length }, 'catch-up search failed');
        });
      }, options.activationMs);
      const cancel = () => clearTimeout(timer);
      signal.addEventListener('abort', cancel, { once: true });
    },
  };
}
