import { Hono } from 'hono';
import { z } from 'zod';
import { ackRequestSchema } from '../../protocol/index.ts';
import type { EventsResponse } from '../../protocol/index.ts';
import type { RelayDeps, SubscriptionEnv } from './deps.ts';
import { unauthorized } from './require-subscription.ts';
import { readBody, readQuery } from './validate.ts';

/** Longest long-poll; below the 60 s idle timeout of common reverse proxies. */
export const MAX_WAIT_SECONDS = 50;
/** Events in one answer; the client asks again with the cursor for more. */
export const EVENTS_PAGE = 200;

const eventsQuerySchema = z.object({
  after: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'expected a sequence number')
    .transform(Number)
    .optional(),
  wait: z
    .string()
    .regex(/^[0-9]{1,3}$/, `expected seconds from 0 to ${MAX_WAIT_SECONDS}`)
    .transform(Number)
    .pipe(z.number().max(MAX_WAIT_SECONDS, `expected seconds from 0 to ${MAX_WAIT_SECONDS}`))
    .default(0),
});

/** The long-poll fallback (`/events`) and acknowledgements (`/ack`), behind auth. */
export function eventRoutes(deps: RelayDeps): Hono<SubscriptionEnv> {
  const { store, hub, metrics, closing } = deps;
  const routes = new Hono<SubscriptionEnv>();

  routes.get('/:id/events', async (c) => {
    const id = c.var.subscriptionId;
    const query = readQuery(c, eventsQuerySchema);
    const record = store.subscription(id);
    if (!record) unauthorized();
    const after = query.after ?? record.ackedSeq;

    let events = store.readEvents(id, after, EVENTS_PAGE);
    if (events.length === 0 && query.wait > 0) {
      const stop = AbortSignal.any([c.req.raw.signal, closing]);
      const woken = await hub.wait(id, query.wait * 1000, stop);
      if (woken === 'gone') unauthorized();
      events = store.readEvents(id, after, EVENTS_PAGE);
    }

    metrics.eventsOut.inc({ transport: 'poll' }, events.length);
    const answer: EventsResponse = {
      events,
      cursor: events.at(-1)?.seq ?? after,
      gap: after < record.lostThroughSeq,
    };
    return c.json(answer);
  });

  routes.post('/:id/ack', async (c) => {
    const body = await readBody(c, ackRequestSchema);
    store.acknowledge(c.var.subscriptionId, body.seq);
    return c.body(null, 204);
  });

  return routes;
}
