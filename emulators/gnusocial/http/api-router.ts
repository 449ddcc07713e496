import type { Handler } from 'hono';
import type { GnuSocialState } from '../domain/state.ts';
import { ClientError } from '../errors.ts';
import { authenticate } from './auth.ts';
import type { ApiContext, Endpoint, Format } from './endpoint.ts';
import { readApiRequest } from './request.ts';
import { sendError, sendNeedPost, sendErrorPage } from './respond.ts';

interface Match {
  endpoint: Endpoint;
  format: Format;
  args: Record<string, string>;
}

/** Routes are `/api/<name>.<format>`, format `json` or `xml`; anything else has no route. */
function match(endpoints: readonly Endpoint[], pathname: string): Match | undefined {
  const parts = /^\/api\/(.+)\.(json|xml)$/.exec(pathname);
  if (!parts?.[1] || !parts[2]) return undefined;
  // The pattern only lets `json` and `xml` through.
  const [name, format] = [parts[1], parts[2] as Format];

  for (const endpoint of endpoints) {
    const found = new RegExp(`^(?:${endpoint.path.source})$`).exec(name);
    if (!found) continue;
    const args: Record<string, string> = { format };
    for (const [key, value] of Object.entries(found.groups ?? {})) if (value) args[key] = value;
    return { endpoint, format, args };
  }
  return undefined;
}

/**
 * The API front controller: route, the POST-only check, PHP-style argument parsing,
 * authentication (`prepare()`), then the action (`handle()`). Every failure the real site
 * answers with a client error is a `ClientError`; anything else is a bug and surfaces as one.
 */
export function apiRouter(state: GnuSocialState, endpoints: readonly Endpoint[]): Handler {
  return async (c) => {
    const url = new URL(c.req.url);
    const found = match(endpoints, url.pathname);
    if (!found) return sendErrorPage(state, url.pathname);
    if (found.endpoint.needPost && c.req.method !== 'POST') return sendNeedPost();

    const ctx: ApiContext = {
      state,
      req: await readApiRequest(c.req.raw, found.args),
      format: found.format,
      viewer: null,
      access: 'read-write',
      source: 'api',
      app: null,
    };

    try {
      authenticate(ctx, found.endpoint);
      return await found.endpoint.handle(ctx);
    } catch (error) {
      if (error instanceof ClientError) return sendError(ctx, error);
      throw error;
    }
  };
}
