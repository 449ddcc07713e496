import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RelayPost } from '../../../protocol/relay-post.ts';
import { firstWord, GNU_SOCIAL_COMMANDS, startsWithCommand } from './gnusocial-commands.ts';
import { composeImportText } from './import-text.ts';

const LINK = 'https://x.com/ada/status/1';
const post = (fields: Partial<RelayPost> = {}): RelayPost => ({
  id: '1',
  authorId: '10',
  authorUsername: 'ada',
  authorName: 'Ada Lovelace',
  text: 'hello',
  createdAt: '2026-12-03T18:10:31.000Z',
  references: [],
  urls: [],
  media: [],
  ...fields,
});
const compose = (fields: Partial<RelayPost> = {}, textLimit = 1000) =>
  composeImportText(post(fields), { textLimit });
const status = (fields: Partial<RelayPost> = {}) => compose(fields).status;

describe('composeImportText: attribution', () => {
  it('opens with the name and handle and ends with the link to the original', () => {
    expect(compose()).toEqual({ status: `Ada Lovelace (@ada): hello ${LINK}`, truncated: false });
  });

  it.each(['d', 'DM', 'Follow', 'reply', 'fav', 'help', 'rt', 'On', 'd alice', 'Track me'])(
    'opens with (@handle) when the name %j starts with a GNU social command',
    (authorName) => {
      expect(status({ authorName, text: 'alice hi' })).toBe(`(@ada): alice hi ${LINK}`);
    },
  );

  it('opens with (@handle) when the name is empty or blank', () => {
    expect(status({ authorName: ' \n ' })).toBe(`(@ada): hello ${LINK}`);
  });

  it('opens with (@handle) when the name would mention a local user or address a group', () => {
    expect(status({ authorName: 'T Rex' })).toBe(`(@ada): hello ${LINK}`);
    expect(status({ authorName: 'Ada @work' })).toBe(`(@ada): hello ${LINK}`);
    expect(status({ authorName: 'fans of !linux' })).toBe(`(@ada): hello ${LINK}`);
  });

  it('keeps a name that merely contains a command word or an @ inside a word', () => {
    expect(status({ authorName: 'Ada follow' })).toBe(`Ada follow (@ada): hello ${LINK}`);
    expect(status({ authorName: 'ada@home' })).toBe(`ada@home (@ada): hello ${LINK}`);
  });

  it('puts a name on one line', () => {
    expect(status({ authorName: 'Ada\nLovelace' })).toBe(`Ada Lovelace (@ada): hello ${LINK}`);
  });
});

describe('composeImportText: words', () => {
  it('decodes the three entities X escapes, and nothing else', () => {
    const text = '&lt;b&gt;bold&lt;/b&gt; &amp; &amp;lt; &quot;';
    expect(status({ text })).toBe(`Ada Lovelace (@ada): <b>bold</b> & &lt; &quot; ${LINK}`);
  });

  it('expands t.co links', () => {
    const urls = [
      { start: 5, end: 21, url: 'https://t.co/abc', expandedUrl: 'https://example.com/a' },
    ];
    expect(status({ text: 'read https://t.co/abc now', urls })).toContain(
      'read https://example.com/a now',
    );
  });

  it('reads indices as code points, not UTF-16 units', () => {
    const urls = [
      { start: 2, end: 18, url: 'https://t.co/abc', expandedUrl: 'https://example.com/a' },
    ];
    expect(status({ text: '😀 https://t.co/abc', urls })).toContain('😀 https://example.com/a');
  });

  it('finds the link whether indices count &amp; as one character or five', () => {
    const expandedUrl = 'https://example.com/a';
    const text = 'a &amp; b https://t.co/abc';
    const overDecoded = [{ start: 6, end: 22, url: 'https://t.co/abc', expandedUrl }];
    const overRaw = [{ start: 10, end: 26, url: 'https://t.co/abc', expandedUrl }];
    expect(status({ text, urls: overDecoded })).toContain(`a & b ${expandedUrl}`);
    expect(status({ text, urls: overRaw })).toContain(`a & b ${expandedUrl}`);
  });

  it('still expands a link whose indices are wrong', () => {
    const urls = [
      { start: 40, end: 56, url: 'https://t.co/abc', expandedUrl: 'https://example.com/a' },
    ];
    expect(status({ text: 'see https://t.co/abc', urls })).toContain('see https://example.com/a');
  });

  it('replaces the link to its own photos with the photos', () => {
    const text = 'look https://t.co/pic';
    const urls = [
      {
        start: 5,
        end: 21,
        url: 'https://t.co/pic',
        expandedUrl: `${LINK}/photo/1`,
        displayUrl: 'pic.x.com/pic',
      },
    ];
    const media = [
      { mediaKey: '3_1', type: 'photo' as const, url: 'https://pbs.twimg.com/media/a.jpg' },
      { mediaKey: '3_2', type: 'photo' as const, url: 'https://pbs.twimg.com/media/b.jpg' },
    ];
    expect(status({ text, urls, media })).toBe(
      `Ada Lovelace (@ada): look https://pbs.twimg.com/media/a.jpg https://pbs.twimg.com/media/b.jpg ${LINK}`,
    );
  });

  it('leaves out the photo uploaded with the notice, which GNU social links itself', () => {
    const text = 'look https://t.co/pic';
    const urls = [{ start: 5, end: 21, url: 'https://t.co/pic', expandedUrl: `${LINK}/photo/1` }];
    const media = [
      { mediaKey: '3_1', type: 'photo' as const, url: 'https://pbs.twimg.com/media/a.jpg' },
      { mediaKey: '3_2', type: 'photo' as const, url: 'https://pbs.twimg.com/media/b.jpg' },
    ];
    const one = composeImportText(post({ text, urls, media }), {
      textLimit: 1000,
      uploadedMediaKeys: new Set(['3_1']),
    });
    expect(one.status).toBe(`Ada Lovelace (@ada): look https://pbs.twimg.com/media/b.jpg ${LINK}`);
    const both = composeImportText(post({ text, urls, media }), {
      textLimit: 1000,
      uploadedMediaKeys: new Set(['3_1', '3_2']),
    });
    expect(both.status).toBe(`Ada Lovelace (@ada): look ${LINK}`);
  });

  it('points a video to its page on X, the only place to play it', () => {
    const urls = [{ start: 0, end: 16, url: 'https://t.co/vid', expandedUrl: `${LINK}/video/1` }];
    const media = [
      { mediaKey: '7_1', type: 'video' as const, previewImageUrl: 'https://pbs.twimg.com/p.jpg' },
    ];
    expect(status({ text: 'https://t.co/vid', urls, media })).toBe(
      `Ada Lovelace (@ada): https://pbs.twimg.com/p.jpg ${LINK}/video/1 ${LINK}`,
    );
  });

  it('carries a quote as QT and the quoted post link, without the t.co link to it', () => {
    const urls = [
      {
        start: 9,
        end: 23,
        url: 'https://t.co/q',
        expandedUrl: 'https://twitter.com/bob/status/99',
      },
    ];
    const references = [{ type: 'quoted' as const, id: '99' }];
    expect(status({ text: 'so true! https://t.co/q', urls, references })).toBe(
      `Ada Lovelace (@ada): so true! QT https://x.com/i/web/status/99 ${LINK}`,
    );
  });

  it('makes mentions inert, so GNU social notifies none of its own users', () => {
    const text = '@bob hi, and @carol@mastodon.example (mail: dan@example.com)';
    expect(status({ text })).toBe(
      `Ada Lovelace (@ada): bob@x.com hi, and carol@mastodon.example (mail: dan@example.com) ${LINK}`,
    );
  });

  it('leaves @ inside expanded links alone', () => {
    const urls = [
      { start: 0, end: 16, url: 'https://t.co/abc', expandedUrl: 'https://mastodon.example/@bob' },
    ];
    expect(status({ text: 'https://t.co/abc @bob', urls })).toContain(
      'https://mastodon.example/@bob bob@x.com',
    );
  });
});

