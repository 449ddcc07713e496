import type { Db } from '../../shared/db.ts';
import type { OutboxEntry } from '../../shared/db-schema.ts';
import { notifyChanged } from '../../shared/changes.ts';
import { UserFacingError } from '../router.ts';

async function entryOf(db: Db, seq: number): Promise<OutboxEntry> {
  const entry = await db.get('outbox', seq);
  if (!entry) throw new UserFacingError('That outbox entry is gone (it may have been pruned).');
  return entry;
}

/**
 * Puts an entry back at its place in the queue, due now. Its earlier outcome, if unknown,
 * stays marked, so the runner still looks on X before sending it again.
 */
export async function retryEntry(db: Db, seq: number, now = Date.now()): Promise<void> {
  const entry = await entryOf(db, seq);
  if (entry.state === 'done' || entry.state === 'cancelled') {
    throw new UserFacingError('That entry is finished: there is nothing to retry.');
  }
  const rest = { ...entry };
  delete rest.doneAt;
  await db.put('outbox', { ...rest, state: 'pending', notBefore: now });
  notifyChanged('outbox');
}

/** Gives up on an entry at the user's word: it is never sent. */
export async function skipEntry(db: Db, seq: number, now = Date.now()): Promise<void> {
  const entry = await entryOf(db, seq);
  if (entry.state !== 'pending' && entry.state !== 'failed') {
    throw new UserFacingError('Only waiting or failed entries can be skipped.');
  }
  const rest = { ...entry };
  delete rest.inFlightSince;
  await db.put('outbox', { ...rest, state: 'skipped', doneAt: now, lastError: 'Skipped by you.' });
  notifyChanged('outbox');
}
