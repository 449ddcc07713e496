import { Hono } from 'hono';
import { appOrUser, guard, userOf, userOnly } from './auth.ts';
import type { XContext, XEnv } from './context.ts';
import { notFoundEntry, problems } from './errors.ts';
import { TWEET_FIELD_PARAMS } from './fields.ts';
import { ID_PATTERN } from './ids.ts';
import { body, expandPosts } from './includes.ts';
import { idError, pathId, readQuery } from './params.ts';
import { deletePost } from './posting.ts';
import { renderContextOf, renderTweet } from './render.ts';
import { createTweetRoute } from './tweet-create.ts';

const READ = appOrUser('tweet.read', 'users.read');
const QUERY = Object.keys(TWEET_FIELD_PARAMS);

/** Post lookup, creation and deletion. */
export function tweetsRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();

  app.get('/2/tweets', guard(ctx, 'GET /2/tweets', READ), (c) => {
    const q = readQuery(c, ['ids', ...QUERY]);
    const fields = q.fields(TWEET_FIELD_PARAMS);
    const raw = q.raw('ids');
    const ids = raw ? raw.split(',') : [];
    if (ids.length < 1 || ids.length > 100) {
      q.errors.push({
        parameters: { ids: ids.length > 0 ? [raw ?? ''] : [] },
        message: `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`,
      });
    }
    for (const id of ids) if (!ID_PATTERN.test(id)) q.errors.push(idError('ids', id));
    q.done();

    const rc = renderContextOf(ctx, c, fields);
    const found = [...new Set(ids)].flatMap((id) => ctx.state.livePost(id) ?? []);
    const missing = [...new Set(ids)]
      .filter((id) => !ctx.state.livePost(id))
      .map((id) => notFoundEntry('tweet', 'ids', id));
    const data = found.length > 0 ? found.map((p) => renderTweet(rc, p)) : undefined;
    return c.json(body(data, expandPosts(rc, found), missing));
  });

  app.get('/2/tweets/:id', guard(ctx, 'GET /2/tweets/:id', READ), (c) => {
    const id = pathId(c, 'id');
    const q = readQuery(c, QUERY);
    const fields = q.fields(TWEET_FIELD_PARAMS);
    q.done();
    const rc = renderContextOf(ctx, c, fields);
    const post = ctx.state.livePost(id);
    if (!post) return c.json({ errors: [notFoundEntry('tweet', 'id', id)] });
    return c.json(body(renderTweet(rc, post), expandPosts(rc, [post])));
  });

  app.post(
    '/2/tweets',
    guard(ctx, 'POST /2/tweets', userOnly('tweet.read', 'tweet.write', 'users.read')),
    (c) => createTweetRoute(ctx, c),
  );

  app.delete(
    '/2/tweets/:id',
    guard(ctx, 'DELETE /2/tweets/:id', userOnly('tweet.read', 'tweet.write', 'users.read')),
    (c) => {
      const id = pathId(c, 'id');
      readQuery(c, []).done();
      const { userId } = userOf(c);
      const post = ctx.state.posts.get(id);
      if (!post) throw problems.notFound('tweet', 'id', id);
      if (post.authorId !== userId)
        throw problems.refused('You are not allowed to delete a Tweet that is not yours.');
      // Deleting again what is already gone answers like the first time: deletes are retried.
      deletePost(ctx, id);
      return c.json({ data: { deleted: true } });
    },
  );

  return app;
}
