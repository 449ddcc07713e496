import { Hono } from 'hono';
import { appOrUser, guard } from './auth.ts';
import type { XContext, XEnv } from './context.ts';
import { problems } from './errors.ts';
import { TWEET_FIELD_PARAMS } from './fields.ts';
import { pageOf, readPostWindow, respondWithPage } from './listing.ts';
import { readQuery } from './params.ts';
import { matches } from './query/match.ts';
import { parseQuery, type QueryNode } from './query/parse.ts';
import { matchTarget } from './query/target.ts';
import { QuerySyntaxError } from './query/tokenize.ts';
import { isoTime, renderContextOf } from './render.ts';

const QUERY = [
  'query',
  'start_time',
  'end_time',
  'since_id',
  'until_id',
  'max_results',
  'next_token',
  'pagination_token',
  'sort_order',
  ...Object.keys(TWEET_FIELD_PARAMS),
];

/** `GET /2/tweets/search/recent`: the last 7 days, newest first, what the relay backfills with. */
export function searchRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();

  app.get(
    '/2/tweets/search/recent',
    guard(ctx, 'GET /2/tweets/search/recent', appOrUser('tweet.read', 'users.read')),
    (c) => {
      const q = readQuery(c, QUERY);
      const fields = q.fields(TWEET_FIELD_PARAMS);
      const window = readPostWindow(q, ['next_token', 'pagination_token'], [10, 100, 10]);
      q.list('sort_order', ['recency', 'relevancy']);
      const text = q.raw('query');
      if (!text)
        q.errors.push({
          parameters: { query: [] },
          message: 'The `query` query parameter can not be empty',
        });
      q.done();
      const query = parseSearch(ctx, text ?? '');

      const now = ctx.clock.now();
      const oldest = now - ctx.settings.searchWindowMs;
      if (window.startTime !== undefined && window.startTime < oldest) {
        throw problems.invalidRequest([
          {
            parameters: { start_time: [isoTime(window.startTime)] },
            message: `Invalid 'start_time':'${isoTime(window.startTime)}'. 'start_time' must be on or after ${isoTime(oldest)}`,
          },
        ]);
      }
      const newest = now - ctx.settings.searchLagMs;
      const candidates = [...ctx.state.posts.values()].filter((post) => {
        if (post.deletedAt !== undefined || post.createdAt < oldest || post.createdAt > newest)
          return false;
        const target = matchTarget(ctx.state, post);
        return target !== undefined && matches(query, target, 'search');
      });
      const { page, nextToken } = pageOf(candidates, window);
      return respondWithPage(c, renderContextOf(ctx, c, fields), page, nextToken);
    },
  );

  return app;
}

function parseSearch(ctx: XContext, text: string): QueryNode {
  const max = ctx.settings.searchQueryMaxLength;
  if (text.length > max) {
    throw problems.invalidRequest([
      {
        parameters: { query: [text] },
        message: `The \`query\` query parameter value is too long: ${text.length} characters, the maximum is ${max}`,
      },
    ]);
  }
  try {
    return parseQuery(text);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw problems.invalidRequest([
      {
        parameters: { query: [text] },
        message: `There were errors processing your request: ${error.details.join(', ')}`,
      },
    ]);
  }
}
