import { handleError } from '../errors.ts';
import type { GnuSocialState, Notice, User } from './state.ts';
import { burnNoticeId } from './state.ts';

export function hasFaved(state: GnuSocialState, userId: number, noticeId: number): boolean {
  return state.faves.some((f) => f.userId === userId && f.noticeId === noticeId);
}

/** `favourites_count`: how many notices the user has faved. */
export function favesCount(state: GnuSocialState, userId: number): number {
  return state.faves.filter((f) => f.userId === userId).length;
}

/**
 * `Fave::addNew`. A fave is also an activity notice on GNU social 2.x: it takes the next notice
 * id (which is why the captured repeat got id 9, not 8) but never shows in timelines.
 */
export function addFave(state: GnuSocialState, user: User, notice: Notice): void {
  if (hasFaved(state, user.id, notice.id)) {
    throw handleError(403, 'You have already favorited this!');
  }
  burnNoticeId(state);
  state.faves.push({ userId: user.id, noticeId: notice.id, createdAt: state.now() });
}

export function removeFave(state: GnuSocialState, user: User, notice: Notice): void {
  if (!hasFaved(state, user.id, notice.id)) {
    throw handleError(403, 'That status is not a favorite.');
  }
  state.faves = state.faves.filter((f) => !(f.userId === user.id && f.noticeId === notice.id));
}

/** Faving a repeat faves the notice it repeats. */
export function faveTarget(state: GnuSocialState, notice: Notice): Notice {
  return (notice.repeatOf !== null && state.notices.get(notice.repeatOf)) || notice;
}
