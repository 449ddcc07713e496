import { Hono } from 'hono';
import { followsRequestSchema, registerRequestSchema } from '../../protocol/index.ts';
import type { RegisterResponse } from '../../protocol/index.ts';
import { hashSecret, newSecret, newSubscriptionId, sameString } from '../auth/secrets.ts';
import { clientAddress } from './client-address.ts';
import type { RelayDeps, SubscriptionEnv } from './deps.ts';
import { fail } from './http-error.ts';
import { createRegistrationLimiter } from './registration-limiter.ts';
import { subscriptionStatus } from './subscription-status.ts';
import { readBody } from './validate.ts';

/**
 * Registration, status, follows and deletion of subscriptions (`/v1/subscriptions`). Routes
 * under `/:id` run behind `requireSubscription`, which the app mounts in front.
 */
export function subscriptionRoutes(deps: RelayDeps): Hono<SubscriptionEnv> {
  const { config, store, rules, hub, metrics, logger } = deps;
  const limiter = createRegistrationLimiter(config.registrationsPerHourPerAddress);
  const routes = new Hono<SubscriptionEnv>();

  routes.post('/', async (c) => {
    // Every attempt counts, failed ones too: that is what keeps admission codes from guessing.
    const waitSeconds = limiter.take(clientAddress(c, config.trustProxy));
    if (waitSeconds > 0) {
      fail(429, 'too many registrations from this address; try again later', {
        'retry-after': String(waitSeconds),
      });
    }
    const body = await readBody(c, registerRequestSchema);
    if (config.admissionCode !== undefined) {
      if (body.admissionCode === undefined) fail(403, 'this relay needs an admission code');
      if (!sameString(body.admissionCode, config.admissionCode)) fail(403, 'wrong admission code');
    }

    const id = newSubscriptionId();
    const secret = newSecret();
    store.createSubscription(id, hashSecret(secret), Date.now());
    metrics.subscriptions.set(store.subscriptionCount());
    logger.info({ subscriptionId: id }, 'subscription registered');
    return c.json({ id, secret } satisfies RegisterResponse, 201);
  });

  routes.get('/:id', (c) => c.json(subscriptionStatus(deps, c.var.subscriptionId)));

  routes.put('/:id/follows', async (c) => {
    const id = c.var.subscriptionId;
    const body = await readBody(c, followsRequestSchema);
    const change = store.setFollows(id, body.xUserId, [...new Set(body.followIds)]);
    rules.followsChanged(change);
    logger.info(
      { subscriptionId: id, added: change.added.length, removed: change.removed.length },
      'follows updated',
    );
    return c.json(subscriptionStatus(deps, id));
  });

  routes.delete('/:id', (c) => {
    const id = c.var.subscriptionId;
    const change = store.deleteSubscription(id);
    if (change) rules.followsChanged(change);
    hub.gone(id);
    metrics.subscriptions.set(store.subscriptionCount());
    logger.info({ subscriptionId: id }, 'subscription deleted');
    return c.body(null, 204);
  });

  return routes;
}
