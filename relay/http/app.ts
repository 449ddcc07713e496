import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { RelayDeps, SubscriptionEnv } from './deps.ts';
import { eventRoutes } from './event-routes.ts';
import { opsRoutes } from './ops-routes.ts';
import { requireSubscription } from './require-subscription.ts';
import { subscriptionRoutes } from './subscription-routes.ts';

/** Largest request body: a follows list of 10,000 ids is about 230 kB. */
export const MAX_BODY_BYTES = 512 * 1024;

/**
 * The relay's HTTP API as a Hono app, usable in-process (`app.request()`) and behind the
 * node server. Every error leaves as `{ error }` JSON; unexpected ones are logged here, once.
 */
export function createApp(deps: RelayDeps): Hono {
  const { logger } = deps;
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const entry = {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round(performance.now() - started),
    };
    // /healthz answers 503 by design while the stream is down; that is not a failure here.
    if (status >= 500 && c.req.path !== '/healthz') logger.warn(entry, 'request failed');
    else logger.debug(entry, 'request');
  });
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: `the body is larger than ${MAX_BODY_BYTES} bytes` }, 413),
    }),
  );

  const subscriptions = new Hono<SubscriptionEnv>();
  subscriptions.use('/:id', requireSubscription(deps.store));
  subscriptions.use('/:id/*', requireSubscription(deps.store));
  subscriptions.route('/', subscriptionRoutes(deps));
  subscriptions.route('/', eventRoutes(deps));
  app.route('/v1/subscriptions', subscriptions);
  app.route('/', opsRoutes(deps));

  app.notFound((c) => c.json({ error: `no such route: ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const headers = error.res ? Object.fromEntries(error.res.headers) : undefined;
      return c.json({ error: error.message }, error.status, headers);
    }
    logger.error(
      { err: error, method: c.req.method, path: c.req.path },
      'unexpected error in a request',
    );
    return c.json({ error: 'internal error; the relay logged the details' }, 500);
  });
  return app;
}
