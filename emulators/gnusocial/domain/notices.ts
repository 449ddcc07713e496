import { isoDay } from './dates.ts';
import type { GnuSocialState, Notice } from './state.ts';
import { siteServer } from './state.ts';

export type NewNotice = Omit<Notice, 'id' | 'uri' | 'conversation'> & {
  /** Set for follow notices, whose URI names the subscription instead of the notice id. */
  uri?: (id: number) => string;
};

/**
 * Stores a notice the way `Notice::saveNew` numbers it: the next notice id, the conversation of
 * the notice it replies to or repeats (else a new conversation), and a tag: URI.
 */
export function insertNotice(state: GnuSocialState, fields: NewNotice): Notice {
  const id = state.next.notice++;
  const { uri, ...rest } = fields;

  const parentId = fields.replyTo ?? fields.repeatOf;
  const parent = parentId === null ? undefined : state.notices.get(parentId);
  const conversation = parent?.conversation ?? state.next.conversation++;

  const objectType = fields.replyTo === null ? 'note' : 'comment';
  const notice: Notice = {
    ...rest,
    id,
    conversation,
    uri:
      uri?.(id) ??
      `tag:${siteServer(state)},${isoDay(fields.createdAt)}:noticeId=${id}:objectType=${objectType}`,
  };
  state.notices.set(id, notice);
  return notice;
}

/** A user's notices, newest first: posts, replies, repeats and follow notices. */
export function noticesBy(state: GnuSocialState, userId: number): Notice[] {
  return [...state.notices.values()].filter((n) => n.authorId === userId).sort(newestFirst);
}

export function newestFirst(a: Notice, b: Notice): number {
  return b.id - a.id;
}

/** `statuses_count`: only notices with the post verb count (repeats and follows do not). */
export function statusesCount(state: GnuSocialState, userId: number): number {
  let count = 0;
  for (const n of state.notices.values()) if (n.authorId === userId && n.verb === 'post') count++;
  return count;
}

/** `getCurrentNotice()`: the user's latest notice, which swallowed commands answer with. */
export function currentNotice(state: GnuSocialState, userId: number): Notice | undefined {
  return noticesBy(state, userId)[0];
}

/** The notice a reply points at, while it exists: a deleted parent reads as no parent. */
export function parentOf(state: GnuSocialState, notice: Notice): Notice | undefined {
  return notice.replyTo === null ? undefined : state.notices.get(notice.replyTo);
}
