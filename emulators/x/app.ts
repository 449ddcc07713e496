import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Faults } from '../common/faults.ts';
import type { Journal } from '../common/journal.ts';
import { authorizeRoutes } from './authorize.ts';
import type { XContext, XEnv } from './context.ts';
import { xControlRoutes } from './control/index.ts';
import { XProblem } from './errors.ts';
import { likesRepostsRoutes } from './likes-reposts.ts';
import { mediaRoutes } from './media.ts';
import { oauth2Routes } from './oauth2.ts';
import { rulesRoutes } from './rules.ts';
import { searchRoutes } from './search.ts';
import { streamRoutes } from './stream.ts';
import { timelineRoutes } from './timelines.ts';
import { tweetsRoutes } from './tweets.ts';
import { usersRoutes } from './users.ts';
import { WorldError, type World } from './world.ts';

export interface AppTools {
  faults: Faults;
  journal: Journal;
  reset: () => void;
  /** The app's API key and secret, for the client-credentials grant. */
  apiKey: string;
  apiSecret: string;
  log: (line: string) => void;
}

/**
 * The emulated api.x.com (and the x.com consent page). There is no CORS anywhere, as on X:
 * an OPTIONS preflight gets an empty answer without `access-control-*` headers.
 */
export function buildApp(ctx: XContext, world: World, tools: AppTools): Hono<XEnv> {
  const app = new Hono<XEnv>();
  app.use('*', tools.journal.middleware);
  app.use('*', tools.faults.middleware);
  app.options('*', (c) => c.body(null, 204));

  app.route('/_control', xControlRoutes(ctx, world, tools));
  app.route('/', authorizeRoutes(ctx));
  app.route('/', oauth2Routes(ctx, tools));
  app.route('/', rulesRoutes(ctx));
  app.route('/', streamRoutes(ctx));
  app.route('/', searchRoutes(ctx));
  app.route('/', tweetsRoutes(ctx));
  app.route('/', timelineRoutes(ctx));
  app.route('/', usersRoutes(ctx));
  app.route('/', likesRepostsRoutes(ctx));
  app.route('/', mediaRoutes(ctx));

  // X's answer to a path it does not serve (a v1.1-style error it still sends).
  app.notFound((c) =>
    c.json({ errors: [{ message: 'Sorry, that page does not exist', code: 34 }] }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof XProblem) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      // XProblem statuses are 4xx codes with a body, which is what ContentfulStatusCode means.
      return c.body(JSON.stringify(error.body), error.status as ContentfulStatusCode, {
        'content-type': error.contentType,
      });
    }
    if (error instanceof WorldError) return c.json({ error: error.message }, error.status);
    if (error instanceof HTTPException) return error.getResponse();
    tools.log(
      JSON.stringify({
        event: 'x-emulator-error',
        method: c.req.method,
        path: c.req.path,
        error: String(error),
      }),
    );
    return c.json(
      {
        title: 'Internal Server Error',
        detail: 'Internal Server Error',
        type: 'about:blank',
        status: 500,
      },
      500,
    );
  });

  return app;
}
