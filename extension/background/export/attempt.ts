import type { OutboxEntry } from '../../shared/db-schema.ts';
import { loadSettings } from '../../shared/settings.ts';
import { reconcile, where, type AttemptContext, type AttemptOutcome } from './attempt-context.ts';
import { completeEntry, finishEntry } from './completion.ts';
import { perform, resolveAction } from './executor.ts';
import { handleFailure } from './failure-handling.ts';
import { saveEntry } from './outbox.ts';
import { readRefusals } from './refusals.ts';

export type { AttemptContext } from './attempt-context.ts';

/**
 * Makes one attempt at the head of the outbox and records what came of it: first a look on X
 * if the last attempt's outcome is unknown, then the links it depends on, then the one call.
 */
export async function attempt(ctx: AttemptContext, head: OutboxEntry): Promise<AttemptOutcome> {
  const { db } = ctx;
  let entry = head;

  try {
    if (await reconcile(ctx, entry)) return 'next';
  } catch (error) {
    return handleFailure(ctx, entry, error);
  }

  const settings = await loadSettings(db);
  const refusals = await readRefusals(db);
  const resolution = await resolveAction(db, entry, {
    refusals,
    replyFallback: settings.export.replyFallback,
  });
  if (resolution.kind === 'nothing') {
    await completeEntry(db, entry, {}, ctx.now());
    await ctx.log({ level: 'info', message: resolution.message, ...where(entry) });
    return 'next';
  }
  if (resolution.kind === 'skip') {
    await finishEntry(db, entry, 'skipped', resolution.message, ctx.now());
    await ctx.log({ level: 'warn', message: resolution.message, ...where(entry) });
    return 'next';
  }
  const kind = resolution.action.type;
  if ((kind === 'like' || kind === 'unlike') && refusals.likes) {
    const why = `Not sent: X refuses likes from this app (${refusals.likes.message}).`;
    await finishEntry(db, entry, 'skipped', why, ctx.now());
    await ctx.log({ level: 'warn', message: why, ...where(entry) });
    return 'next';
  }

  // Stored before the call, so a worker killed while X holds the request open leaves a
  // visible "outcome unknown" that the next run reconciles instead of posting blindly again.
  entry = {
    ...entry,
    action: { ...entry.action, ...resolution.action },
    attempts: entry.attempts + 1,
    inFlightSince: ctx.now(),
  };
  if (resolution.action.type === 'post' && entry.action.type === 'post') {
    // The fallback drops the reply target: keep the stored action what was really sent.
    if (resolution.action.replyToPostId === undefined) delete entry.action.replyToPostId;
  }
  await saveEntry(db, entry);

  try {
    const sent = await perform(db, ctx.session, entry, entry.action, ctx.signal);
    await completeEntry(db, entry, sent, ctx.now());
    const message = resolution.note ? `${sent.message} ${resolution.note}` : sent.message;
    await ctx.log({ level: 'info', message, ...where(entry, sent.xUrl) });
    return 'next';
  } catch (error) {
    if (ctx.signal.aborted) return 'stop';
    return handleFailure(ctx, entry, error);
  }
}
