import { newestFirst } from './notices.ts';
import type { GnuSocialState, Notice, User } from './state.ts';
import { isSubscribed } from './subscriptions.ts';
import { inScope } from './visibility.ts';

/** Timeline paging as `ApiAction::arg()` bounds it. */
export interface Paging {
  /** Exclusive; 0 means none. */
  sinceId: number;
  /** Inclusive; 0 means none. */
  maxId: number;
  /** 1..200, default 20. */
  count: number;
  /** 1-based. */
  page: number;
}

export function pageOf(notices: readonly Notice[], paging: Paging): Notice[] {
  const inRange = notices.filter(
    (n) =>
      (paging.sinceId <= 0 || n.id > paging.sinceId) && (paging.maxId <= 0 || n.id <= paging.maxId),
  );
  const offset = (paging.page - 1) * paging.count;
  return inRange.slice(offset, offset + paging.count);
}

function visible(state: GnuSocialState, notices: Iterable<Notice>, viewer: User | null) {
  return [...notices].filter((n) => inScope(state, n, viewer)).sort(newestFirst);
}

/** `statuses/user_timeline`: everything the user authored, repeats and follows included. */
export function userStream(state: GnuSocialState, owner: User, viewer: User | null): Notice[] {
  const own = [...state.notices.values()].filter((n) => n.authorId === owner.id);
  return visible(state, own, viewer);
}

/**
 * `statuses/home_timeline` (and `friends_timeline`): the inbox, i.e. notices by the people the
 * user follows (themselves included) and notices addressed to the user.
 */
export function homeStream(state: GnuSocialState, owner: User): Notice[] {
  const inbox = [...state.notices.values()].filter(
    (n) => isSubscribed(state, owner.id, n.authorId) || n.attention.includes(owner.id),
  );
  return visible(state, inbox, owner);
}

/** `statuses/mentions`: notices that @mention the user or reply to one of their notices. */
export function mentionsStream(state: GnuSocialState, owner: User, viewer: User | null) {
  const addressed = [...state.notices.values()].filter((n) => n.attention.includes(owner.id));
  return visible(state, addressed, viewer);
}

/** `favorites`: the notices the user faved, most recently faved first. */
export function favoritesStream(state: GnuSocialState, owner: User, viewer: User | null): Notice[] {
  const faved: Notice[] = [];
  for (const fave of [...state.faves].reverse()) {
    const notice = fave.userId === owner.id ? state.notices.get(fave.noticeId) : undefined;
    if (notice && inScope(state, notice, viewer)) faved.push(notice);
  }
  return faved;
}
