import { Hono, type Context } from 'hono';
import type { XContext, XEnv } from './context.ts';

type OAuthError =
  'invalid_request' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_client';

// The token endpoint answers RFC 6749 errors, with X's own descriptions.
function oauthError(c: Context, error: OAuthError, description: string, status: 400 | 401 = 400) {
  return c.json({ error, error_description: description }, status);
}

async function form(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  // X reads only form bodies here; anything else looks like missing parameters.
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  const body = await c.req.parseBody().catch(() => ({}));
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** `POST /2/oauth2/token` (code and refresh grants), `/2/oauth2/revoke`, `/oauth2/token` (app). */
export function oauth2Routes(
  ctx: XContext,
  app: { apiKey: string; apiSecret: string },
): Hono<XEnv> {
  const routes = new Hono<XEnv>();

  routes.post('/2/oauth2/token', async (c) => {
    const params = await form(c);
    const grant = params.grant_type;
    if (!grant) return oauthError(c, 'invalid_request', 'Missing required parameter [grant_type].');
    const client = ctx.clients.get(params.client_id ?? '');
    if (!client) return oauthError(c, 'unauthorized_client', 'Missing valid authorization header');

    if (grant === 'authorization_code') {
      for (const name of ['code', 'redirect_uri', 'code_verifier']) {
        if (!params[name])
          return oauthError(c, 'invalid_request', `Missing required parameter [${name}].`);
      }
      const issued = ctx.tokens.redeem(params.code ?? '', {
        clientId: client.id,
        redirectUri: params.redirect_uri ?? '',
        verifier: params.code_verifier ?? '',
      });
      if (!issued)
        return oauthError(
          c,
          'invalid_request',
          'Value passed for the authorization code was invalid.',
        );
      return c.json(issued);
    }
    if (grant === 'refresh_token') {
      const issued = ctx.tokens.rotate(params.refresh_token ?? '', client.id);
      if (!issued)
        return oauthError(c, 'invalid_request', 'Value passed for the token was invalid.');
      return c.json(issued);
    }
    return oauthError(c, 'unsupported_grant_type', `Grant type ${grant} is not supported.`);
  });

  routes.post('/2/oauth2/revoke', async (c) => {
    const params = await form(c);
    if (!ctx.clients.get(params.client_id ?? ''))
      return oauthError(c, 'unauthorized_client', 'Missing valid authorization header');
    if (!params.token)
      return oauthError(c, 'invalid_request', 'Missing required parameter [token].');
    // RFC 7009: an unknown token is not an error, the answer is the same.
    ctx.tokens.revoke(params.token);
    return c.json({ revoked: true });
  });

  // App-only bearer token from the API key and secret (client credentials, HTTP Basic).
  routes.post('/oauth2/token', async (c) => {
    const expected = `Basic ${Buffer.from(`${encodeURIComponent(app.apiKey)}:${encodeURIComponent(app.apiSecret)}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected) {
      return c.json(
        {
          errors: [
            {
              code: 99,
              message: 'Unable to verify your credentials',
              label: 'authenticity_token_error',
            },
          ],
        },
        403,
      );
    }
    const params = await form(c);
    if (params.grant_type !== 'client_credentials') {
      return c.json(
        {
          errors: [
            {
              code: 170,
              message: 'Missing required parameter: grant_type',
              label: 'forbidden_missing_parameter',
            },
          ],
        },
        403,
      );
    }
    return c.json({ token_type: 'bearer', access_token: ctx.bearerToken });
  });

  return routes;
}
