/**
 * The two ends of X's OAuth 2.0 authorization-code flow that are pure: the authorize URL the
 * consent window opens, and the reading of the redirect it comes back with.
 */

/**
 * What the bridge asks X for: read and write posts, know who the user is and whom they follow
 * (for the relay), like, upload media, and `offline.access` for a refresh token (without it
 * the user would have to reconnect every two hours).
 */
export const X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'follows.read',
  'like.write',
  'media.write',
  'offline.access',
] as const;

export interface AuthorizeRequest {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  scopes?: readonly string[];
}

export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(request.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: (request.scopes ?? X_SCOPES).join(' '),
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** X said no, or the answer cannot be trusted; the message is for the user. */
export class XAuthorizationError extends Error {
  override readonly name = 'XAuthorizationError';
}

/**
 * The authorization code from the URL X redirected to. The `state` must be the one we sent:
 * otherwise the code may belong to someone else's flow (a login CSRF), and is refused.
 */
export function readAuthorizeRedirect(redirectUrl: string, expectedState: string): string {
  const params = new URL(redirectUrl).searchParams;

  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    if (error === 'access_denied') {
      throw new XAuthorizationError('X did not grant access: the authorization was declined.');
    }
    throw new XAuthorizationError(`X refused the authorization: ${description ?? error}.`);
  }

  if (params.get('state') !== expectedState) {
    throw new XAuthorizationError(
      'X answered for a different sign-in attempt (the state does not match). Try again.',
    );
  }
  const code = params.get('code');
  if (!code) throw new XAuthorizationError('X came back without an authorization code.');
  return code;
}
