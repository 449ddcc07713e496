import { Hono } from 'hono';
import type { GnuSocialState } from '../domain/state.ts';
import { sendErrorPage } from '../http/respond.ts';

/**
 * Uploaded media served back: the file at its enclosure URL (`/file/<hash>.<ext>`), and the
 * attachment page linked from the notice text (`/attachment/<id>`), which on GNU social is an
 * HTML page and here simply redirects to the file.
 */
export function fileRoutes(state: GnuSocialState): Hono {
  const routes = new Hono();

  routes.get('/file/:name', (c) => {
    const url = `${state.baseUrl}/file/${c.req.param('name')}`;
    const file = [...state.files.values()].find((f) => f.url === url && f.bytes);
    if (!file?.bytes) return sendErrorPage(state, c.req.path);
    return new Response(file.bytes, {
      headers: {
        'Content-Type': file.mimetype ?? 'application/octet-stream',
        'Content-Length': String(file.bytes.length),
      },
    });
  });

  routes.get('/attachment/:id', (c) => {
    const file = state.files.get(Number(c.req.param('id')));
    if (!file?.bytes) return sendErrorPage(state, c.req.path);
    return c.redirect(file.url, 302);
  });

  return routes;
}
