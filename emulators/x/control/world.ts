import { Hono } from 'hono';
import { z } from 'zod';
import type { XContext } from '../context.ts';
import { TWEET_FIELDS, TWEET_EXPANSIONS, USER_FIELDS, MEDIA_FIELDS } from '../fields.ts';
import type { FieldSelection } from '../params.ts';
import { renderTweet, renderUser } from '../render.ts';
import type { XMedia, XPost } from '../state.ts';
import type { World } from '../world.ts';
import { parseBody } from './parse.ts';

/** Everything a post or user has, for control answers. */
export const ALL_FIELDS: FieldSelection = {
  tweet: new Set(TWEET_FIELDS),
  user: new Set(USER_FIELDS),
  media: new Set(MEDIA_FIELDS),
  expansions: new Set(TWEET_EXPANSIONS),
};

const userSchema = z.object({
  username: z.string(),
  name: z.string().optional(),
  id: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  verified: z.boolean().optional(),
  protected: z.boolean().optional(),
});
const postSchema = z.object({
  text: z.string().optional(),
  replyToId: z.string().optional(),
  quoteOfId: z.string().optional(),
  repostOfId: z.string().optional(),
  mediaKeys: z.array(z.string()).max(4).optional(),
  lang: z.string().optional(),
  source: z.string().optional(),
});

/** Users, follows, posts, likes and media, as the people on X would make them. */
export function worldControl(ctx: XContext, world: World): Hono {
  const app = new Hono();
  const origin = (url: string) => new URL(url).origin;
  const postJson = (url: string, post: XPost) => ({
    ...renderTweet({ core: ctx, fields: ALL_FIELDS, origin: origin(url) }, post),
    deleted: post.deletedAt !== undefined,
  });
  const mediaJson = (m: XMedia) => ({
    id: m.id,
    media_key: m.key,
    type: 'photo',
    width: m.width,
    height: m.height,
    alt_text: m.altText,
  });

  app.get('/users', (c) =>
    c.json(
      [...ctx.state.users.values()].map((u) =>
        renderUser({ core: ctx, fields: ALL_FIELDS, origin: origin(c.req.url) }, u),
      ),
    ),
  );
  app.post('/users', async (c) => {
    const user = world.createUser(await parseBody(c, userSchema));
    return c.json(
      renderUser({ core: ctx, fields: ALL_FIELDS, origin: origin(c.req.url) }, user),
      201,
    );
  });

  app.post('/users/:id/follows', async (c) => {
    const body = await parseBody(
      c,
      z.object({ targetId: z.string().optional(), targetIds: z.array(z.string()).optional() }),
    );
    for (const target of [...(body.targetIds ?? []), ...(body.targetId ? [body.targetId] : [])])
      world.follow(c.req.param('id'), target);
    return c.json({ following: [...(ctx.state.follows.get(c.req.param('id'))?.keys() ?? [])] });
  });
  app.delete('/users/:id/follows/:targetId', (c) => {
    world.follow(c.req.param('id'), c.req.param('targetId'), false);
    return c.body(null, 204);
  });

  app.post('/users/:id/posts', async (c) => {
    const post = world.post(c.req.param('id'), await parseBody(c, postSchema));
    return c.json(postJson(c.req.url, post), 201);
  });
  app.delete('/users/:id/posts/:postId', (c) => {
    world.deleteAsAuthor(c.req.param('id'), c.req.param('postId'));
    return c.body(null, 204);
  });

  app.post('/users/:id/likes', async (c) => {
    const { postId } = await parseBody(c, z.object({ postId: z.string() }));
    world.like(c.req.param('id'), postId);
    return c.body(null, 204);
  });
  app.delete('/users/:id/likes/:postId', (c) => {
    world.like(c.req.param('id'), c.req.param('postId'), false);
    return c.body(null, 204);
  });

  app.post('/users/:id/media', async (c) => {
    const body = await parseBody(
      c,
      z.object({ base64: z.string().optional(), altText: z.string().max(1000).optional() }),
    );
    const bytes =
      body.base64 === undefined ? undefined : new Uint8Array(Buffer.from(body.base64, 'base64'));
    return c.json(mediaJson(world.addMedia(c.req.param('id'), bytes, body.altText)), 201);
  });

  app.get('/posts', (c) => {
    const withDeleted = c.req.query('includeDeleted') === 'true';
    const posts = [...ctx.state.posts.values()].filter(
      (p) => withDeleted || p.deletedAt === undefined,
    );
    return c.json(posts.map((p) => postJson(c.req.url, p)));
  });

  return app;
}
