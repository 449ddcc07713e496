import type { Db } from '../../shared/db.ts';
import type { Link, OutboxAction, OutboxEntry } from '../../shared/db-schema.ts';
import type { XClient } from '../clients/x-client.ts';
import { uploadImages } from './export-media.ts';
import { linkedPost, xPostUrl } from './links.ts';
import type { XRefusals } from './refusals.ts';
import { replyFallbackText } from './reply-fallback.ts';

/** The connected X account, as the runner talks to it. */
export interface XSession {
  userId: string;
  username: string;
  client: XClient;
}

/** What an entry comes to once the links it depends on are read. */
export type Resolution =
  | { kind: 'send'; action: OutboxAction; note?: string }
  /** Nothing to do on X, and that is success (e.g. deleting a post that never got there). */
  | { kind: 'nothing'; message: string }
  /** Not sent, for a reason the user can read. */
  | { kind: 'skip'; message: string };

/**
 * Fills in what was not known when the entry was queued: the X post a reply answers (its parent
 * may have been queued just before it) and the post a delete removes. Applies the reply
 * fallback when X refuses replies to this app.
 */
export async function resolveAction(
  db: Db,
  entry: OutboxEntry,
  context: { refusals: XRefusals; replyFallback: boolean },
): Promise<Resolution> {
  const { action } = entry;
  if (action.type === 'delete') {
    if (action.xPostId) return { kind: 'send', action };
    const link = await linkedPost(db, entry.noticeId);
    if (!link || link.direction !== 'export') {
      return { kind: 'nothing', message: 'The notice never reached X: nothing to delete there.' };
    }
    return { kind: 'send', action: { type: 'delete', xPostId: link.xPostId } };
  }
  if (action.type !== 'post') return { kind: 'send', action };

  let replyToPostId = action.replyToPostId;
  if (!replyToPostId && action.replyToNoticeId !== undefined) {
    replyToPostId = (await linkedPost(db, action.replyToNoticeId))?.xPostId;
    if (!replyToPostId) {
      return { kind: 'skip', message: 'Not posted: the notice it replies to never reached X.' };
    }
  }
  if (!replyToPostId) return { kind: 'send', action: { type: 'post', text: action.text } };

  if (!context.refusals.replies) {
    return { kind: 'send', action: { type: 'post', text: action.text, replyToPostId } };
  }
  if (!context.replyFallback) {
    return {
      kind: 'skip',
      message: `Not posted: X refuses replies (${context.refusals.replies.message}).`,
    };
  }
  const parentUrl = xPostUrl(replyToPostId, await usernameOf(db, replyToPostId));
  const text = replyFallbackText(action.text, parentUrl);
  return {
    kind: 'send',
    action: { type: 'post', text },
    note: 'X refuses replies from this app, so it went out as a post linking its parent.',
  };
}

function postedWords(action: { replyToPostId?: string }, images: number, linked: unknown[]) {
  const what = action.replyToPostId ? 'Replied on X' : 'Posted to X';
  const withImages = images ? ` with ${images} image${images === 1 ? '' : 's'}` : '';
  const links = linked.length ? ` Linked, not attached: ${linked.join('; ')}.` : '';
  return `${what}${withImages}.${links}`;
}

async function usernameOf(db: Db, xPostId: string): Promise<string | undefined> {
  const links = await db.getAllFromIndex('links', 'by-post', xPostId);
  return links.find((link) => link.xUsername)?.xUsername;
}

/** What a successful call changes in the link table, and the activity line it earns. */
export interface Sent {
  xPostId?: string;
  link?: Omit<Link, 'key' | 'createdAt'>;
  unlink?: { kind: Link['kind']; noticeId: number };
  message: string;
  xUrl?: string;
}

/** Makes the one X call an entry stands for. Errors are XApiError, thrown as they come. */
export async function perform(
  db: Db,
  session: XSession,
  entry: OutboxEntry,
  action: OutboxAction,
  signal?: AbortSignal,
): Promise<Sent> {
  const { client, userId, username } = session;
  const noticeId = entry.noticeId;
  const theirs = async (xPostId: string) => xPostUrl(xPostId, await usernameOf(db, xPostId));

  switch (action.type) {
    case 'post': {
      const images = await uploadImages(client, action, signal);
      const post = {
        text: action.text,
        replyToPostId: action.replyToPostId,
        mediaIds: images.mediaIds,
      };
      const { data } = await client.createPost(post, signal);
      const linked = [action.linkedMedia, ...images.linked].filter(Boolean);
      return posted(data.id, entry, session, postedWords(action, images.mediaIds.length, linked));
    }
    case 'repost':
      await client.repost(userId, action.xPostId);
      return {
        link: { noticeId, xPostId: action.xPostId, direction: 'export', kind: 'repost' },
        message: 'Reposted on X.',
        xUrl: await theirs(action.xPostId),
      };
    case 'unrepost':
      await client.unrepost(userId, action.xPostId);
      return { unlink: { kind: 'repost', noticeId }, message: 'Undid the repost on X.' };
    case 'like':
      await client.like(userId, action.xPostId);
      return {
        link: { noticeId, xPostId: action.xPostId, direction: 'export', kind: 'like' },
        message: 'Liked on X.',
        xUrl: await theirs(action.xPostId),
      };
    case 'unlike':
      await client.unlike(userId, action.xPostId);
      return { unlink: { kind: 'like', noticeId }, message: 'Unliked on X.' };
    case 'delete':
      // resolveAction always names the post; a delete without one never gets here.
      await client.deletePost(action.xPostId!);
      return {
        unlink: { kind: 'post', noticeId },
        message: 'Deleted on X.',
        xUrl: xPostUrl(action.xPostId!, username),
      };
  }
}

/** The outcome of a post, whether made just now or found after an ambiguous attempt. */
export function posted(
  xPostId: string,
  entry: OutboxEntry,
  session: XSession,
  message: string,
): Sent {
  return {
    xPostId,
    link: {
      noticeId: entry.noticeId,
      xPostId,
      direction: 'export',
      kind: 'post',
      xUsername: session.username,
    },
    message,
    xUrl: xPostUrl(xPostId, session.username),
  };
}
