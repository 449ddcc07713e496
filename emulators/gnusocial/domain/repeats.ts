import { handleError } from '../errors.ts';
import { insertNotice } from './notices.ts';
import { mbPrefix, mbStrlen } from './php.ts';
import { assertNotDuplicate } from './posting.ts';
import { renderNoticeText } from './render-text.ts';
import type { GnuSocialState, Notice, User } from './state.ts';
import { requireUser } from './state.ts';

/** The repeat of `noticeId` by `userId`, if they made one: `repeated` / `repeated_id`. */
export function repeatBy(
  state: GnuSocialState,
  userId: number,
  noticeId: number,
): Notice | undefined {
  for (const n of state.notices.values()) {
    if (n.verb === 'share' && n.authorId === userId && n.repeatOf === noticeId) return n;
  }
  return undefined;
}

/**
 * `Notice::repeatAs`: a repeat is a new notice by the repeater, "RT @author text" (cut to the
 * text limit with " ..."), in the original's conversation. Checks run in `saveNew`'s order:
 * duplicates first (so repeating twice within 60 s says "Too many duplicate messages", as
 * captured), then own notice, private notice, already repeated.
 */
export function repeatNotice(
  state: GnuSocialState,
  repeater: User,
  target: Notice,
  source: string,
): Notice {
  // Repeating a repeat repeats what it repeated, as faving a repeat faves the original.
  const original = (target.repeatOf !== null && state.notices.get(target.repeatOf)) || target;
  const author = requireUser(state, original.authorId);

  let content = `RT @${author.nickname} ${original.content}`;
  const limit = state.settings.textLimit;
  if (limit > 0 && mbStrlen(content) > limit) content = `${mbPrefix(content, limit - 4)} ...`;

  assertNotDuplicate(state, repeater, content);
  if (original.authorId === repeater.id) {
    throw handleError(400, 'You cannot repeat your own notice.');
  }
  if (original.followersOnly) throw handleError(403, 'Cannot repeat a private notice.');
  if (repeatBy(state, repeater.id, original.id)) {
    throw handleError(400, 'You already repeated that notice.');
  }

  return insertNotice(state, {
    authorId: repeater.id,
    verb: 'share',
    content,
    rendered: renderNoticeText(state, content).html,
    createdAt: state.now(),
    source,
    replyTo: null,
    repeatOf: original.id,
    followersOnly: original.followersOnly,
    // A repeat links the same URLs but lists no attachments of its own (captured: notice 9).
    attachments: [],
    attention: [],
  });
}
