import { Hono } from 'hono';
import { APP_ONLY, guard } from './auth.ts';
import type { XContext, XEnv } from './context.ts';
import { PROBLEM_URI, XProblem } from './errors.ts';
import { TWEET_FIELD_PARAMS } from './fields.ts';
import { readQuery } from './params.ts';

const QUERY = ['backfill_minutes', 'start_time', 'end_time', ...Object.keys(TWEET_FIELD_PARAMS)];

function connectionProblem(status: number, issue: string, detail: string): XProblem {
  return new XProblem(status, {
    title: 'ConnectionException',
    detail,
    connection_issue: issue,
    type: `${PROBLEM_URI}streaming-connection`,
    status,
  });
}

/** `GET /2/tweets/search/stream`: newline-delimited JSON, one connection per app. */
export function streamRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();

  app.get('/2/tweets/search/stream', guard(ctx, 'GET /2/tweets/search/stream', APP_ONLY), (c) => {
    const q = readQuery(c, QUERY);
    const fields = q.fields(TWEET_FIELD_PARAMS);
    // Accepted and ignored: recovery (backfill) is an Enterprise feature the emulator lacks.
    q.integer('backfill_minutes', 0, 5, 0);
    q.time('start_time');
    q.time('end_time');
    q.done();

    const { stream } = ctx.settings;
    if (stream.requireRules && ctx.state.rules.size === 0) {
      throw connectionProblem(
        409,
        'RuleConfigurationIssue',
        'This stream has no rules. Add rules with POST /2/tweets/search/stream/rules before connecting.',
      );
    }
    const open = ctx.hub.connections();
    if (open.length >= stream.maxConnections) {
      if (stream.onExtraConnection === 'reject') {
        throw connectionProblem(
          429,
          'TooManyConnections',
          'This stream is currently at the maximum allowed connection limit.',
        );
      }
      open[0]?.close('operational');
    }

    // The node adapter exposes the socket; `drop` destroys it, as a network cut would.
    const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
      ?.socket;
    const connection = ctx.hub.open(
      fields,
      new URL(c.req.url).origin,
      socket && (() => socket.destroy()),
    );
    c.req.raw.signal.addEventListener('abort', () => connection.close('end'), { once: true });
    return c.body(connection.body, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache, no-store, max-age=0',
    });
  });

  return app;
}
