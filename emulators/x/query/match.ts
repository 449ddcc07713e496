import { createHash } from 'node:crypto';
import type { XPost, XUser } from '../state.ts';
import { extractEntities } from '../text.ts';
import type { QueryNode } from './parse.ts';
import type { Term } from './tokenize.ts';

/** A post with what its operators look at, gathered once per post. */
export interface MatchTarget {
  post: XPost;
  author: XUser;
  /** The post it quotes, when live (stream keywords also match the quoted text). */
  quoted: XPost | undefined;
  /** The original post and author, when `post` is a repost. */
  reposted: { post: XPost; author: XUser } | undefined;
  repliedToUser: XUser | undefined;
  hasImages: boolean;
}

/**
 * Stream and search differ (build-a-rule / build-a-query docs): search ignores diacritics and
 * quoted content, the stream does not; and since May 2026 keyword search skips reposts.
 */
export type MatchMode = 'stream' | 'search';

function normalize(text: string, mode: MatchMode): string {
  const lower = text.toLowerCase();
  return mode === 'search' ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function searchableText(post: XPost): string {
  return [post.text, ...post.urls.map((u) => u.expandedUrl)].join(' ');
}

function textMatches(target: MatchTarget, wanted: string, mode: MatchMode): boolean {
  if (mode === 'search' && target.post.repostedPostId !== undefined) return false;
  const sources = [target.post];
  if (mode === 'stream' && target.quoted) sources.push(target.quoted);
  const needle = normalize(wanted, mode);
  const needleWords = words(needle);
  return sources.some((post) => {
    const text = normalize(searchableText(post), mode);
    // A keyword of symbols only (an emoji) has no word to tokenize: match it as a substring.
    return needleWords.length === 0
      ? text.includes(needle)
      : containsSequence(words(text), needleWords);
  });
}

function isUser(user: XUser | undefined, value: string): boolean {
  // X accepts a username or a numeric user id after from:, to: and retweets_of:.
  return (
    user !== undefined && (user.id === value || user.username.toLowerCase() === value.toLowerCase())
  );
}

function sampled(postId: string, percent: number): boolean {
  // A SHA-256 digest always has 32 bytes, so byte 0 exists.
  return createHash('sha256').update(postId).digest()[0]! % 100 < percent;
}

function operatorMatches(target: MatchTarget, name: string, value: string): boolean {
  const { post, author } = target;
  const entities = () => extractEntities(post.text);
  const lower = value.toLowerCase();
  switch (name) {
    case 'from':
      return isUser(author, value);
    case 'to':
      return isUser(target.repliedToUser, value);
    case 'retweets_of':
      return isUser(target.reposted?.author, value);
    case 'conversation_id':
      return post.conversationId === value;
    case 'in_reply_to_tweet_id':
    case 'in_reply_to_status_id':
      return post.inReplyToPostId === value;
    case 'retweets_of_tweet_id':
    case 'retweets_of_status_id':
      return post.repostedPostId === value;
    case 'quotes_of_tweet_id':
      return post.quotedPostId === value;
    case 'url':
    case 'url_contains':
      return post.urls.some((u) => u.expandedUrl.toLowerCase().includes(lower));
    case 'bio':
      return words(normalize(author.description, 'stream')).includes(lower);
    case 'bio_name':
      return words(normalize(author.name, 'stream')).includes(lower);
    case 'bio_location':
      return words(normalize(author.location ?? '', 'stream')).includes(lower);
    case 'source':
      return post.source.toLowerCase() === lower;
    case 'lang':
      return post.lang.toLowerCase() === lower;
    // sample: is a percentage of posts; hash the id so a given post is always in or out.
    case 'sample':
      return sampled(post.id, Number(value));
    case 'is':
      switch (lower) {
        case 'retweet':
          return post.repostedPostId !== undefined;
        case 'reply':
          return post.inReplyToPostId !== undefined;
        case 'quote':
          return post.quotedPostId !== undefined;
        case 'verified':
          return author.verified;
        default:
          return false; // nullcast: no promoted-only posts here.
      }
    case 'has':
      switch (lower) {
        case 'media':
          return post.mediaKeys.length > 0;
        case 'images':
          return target.hasImages;
        case 'links':
          return post.urls.length > 0;
        case 'mentions':
          return entities().mentions.length > 0;
        case 'hashtags':
          return entities().hashtags.length > 0;
        case 'cashtags':
          return entities().cashtags.length > 0;
        default:
          return false; // geo, videos: the emulator has neither.
      }
    // Place, context and affiliate operators need data the emulator does not keep.
    default:
      return false;
  }
}

function termMatches(target: MatchTarget, term: Term, mode: MatchMode): boolean {
  switch (term.type) {
    case 'keyword':
    case 'phrase':
      return textMatches(target, term.text, mode);
    case 'hashtag':
      return extractEntities(target.post.text).hashtags.some(
        (h) => h.tag.toLowerCase() === term.text.toLowerCase(),
      );
    case 'cashtag':
      return extractEntities(target.post.text).cashtags.some(
        (h) => h.tag.toLowerCase() === term.text.toLowerCase(),
      );
    case 'mention':
      return extractEntities(target.post.text).mentions.some(
        (m) => m.username.toLowerCase() === term.text.toLowerCase(),
      );
    case 'operator':
      return operatorMatches(target, term.name, term.value);
  }
}

/** Evaluates a parsed rule or query against a post. */
export function matches(node: QueryNode, target: MatchTarget, mode: MatchMode): boolean {
  switch (node.kind) {
    case 'or':
      return node.children.some((child) => matches(child, target, mode));
    case 'and':
      return node.children.every((child) => matches(child, target, mode));
    case 'term':
      return termMatches(target, node.term, mode) !== node.negated;
  }
}
