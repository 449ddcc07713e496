import { Hono } from 'hono';
import { appOrUser, guard } from './auth.ts';
import type { XContext, XEnv } from './context.ts';
import { notFoundEntry } from './errors.ts';
import { TWEET_FIELD_PARAMS } from './fields.ts';
import { pageOf, readPostWindow, respondWithPage } from './listing.ts';
import { pathId, readQuery } from './params.ts';
import { renderContextOf } from './render.ts';

const QUERY = [
  'since_id',
  'until_id',
  'max_results',
  'pagination_token',
  'exclude',
  'start_time',
  'end_time',
  ...Object.keys(TWEET_FIELD_PARAMS),
];

/** `GET /2/users/:id/tweets`: a user's posts and reposts, newest first. */
export function timelineRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();

  app.get(
    '/2/users/:id/tweets',
    guard(ctx, 'GET /2/users/:id/tweets', appOrUser('tweet.read', 'users.read')),
    (c) => {
      const id = pathId(c, 'id');
      const q = readQuery(c, QUERY);
      const fields = q.fields(TWEET_FIELD_PARAMS);
      const window = readPostWindow(q, ['pagination_token'], [5, 100, 10]);
      const exclude = q.list('exclude', ['retweets', 'replies']);
      q.done();
      if (!ctx.state.users.has(id)) return c.json({ errors: [notFoundEntry('user', 'id', id)] });

      const own = [...ctx.state.posts.values()]
        .filter((p) => p.authorId === id && p.deletedAt === undefined)
        .filter((p) => !(exclude.has('retweets') && p.repostedPostId))
        .filter((p) => !(exclude.has('replies') && p.inReplyToPostId));
      // The timeline reaches back 3,200 posts (800 without replies); older ones are not served.
      const reach = own.slice(-(exclude.has('replies') ? 800 : 3200));
      const { page, nextToken } = pageOf(reach, window);
      return respondWithPage(c, renderContextOf(ctx, c, fields), page, nextToken);
    },
  );

  return app;
}
