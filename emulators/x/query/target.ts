import type { XState, XPost } from '../state.ts';
import type { MatchTarget } from './match.ts';

/** Gathers what the query operators need about `post` (undefined if its author is gone). */
export function matchTarget(state: XState, post: XPost): MatchTarget | undefined {
  const author = state.users.get(post.authorId);
  if (!author) return undefined;
  const original = post.repostedPostId ? state.posts.get(post.repostedPostId) : undefined;
  const originalAuthor = original ? state.users.get(original.authorId) : undefined;
  return {
    post,
    author,
    quoted: post.quotedPostId ? state.livePost(post.quotedPostId) : undefined,
    reposted: original && originalAuthor ? { post: original, author: originalAuthor } : undefined,
    repliedToUser: post.inReplyToUserId ? state.users.get(post.inReplyToUserId) : undefined,
    // The emulator only accepts images, so any media is an image.
    hasImages: post.mediaKeys.length > 0,
  };
}
