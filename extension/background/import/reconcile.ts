import type { RelayPost } from '../../../protocol/relay-post.ts';
import type { StatusNetClient } from '../clients/statusnet-client.ts';
import type { Notice } from '../clients/statusnet-schemas.ts';

/** How far back an ambiguous attempt is looked for (GNU social's timelines page at 200). */
// TODO [2027-01-01]: an attempt lost behind more than 100 newer notices of the import account
// is posted again. Lift by paging back with max_id until the attempt's time is passed.
const LOOK_BACK = 100;

/**
 * The notice an earlier attempt may have made before its answer was lost (the worker died, the
 * connection dropped, the site answered 500 after writing): GNU social has no idempotency key,
 * so before posting again, look in the import account's own timeline.
 */
async function recentNotices(client: StatusNetClient, userId: number): Promise<Notice[]> {
  // Authenticated: the import account's stream is meant to be private.
  return client.userTimeline(userId, { count: LOOK_BACK }, false);
}

/** A notice of the import account that carries the link to `post`. */
export async function findImportedNotice(
  client: StatusNetClient,
  userId: number,
  post: Pick<RelayPost, 'id' | 'authorUsername'>,
): Promise<Notice | undefined> {
  // The link to the original is how an imported notice names its post; a later quote of the
  // same post is applied after this one, in relay order, so it cannot be mistaken for it.
  const link = new RegExp(`/${escape(post.authorUsername)}/status/${post.id}(?![0-9])`, 'i');
  const notices = await recentNotices(client, userId);
  return notices.find((notice) => !notice.retweeted_status && link.test(notice.text));
}

/** A repeat of notice `noticeId` by the import account. */
export async function findRepeat(
  client: StatusNetClient,
  userId: number,
  noticeId: number,
): Promise<Notice | undefined> {
  const notices = await recentNotices(client, userId);
  return notices.find((notice) => notice.retweeted_status?.id === noticeId);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
