import { prepareError } from '../errors.ts';
import type { GnuSocialState, Notice, User } from './state.ts';
import { isSubscribed } from './subscriptions.ts';

/** `Notice::inScope()`: follower-only notices are for their author and the author's followers. */
export function inScope(state: GnuSocialState, notice: Notice, viewer: User | null): boolean {
  if (!notice.followersOnly) return true;
  if (!viewer) return false;
  return viewer.id === notice.authorId || isSubscribed(state, viewer.id, notice.authorId);
}

/**
 * `PrivateStreamException`: a protected user's stream is for their subscribers only; 401 for
 * an anonymous reader (credentials might help), 403 for a signed-in one.
 */
export function assertCanReadStream(state: GnuSocialState, owner: User, viewer: User | null): void {
  if (!owner.protected || (viewer && isSubscribed(state, viewer.id, owner.id))) return;
  const message = 'This stream is protected and only authorized subscribers may see its contents.';
  throw prepareError(viewer ? 403 : 401, message);
}
