import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { guard, userOf, userOnly } from './auth.ts';
import { readJsonBody } from './body.ts';
import type { XContext, XEnv } from './context.ts';
import { problems } from './errors.ts';
import { ID_PATTERN } from './ids.ts';
import { pathId, readQuery } from './params.ts';
import { deletePost, findRepost, repost, setLike } from './posting.ts';

const targetSchema = z.object({ tweet_id: z.string().regex(ID_PATTERN) }).strict();

/** The acting user: the `:id` in the path must be the token's own user. */
function actingUser(c: Context<XEnv>): string {
  const id = pathId(c, 'id');
  readQuery(c, []).done();
  if (userOf(c).userId !== id)
    throw problems.forbidden('You are not permitted to act on behalf of another user.');
  return id;
}

async function targetPost(ctx: XContext, c: Context<XEnv>) {
  const parsed = targetSchema.safeParse(await readJsonBody(c));
  if (!parsed.success) {
    throw problems.invalidRequest([
      { message: '$.tweet_id: a post id (^[0-9]{1,19}$) is required' },
    ]);
  }
  const post = ctx.state.livePost(parsed.data.tweet_id);
  // Guessed: a 404 resource-not-found; X's answer for a gone target is not documented.
  if (!post) throw problems.notFound('tweet', 'tweet_id', parsed.data.tweet_id);
  return post;
}

/** Reposts and likes. Likes obey the 2026 self-serve policy switch. */
export function likesRepostsRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();
  const write = userOnly('tweet.read', 'tweet.write', 'users.read');
  const like = userOnly('tweet.read', 'users.read', 'like.write');

  // Both are idempotent on X: reposting twice or undoing what was not done answers 200.
  app.post('/2/users/:id/retweets', guard(ctx, 'POST /2/users/:id/retweets', write), async (c) => {
    const userId = actingUser(c);
    const post = await targetPost(ctx, c);
    const made = repost(ctx, userId, post.id);
    return c.json({ data: { id: made.id, retweeted: true } });
  });

  app.delete(
    '/2/users/:id/retweets/:source_tweet_id',
    guard(ctx, 'DELETE /2/users/:id/retweets/:source_tweet_id', write),
    (c) => {
      const userId = actingUser(c);
      const sourceId = pathId(c, 'source_tweet_id');
      const made = findRepost(ctx, userId, sourceId);
      if (made) deletePost(ctx, made.id);
      return c.json({ data: { retweeted: false } });
    },
  );

  const refuseLikes = (c: Context<XEnv>) => {
    // X's generic answer for an endpoint outside the tier; the likes-specific wording is unknown.
    if (ctx.settings.policy.refuseLikes) throw problems.clientNotEnrolled(userOf(c).clientId);
  };

  app.post('/2/users/:id/likes', guard(ctx, 'POST /2/users/:id/likes', like), async (c) => {
    const userId = actingUser(c);
    refuseLikes(c);
    const post = await targetPost(ctx, c);
    return c.json({ data: { liked: setLike(ctx, userId, post.id, true) } });
  });

  app.delete(
    '/2/users/:id/likes/:tweet_id',
    guard(ctx, 'DELETE /2/users/:id/likes/:tweet_id', like),
    (c) => {
      const userId = actingUser(c);
      refuseLikes(c);
      return c.json({ data: { liked: setLike(ctx, userId, pathId(c, 'tweet_id'), false) } });
    },
  );

  return app;
}
