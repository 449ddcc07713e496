import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import type { XClient } from '../x/x-client.ts';
import { XApiError } from '../x/x-client.ts';
import { searchByAuthors } from './recent-search.ts';

const logger = createLogger('silent');
const NOW = Date.parse('2026-12-03T18:00:00.000Z');
// A snowflake made an hour before NOW: (ms - X's epoch) << 22.
const recentId = (((BigInt(NOW - 3600_000) - 1288834974657n) << 22n) + 1n).toString();

/** A client whose `get` answers from `pages`, recording every query it was asked. */
function fakeClient(answer: (query: Record<string, string | undefined>, call: number) => unknown) {
  const queries: Record<string, string | undefined>[] = [];
  const client = {
    get: async (_path: string, query: Record<string, string | undefined>) => {
      queries.push(query);
      const result = answer(query, queries.length);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  // searchByAuthors only calls get(); the rest of the client is never touched.
  return { client: client as unknown as XClient, queries };
}

describe('searchByAuthors', () => {
  it('splits the authors into queries that fit, and follows every page', async () => {
    const { client, queries } = fakeClient((query) =>
      query.next_token === undefined && query.query?.includes('from:1 ')
        ? { data: [{ id: '5' }], meta: { next_token: 'p2' } }
        : { data: [{ id: '6' }], meta: {} },
    );
    const pages: unknown[][] = [];
    await searchByAuthors({
      client,
      authorIds: ['1', '22', '333', '4444'],
      from: { sinceId: recentId, startTimeMs: 0 },
      maxQueryLength: 30,
      onPage: (posts) => pages.push([...posts]),
      logger,
      signal: new AbortController().signal,
      now: () => NOW,
    });
    expect(queries.map((q) => [q.query, q.next_token, q.since_id])).toEqual([
      ['from:1 OR from:22 OR from:333', undefined, recentId],
      ['from:1 OR from:22 OR from:333', 'p2', recentId],
      ['from:4444', undefined, recentId],
    ]);
    expect(queries[0]).toMatchObject({
      max_results: '100',
      expansions: expect.stringContaining('author_id'),
    });
    expect(pages).toEqual([[{ id: '5' }], [{ id: '6' }], [{ id: '6' }]]);
  });

  it('starts at a time when there is no id yet, never before the 7-day window', async () => {
    const { client, queries } = fakeClient(() => ({ meta: {} }));
    const run = (startTimeMs: number) =>
      searchByAuthors({
        client,
        authorIds: ['1'],
        from: { sinceId: undefined, startTimeMs },
        maxQueryLength: 512,
        onPage: () => undefined,
        logger,
        signal: new AbortController().signal,
        now: () => NOW,
      });
    await run(NOW - 60_000);
    await run(NOW - 30 * 86_400_000);
    expect(queries[0]).toMatchObject({ start_time: '2026-12-03T17:59:00.000Z' });
    expect(queries[0]?.since_id).toBeUndefined();
    expect(Date.parse(queries[1]!.start_time!)).toBeGreaterThan(NOW - 7 * 86_400_000);
  });

  it('waits for the rate limit to reset, then carries on', async () => {
    const { client, queries } = fakeClient((_, call) =>
      call === 1
        ? new XApiError(429, undefined, Date.now() + 10)
        : { data: [{ id: '7' }], meta: {} },
    );
    const pages: unknown[] = [];
    await searchByAuthors({
      client,
      authorIds: ['1'],
      from: { sinceId: recentId, startTimeMs: 0 },
      maxQueryLength: 512,
      onPage: (posts) => pages.push(...posts),
      logger,
      signal: new AbortController().signal,
    });
    expect(queries).toHaveLength(2);
    expect(pages).toEqual([{ id: '7' }]);
  });

  it('gives up on other errors, for its caller to retry', async () => {
    const { client } = fakeClient(() => new XApiError(503, undefined, undefined));
    const search = searchByAuthors({
      client,
      authorIds: ['1'],
      from: { sinceId: recentId, startTimeMs: 0 },
      maxQueryLength: 512,
      onPage: () => undefined,
      logger,
      signal: new AbortController().signal,
    });
    await expect(search).rejects.toThrow(XApiError);
  });
});
