import { Hono } from 'hono';
import { controlRoutes } from '../../common/control.ts';
import type { Faults } from '../../common/faults.ts';
import type { Journal } from '../../common/journal.ts';
import type { XContext } from '../context.ts';
import type { World } from '../world.ts';
import { authControl } from './auth.ts';
import { settingsControl } from './settings.ts';
import { worldControl } from './world.ts';

/** The whole `/_control` API: shared faults and journal, plus the X-specific routes. */
export function xControlRoutes(
  ctx: XContext,
  world: World,
  tools: { faults: Faults; journal: Journal; reset: () => void },
): Hono {
  const app = new Hono();
  app.route('/', controlRoutes(tools.faults, tools.journal));
  app.route('/', worldControl(ctx, world));
  app.route('/', authControl(ctx, world));
  app.route('/', settingsControl(ctx));
  app.post('/reset', (c) => {
    tools.reset();
    return c.body(null, 204);
  });
  return app;
}
