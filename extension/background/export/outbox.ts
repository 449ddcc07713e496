import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Db } from '../../shared/db.ts';
import type { BridgeDB, OutboxAction, OutboxEntry } from '../../shared/db-schema.ts';
import { notifyChanged } from '../../shared/changes.ts';

/** The outbox store inside a read-write transaction that may span other stores (kv). */
export type OutboxStore = IDBPObjectStore<
  BridgeDB,
  ArrayLike<StoreNames<BridgeDB>>,
  'outbox',
  'readwrite'
>;

/** What the decision step asks of the outbox. */
export interface OutboxDraft {
  noticeId: number;
  noticeUrl: string;
  action: OutboxAction;
}

/** The action an undoing action takes back, when it is still unsent. */
const UNDOES: Partial<Record<OutboxAction['type'], OutboxAction['type']>> = {
  delete: 'post',
  unrepost: 'repost',
  unlike: 'like',
};

function undoneBy(entry: OutboxEntry, action: OutboxAction): boolean {
  if (UNDOES[action.type] !== entry.action.type) return false;
  // A repost and a like concern one X post; the unrepost or unlike must name the same one.
  if ('xPostId' in action && 'xPostId' in entry.action && action.xPostId !== undefined) {
    return entry.action.xPostId === action.xPostId;
  }
  return true;
}

/**
 * Adds an entry in the caller's transaction (the watcher writes its state in the same one, so
 * a worker dying between the two loses or doubles nothing). An undoing action that overtakes
 * the unsent action it undoes (a delete before its post went out) cancels both: X never sees
 * either. One already in flight cannot be taken back, so the undoing entry queues behind it.
 */
export async function enqueue(
  store: OutboxStore,
  draft: OutboxDraft,
  now: number,
): Promise<{ entry: OutboxEntry; cancelled: boolean }> {
  const entry: OutboxEntry = {
    ...draft,
    state: 'pending',
    attempts: 0,
    notBefore: now,
    createdAt: now,
  };

  const sameNotice = await store.index('by-notice').getAll(draft.noticeId);
  const unsent = sameNotice.find(
    (e) => e.state === 'pending' && e.inFlightSince === undefined && undoneBy(e, draft.action),
  );
  if (unsent) {
    const why = 'Cancelled: undone on StatusNet before it reached X.';
    await store.put({ ...unsent, state: 'cancelled', doneAt: now, lastError: why });
    const cancelled: OutboxEntry = { ...entry, state: 'cancelled', doneAt: now, lastError: why };
    cancelled.seq = await store.add(cancelled);
    return { entry: cancelled, cancelled: true };
  }

  entry.seq = await store.add(entry);
  return { entry, cancelled: false };
}

/**
 * The entry at the head of the queue: the oldest pending one. The outbox is one FIFO: when X
 * is down or rate-limits, everything waits behind the head, so notices reach X in the order
 * they were written and a reply never overtakes its parent.
 */
export async function headOfQueue(db: Db): Promise<OutboxEntry | undefined> {
  // Index cursors visit equal keys in primary-key order, so this is the lowest pending seq.
  return db.getFromIndex('outbox', 'by-state', 'pending');
}

/** Writes an entry back (after an attempt); the entry must carry its `seq`. */
export async function saveEntry(db: Db, entry: OutboxEntry): Promise<void> {
  await db.put('outbox', entry);
  notifyChanged('outbox');
}

/** The newest `limit` entries, newest first, for the options page. */
export async function recentEntries(db: Db, limit = 100): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = [];
  let cursor = await db.transaction('outbox').store.openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

/** Forgets finished entries older than `before` (epoch ms); pending and failed ones stay. */
export async function pruneFinished(db: Db, before: number): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let pruned = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    const { state, doneAt } = cursor.value;
    const finished = state === 'done' || state === 'cancelled' || state === 'skipped';
    if (finished && (doneAt ?? 0) < before) {
      await cursor.delete();
      pruned++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return pruned;
}
