import type { Db } from '../../shared/db.ts';
import type { OutboxEntry } from '../../shared/db-schema.ts';
import { notifyChanged } from '../../shared/changes.ts';
import type { Sent } from './executor.ts';
import { linkKey } from './links.ts';

/** The entry with its outcome known: no attempt of it is in flight any more. */
export function settled(entry: OutboxEntry): OutboxEntry {
  const copy = { ...entry };
  delete copy.inFlightSince;
  return copy;
}

/**
 * Records a success: the entry is done and the link table says what now stands for what, in
 * one transaction, so a worker dying halfway can neither leave a post unlinked (and make it
 * again) nor a link without its entry done.
 */
export async function completeEntry(
  db: Db,
  entry: OutboxEntry,
  sent: Pick<Sent, 'xPostId' | 'link' | 'unlink'>,
  now = Date.now(),
): Promise<OutboxEntry> {
  const rest = settled(entry);
  delete rest.lastError;
  const done: OutboxEntry = {
    ...rest,
    state: 'done',
    doneAt: now,
    ...(sent.xPostId !== undefined && { xPostId: sent.xPostId }),
  };

  const tx = db.transaction(['outbox', 'links'], 'readwrite');
  if (sent.link) {
    const key = linkKey(sent.link.kind, sent.link.noticeId);
    await tx.objectStore('links').put({ ...sent.link, key, createdAt: now });
  }
  if (sent.unlink)
    await tx.objectStore('links').delete(linkKey(sent.unlink.kind, sent.unlink.noticeId));
  await tx.objectStore('outbox').put(done);
  await tx.done;

  notifyChanged('outbox');
  return done;
}

/** Ends an entry without success: `failed` (the user may retry) or `skipped`. */
export async function finishEntry(
  db: Db,
  entry: OutboxEntry,
  state: 'failed' | 'skipped',
  why: string,
  now = Date.now(),
): Promise<void> {
  await db.put('outbox', { ...settled(entry), state, lastError: why, doneAt: now });
  notifyChanged('outbox');
}
