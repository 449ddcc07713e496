import { hasHashtag } from './hashtags.ts';

/** What export decides on, adapted from GNU social's status JSON by the watcher. */
export interface NoticeFacts {
  /** GNU social's `id` (a number there), as a string. */
  id: string;
  /** GNU social's `text`. */
  text: string;
  /** `user.id`, as a string. */
  authorId: string;
  /** GNU social's `source`: the client's name, or `null`. */
  source: string | null;
  /** Readable without an account (seen in an anonymous timeline, author not `protected`). */
  isPublic: boolean;
  /** `in_reply_to_status_id` (a string there), or `null`. */
  inReplyToStatusId: string | null;
  /** `retweeted_status.id` for a repeat, or `null`. */
  repeatOfId: string | null;
}

/** What the links table says about the notice and the notices it points to. */
export interface NoticeLinks {
  /** The notice itself was imported from X. */
  imported: boolean;
  /** The X post linked to the notice it replies to (either direction), if any. */
  parentXPostId?: string | undefined;
  /** The X post linked to the notice it repeats (either direction), if any. */
  repeatedXPostId?: string | undefined;
}

export type ReplyPolicy = 'all' | 'bridged' | 'none';

export interface ExportSettings {
  /** The bridged StatusNet account's user id. */
  accountId: string;
  /** The account imported X posts are published as, if import is set up. */
  importAccountId?: string | undefined;
  /** The `source` the bridge sets on the notices it imports. */
  bridgeSource: string;
  /** `bridged` (the default): only replies to notices that are on X. */
  replies: ReplyPolicy;
  optOutTag: string;
  /** When true, only notices carrying `optInTag` are exported. */
  optIn: boolean;
  optInTag: string;
}

export const EXPORT_POLICY_DEFAULTS = {
  replies: 'bridged',
  optOutTag: '#notx',
  optIn: false,
  optInTag: '#x',
} as const satisfies Partial<ExportSettings>;

/** Whether the notice goes to X, as what, or why not, in words for the activity log. */
export type ExportDecision =
  | { export: true; as: 'post' }
  | { export: true; as: 'reply'; inReplyToXPostId: string }
  | { export: true; as: 'repost'; xPostId: string }
  | { export: false; reason: string };

const skip = (reason: string): ExportDecision => ({ export: false, reason });

// A notice opening with `@nick` (or `@nick@host`) is addressed to someone, as GNU social reads
// mentions: the "@-reply" that the original bridge sent or held back by its text alone.
const ADDRESSED = /^@[0-9A-Za-z_]/;

const WHY_NOT_REPLY = {
  threaded: {
    none: 'It is a reply, and your settings keep replies off X.',
    bridged:
      'It replies to a notice that is not on X; your settings only send replies to notices that are.',
  },
  addressed: {
    none: 'It starts with an @-address, so it reads as a reply, and your settings keep replies off X.',
    bridged:
      'It starts with an @-address, so it reads as a reply in a conversation that is not on X.',
  },
} as const;

function decideReply(notice: NoticeFacts, links: NoticeLinks, policy: ReplyPolicy): ExportDecision {
  const why = WHY_NOT_REPLY[notice.inReplyToStatusId ? 'threaded' : 'addressed'];
  if (policy === 'none') return skip(why.none);
  if (links.parentXPostId) {
    return { export: true, as: 'reply', inReplyToXPostId: links.parentXPostId };
  }
  return policy === 'all' ? { export: true, as: 'post' } : skip(why.bridged);
}

/**
 * Whether a notice goes to X, after the original TwitterBridge: only the user's own public
 * notices; never one that came from X (its `source`, the links table and its author all
 * checked); repeats only as reposts of a linked notice; replies by policy; tags last.
 *
 * A notice that opens with `@nick` but replies to nothing (GNU social threads only what was
 * answered with its reply button) is treated as a reply to an unlinked notice: sent as a post
 * under `all`, held back under `bridged` and `none`, since on X it would read as one half of a
 * conversation its readers cannot see. Tags do not govern repeats, which carry no words of the
 * user's own: the opt-in mode asks for tagged *notices*, and a repost is like a fave.
 */
export function decideExport(
  notice: NoticeFacts,
  settings: ExportSettings,
  links: NoticeLinks,
): ExportDecision {
  const source = notice.source?.trim().toLowerCase();
  if (links.imported || source === settings.bridgeSource.trim().toLowerCase()) {
    return skip('It came from X through the bridge, so it is not sent back.');
  }
  if (settings.importAccountId && notice.authorId === settings.importAccountId) {
    return skip('It was posted by the import account, which only holds posts from X.');
  }
  if (notice.authorId !== settings.accountId) return skip('It is not your notice.');
  if (!notice.isPublic) return skip('It is not public, and posts on X are.');

  if (notice.repeatOfId) {
    return links.repeatedXPostId
      ? { export: true, as: 'repost', xPostId: links.repeatedXPostId }
      : skip('It repeats a notice that is not on X, so there is nothing to repost there.');
  }

  if (hasHashtag(notice.text, settings.optOutTag)) {
    return skip(`It is tagged ${settings.optOutTag}, which keeps a notice off X.`);
  }
  if (settings.optIn && !hasHashtag(notice.text, settings.optInTag)) {
    return skip(`Only notices tagged ${settings.optInTag} go to X, and it is not tagged.`);
  }

  if (notice.inReplyToStatusId || ADDRESSED.test(notice.text.trim())) {
    return decideReply(notice, links, settings.replies);
  }
  return { export: true, as: 'post' };
}
