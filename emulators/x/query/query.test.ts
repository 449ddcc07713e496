import { describe, expect, it } from 'vitest';
import type { XPost, XUser } from '../state.ts';
import { matches, type MatchTarget } from './match.ts';
import { parseQuery } from './parse.ts';
import { QuerySyntaxError } from './tokenize.ts';

const user = (id: string, username: string): XUser => ({
  id,
  username,
  name: username,
  description: 'loves data',
  location: undefined,
  url: '',
  createdAt: 0,
  protected: false,
  verified: false,
  pinnedPostId: undefined,
});

function target(text: string, over: Partial<XPost> = {}, author = user('11', 'ada')): MatchTarget {
  const post: XPost = {
    id: '100',
    authorId: author.id,
    text,
    submittedText: text,
    createdAt: 0,
    conversationId: '100',
    inReplyToPostId: undefined,
    inReplyToUserId: undefined,
    quotedPostId: undefined,
    repostedPostId: undefined,
    mediaKeys: [],
    urls: [],
    displayTextRange: [0, text.length],
    lang: 'en',
    source: 'web',
    deletedAt: undefined,
    ...over,
  };
  return {
    post,
    author,
    quoted: undefined,
    reposted: undefined,
    repliedToUser: undefined,
    hasImages: false,
  };
}

const test = (query: string, t: MatchTarget, mode: 'stream' | 'search' = 'stream') =>
  matches(parseQuery(query), t, mode);

describe('rule and query language', () => {
  it('matches from: by id or username, in OR lists', () => {
    expect(test('from:11 OR from:22', target('x'))).toBe(true);
    expect(test('from:22 OR from:ADA', target('x'))).toBe(true);
    expect(test('from:22 OR from:33', target('x'))).toBe(false);
  });

  it('binds AND tighter than OR, and negates single terms', () => {
    expect(test('apple OR iphone ipad', target('I like apple'))).toBe(true);
    expect(test('apple OR iphone ipad', target('just an iphone'))).toBe(false);
    expect(test('(apple OR iphone) ipad', target('apple ipad'))).toBe(true);
    expect(test('cat -grumpy', target('a grumpy cat'))).toBe(false);
  });

  it('matches keywords by token, phrases in order, case-insensitively', () => {
    expect(test('cat', target('Cat, meet dog'))).toBe(true);
    expect(test('cat', target('concatenate'))).toBe(false);
    expect(test('"meet dog"', target('Cat, meet dog'))).toBe(true);
    expect(test('"dog meet"', target('Cat, meet dog'))).toBe(false);
  });

  it('ignores diacritics in search but not in the stream', () => {
    expect(test('diacrítica', target('diacritica'), 'search')).toBe(true);
    expect(test('diacrítica', target('diacritica'), 'stream')).toBe(false);
  });

  it('matches hashtags, mentions and post-type operators', () => {
    expect(test('#python has:mentions', target('#Python tips for @bob'))).toBe(true);
    expect(test('from:ada is:reply', target('x', { inReplyToPostId: '5' }))).toBe(true);
    expect(test('from:ada -is:retweet', target('RT @x: y', { repostedPostId: '5' }))).toBe(false);
  });

  it('leaves reposts out of keyword search, but not of from: search', () => {
    const repost = target('RT @bob: lighthouse', { repostedPostId: '5' });
    expect(test('lighthouse', repost, 'search')).toBe(false);
    expect(test('lighthouse', repost, 'stream')).toBe(true);
    expect(test('from:ada', repost, 'search')).toBe(true);
  });

  it('refuses what X refuses, with positions', () => {
    const details = (query: string) => {
      try {
        parseQuery(query);
        return [];
      } catch (error) {
        if (error instanceof QuerySyntaxError) return error.details;
        throw error;
      }
    };
    expect(details('has:media')[0]).toContain('standalone');
    expect(details('-cat')[0]).toContain('non-negation');
    expect(details('from:')[0]).toContain("'from' needs a value");
    expect(details('cat foo:bar')[0]).toBe("Reference to invalid operator 'foo' (at position 5).");
    expect(details('(cat')[0]).toContain('Missing closing parenthesis');
    expect(details('cat)')[0]).toContain('Unmatched closing parenthesis');
    expect(details('cat OR')[0]).toContain('OR');
    expect(details('skiing -(snow OR day)')[0]).toContain('Negating a group');
    expect(details('"open phrase')[0]).toContain('Unterminated');
    expect(details('cat is:nullcast')[0]).toContain('negated');
  });
});
