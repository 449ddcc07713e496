import type { Db } from '../../shared/db.ts';
import type { ImportEntry } from '../../shared/db-schema.ts';
import { notifyChanged } from '../../shared/changes.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import { applyDelete } from './import-delete.ts';
import type { ImportOutcome } from './import-outcome.ts';
import { applyPost } from './import-post.ts';
import type { ImportContext } from './import-target.ts';

/**
 * A 5xx for the same post this many times in a row: it fails, for the user to retry or skip.
 * Until then it holds the inbox (order is kept), about 20 minutes with the backoff.
 */
export const MAX_SERVER_ATTEMPTS = 8;

/** Applies one inbox entry: a post becomes a notice or repeat, a delete deletes one. */
export function applyEntry(context: ImportContext, entry: ImportEntry): Promise<ImportOutcome> {
  const { event } = entry;
  return event.type === 'post'
    ? applyPost(context, entry, event.post)
    : applyDelete(context, event.postId);
}

/**
 * What to do after a failed attempt. `wait`: StatusNet is unreachable, failing or refusing our
 * credentials; everything waits and tries again (the notice may exist: `ambiguous`). `fail`:
 * the site refused this one post, in its own words.
 */
export function classifyFailure(
  error: unknown,
  attempts: number,
): { action: 'wait' | 'fail'; ambiguous: boolean; reason: string } {
  const reason = error instanceof Error ? error.message : String(error);
  if (!(error instanceof StatusNetError)) return { action: 'fail', ambiguous: false, reason };

  switch (error.kind) {
    case 'network':
    case 'not-api':
      return { action: 'wait', ambiguous: true, reason };
    case 'auth':
      return {
        action: 'wait',
        ambiguous: false,
        reason: `${reason}. Reconnect the import account.`,
      };
    case 'server':
      // A 500 can come back although the notice was written (DESIGN.md): look before retrying.
      return {
        action: attempts + 1 >= MAX_SERVER_ATTEMPTS ? 'fail' : 'wait',
        ambiguous: true,
        reason,
      };
    default:
      return { action: 'fail', ambiguous: false, reason };
  }
}

/**
 * Stores what an attempt came to, in one transaction: the entry's state, and the link that
 * makes the post a known import (or the links of a deleted notice dropped).
 */
export async function recordOutcome(
  db: Db,
  entry: ImportEntry,
  outcome: ImportOutcome,
): Promise<ImportEntry> {
  const next: ImportEntry = { ...entry, state: outcome.state, attempts: entry.attempts + 1 };
  delete next.inFlightSince;
  delete next.lastError;
  if (outcome.state === 'done') {
    if (outcome.noticeId !== undefined) next.noticeId = outcome.noticeId;
    const words = outcome.warning ?? outcome.note;
    if (words) next.lastError = words;
  } else {
    next.lastError = outcome.reason;
  }

  const tx = db.transaction(['imports', 'links'], 'readwrite');
  if (outcome.state === 'done') {
    if (outcome.link) await tx.objectStore('links').put(outcome.link);
    for (const key of outcome.unlink ?? []) await tx.objectStore('links').delete(key);
  }
  await tx.objectStore('imports').put(next);
  await tx.done;
  notifyChanged('imports');
  return next;
}
