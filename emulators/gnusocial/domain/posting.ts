import { handleError } from '../errors.ts';
import { insertNotice } from './notices.ts';
import { unixSeconds } from './dates.ts';
import { renderNoticeText } from './render-text.ts';
import type { GnuSocialState, Notice, User } from './state.ts';

export interface NewPost {
  /** The text to save, already entity-decoded as `statuses/update` does. */
  content: string;
  source: string;
  replyTo: Notice | null;
}

/**
 * `Notice::checkDupes`: the same text by the same user within `dupelimit` seconds (60) is
 * refused. GNU social compares whole seconds, and repeats count too ("RT @alice ...").
 */
export function assertNotDuplicate(state: GnuSocialState, author: User, content: string): void {
  const limit = state.settings.dupeLimitSeconds;
  if (limit <= 0) return;

  const now = unixSeconds(state.now());
  for (const notice of state.notices.values()) {
    if (notice.authorId !== author.id || notice.content !== content) continue;
    if (now - unixSeconds(notice.createdAt) < limit) {
      throw handleError(
        400,
        'Too many duplicate messages too quickly; take a breather and post again in a few minutes.',
      );
    }
  }
}

/**
 * `Notice::saveNew` for a post or reply: duplicate check, then the notice with its rendering,
 * the files its URLs make, and the users it is addressed to (mentions and the replied-to
 * author), whose `mentions` timeline it joins.
 */
export function postNotice(state: GnuSocialState, author: User, post: NewPost): Notice {
  assertNotDuplicate(state, author, post.content);

  const rendered = renderNoticeText(state, post.content);
  const attention = rendered.mentioned.map((u) => u.id);
  if (post.replyTo && !attention.includes(post.replyTo.authorId)) {
    attention.push(post.replyTo.authorId);
  }

  return insertNotice(state, {
    authorId: author.id,
    verb: 'post',
    content: post.content,
    rendered: rendered.html,
    createdAt: state.now(),
    source: post.source,
    replyTo: post.replyTo?.id ?? null,
    repeatOf: null,
    followersOnly: author.protected,
    attachments: rendered.fileIds,
    attention: attention.filter((id) => id !== author.id),
  });
}
