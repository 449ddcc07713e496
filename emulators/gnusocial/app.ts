import { Hono } from 'hono';
import { controlRoutes } from '../common/control.ts';
import { createFaults } from '../common/faults.ts';
import { createJournal } from '../common/journal.ts';
import { gnuSocialControl } from './control/control.ts';
import type { GnuSocialState } from './domain/state.ts';
import { apiRouter } from './http/api-router.ts';
import { sendErrorPage } from './http/respond.ts';
import { accountEndpoints } from './routes/account.ts';
import { favoriteEndpoints } from './routes/favorites.ts';
import { fileRoutes } from './routes/files.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { siteEndpoints } from './routes/site.ts';
import { statusesUpdate } from './routes/statuses-update.ts';
import { statusEndpoints } from './routes/statuses.ts';
import { timelineEndpoints } from './routes/timelines.ts';

export const endpoints = [
  statusesUpdate,
  ...statusEndpoints,
  ...favoriteEndpoints,
  ...accountEndpoints,
  ...timelineEndpoints,
  ...siteEndpoints,
];

/**
 * The Hono app of one emulated site: journal and faults around everything but `/_control`,
 * the control API, OAuth, the Twitter-compatible API, and uploaded files. Unknown paths get
 * GNU social's HTML "Page not found." page.
 */
export function createApp(state: GnuSocialState) {
  const journal = createJournal();
  const faults = createFaults();
  const app = new Hono();

  app.use('*', journal.middleware);
  app.use('*', (c, next) =>
    c.req.path.startsWith('/_control') ? next() : faults.middleware(c, next),
  );

  app.route('/_control', controlRoutes(faults, journal));
  app.route(
    '/_control',
    gnuSocialControl(state, () => {
      faults.clear();
      journal.clear();
    }),
  );
  app.route('/api/oauth', oauthRoutes(state));
  app.all('/api/*', apiRouter(state, endpoints));
  app.route('/', fileRoutes(state));
  app.notFound((c) => sendErrorPage(state, c.req.path));

  return { app, journal, faults };
}
