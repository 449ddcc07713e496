import type { RelayEvent } from '../../../protocol/relay-events.ts';
import type { Db } from '../../shared/db.ts';
import type { ImportEntry } from '../../shared/db-schema.ts';
import { notifyChanged } from '../../shared/changes.ts';

/**
 * The `imports` store as a durable inbox. An event from the relay is stored here first, as
 * `pending`; only then is it applied, and the relay cursor moves past it only once it is
 * resolved (the notice exists, or it was skipped or failed for a reason the user can read).
 * A post and the delete of that post are separate entries: `123` and `delete:123`.
 */

/** The key of the entry an event is kept under. */
export function entryKey(event: RelayEvent): string {
  return event.type === 'post' ? event.post.id : `delete:${event.postId}`;
}

/** What became of a received event. */
export type Received = 'stored' | 'known' | 'left-out';

/**
 * Stores an event unless it is already known (the relay delivers at least once); a post the
 * caller judged `stale` (past the catch-up window) is stored as skipped, where the user can
 * still retry it. A post imported before the inbox was pruned is still known, by its link.
 */
export async function receive(
  db: Db,
  event: RelayEvent,
  options: { now?: number; stale?: boolean } = {},
): Promise<Received> {
  const key = entryKey(event);
  const tx = db.transaction(['imports', 'links'], 'readwrite');
  const links =
    event.type === 'post'
      ? await tx.objectStore('links').index('by-post').getAll(event.post.id)
      : [];
  const known =
    (await tx.objectStore('imports').getKey(key)) !== undefined ||
    links.some((link) => link.direction === 'import');
  if (!known) {
    await tx.objectStore('imports').put({
      postId: key,
      event,
      attempts: 0,
      notBefore: 0,
      receivedAt: options.now ?? Date.now(),
      ...(options.stale
        ? { state: 'skipped', lastError: 'Older than the catch-up window.' }
        : { state: 'pending' }),
    });
  }
  await tx.done;
  if (known) return 'known';
  notifyChanged('imports');
  return options.stale ? 'left-out' : 'stored';
}

/** Pending entries in relay order (oldest event first). */
export async function pendingEntries(db: Db): Promise<ImportEntry[]> {
  const pending = await db.getAllFromIndex('imports', 'by-state', 'pending');
  return pending.sort((a, b) => a.event.seq - b.event.seq);
}

/** The first pending entry in relay order. */
export async function nextPending(db: Db): Promise<ImportEntry | undefined> {
  return (await pendingEntries(db))[0];
}

/**
 * Forgets resolved entries received before `before`. Links keep deduplicating what was
 * imported; the relay's retention (days) is far shorter than the time entries are kept.
 */
export async function pruneResolved(db: Db, before: number): Promise<number> {
  const tx = db.transaction('imports', 'readwrite');
  let pruned = 0;
  for (const state of ['done', 'skipped'] as const) {
    let cursor = await tx.store.index('by-state').openCursor(state);
    while (cursor) {
      if (cursor.value.receivedAt < before) {
        await cursor.delete();
        pruned++;
      }
      cursor = await cursor.continue();
    }
  }
  await tx.done;
  return pruned;
}

/**
 * How far the relay cursor may move: up to `received` (the newest event stored), but not past
 * any event still pending after `cursor`. Entries retried by hand are older than the cursor
 * and are held locally; they do not hold the cursor back.
 */
export async function ackableSeq(db: Db, cursor: number, received: number): Promise<number> {
  let ackable = received;
  for (const entry of await db.getAllFromIndex('imports', 'by-state', 'pending')) {
    if (entry.event.seq > cursor) ackable = Math.min(ackable, entry.event.seq - 1);
  }
  return Math.max(cursor, ackable);
}

/** Rewrites one entry (with whatever `change` does to it) and tells open pages. */
export async function updateEntry(
  db: Db,
  key: string,
  change: (entry: ImportEntry) => ImportEntry,
): Promise<ImportEntry | undefined> {
  const tx = db.transaction('imports', 'readwrite');
  const entry = await tx.store.get(key);
  const next = entry && change(entry);
  if (next) await tx.store.put(next);
  await tx.done;
  notifyChanged('imports');
  return next;
}

/** How many posts wait to become notices. */
export function backlogCount(db: Db): Promise<number> {
  return db.countFromIndex('imports', 'by-state', 'pending');
}

/** Pending and failed entries, for the options page, in relay order. */
export async function backlog(db: Db, limit = 200): Promise<ImportEntry[]> {
  // One transaction. Read in two, the worker's write (another context, so its transaction can
  // be scheduled between the page's two) could move an entry from pending to failed between
  // them, and the page listed it twice: as waiting and as failed (seen in import.spec).
  const index = db.transaction('imports').store.index('by-state');
  const [pending, failed] = await Promise.all([index.getAll('pending'), index.getAll('failed')]);
  return [...failed, ...pending].sort((a, b) => a.event.seq - b.event.seq).slice(0, limit);
}
