import type { XState, XPost } from './state.ts';
import { extractEntities } from './text.ts';

// Wordings of the 403s X sends under its 2026 self-serve rules (changelog: Feb 23 and Apr 16,
// 2026); the text is as reported by developers who received them.
export const REPLY_REFUSED =
  'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.';
export const QUOTE_REFUSED =
  'Quoting this post is not allowed because you have not been mentioned or are not part of the conversation thread of the post you are quoting.';

/**
 * Whether the author of `post` "summoned" `userId`, which is what lets an API reply or quote
 * through: the post is theirs, mentions them, quotes one of their posts, or answers them.
 */
export function summoned(state: XState, userId: string, post: XPost): boolean {
  if (post.authorId === userId) return true;
  if (post.inReplyToUserId === userId) return true;
  const user = state.users.get(userId);
  const mentioned = extractEntities(post.text).mentions.some(
    (m) => m.username.toLowerCase() === user?.username.toLowerCase(),
  );
  if (mentioned) return true;
  const quoted = post.quotedPostId ? state.posts.get(post.quotedPostId) : undefined;
  return quoted?.authorId === userId;
}
