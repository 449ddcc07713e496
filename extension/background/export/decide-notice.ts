import { BRIDGE_SOURCE } from '../../shared/bridge-source.ts';
import type { Link } from '../../shared/db-schema.ts';
import type { Notice } from '../clients/statusnet-schemas.ts';
import { composeExportText } from '../compose/export-text.ts';
import { decideExport, type NoticeFacts } from '../compose/policy.ts';
import { noticeUrl, siteRoot, skipLine, type DecideContext, type Plan } from './decide-context.ts';
import { linkedWords, planExportMedia, type PlannedUpload } from '../media/media-rules.ts';
import { takeSkip } from './skip-requests.ts';

// Optional fields stay absent rather than undefined (the action is stored as it is).
const mediaOfAction = ({ url, altText }: PlannedUpload) => (altText ? { url, altText } : { url });

/** The X post a notice's parent stands for, or is about to (queued in the outbox). */
async function parentOnX(parentId: number, ctx: DecideContext) {
  const link = await ctx.linkedPost(parentId);
  if (link) return { link, onX: true };
  const queued =
    ctx.plannedPosts.has(parentId) ||
    (await ctx.pending(parentId)).some((entry) => entry.action.type === 'post');
  return { link: undefined, onX: queued };
}

/**
 * Who an @nick is on X, when the bridge knows: the user themself, and the import account in a
 * reply to an imported post (GNU social addresses it; on X it is the post's author). Anyone
 * else becomes `nick@host`, never a stranger's @handle.
 */
function handles(ctx: DecideContext, parent: Link | undefined) {
  return (nick: string): string | undefined => {
    const name = nick.toLowerCase();
    if (name === ctx.account.screenName.toLowerCase()) return ctx.xUsername;
    const importNick = ctx.importAccount?.screenName.toLowerCase();
    if (name === importNick && parent?.direction === 'import') return parent.xUsername;
    return undefined;
  };
}

/** Decides what a new notice or repeat of the user's becomes on X, or why it stays off. */
export async function decideNotice(notice: Notice, ctx: DecideContext): Promise<Plan> {
  const url = notice.external_url ?? noticeUrl(ctx.account, notice.id);
  const { settings } = ctx;
  const repeatOf = notice.retweeted_status?.id;
  // GNU social lists follows as notices of source `activity` ("Bob started following alice").
  if (notice.source === 'activity') {
    return skipLine('it records a follow, not something you wrote.', url);
  }

  const facts: NoticeFacts = {
    id: String(notice.id),
    text: notice.text,
    authorId: String(notice.user.id),
    source: notice.source ?? null,
    // TODO [2027-01-01]: GNU social's API does not show a notice's scope; when a site read only
    // with credentials adds it (or `is_local`/`scope` lands in the JSON), check it per notice.
    isPublic: !notice.user.protected,
    inReplyToStatusId:
      notice.in_reply_to_status_id === null ? null : String(notice.in_reply_to_status_id),
    repeatOfId: repeatOf === undefined ? null : String(repeatOf),
  };
  const parent =
    notice.in_reply_to_status_id === null
      ? undefined
      : await parentOnX(notice.in_reply_to_status_id, ctx);
  const decision = decideExport(
    facts,
    {
      accountId: String(ctx.account.userId),
      importAccountId: ctx.importAccount ? String(ctx.importAccount.userId) : undefined,
      bridgeSource: BRIDGE_SOURCE,
      replies: settings.export.replies,
      optOutTag: settings.export.optOutTag,
      optIn: settings.export.optInMode,
      optInTag: settings.export.optInTag,
    },
    {
      imported: (await ctx.linkedPost(notice.id))?.direction === 'import',
      // A parent still in the outbox counts as on X: the runner posts it first, then threads.
      parentXPostId: parent?.onX ? (parent.link?.xPostId ?? 'queued') : undefined,
      repeatedXPostId:
        repeatOf === undefined ? undefined : (await ctx.linkedPost(repeatOf))?.xPostId,
    },
  );
  if (!decision.export) return skipLine(decision.reason, url);

  if (decision.as === 'repost') {
    if (!settings.export.repeats) return skipLine('repeats are turned off in the settings.', url);
    return {
      draft: {
        noticeId: notice.id,
        noticeUrl: url,
        action: { type: 'repost', xPostId: decision.xPostId },
      },
    };
  }

  if (!settings.export.notices) return skipLine('notices are turned off in the settings.', url);
  if (takeSkip(ctx.skips, notice.text)) {
    return skipLine('"Also post to X" was off when you wrote it.', url);
  }

  // GNU social ends the text with each upload's attachment page link: files X does not take
  // stay those links (23 characters each to X); images also go up with the post.
  // TODO [2027-01-01]: an uploaded image keeps its attachment link in the text too; drop it
  // when the API names the attachment's id (GNU social 2.x gives only url, mimetype, size).
  const media = planExportMedia(notice.attachments ?? []);
  let text: string;
  try {
    text = composeExportText(
      { text: notice.text },
      {
        siteHost: new URL(siteRoot(ctx.account)).host,
        handleFor: handles(ctx, parent?.link),
        noticeUrl: url,
        stripTags: settings.export.optInMode ? [settings.export.optInTag] : [],
      },
    ).text;
  } catch (error) {
    return skipLine(error instanceof Error ? error.message : String(error), url);
  }

  ctx.plannedPosts.add(notice.id);
  const replyTo = decision.as === 'reply' ? notice.in_reply_to_status_id : null;
  const xParent = parent?.link?.xPostId;
  return {
    draft: {
      noticeId: notice.id,
      noticeUrl: url,
      action: {
        type: 'post',
        text,
        ...(replyTo !== null && { replyToNoticeId: replyTo }),
        ...(replyTo !== null && xParent !== undefined && { replyToPostId: xParent }),
        ...(media.uploads.length && { media: media.uploads.map(mediaOfAction) }),
        ...(media.links.length && { linkedMedia: linkedWords(media.links) }),
      },
    },
  };
}
