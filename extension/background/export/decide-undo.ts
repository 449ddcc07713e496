import type { Notice } from '../clients/statusnet-schemas.ts';
import { noticeUrl, skipLine, type DecideContext, type Plan } from './decide-context.ts';

/**
 * What a deleted notice of the user's takes back on X: its post (exported, never an imported
 * one: that is someone else's), or the repost a deleted repeat made. Entries still unsent are
 * cancelled by the outbox rather than sent and undone.
 */
export async function decideDelete(noticeId: number, ctx: DecideContext): Promise<Plan[]> {
  const url = noticeUrl(ctx.account, noticeId);
  const post = await ctx.link('post', noticeId);
  const repost = await ctx.link('repost', noticeId);
  const pending = await ctx.pending(noticeId);
  const pendingPost = pending.some((entry) => entry.action.type === 'post');
  const pendingRepost = pending.find((entry) => entry.action.type === 'repost')?.action;

  const plans: Plan[] = [];
  const exported = post?.direction === 'export';
  if (exported || pendingPost) {
    if (!ctx.settings.export.deletes) {
      plans.push(skipLine('you deleted it, but deletes are turned off in the settings.', url));
    } else {
      const xPostId = exported ? post.xPostId : undefined;
      const action = xPostId ? { type: 'delete' as const, xPostId } : { type: 'delete' as const };
      plans.push({ draft: { noticeId, noticeUrl: url, action } });
    }
  }

  const repostOf =
    repost?.xPostId ?? (pendingRepost?.type === 'repost' ? pendingRepost.xPostId : undefined);
  if (repostOf !== undefined) {
    plans.push({
      draft: { noticeId, noticeUrl: url, action: { type: 'unrepost', xPostId: repostOf } },
    });
  }
  return plans;
}

/** A new favourite: a like of the X post the notice stands for, when there is one. */
export async function decideFave(notice: Notice, ctx: DecideContext): Promise<Plan> {
  const url = notice.external_url ?? noticeUrl(ctx.account, notice.id);
  if (!ctx.settings.export.favorites) {
    return skipLine('you faved it, but favourites are turned off in the settings.', url);
  }
  // TODO [2027-01-01]: a fave of the user's own notice in the same poll that finds the notice
  // is skipped (its post is still queued, unlinked). Lift it by resolving the like's post when
  // it runs, as replies do with `replyToNoticeId`.
  const linked = await ctx.linkedPost(notice.id);
  if (!linked)
    return skipLine('you faved a notice that is not on X, so there is nothing to like there.', url);
  if (ctx.refusals.likes) {
    return skipLine(
      `you faved it, but X refuses likes from this app (${ctx.refusals.likes.message}).`,
      url,
    );
  }
  return {
    draft: {
      noticeId: notice.id,
      noticeUrl: url,
      action: { type: 'like', xPostId: linked.xPostId },
    },
  };
}

/** A favourite taken back: unlike what was liked (or cancel the like still waiting). */
export async function decideUnfave(
  noticeId: number,
  ctx: DecideContext,
): Promise<Plan | undefined> {
  const url = noticeUrl(ctx.account, noticeId);
  const liked = await ctx.link('like', noticeId);
  const waiting = (await ctx.pending(noticeId)).find(
    (entry) => entry.action.type === 'like',
  )?.action;
  const xPostId = liked?.xPostId ?? (waiting?.type === 'like' ? waiting.xPostId : undefined);
  if (xPostId === undefined) return undefined;
  return { draft: { noticeId, noticeUrl: url, action: { type: 'unlike', xPostId } } };
}
