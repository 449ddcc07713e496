import type { Background } from '../background.ts';
import { loadSettings } from '../../shared/settings.ts';
import { createXClient, type XClient } from '../clients/x-client.ts';
import { getXAccount } from './accounts-store.ts';
import { xAccessToken } from './x-token.ts';

/** A client for the connected X account, or undefined while none is connected. */
export async function xClientFor(
  bg: Background,
): Promise<{ userId: string; username: string; client: XClient } | undefined> {
  const db = await bg.db();
  const account = await getXAccount(db);
  if (!account) return undefined;

  const settings = await loadSettings(db);
  const client = createXClient({
    apiBase: settings.x.apiBase,
    accessToken: () => xAccessToken(db),
  });
  return { userId: account.userId, username: account.username, client };
}