describe('composeImportText: length', () => {
  it('cuts the words at a word boundary and keeps " … " and the link', () => {
    const result = compose({ text: 'one two three four five six seven eight nine ten' }, 70);
    expect(result).toEqual({
      status: `Ada Lovelace (@ada): one two three four … ${LINK}`,
      truncated: true,
    });
  });

  it('counts characters as GNU social does, in code points', () => {
    const text = '😀'.repeat(20);
    const whole = `Ada Lovelace (@ada): ${text} ${LINK}`;
    expect(compose({ text }, [...whole].length)).toEqual({ status: whole, truncated: false });
  });

  it('never cuts with a limit of 0, which means unlimited', () => {
    expect(compose({ text: 'word '.repeat(2000) }, 0).truncated).toBe(false);
  });

  it('gives up the name, then the quote, before it gives up the link', () => {
    const references = [{ type: 'quoted' as const, id: '99' }];
    expect(compose({ text: 'word '.repeat(50), references }, 50).status).toBe(
      `(@ada): word word … ${LINK}`,
    );
  });

  it('throws when the limit cannot hold the link to the original', () => {
    expect(() => compose({}, 20)).toThrow(/cannot hold/);
  });
});

const piece = fc.oneof(
  fc.constantFrom(
    'word',
    ' ',
    '\n',
    '日本語',
    '👍🏽',
    '&amp;',
    '&lt;',
    '@bob',
    '!group',
    'https://t.co/x',
  ),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 150, size: 'medium' }).map((p) => p.join(''));
const name = fc.oneof(
  fc.constantFrom(...GNU_SOCIAL_COMMANDS).map((c) => c.toUpperCase()),
  fc
    .tuple(fc.constantFrom(...GNU_SOCIAL_COMMANDS, 't', '@bob'), fc.string())
    .map(([c, s]) => `${c} ${s}`),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const limit = fc.oneof(fc.constant(0), fc.integer({ min: 90, max: 600 }));
const handle = fc.stringMatching(/^[A-Za-z0-9_]{1,15}$/);

describe('composeImportText: properties', () => {
  it('never starts with a command, never exceeds the limit, always ends with the link', () => {
    fc.assert(
      fc.property(text, name, handle, limit, (text, authorName, authorUsername, textLimit) => {
        const { status } = compose({ text, authorName, authorUsername }, textLimit);
        expect(startsWithCommand(status)).toBe(false);
        expect(firstWord(status)).not.toBe('t');
        if (textLimit > 0) expect([...status].length).toBeLessThanOrEqual(textLimit);
        expect(status.endsWith(` https://x.com/${authorUsername}/status/1`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
