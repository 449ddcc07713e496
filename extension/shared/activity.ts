import type { ActivityEntry } from './db-schema.ts';
import type { Db } from './db.ts';
import { notifyChanged } from './changes.ts';

/** How many activity lines are kept; older ones are pruned as new ones arrive. */
export const ACTIVITY_KEEP = 2_000;

/**
 * Appends a line to the user-readable activity log (the extension's log: it holds no secrets,
 * only what happened in words the user can act on).
 */
export async function logActivity(db: Db, entry: Omit<ActivityEntry, 'id' | 'at'>): Promise<void> {
  const tx = db.transaction('activity', 'readwrite');
  await tx.store.add({ ...entry, at: Date.now() });

  const count = await tx.store.count();
  if (count > ACTIVITY_KEEP) {
    let cursor = await tx.store.openCursor();
    for (let excess = count - ACTIVITY_KEEP; cursor && excess > 0; excess--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  await tx.done;
  notifyChanged('activity');
}

/** The newest `limit` activity lines, newest first. */
export async function recentActivity(db: Db, limit = 200): Promise<ActivityEntry[]> {
  const lines: ActivityEntry[] = [];
  let cursor = await db.transaction('activity').store.openCursor(null, 'prev');
  while (cursor && lines.length < limit) {
    lines.push(cursor.value);
    cursor = await cursor.continue();
  }
  return lines;
}
