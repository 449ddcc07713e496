import type { Db } from '../../shared/db.ts';
import type { Link } from '../../shared/db-schema.ts';

/**
 * The link table as the export reads and writes it. One link per notice and kind: `post` (the
 * notice is that X post, exported or imported), `repost` (the user's repeat notice is a repost
 * of that X post), `like` (the faved notice's X post is liked).
 */
export const linkKey = (kind: Link['kind'], noticeId: number) => `${kind}:${noticeId}`;

export function getLink(db: Db, kind: Link['kind'], noticeId: number): Promise<Link | undefined> {
  return db.get('links', linkKey(kind, noticeId));
}

/** The X post a notice stands for, whichever way it crossed the bridge. */
export async function linkedPost(db: Db, noticeId: number): Promise<Link | undefined> {
  return getLink(db, 'post', noticeId);
}

export async function putLink(db: Db, link: Omit<Link, 'key' | 'createdAt'>): Promise<void> {
  await db.put('links', {
    ...link,
    key: linkKey(link.kind, link.noticeId),
    createdAt: Date.now(),
  });
}

/** Whether an X post already stands for some notice (so it is not another attempt's outcome). */
export async function isPostLinked(db: Db, xPostId: string): Promise<boolean> {
  const links = await db.getAllFromIndex('links', 'by-post', xPostId);
  return links.some((link) => link.kind === 'post');
}

/** The public address of an X post; `i` stands for any user when the handle is unknown. */
export function xPostUrl(xPostId: string, username?: string): string {
  return `https://x.com/${username ?? 'i'}/status/${xPostId}`;
}
