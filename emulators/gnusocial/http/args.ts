import { phpIntval, phpTruthy } from '../domain/php.ts';
import type { User } from '../domain/state.ts';
import { userByNickname } from '../domain/state.ts';
import type { Paging } from '../domain/streams.ts';
import type { ApiContext } from './endpoint.ts';

/** `ApiAction::arg()` bounds: count 1..200 (else 20), page >= 1, ids < 1 mean none. */
export function paging(ctx: ApiContext): Paging {
  const { args } = ctx.req;
  const count = args.count === undefined ? 20 : phpIntval(args.count);
  const page = phpIntval(args.page ?? '1');
  return {
    sinceId: Math.max(0, phpIntval(args.since_id)),
    maxId: Math.max(0, phpIntval(args.max_id)),
    count: count < 1 ? 20 : Math.min(count, 200),
    page: page < 1 ? 1 : page,
  };
}

const decimal = /^[0-9]+$/;

/**
 * `ApiAction::getTargetProfile()`: `id` (a number or a nickname, from the path or the query),
 * else `user_id`, else `screen_name`, else the authenticated user. Undefined when the named
 * user does not exist.
 */
export function targetUser(ctx: ApiContext): User | undefined {
  const { state, req } = ctx;
  const { id = '', user_id: userId = '', screen_name: screenName = '' } = req.args;

  if (phpTruthy(id)) {
    return decimal.test(id) ? state.users.get(Number(id)) : userByNickname(state, id);
  }
  if (phpTruthy(userId)) return decimal.test(userId) ? state.users.get(Number(userId)) : undefined;
  if (screenName !== '') return userByNickname(state, screenName);
  return ctx.viewer ?? undefined;
}
