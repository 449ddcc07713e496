import type { StatusNetAccount } from '../../shared/db-schema.ts';
import type { Db } from '../../shared/db.ts';
import type { AccountSummary } from '../../shared/messages/accounts.ts';
import { logActivity } from '../../shared/activity.ts';
import { createStatusNetClient } from '../clients/statusnet-client.ts';
import { UserFacingError } from '../router.ts';
import { getStatusNetAccount, putAccount } from './accounts-store.ts';
import { toUserFacing } from './connect-errors.ts';

/**
 * Verifies a connected StatusNet account's credentials again and stores what changed on the
 * site (its name, whether its stream is private): the "Check again" button, e.g. after the
 * user made the import account private.
 */
export async function checkStatusNet(
  db: Db,
  role: StatusNetAccount['role'],
): Promise<AccountSummary> {
  const account = await getStatusNetAccount(db, role);
  if (!account) throw new UserFacingError('This account is not connected.', 'form');

  const client = createStatusNetClient({ apiBase: account.apiBase, auth: account.auth });
  let user;
  try {
    user = await client.verifyCredentials();
  } catch (error) {
    const refused = toUserFacing(error, 'password');
    await logActivity(db, {
      level: 'error',
      area: 'account',
      message: `Checking @${account.screenName} failed: ${refused.message}`,
    });
    throw new UserFacingError(refused.message, 'form');
  }

  const next: StatusNetAccount = {
    ...account,
    screenName: user.screen_name,
    name: user.name,
    protected: user.protected,
    ...(user.statusnet_profile_url && { profileUrl: user.statusnet_profile_url }),
  };
  await putAccount(db, next);
  return { screenName: next.screenName, name: next.name, profileUrl: next.profileUrl };
}
