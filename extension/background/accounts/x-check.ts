import type { Db } from '../../shared/db.ts';
import type { AccountSummary } from '../../shared/messages/accounts.ts';
import { loadSettings } from '../../shared/settings.ts';
import { createXClient } from '../clients/x-client.ts';
import { XApiError } from '../clients/x-error.ts';
import { UserFacingError } from '../router.ts';
import { getXAccount, updateXAccount } from './accounts-store.ts';
import { xUserFacing } from './x-connect.ts';
import { refreshAfter401, xAccessToken } from './x-token.ts';

/**
 * Asks X who the stored token belongs to: the "Check connection" button. The token is
 * refreshed first when it is due, and once more if X answers 401 to a token we thought valid;
 * a name or handle changed on X is updated here.
 */
export async function checkX(db: Db): Promise<AccountSummary> {
  const account = await getXAccount(db);
  if (!account) throw new UserFacingError('No X account is connected.', 'x');

  const settings = await loadSettings(db);
  const client = createXClient({
    apiBase: settings.x.apiBase,
    accessToken: () => xAccessToken(db),
  });
  try {
    let me;
    try {
      me = (await client.me()).data;
    } catch (error) {
      if (!(error instanceof XApiError) || error.kind !== 'auth') throw error;
      await refreshAfter401(db);
      me = (await client.me()).data;
    }
    await updateXAccount(db, account.userId, (current) => ({
      ...current,
      username: me.username,
      name: me.name,
    }));
    return { screenName: me.username, name: me.name, profileUrl: `https://x.com/${me.username}` };
  } catch (error) {
    throw xUserFacing(error);
  }
}
