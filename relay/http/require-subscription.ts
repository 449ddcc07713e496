import type { MiddlewareHandler } from 'hono';
import { verifySecret } from '../auth/secrets.ts';
import type { RelayStore } from '../store/store.ts';
import type { SubscriptionEnv } from './deps.ts';
import { fail } from './http-error.ts';

/**
 * Lets a request through only with `Authorization: Bearer <secret>` of the subscription in
 * the path. Unknown id, wrong secret and missing header get the same 401, so the answer
 * tells nothing about which subscriptions exist.
 */
export function requireSubscription(store: RelayStore): MiddlewareHandler<SubscriptionEnv> {
  return async (c, next) => {
    const id = c.req.param('id') ?? '';
    const match = /^Bearer ([^\s]{1,200})$/.exec(c.req.header('authorization') ?? '');
    if (!match?.[1] || !verifySecret(store, id, match[1])) unauthorized();
    c.set('subscriptionId', id);
    await next();
  };
}

/** The one 401 of the API, for every way of not being the subscription. */
export function unauthorized(): never {
  fail(401, 'unauthorized: this subscription needs its secret as a Bearer token', {
    'www-authenticate': 'Bearer',
  });
}
