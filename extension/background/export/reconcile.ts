import twitterText from 'twitter-text';
import type { XClient } from '../clients/x-client.ts';

// X returns post text HTML-escaped (`&amp;`, `&lt;`, `&gt;`), with every URL replaced by a t.co
// link: compare texts with URLs blanked and entities decoded, whitespace folded.
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** A post text reduced to what X keeps of it unchanged. */
export function comparableText(text: string): string {
  const decoded = text.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
  const urls = twitterText.extractUrlsWithIndices(decoded, { extractUrlsWithoutProtocol: true });
  let out = '';
  let cursor = 0;
  for (const { indices } of urls) {
    out += `${decoded.slice(cursor, indices[0])}<url>`;
    cursor = indices[1];
  }
  out += decoded.slice(cursor);
  return out.replace(/\s+/g, ' ').trim();
}

export interface ReconcileQuery {
  userId: string;
  text: string;
  /** Epoch ms the ambiguous attempt began; posts older than this, less the slack, are not it. */
  attemptedAt: number;
  slackMs: number;
  /** Post ids already linked to other notices: they are someone else's outcome. */
  isClaimed: (postId: string) => Promise<boolean>;
}

/**
 * Looks among the user's most recent posts for the one an attempt of unknown outcome may have
 * made, before that attempt is repeated (X has no idempotency key, so this is the only way to
 * never post twice). Returns its id, or undefined when X shows no such post. A read failure is
 * thrown: the outcome stays unknown and the entry is retried later, never blindly re-posted.
 */
export async function findOwnPost(
  client: XClient,
  query: ReconcileQuery,
  maxResults = 20,
): Promise<string | undefined> {
  const page = await client.userPosts(query.userId, { maxResults });
  const wanted = comparableText(query.text);
  const earliest = query.attemptedAt - query.slackMs;

  for (const post of page.data ?? []) {
    const createdAt = post.created_at ? Date.parse(post.created_at) : Number.NaN;
    if (Number.isFinite(createdAt) && createdAt < earliest) continue;
    if (comparableText(post.text) !== wanted) continue;
    if (await query.isClaimed(post.id)) continue;
    return post.id;
  }
  return undefined;
}
