import { handleError } from '../errors.ts';
import { htmlSpecialChars } from './php.ts';
import { isoDay, isoSeconds } from './dates.ts';
import { insertNotice } from './notices.ts';
import type { GnuSocialState, Notice, Subscription, User } from './state.ts';
import { bestName, siteServer } from './state.ts';

/**
 * Every GNU social user is subscribed to themselves: that is why `following` is true on one's
 * own profile while `friends_count` (which leaves the self-subscription out) stays 0.
 */
export function isSubscribed(state: GnuSocialState, followerId: number, followedId: number) {
  return followerId === followedId || subscription(state, followerId, followedId) !== undefined;
}

export function subscription(
  state: GnuSocialState,
  followerId: number,
  followedId: number,
): Subscription | undefined {
  return state.subscriptions.get(followerId)?.get(followedId);
}

/** `following` / `notifications` of a profile as `viewer` sees it. */
export function relation(state: GnuSocialState, viewer: User | null, target: User) {
  if (!viewer) return { following: false, notifications: false };
  if (viewer.id === target.id) return { following: true, notifications: true };
  const sub = subscription(state, viewer.id, target.id);
  return { following: sub !== undefined, notifications: sub?.notify ?? false };
}

export function followersCount(state: GnuSocialState, userId: number): number {
  let count = 0;
  for (const followed of state.subscriptions.values()) if (followed.has(userId)) count++;
  return count;
}

export function friendsCount(state: GnuSocialState, userId: number): number {
  return state.subscriptions.get(userId)?.size ?? 0;
}

export function profileUrl(state: GnuSocialState, user: User): string {
  return `${state.baseUrl}/${user.nickname}`;
}

/**
 * `Subscription::start`: subscribes and saves the follow notice the timelines show
 * ("bob started following alice"), with source `activity`.
 */
export function follow(state: GnuSocialState, follower: User, followed: User): Notice {
  if (isSubscribed(state, follower.id, followed.id)) {
    throw handleError(403, `Could not follow user: ${followed.nickname} is already on your list.`);
  }

  const createdAt = state.now();
  const follows = state.subscriptions.get(follower.id) ?? new Map<number, Subscription>();
  follows.set(followed.id, { createdAt, notify: true });
  state.subscriptions.set(follower.id, follows);

  const [a, b] = [follower, followed];
  const [urlA, urlB] = [profileUrl(state, a), profileUrl(state, b)];
  return insertNotice(state, {
    authorId: a.id,
    verb: 'follow',
    content: `${bestName(a)} (${urlA}) started following ${bestName(b)} (${urlB}).`,
    rendered:
      `<a href="${urlA}">${htmlSpecialChars(bestName(a))}</a> started following ` +
      `<a href="${urlB}">${htmlSpecialChars(bestName(b))}</a>.`,
    createdAt,
    source: 'activity',
    replyTo: null,
    repeatOf: null,
    followersOnly: a.protected,
    attachments: [],
    attention: [],
    uri: () =>
      `tag:${siteServer(state)},${isoDay(createdAt)}:subscription:${a.id}:person:${b.id}:${isoSeconds(createdAt)}`,
  });
}

/** `Subscription::cancel`. No notice: GNU social does not announce unfollows in timelines. */
export function unfollow(state: GnuSocialState, follower: User, followed: User): void {
  if (follower.id === followed.id || !subscription(state, follower.id, followed.id)) {
    throw handleError(403, 'Not subscribed!');
  }
  state.subscriptions.get(follower.id)?.delete(followed.id);
}
