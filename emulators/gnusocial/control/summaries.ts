import type { GnuSocialState, Notice, User } from '../domain/state.ts';
import { requireUser } from '../domain/state.ts';

/** What the control API reports back: plain records, never passwords. */

export function userSummary(user: User) {
  return {
    id: user.id,
    username: user.nickname,
    fullname: user.fullname,
    email: user.email,
    protected: user.protected,
    createdAt: user.createdAt,
  };
}

export function noticeSummary(state: GnuSocialState, notice: Notice) {
  return {
    id: notice.id,
    author: requireUser(state, notice.authorId).nickname,
    verb: notice.verb,
    text: notice.content,
    source: notice.source,
    inReplyTo: notice.replyTo,
    repeatOf: notice.repeatOf,
    conversation: notice.conversation,
    followersOnly: notice.followersOnly,
    attachments: notice.attachments.map((id) => state.files.get(id)?.url ?? null),
    createdAt: notice.createdAt,
  };
}

/** Everything at once, for a test that wants to look at the whole world. */
export function stateSummary(state: GnuSocialState) {
  const name = (id: number) => requireUser(state, id).nickname;
  return {
    baseUrl: state.baseUrl,
    now: state.now(),
    settings: state.settings,
    users: [...state.users.values()].map(userSummary),
    notices: [...state.notices.values()].map((n) => noticeSummary(state, n)),
    deletedNoticeIds: [...state.deleted],
    follows: [...state.subscriptions].flatMap(([follower, followed]) =>
      [...followed].map(([id, sub]) => ({ follower: name(follower), followed: name(id), ...sub })),
    ),
    faves: state.faves.map((f) => ({
      user: name(f.userId),
      noticeId: f.noticeId,
      createdAt: f.createdAt,
    })),
    directMessages: state.messages.map((m) => ({ ...m, from: name(m.fromId), to: name(m.toId) })),
  };
}
