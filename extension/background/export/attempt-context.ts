import type { Db } from '../../shared/db.ts';
import type { ActivityEntry, OutboxEntry } from '../../shared/db-schema.ts';
import { completeEntry } from './completion.ts';
import { posted, type XSession } from './executor.ts';
import { isPostLinked } from './links.ts';
import { findOwnPost } from './reconcile.ts';
import type { Tuning } from './tuning.ts';

/** What one attempt needs from the runner. */
export interface AttemptContext {
  db: Db;
  session: XSession;
  tuning: Tuning;
  now: () => number;
  log: (line: Omit<ActivityEntry, 'id' | 'at' | 'area'>) => Promise<void>;
  /** Forces a token refresh after a 401 (shared with every other user of the token). */
  refreshToken: () => Promise<void>;
  /** Whether the token was refreshed already in this run: a second 401 means reconnect. */
  refreshed: boolean;
  signal: AbortSignal;
}

export const where = (entry: OutboxEntry, xUrl?: string) => ({
  noticeUrl: entry.noticeUrl,
  ...(xUrl && { xUrl }),
});

/**
 * Looks on X for the post an attempt of unknown outcome may have made. Found, the entry is
 * done; not found, it may be sent again. A failed read throws: better late than twice.
 */
export async function reconcile(ctx: AttemptContext, entry: OutboxEntry, maxResults = 20) {
  if (entry.action.type !== 'post' || entry.inFlightSince === undefined) return false;
  const xPostId = await findOwnPost(
    ctx.session.client,
    {
      userId: ctx.session.userId,
      text: entry.action.text,
      attemptedAt: entry.inFlightSince,
      slackMs: ctx.tuning.reconcileSlackMs,
      isClaimed: (id) => isPostLinked(ctx.db, id),
    },
    maxResults,
  );
  if (xPostId === undefined) return false;

  const sent = posted(
    xPostId,
    entry,
    ctx.session,
    'Posted to X (found there after an unclear answer).',
  );
  await completeEntry(ctx.db, entry, sent, ctx.now());
  await ctx.log({ level: 'info', message: sent.message, ...where(entry, sent.xUrl) });
  return true;
}

/** What the runner does after an attempt: the next entry, the same one again, or stop. */
export type AttemptOutcome = 'next' | 'again' | 'stop';
