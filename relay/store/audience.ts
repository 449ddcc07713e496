import type { RelayPost } from '../../protocol/index.ts';

/**
 * Who gets a post, like a home timeline on X: every subscription that follows its author,
 * except that a reply to someone else goes only to those who also follow the replied-to
 * account (or are that account). A reply to the author's own post (a thread) goes to all.
 *
 * Returns the account a subscriber must also follow, or undefined when following the author
 * is enough. A reply whose parent author X did not tell us counts as a plain post: better a
 * stray reply in someone's timeline than a lost post.
 */
export function replyTarget(post: RelayPost): string | undefined {
  const target = post.inReplyToUserId;
  if (target === undefined || target === post.authorId) return undefined;
  return target;
}
