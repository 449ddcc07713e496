import type { StatusNetAccount } from '../../shared/db-schema.ts';
import type { Background } from '../background.ts';
import { createStatusNetClient, type StatusNetClient } from '../clients/statusnet-client.ts';
import { getStatusNetAccount } from './accounts-store.ts';

/** A client for a connected StatusNet account, or undefined while it is not connected. */
export async function statusNetClientFor(
  bg: Background,
  role: StatusNetAccount['role'],
): Promise<{ account: StatusNetAccount; client: StatusNetClient } | undefined> {
  const account = await getStatusNetAccount(await bg.db(), role);
  if (!account) return undefined;
  return {
    account,
    client: createStatusNetClient({ apiBase: account.apiBase, auth: account.auth }),
  };
}
