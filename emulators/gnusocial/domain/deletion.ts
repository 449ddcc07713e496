import type { GnuSocialState, Notice } from './state.ts';
import { burnNoticeId } from './state.ts';

/**
 * `Notice::deleteAs`: the notice goes, its id is remembered (`statuses/show` then answers 410
 * "Notice deleted." instead of 404), its faves go with it, and a delete activity takes a notice
 * id. Repeats of it and replies to it stay; the replies then show no parent. Its links to files
 * go first, so the answer to `statuses/destroy` shows no `attachments` (captured).
 */
export function deleteNotice(state: GnuSocialState, notice: Notice): void {
  notice.attachments = [];
  state.notices.delete(notice.id);
  state.deleted.add(notice.id);
  state.faves = state.faves.filter((f) => f.noticeId !== notice.id);
  burnNoticeId(state);
}

/** Whether someone faved the notice: deleting it then trips the 500 quirk. */
export function isFavedByAnyone(state: GnuSocialState, notice: Notice): boolean {
  return state.faves.some((f) => f.noticeId === notice.id);
}
