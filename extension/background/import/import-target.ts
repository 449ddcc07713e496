import type { RelayPost } from '../../../protocol/relay-post.ts';
import type { Db } from '../../shared/db.ts';
import type { Link, StatusNetAccount } from '../../shared/db-schema.ts';
import type { StatusNetClient } from '../clients/statusnet-client.ts';

/** Where and how imported posts are written, resolved once per pass over the inbox. */
export interface ImportContext {
  db: Db;
  /** The import account and a client speaking as it. */
  account: StatusNetAccount;
  client: StatusNetClient;
  /** The site's text limit (statusnet/config; 0 = none). */
  textLimit: number;
  /** The user's own X id: their own posts are never imported (the bridge may have made them). */
  ownXUserId: string | undefined;
  /**
   * Composes the notice text of a post (compose/import-text.ts); `uploaded` names the photos
   * that go up with the notice, which are then not linked.
   */
  compose: (post: RelayPost, textLimit: number, uploaded?: ReadonlySet<string>) => string;
  /** Records, durably, that an attempt whose outcome may be lost is about to start. */
  markInFlight: () => Promise<void>;
}

/** Every link of an X post: imports (we made a notice of it) and exports (we made the post). */
export function linksOf(db: Db, xPostId: string): Promise<Link[]> {
  return db.getAllFromIndex('links', 'by-post', xPostId);
}

/** The notice that stands for an X post on StatusNet, either way: where replies thread. */
export async function noticeFor(db: Db, xPostId: string): Promise<number | undefined> {
  const links = await linksOf(db, xPostId);
  return links.find((link) => link.kind === 'post')?.noticeId;
}

/** The link recording that `noticeId` was made from X post `post`. */
export function importLink(post: RelayPost, noticeId: number, kind: 'post' | 'repost'): Link {
  return {
    key: `${kind}:${noticeId}`,
    noticeId,
    xPostId: post.id,
    direction: 'import',
    kind,
    xUsername: post.authorUsername,
    createdAt: Date.now(),
  };
}
