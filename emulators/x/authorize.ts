import { Hono, type Context } from 'hono';
import type { XContext, XEnv } from './context.ts';
import { consentPage, errorPage } from './consent-page.ts';
import type { OAuthClient } from './oauth-clients.ts';

/** The OAuth 2.0 scopes X knows (from the spec's security scheme). */
const KNOWN_SCOPES = new Set([
  'tweet.read',
  'tweet.write',
  'tweet.moderate.write',
  'users.email',
  'users.read',
  'follows.read',
  'follows.write',
  'offline.access',
  'space.read',
  'mute.read',
  'mute.write',
  'like.read',
  'like.write',
  'list.read',
  'list.write',
  'block.read',
  'block.write',
  'bookmark.read',
  'bookmark.write',
  'dm.read',
  'dm.write',
  'media.write',
  'timeline.read',
]);

interface AuthorizeRequest {
  client: OAuthClient;
  redirectUri: string;
  scopes: string[];
  state: string;
  challenge: string;
  method: 'S256' | 'plain';
}

/** Checks the authorize parameters; X shows an error page (it redirects nothing) when they fail. */
function check(ctx: XContext, params: URLSearchParams): AuthorizeRequest | string {
  const get = (name: string) => params.get(name) ?? '';
  if (get('response_type') !== 'code') return 'response_type must be "code".';
  const client = ctx.clients.get(get('client_id'));
  if (!client) return `Unknown client_id "${get('client_id')}".`;
  const redirectUri = get('redirect_uri');
  if (!ctx.clients.allowsRedirect(client, redirectUri))
    return `redirect_uri "${redirectUri}" is not registered for this client.`;
  const scopes = get('scope')
    .split(/[\s+]+/)
    .filter(Boolean);
  if (scopes.length === 0) return 'scope is required.';
  const unknown = scopes.find((s) => !KNOWN_SCOPES.has(s));
  if (unknown) return `Unknown scope "${unknown}".`;
  const state = get('state');
  if (state === '' || state.length > 500) return 'state is required (at most 500 characters).';
  const challenge = get('code_challenge');
  if (challenge === '') return 'code_challenge is required.';
  const method = get('code_challenge_method') || 'plain';
  if (method !== 'S256' && method !== 'plain')
    return 'code_challenge_method must be S256 or plain.';
  return { client, redirectUri, scopes, state, challenge, method };
}

function redirectWith(c: Context, redirectUri: string, values: Record<string, string>) {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(values)) target.searchParams.set(name, value);
  return c.redirect(target.toString(), 302);
}

/** `/i/oauth2/authorize`: the consent page (GET) and the user's decision (POST). */
export function authorizeRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();

  const signedIn = () => {
    const id = ctx.settings.signedInUserId;
    return id === null ? undefined : ctx.state.users.get(id);
  };

  app.get('/i/oauth2/authorize', (c) => {
    const params = new URL(c.req.url).searchParams;
    const request = check(ctx, params);
    if (typeof request === 'string') return c.html(errorPage(request), 400);
    const user = signedIn();
    if (!user)
      return c.html(
        errorPage('Nobody is signed in: set one with PUT /_control/signed-in-user.'),
        400,
      );
    return c.html(consentPage(request.client, user, request.scopes, params));
  });

  app.post('/i/oauth2/authorize', async (c) => {
    const form = await c.req.parseBody().catch((): Record<string, unknown> => ({}));
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(form))
      if (typeof value === 'string' && name !== 'decision') params.set(name, value);
    const request = check(ctx, params);
    if (typeof request === 'string') return c.html(errorPage(request), 400);
    const user = signedIn();
    if (!user) return c.html(errorPage('Nobody is signed in.'), 400);

    if (form.decision !== 'allow')
      return redirectWith(c, request.redirectUri, { error: 'access_denied', state: request.state });
    const code = ctx.tokens.createCode({
      userId: user.id,
      clientId: request.client.id,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      challenge: request.challenge,
      method: request.method,
    });
    return redirectWith(c, request.redirectUri, { state: request.state, code });
  });

  return app;
}
