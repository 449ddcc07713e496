import { createHash } from 'node:crypto';
import twitterText from 'twitter-text';
import type { XUrlEntity } from './state.ts';

/** X's weighted length (URLs 23, CJK and emoji 2), by the same library X publishes. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

export const MAX_WEIGHTED_LENGTH = 280;

/** Code-point length: X's entity indices count code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

function tcoCode(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 10), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A t.co link for `url` in post `postId`: X gives every occurrence its own short link. */
export function tcoLink(postId: string, url: string, index: number): string {
  return `https://t.co/${tcoCode(`${postId}|${index}|${url}`)}`;
}

function displayUrl(url: string): string {
  const bare = url.replace(/^https?:\/\//i, '');
  return bare.length > 26 ? `${bare.slice(0, 25)}…` : bare;
}

/**
 * Replaces every URL of `text` by a t.co link, as X stores and returns post text, and lists
 * them as entities with code-point indices into the new text.
 */
export function wrapUrls(postId: string, text: string): { text: string; urls: XUrlEntity[] } {
  const found = twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: true });
  let out = '';
  let cursor = 0;
  const urls: XUrlEntity[] = [];
  found.forEach((entity, index) => {
    const [from, to] = entity.indices;
    out += text.slice(cursor, from);
    const short = tcoLink(postId, entity.url, index);
    const start = codePointLength(out);
    out += short;
    const expandedUrl = /^https?:\/\//i.test(entity.url) ? entity.url : `http://${entity.url}`;
    urls.push({
      start,
      end: start + codePointLength(short),
      url: short,
      expandedUrl,
      displayUrl: displayUrl(expandedUrl),
      mediaKey: undefined,
    });
    cursor = to;
  });
  out += text.slice(cursor);
  return { text: out, urls };
}

interface Span {
  start: number;
  end: number;
}

/** Mentions, hashtags and cashtags of a text, with code-point indices. */
export function extractEntities(text: string) {
  const toSpan = (indices: [number, number]): Span => ({
    start: codePointLength(text.slice(0, indices[0])),
    end: codePointLength(text.slice(0, indices[1])),
  });
  return {
    mentions: twitterText
      .extractMentionsWithIndices(text)
      .map((m) => ({ ...toSpan(m.indices), username: m.screenName })),
    hashtags: twitterText
      .extractHashtagsWithIndices(text)
      .map((h) => ({ ...toSpan(h.indices), tag: h.hashtag })),
    cashtags: twitterText
      .extractCashtagsWithIndices(text)
      .map((h) => ({ ...toSpan(h.indices), tag: h.cashtag })),
  };
}
