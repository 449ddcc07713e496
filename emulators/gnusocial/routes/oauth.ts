import { Hono } from 'hono';
import type { GnuSocialState, OAuthToken } from '../domain/state.ts';
import { checkPassword } from '../domain/users.ts';
import {
  OAuthProblem,
  percentEncode,
  randomKey,
  requestParams,
  verifySignedRequest,
} from '../http/oauth1.ts';
import { readApiRequest, trimmed } from '../http/request.ts';
import { sendErrorPage } from '../http/respond.ts';
import { consentPage, infoPage, pinPage } from '../render/oauth-pages.ts';

const cors = { 'Access-Control-Allow-Origin': '*' };

function text(body: string, status: number, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { ...cors, 'Content-Type': type } });
}

function html(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/** OAuth failures on the token endpoints are plain text, 401 unless a parameter was missing. */
function problem(error: unknown): Response {
  if (error instanceof OAuthProblem) return text(error.message, error.status);
  throw error;
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.host !== '' && /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol);
  } catch {
    return false;
  }
}

/**
 * The three legs of OAuth 1.0a under `/api/oauth/`: a signed request for a request token, the
 * user's consent on an HTML form (with their nickname and password, as on GNU social), and a
 * signed exchange of the authorized request token and its verifier for an access token.
 */
export function oauthRoutes(state: GnuSocialState): Hono {
  const routes = new Hono();

  routes.all('/request_token', async (c) => {
    try {
      const req = await readApiRequest(c.req.raw, {});
      const callback = requestParams(req).oauth_callback ?? '';
      if (callback !== 'oob' && !isUrl(callback)) {
        throw new OAuthProblem("You must provide a valid URL or 'oob' in oauth_callback.", 400);
      }
      const { consumer } = verifySignedRequest(state, req, null);

      const token: OAuthToken = {
        key: randomKey(),
        secret: randomKey(),
        consumerKey: consumer.key,
        kind: 'request',
        state: 0,
        callback,
        verifier: randomKey(8),
        userId: null,
        access: consumer.access,
      };
      state.tokens.set(token.key, token);
      const body = `oauth_token=${percentEncode(token.key)}&oauth_token_secret=${percentEncode(token.secret)}`;
      return text(
        `${body}&oauth_callback_confirmed=true`,
        200,
        'application/x-www-form-urlencoded',
      );
    } catch (error) {
      return problem(error);
    }
  });

  routes.all('/authorize', async (c) => {
    const req = await readApiRequest(c.req.raw, {});
    const fail = (message: string) =>
      sendErrorPage(state, req.url.pathname, { status: 400, title: 'Bad Request', message });

    const oauthToken = trimmed(req, 'oauth_token');
    if (oauthToken === '') return fail('No oauth_token parameter provided.');
    const token = state.tokens.get(oauthToken);
    const consumer = token && state.consumers.get(token.consumerKey);
    if (!token || token.kind !== 'request' || token.state === 2 || !consumer) {
      return fail('Invalid request token.');
    }
    if (token.state === 1) return fail('Request token already authorized.');

    const showForm = (error: string | null) => {
      const formToken = randomKey();
      state.formTokens.add(formToken);
      const action = `${state.baseUrl}/api/oauth/authorize`;
      const mode = trimmed(req, 'mode');
      const form = {
        siteName: state.settings.siteName,
        action,
        consumer,
        formToken,
        oauthToken,
        mode,
        error,
      };
      return html(consentPage(form));
    };
    if (req.method !== 'POST') return showForm(null);

    if (!state.formTokens.has(trimmed(req, 'token'))) {
      return showForm('There was a problem with your session token. Try again, please.');
    }
    const user = checkPassword(state, trimmed(req, 'nickname'), req.args.password ?? '');
    if (!user) return showForm('Invalid nickname / password!');

    const callback = token.callback === 'oob' ? null : token.callback || consumer.callbackUrl;
    if (req.args.allow) {
      Object.assign(token, { state: 1, userId: user.id });
      if (callback)
        return redirect(callback, { oauth_token: token.key, oauth_verifier: token.verifier });
      return html(pinPage(state.settings.siteName, consumer.name, token.verifier));
    }
    if (req.args.cancel) {
      token.state = 2;
      if (callback) return redirect(callback, { oauth_problem: 'user_refused' });
      const message = `The request token ${token.key} has been revoked.`;
      return html(infoPage(state.settings.siteName, 'Authorization canceled.', message));
    }
    return fail('Unexpected form submission.');
  });

  routes.all('/access_token', async (c) => {
    try {
      const req = await readApiRequest(c.req.raw, {});
      const { token, params } = verifySignedRequest(state, req, 'request');
      const verifier = params.oauth_verifier;
      // verifySignedRequest returned a live request token of this consumer.
      if (token!.state !== 1 || (verifier && verifier !== token!.verifier)) {
        return text('Invalid request token or verifier.', 400);
      }

      token!.state = 2;
      const access: OAuthToken = {
        ...token!,
        key: randomKey(),
        secret: randomKey(),
        kind: 'access',
        state: 1,
      };
      state.tokens.set(access.key, access);
      return text(
        `oauth_token=${percentEncode(access.key)}&oauth_token_secret=${percentEncode(access.secret)}`,
        200,
        'application/x-www-form-urlencoded',
      );
    } catch (error) {
      return problem(error);
    }
  });

  return routes;
}

function redirect(callback: string, params: Record<string, string>): Response {
  const url = new URL(callback);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return new Response(null, { status: 303, headers: { Location: url.toString() } });
}
