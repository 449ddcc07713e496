import type { Db } from '../../shared/db.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import type { ImportOutcome } from './import-outcome.ts';
import { linksOf, type ImportContext } from './import-target.ts';
import { updateEntry } from './inbox.ts';

/** Whether the notice is gone: 404/410 from `statuses/show`. */
async function isGone(context: ImportContext, noticeId: number): Promise<boolean> {
  try {
    await context.client.show(noticeId);
    return false;
  } catch (error) {
    if (error instanceof StatusNetError && (error.kind === 'gone' || error.kind === 'not-found'))
      return true;
    throw error;
  }
}

/**
 * Deletes one imported notice. GNU social may answer 500 and keep a notice that someone faved
 * (a real 2.x does): then `show` says whether it is gone, and a kept notice is reported once
 * rather than retried forever. Network failures are thrown, to be retried.
 */
async function destroyNotice(
  context: ImportContext,
  noticeId: number,
): Promise<string | undefined> {
  try {
    await context.client.destroy(noticeId);
    return undefined;
  } catch (error) {
    if (!(error instanceof StatusNetError)) throw error;
    if (error.kind === 'gone' || error.kind === 'not-found') return undefined;
    // Unreachable, or our credentials refused: the queue waits and tries again.
    if (error.kind === 'network' || error.kind === 'auth' || error.kind === 'not-api') throw error;
    if (error.kind === 'server' && (await isGone(context, noticeId))) return undefined;
    return `StatusNet did not delete notice ${noticeId} (${error.serviceMessage}); it may still show.`;
  }
}

/** A pending post of `postId` that was never imported: deleted on X first, so never imported. */
async function cancelPending(db: Db, postId: string): Promise<boolean> {
  const cancelled = await updateEntry(db, postId, (entry) =>
    entry.state === 'pending' && entry.inFlightSince === undefined
      ? { ...entry, state: 'skipped', lastError: 'Deleted on X before it was imported.' }
      : entry,
  );
  return cancelled?.state === 'skipped';
}

/**
 * Applies a delete event: every notice imported from the post (the notice, or the repeat made
 * of a repost) is deleted, and its link dropped.
 */
export async function applyDelete(context: ImportContext, postId: string): Promise<ImportOutcome> {
  const links = (await linksOf(context.db, postId)).filter((link) => link.direction === 'import');
  if (links.length === 0) {
    const cancelled = await cancelPending(context.db, postId);
    return {
      state: 'done',
      note: cancelled ? 'Cancelled the import of the post.' : 'Nothing was imported of this post.',
    };
  }

  const warnings: string[] = [];
  for (const link of links) {
    const warning = await destroyNotice(context, link.noticeId);
    if (warning) warnings.push(warning);
  }
  return {
    state: 'done',
    unlink: links.map((link) => link.key),
    ...(warnings.length > 0 && { warning: warnings.join(' ') }),
  };
}
