import type { Db } from '../../shared/db.ts';
import { logActivity } from '../../shared/activity.ts';
import { loadSettings } from '../../shared/settings.ts';
import { deleteAccount, getXAccount } from './accounts-store.ts';
import { revokeQuietly } from './x-connect.ts';
import { refreshSettled } from './x-token.ts';

/**
 * Revokes the X tokens at X and forgets them here. The local copy goes even when X cannot be
 * told (the user asked to disconnect); the log then says where to revoke the app by hand.
 */
export async function disconnectX(db: Db): Promise<{ revoked: boolean }> {
  // A refresh under way would rotate the pair after we revoked it: let it finish first.
  await refreshSettled();
  const account = await getXAccount(db);
  if (!account) return { revoked: true };

  const revoked = await revokeQuietly(await loadSettings(db), account);
  await deleteAccount(db, 'x');
  await logActivity(db, {
    level: revoked ? 'info' : 'warn',
    area: 'account',
    message: revoked
      ? `Disconnected the X account @${account.username}; X revoked the bridge's access.`
      : `Disconnected the X account @${account.username}, but X could not be told. Revoke the ` +
        'bridge at https://x.com/settings/connected_apps.',
  });
  return { revoked };
}
