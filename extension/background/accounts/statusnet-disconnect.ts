import type { StatusNetAccount } from '../../shared/db-schema.ts';
import type { Db } from '../../shared/db.ts';
import { logActivity } from '../../shared/activity.ts';
import { deleteAccount, getStatusNetAccount } from './accounts-store.ts';

/**
 * Forgets a StatusNet account. GNU social has no API to revoke an OAuth token: the site's
 * Connections settings page does that, and the activity log says so.
 */
export async function disconnectStatusNet(db: Db, role: StatusNetAccount['role']) {
  const account = await getStatusNetAccount(db, role);
  if (!account) return { disconnected: false };

  await deleteAccount(db, role);
  await logActivity(db, {
    level: 'info',
    area: 'account',
    message:
      `Disconnected @${account.screenName}; its credentials were forgotten.` +
      (account.auth.kind === 'oauth1'
        ? ' The site still lists the bridge under Settings > Connections, where you may revoke it.'
        : ''),
  });
  return { disconnected: true };
}
