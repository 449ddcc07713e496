import { requireUser } from '../domain/state.ts';
import { checkPassword } from '../domain/users.ts';
import { prepareError } from '../errors.ts';
import { basicChallenge, basicCredentials } from './auth-basic.ts';
import type { ApiContext, Endpoint } from './endpoint.ts';
import { userNamed } from './endpoint.ts';
import { OAuthProblem, requestParams, verifySignedRequest } from './oauth1.ts';
import { trimmed } from './request.ts';

// `ApiAction::$reserved_sources`: a client may not claim these; it gets `api` instead.
const reservedSources = ['web', 'omb', 'ostatus', 'mail', 'xmpp', 'api'];

/**
 * `ApiAuthAction::prepare()`: OAuth when the request carries a consumer key and a token, else
 * HTTP Basic. Credentials that are present are always checked (a wrong password is a 401 even
 * where reading is public); absent ones are a 401 only where the action requires them.
 */
export function authenticate(ctx: ApiContext, endpoint: Endpoint): void {
  const source = trimmed(ctx.req, 'source');
  ctx.source = source === '' || reservedSources.includes(source) ? 'api' : source;
  if (endpoint.auth === 'none') return;

  const oauth = requestParams(ctx.req);
  if (oauth.oauth_consumer_key && oauth.oauth_token) authenticateOAuth(ctx);
  else authenticateBasic(ctx, endpoint);

  const readOnly = endpoint.readOnly ?? ((method: string) => method === 'GET');
  if (ctx.access === 'read' && !readOnly(ctx.req.method)) {
    throw prepareError(
      401,
      'API resource requires read-write access, but you only have read access.',
    );
  }
}

function authenticateBasic(ctx: ApiContext, endpoint: Endpoint): void {
  const challenge = basicChallenge(ctx.state.settings.siteName);
  const credentials = basicCredentials(ctx.req.headers.get('authorization'));

  if (credentials) {
    const user = checkPassword(ctx.state, credentials.nickname, credentials.password);
    if (!user) throw prepareError(401, 'Could not authenticate you.', challenge);
    ctx.viewer = user;
    return;
  }

  const required =
    endpoint.auth === 'required' || (endpoint.auth === 'unless-user-named' && !userNamed(ctx.req));
  if (required) throw prepareError(401, 'Could not authenticate you.', challenge);
}

function authenticateOAuth(ctx: ApiContext): void {
  try {
    const { consumer, token } = verifySignedRequest(ctx.state, ctx.req, 'access');
    // verifySignedRequest only returns with a token of the asked kind, bound to a user.
    if (!token || token.userId === null) throw new OAuthProblem('No user for that token.');
    ctx.viewer = requireUser(ctx.state, token.userId);
    ctx.access = token.access;
    ctx.app = consumer;
    if (consumer.name !== 'anonymous') ctx.source = consumer.name;
  } catch (error) {
    if (error instanceof OAuthProblem) throw prepareError(401, error.message);
    throw error;
  }
}
