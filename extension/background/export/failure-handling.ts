import type { OutboxEntry } from '../../shared/db-schema.ts';
import { loadSettings } from '../../shared/settings.ts';
import { reconcile, where, type AttemptContext, type AttemptOutcome } from './attempt-context.ts';
import { completeEntry, finishEntry, settled } from './completion.ts';
import { planFailure } from './failure.ts';
import { saveEntry } from './outbox.ts';
import { setPause } from './pause.ts';
import { rememberRefusal } from './refusals.ts';

/** Records what a failed attempt means for its entry (see `planFailure`), and what comes next. */
export async function handleFailure(
  ctx: AttemptContext,
  entry: OutboxEntry,
  error: unknown,
): Promise<AttemptOutcome> {
  const { db } = ctx;
  const now = ctx.now();
  const plan = planFailure(entry, error, {
    now,
    tuning: ctx.tuning,
    refreshedAlready: ctx.refreshed,
  });

  switch (plan.kind) {
    case 'retry': {
      const base = plan.unknown ? entry : settled(entry);
      await saveEntry(db, { ...base, notBefore: plan.at, lastError: plan.message });
      if (entry.attempts <= 1) {
        const when = new Date(plan.at).toLocaleTimeString();
        const message = `X did not take it (${plan.message}); trying again from ${when}, backing off.`;
        await ctx.log({ level: 'warn', message, ...where(entry) });
      }
      return 'next';
    }
    case 'pause':
      await saveEntry(db, {
        ...settled(entry),
        lastError: plan.pause.message,
        notBefore: plan.pause.until ?? now,
      });
      await setPause(db, plan.pause);
      await ctx.log({
        level: plan.pause.reason === 'rate-limit' ? 'warn' : 'error',
        message: plan.pause.message,
      });
      // The runner sees the pause on its next round and schedules its end.
      return 'next';
    case 'refresh':
      await saveEntry(db, settled(entry));
      try {
        await ctx.refreshToken();
      } catch (refreshError) {
        ctx.refreshed = true;
        return handleFailure(ctx, settled(entry), refreshError);
      }
      ctx.refreshed = true;
      return 'again';
    case 'refused': {
      await rememberRefusal(db, plan.refusal, plan.message);
      const settings = await loadSettings(db);
      if (plan.refusal === 'replies' && settings.export.replyFallback) {
        await saveEntry(db, { ...settled(entry), notBefore: now, lastError: plan.message });
        return 'again';
      }
      const why = `X refuses ${plan.refusal} from this app: ${plan.message}`;
      await finishEntry(db, entry, 'failed', why, now);
      await ctx.log({ level: 'error', message: why, ...where(entry) });
      return 'next';
    }
    case 'duplicate':
      try {
        if (
          await reconcile(
            ctx,
            { ...entry, inFlightSince: entry.inFlightSince ?? entry.createdAt },
            100,
          )
        )
          return 'next';
      } catch {
        // The read failed too: fall through and show X's refusal as it was.
      }
      await finishEntry(db, entry, 'failed', plan.message, now);
      await ctx.log({
        level: 'error',
        message: `X refused the post: ${plan.message}`,
        ...where(entry),
      });
      return 'next';
    case 'gone':
      await completeEntry(db, entry, goneLinks(entry), now);
      await ctx.log({ level: 'info', message: 'Already gone on X.', ...where(entry) });
      return 'next';
    case 'fail':
      await finishEntry(db, entry, 'failed', plan.message, now);
      await ctx.log({ level: 'error', message: `X refused it: ${plan.message}`, ...where(entry) });
      return 'next';
  }
}

function goneLinks(entry: OutboxEntry) {
  const kind = { delete: 'post', unrepost: 'repost', unlike: 'like' } as const;
  const type = entry.action.type;
  return type === 'delete' || type === 'unrepost' || type === 'unlike'
    ? { unlink: { kind: kind[type], noticeId: entry.noticeId } }
    : {};
}
