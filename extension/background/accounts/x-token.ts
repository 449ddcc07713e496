import { z } from 'zod';
import type { Db } from '../../shared/db.ts';
import type { XAccount } from '../../shared/db-schema.ts';
import { loadSettings } from '../../shared/settings.ts';
import { XApiError } from '../clients/x-error.ts';
import { getXAccount, putAccount } from './accounts-store.ts';

/** Refresh this long before expiry, so a token never dies mid-request. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});

let refreshing: Promise<XAccount> | undefined;

/**
 * A valid access token for the connected X account, refreshed first when it is about to expire.
 * Refresh tokens rotate (the old one dies when used), so concurrent callers share one refresh
 * and the new pair is stored in one write. A refused refresh marks the account `reconnect`.
 */
export async function xAccessToken(db: Db): Promise<string> {
  const account = await getXAccount(db);
  if (!account || account.state === 'reconnect') {
    throw new XApiError('auth', 'Reconnect your X account on the options page.', 401);
  }
  if (account.expiresAt - REFRESH_MARGIN_MS > Date.now()) return account.accessToken;

  refreshing ??= refresh(db, account).finally(() => (refreshing = undefined));
  return (await refreshing).accessToken;
}

/** Forces a refresh after X answered 401 to a token we believed valid. */
export async function refreshAfter401(db: Db): Promise<void> {
  const account = await getXAccount(db);
  if (!account || account.state === 'reconnect') return;
  refreshing ??= refresh(db, account).finally(() => (refreshing = undefined));
  await refreshing;
}

async function refresh(db: Db, account: XAccount): Promise<XAccount> {
  const settings = await loadSettings(db);
  if (!account.refreshToken) return markReconnect(db, account, 'X gave no refresh token.');

  let response: Response;
  try {
    response = await fetch(new URL('/2/oauth2/token', settings.x.apiBase), {
      method: 'POST',
      credentials: 'omit',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: account.refreshToken,
        client_id: settings.x.clientId,
      }),
    });
  } catch {
    // A network failure is not a refusal: keep the tokens and let the caller back off.
    throw new XApiError('network', 'X could not be reached to refresh the token');
  }
  const body = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (!response.ok || !body.success) {
    if (response.status >= 500)
      throw new XApiError('server', 'X failed to refresh the token', response.status);
    return markReconnect(db, account, `X refused to refresh the token (${response.status}).`);
  }

  const next: XAccount = {
    ...account,
    accessToken: body.data.access_token,
    refreshToken: body.data.refresh_token ?? account.refreshToken,
    expiresAt: Date.now() + body.data.expires_in * 1000,
    ...(body.data.scope && { scopes: body.data.scope.split(' ') }),
  };
  await putAccount(db, next);
  return next;
}

async function markReconnect(db: Db, account: XAccount, why: string): Promise<never> {
  await putAccount(db, { ...account, state: 'reconnect' });
  throw new XApiError('auth', `${why} Reconnect your X account on the options page.`, 401);
}
