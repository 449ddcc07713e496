import { Hono, type Context } from 'hono';
import { appOrUser, guard, userOf, userOnly } from './auth.ts';
import type { XContext, XEnv } from './context.ts';
import { notFoundEntry } from './errors.ts';
import { USER_FIELD_PARAMS } from './fields.ts';
import { body, expandUsers } from './includes.ts';
import { offsetToken, readOffsetToken } from './pagination.ts';
import { pathId, readQuery } from './params.ts';
import { renderContextOf, renderUser } from './render.ts';
import type { XUser } from './state.ts';

const QUERY = Object.keys(USER_FIELD_PARAMS);
const READ = appOrUser('tweet.read', 'users.read');

function respondWithUser(
  ctx: XContext,
  c: Context<XEnv>,
  user: XUser | undefined,
  miss: [string, string],
) {
  const q = readQuery(c, QUERY);
  const fields = q.fields(USER_FIELD_PARAMS);
  q.done();
  if (!user) return c.json({ errors: [notFoundEntry('user', ...miss)] });
  const rc = renderContextOf(ctx, c, fields);
  return c.json(body(renderUser(rc, user), expandUsers(rc, [user])));
}

/** User lookup (`me`, by id, by username) and follows lookup. */
export function usersRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();

  // X needs tweet.read as well as users.read for /2/users/me.
  app.get(
    '/2/users/me',
    guard(ctx, 'GET /2/users/me', userOnly('tweet.read', 'users.read')),
    (c) => {
      const { userId } = userOf(c);
      return respondWithUser(ctx, c, ctx.state.users.get(userId), ['id', userId]);
    },
  );

  app.get(
    '/2/users/by/username/:username',
    guard(ctx, 'GET /2/users/by/username/:username', READ),
    (c) => {
      const username = c.req.param('username');
      return respondWithUser(ctx, c, ctx.state.userByName(username), ['username', username]);
    },
  );

  app.get('/2/users/:id', guard(ctx, 'GET /2/users/:id', READ), (c) => {
    const id = pathId(c, 'id');
    return respondWithUser(ctx, c, ctx.state.users.get(id), ['id', id]);
  });

  app.get(
    '/2/users/:id/following',
    guard(ctx, 'GET /2/users/:id/following', appOrUser('follows.read', 'tweet.read', 'users.read')),
    (c) => {
      const id = pathId(c, 'id');
      const q = readQuery(c, ['max_results', 'pagination_token', ...QUERY]);
      const fields = q.fields(USER_FIELD_PARAMS);
      const max = q.integer('max_results', 1, 1000, 100);
      const token = q.raw('pagination_token');
      const offset = token === undefined ? 0 : readOffsetToken(token);
      if (offset === undefined) {
        q.errors.push({
          parameters: { pagination_token: [token ?? ''] },
          message: `The \`pagination_token\` query parameter value [${token}] is not valid`,
        });
      }
      q.done();
      if (!ctx.state.users.has(id)) return c.json({ errors: [notFoundEntry('user', 'id', id)] });

      // Most recently followed first, as X lists them.
      const followed = [...(ctx.state.follows.get(id)?.keys() ?? [])].reverse();
      const users = followed.flatMap((uid) => ctx.state.users.get(uid) ?? []);
      const start = offset ?? 0;
      const page = users.slice(start, start + max);
      const rc = renderContextOf(ctx, c, fields);
      const meta = {
        result_count: page.length,
        ...(start + max < users.length ? { next_token: offsetToken(start + max) } : {}),
        ...(start > 0 ? { previous_token: offsetToken(Math.max(0, start - max)) } : {}),
      };
      const data = page.length > 0 ? page.map((u) => renderUser(rc, u)) : undefined;
      return c.json(body(data, expandUsers(rc, page), [], meta));
    },
  );

  return app;
}
