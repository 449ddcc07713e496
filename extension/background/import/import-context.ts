import type { Db } from '../../shared/db.ts';
import { getXAccount } from '../accounts/accounts-store.ts';
import { statusNetClientFor } from '../accounts/statusnet-session.ts';
import type { Background } from '../background.ts';
import { composeImportText } from '../compose/import-text.ts';
import type { ImportContext } from './import-target.ts';

/**
 * Where imported posts go, read afresh for each pass over the inbox (the user may connect or
 * change the import account at any time): undefined while no import account is connected.
 */
export async function importContext(
  bg: Background,
): Promise<Omit<ImportContext, 'markInFlight'> | undefined> {
  const db: Db = await bg.db();
  const session = await statusNetClientFor(bg, 'import');
  if (!session) return undefined;
  const x = await getXAccount(db);

  return {
    db,
    account: session.account,
    client: session.client,
    textLimit: session.account.textLimit,
    ownXUserId: x?.userId,
    compose: (post, textLimit, uploaded) =>
      composeImportText(post, { textLimit, uploadedMediaKeys: uploaded }).status,
  };
}
