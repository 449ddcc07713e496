import type { Db } from '../../shared/db.ts';
import type { XAccount } from '../../shared/db-schema.ts';
import { logActivity } from '../../shared/activity.ts';
import { loadSettings } from '../../shared/settings.ts';
import { XApiError, type XErrorKind } from '../clients/x-error.ts';
import { getXAccount, updateXAccount } from './accounts-store.ts';
import { requestTokens, type TokenResponse } from './x-oauth.ts';

/** Refresh this long before expiry, so a token never dies mid-request. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

const REFUSALS = new Set<XErrorKind>(['bad-request', 'auth', 'forbidden']);

let refreshing: Promise<XAccount> | undefined;

/**
 * A valid access token for the connected X account, refreshed first when it is about to expire.
 * Refresh tokens rotate (the old one dies when used), so concurrent callers share one refresh
 * and the new pair is stored in one write. A refused refresh marks the account `reconnect`.
 */
export async function xAccessToken(db: Db): Promise<string> {
  const account = await usableAccount(db);
  if (account.expiresAt - REFRESH_MARGIN_MS > Date.now()) return account.accessToken;
  return (await refreshOnce(db, account)).accessToken;
}

/** Forces a refresh after X answered 401 to a token we believed valid. */
export async function refreshAfter401(db: Db): Promise<void> {
  const account = await getXAccount(db);
  if (!account || account.state === 'reconnect') return;
  await refreshOnce(db, account);
}

/**
 * Refreshes ahead of time when the token expires within `withinMs`: run from an alarm, so a
 * token is fresh when the bridge needs it even after the browser slept. True if it refreshed.
 */
export async function refreshXTokenIfDue(db: Db, withinMs: number): Promise<boolean> {
  const account = await getXAccount(db);
  if (!account || account.state === 'reconnect') return false;
  if (account.expiresAt - withinMs > Date.now()) return false;
  await refreshOnce(db, account);
  return true;
}

async function usableAccount(db: Db): Promise<XAccount> {
  const account = await getXAccount(db);
  if (!account || account.state === 'reconnect') {
    throw new XApiError('auth', 'Reconnect your X account on the options page.', 401);
  }
  return account;
}

function refreshOnce(db: Db, account: XAccount): Promise<XAccount> {
  refreshing ??= refresh(db, account).finally(() => (refreshing = undefined));
  return refreshing;
}

async function refresh(db: Db, account: XAccount): Promise<XAccount> {
  const settings = await loadSettings(db);
  if (!account.refreshToken) return markReconnect(db, account, 'X gave no refresh token.');

  // X spends the refresh token as it answers: if that answer is lost, the stored pair is dead
  // and the next refresh is refused, so the user reconnects. No client can avoid this.
  let tokens: TokenResponse;
  try {
    tokens = await requestTokens(settings.x.apiBase, {
      grant_type: 'refresh_token',
      refresh_token: account.refreshToken,
      client_id: settings.x.clientId,
    });
  } catch (error) {
    // Unreachable, failing or rate limiting is no refusal: keep the pair and let callers back
    // off. Only X saying no to the refresh token (400 invalid_request, 401, 403) ends it.
    if (error instanceof XApiError && REFUSALS.has(error.kind)) {
      return markReconnect(db, account, `${error.serviceMessage}.`);
    }
    throw error;
  }

  const next = await updateXAccount(db, account.userId, (current) => ({
    ...current,
    accessToken: tokens.access_token,
    // X rotates refresh tokens; keep the old one only if it sent none (it always does).
    refreshToken: tokens.refresh_token ?? current.refreshToken,
    expiresAt: Date.now() + tokens.expires_in * 1000,
    state: 'ok',
    ...(tokens.scope && { scopes: tokens.scope.split(' ') }),
  }));
  if (!next) throw new XApiError('auth', 'The X account was disconnected.', 401);
  return next;
}

async function markReconnect(db: Db, account: XAccount, why: string): Promise<never> {
  await updateXAccount(db, account.userId, (current) => ({ ...current, state: 'reconnect' }));
  const message = `${why} Reconnect your X account on the options page.`;
  await logActivity(db, { level: 'error', area: 'account', message });
  throw new XApiError('auth', message, 401);
}

/** Resolves once no refresh is under way (whatever its outcome). */
export async function refreshSettled(): Promise<void> {
  await refreshing?.catch(() => undefined);
}
