import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { fromQuery, splitIntoQueries } from '../rules/rule-value.ts';
import { POST_FIELDS } from '../x/x-fields.ts';
import type { XClient } from '../x/x-client.ts';
import { XApiError } from '../x/x-client.ts';
import { xSearchPageSchema } from '../x/x-schemas.ts';
import { snowflakeTime } from '../x/snowflake.ts';

/** Where a search starts: after a post id, or (with no id yet) at a time. */
export interface SearchFrom {
  sinceId: string | undefined;
  startTimeMs: number;
}

export interface SearchByAuthorsInput {
  client: XClient;
  authorIds: readonly string[];
  from: SearchFrom;
  maxQueryLength: number;
  /** Receives each page's posts and includes, in the order X returns them. */
  onPage: (posts: readonly unknown[], includes: unknown) => void;
  logger: Logger;
  signal: AbortSignal;
  now?: () => number;
}

// Recent search covers 7 days; asking from further back is a 400, so clamp with a margin.
const WINDOW_MS = 7 * 24 * 3600_000 - 5 * 60_000;
// A bound on pages a query, so a runaway answer cannot loop forever: 100 pages of 100 posts.
const MAX_PAGES = 100;

/**
 * Finds the posts by `authorIds` since a point, with `from:` queries that fit X's query
 * length, following `next_token` through every page. A 429 waits for the window to reset
 * and carries on (a big backfill is paced by X's 450 requests / 15 min, not abandoned).
 */
export async function searchByAuthors(input: SearchByAuthorsInput): Promise<void> {
  const now = input.now ?? Date.now;
  const window = now() - WINDOW_MS;
  const since =
    input.from.sinceId !== undefined && snowflakeTime(input.from.sinceId) > window
      ? { since_id: input.from.sinceId }
      : { start_time: new Date(Math.max(input.from.startTimeMs, window)).toISOString() };

  for (const ids of splitIntoQueries(input.authorIds, input.maxQueryLength)) {
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = { query: fromQuery(ids), max_results: '100', ...since, ...POST_FIELDS };
      const answer = await withRateLimitWait(input, () =>
        input.client.get(
          '/2/tweets/search/recent',
          { ...query, next_token: nextToken },
          xSearchPageSchema,
          input.signal,
        ),
      );
      input.onPage(answer.data ?? [], answer.includes);
      nextToken = answer.meta?.next_token;
      if (!nextToken) break;
    }
  }
}

async function withRateLimitWait<T>(input: SearchByAuthorsInput, call: () => Promise<T>) {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof XApiError) || error.status !== 429) throw error;
      const now = (input.now ?? Date.now)();
      const waitMs = Math.max(1000, (error.resetAtMs ?? now + 60_000) - now);
      input.logger.warn({ waitMs }, 'recent search rate limited; waiting for the window to reset');
      await sleep(waitMs, undefined, { signal: input.signal });
    }
  }
}
