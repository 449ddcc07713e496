import browser from 'webextension-polyfill';
import type { XAccount } from '../../shared/db-schema.ts';
import type { Db } from '../../shared/db.ts';
import type { AccountSummary } from '../../shared/messages/accounts.ts';
import { logActivity } from '../../shared/activity.ts';
import { loadSettings, type Settings } from '../../shared/settings.ts';
import { createXClient } from '../clients/x-client.ts';
import { XApiError } from '../clients/x-error.ts';
import { UserFacingError } from '../router.ts';
import { getXAccount, putAccount } from './accounts-store.ts';
import { createPkce, randomToken } from './pkce.ts';
import { originPattern } from './site-url.ts';
import { buildAuthorizeUrl, readAuthorizeRedirect, XAuthorizationError } from './x-authorize.ts';
import { requestTokens, revokeToken } from './x-oauth.ts';
import { launchWebAuthFlow, redirectUrl, WebAuthFlowError } from './web-auth-flow.ts';

/**
 * Connects the user's X account with OAuth 2.0 authorization code + PKCE: X's consent window,
 * the code exchanged for a token pair, `users/me` to learn who it is, and one write of it all.
 * A previous connection's tokens are revoked afterwards, so none are left behind.
 */
export async function connectX(db: Db): Promise<AccountSummary> {
  const settings = await loadSettings(db);
  await requireApiPermission(settings);

  try {
    const pkce = await createPkce();
    const state = randomToken(16);
    const redirectUri = redirectUrl();
    const url = buildAuthorizeUrl({
      authorizeUrl: settings.x.authorizeUrl,
      clientId: settings.x.clientId,
      redirectUri,
      state,
      challenge: pkce.challenge,
    });
    // TODO [2027-01-01]: the consent window is awaited in the background; should Chrome stop
    // the worker while the user lingers there, the page only hears "did not answer". Running
    // the flow from the options page and handing the code over would lift that.
    const code = readAuthorizeRedirect(await launchWebAuthFlow(url, 'X'), state);

    const tokens = await requestTokens(settings.x.apiBase, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: settings.x.clientId,
      code_verifier: pkce.verifier,
    });
    const client = createXClient({
      apiBase: settings.x.apiBase,
      accessToken: async () => tokens.access_token,
    });
    const { data: me } = await client.me();

    const previous = await getXAccount(db);
    const account: XAccount = {
      role: 'x',
      userId: me.id,
      username: me.username,
      name: me.name,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Date.now() + tokens.expires_in * 1000,
      scopes: (tokens.scope ?? '').split(' ').filter(Boolean),
      state: 'ok',
      connectedAt: Date.now(),
    };
    await putAccount(db, account);
    await logActivity(db, {
      level: 'info',
      area: 'account',
      message: `Connected the X account @${me.username}.`,
      xUrl: `https://x.com/${me.username}`,
    });
    if (previous) await revokeQuietly(settings, previous);
    return { screenName: me.username, name: me.name, profileUrl: `https://x.com/${me.username}` };
  } catch (error) {
    throw xUserFacing(error);
  }
}

/** Token calls need the API's origin; the page asks for it when the setting is saved. */
export async function requireApiPermission(settings: Settings): Promise<void> {
  const origin = new URL(settings.x.apiBase).origin;
  if (await browser.permissions.contains({ origins: [originPattern(origin)] })) return;
  throw new UserFacingError(
    `The bridge may not reach ${origin}: save the X API base URL under Advanced again and ` +
      'allow access when asked.',
    'x',
  );
}

/** Best effort: X forgets a grant it cannot be told about when its tokens expire. */
export async function revokeQuietly(settings: Settings, account: XAccount): Promise<boolean> {
  // Revoking the refresh token ends the grant; the access token is revoked too, for X setups
  // that keep it alive until it expires.
  const tokens = [account.refreshToken, account.accessToken].filter((t): t is string => !!t);
  const results = await Promise.allSettled(
    tokens.map((token) => revokeToken(settings.x.apiBase, settings.x.clientId, token)),
  );
  return results.every((result) => result.status === 'fulfilled');
}

export function xUserFacing(error: unknown): UserFacingError {
  if (error instanceof UserFacingError) return error;
  if (error instanceof XAuthorizationError || error instanceof WebAuthFlowError) {
    return new UserFacingError(error.message, 'x');
  }
  if (error instanceof XApiError) {
    const said = error.serviceMessage.replace(/\.$/, '');
    const words = said.startsWith('X ') ? said : `X said: "${said}"`;
    const hint =
      error.kind === 'bad-request' || error.kind === 'auth'
        ? ' Check the X client id under Advanced, then try again.'
        : '';
    return new UserFacingError(`${words}.${hint}`, 'x');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UserFacingError(`Connecting X failed: ${message}`, 'x');
}
