import fc from 'fast-check';
import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { composeExportText, type ExportTextContext } from './export-text.ts';
import { xMentions } from './export-addressing.ts';
import { isValidXText, xWeightedLength } from './x-length.ts';

const URL = 'https://social.example/notice/42';
const LINKED: Record<string, string> = { alice: 'alice_on_x', carol: 'CarolX' };
const context: ExportTextContext = {
  siteHost: 'social.example',
  handleFor: (nick) => LINKED[nick.toLowerCase()],
  noticeUrl: URL,
};
const compose = (text: string, extra: Partial<ExportTextContext> = {}) =>
  composeExportText({ text }, { ...context, ...extra });

describe('composeExportText: addressing', () => {
  it("writes a stranger's @nick as nick@host so X links no one", () => {
    const { text } = compose('thanks @bob!');
    expect(text).toBe('thanks bob@social.example!');
    expect(twitterText.extractMentions(text)).toEqual([]);
  });

  it('writes a linked @nick as the X handle it is linked to', () => {
    const { text } = compose('thanks @alice and @Carol');
    expect(text).toBe('thanks @alice_on_x and @CarolX');
    expect(twitterText.extractMentions(text)).toEqual(['alice_on_x', 'CarolX']);
  });

  it('keeps a federated @nick@otherhost as nick@otherhost', () => {
    const { text } = compose('hi @dave@mastodon.example, and @alice@other.example');
    expect(text).toBe('hi dave@mastodon.example, and alice@other.example');
    expect(twitterText.extractMentions(text)).toEqual([]);
  });

  it('takes the whole nickname, even past the 20 characters X would read as a name', () => {
    const { text } = compose('cc @averyveryverylongnickname');
    expect(text).toBe('cc averyveryverylongnickname@social.example');
    expect(twitterText.extractMentions(text)).toEqual([]);
  });

  it('rewrites mentions X sees where GNU social does not, such as (@bob) or RT @bob:', () => {
    expect(compose('(@bob) RT @bob: .@bob').text).toBe(
      '(bob@social.example) RT bob@social.example: .bob@social.example',
    );
  });

  it('writes the nickname rt as host/rt: X reads RT@host as a retweet of @host', () => {
    const { text } = compose('hi @rt');
    expect(text).toBe('hi social.example/rt');
    expect(twitterText.extractMentions(text)).toEqual([]);
  });

  it('keeps a federated address an address after a non-Latin letter, as X reads it', () => {
    const { text } = compose('我@averyveryverylongnickname@remote.example');
    expect(text).toBe('我averyveryverylongnickname@remote.example');
    expect(twitterText.extractMentions(text)).toEqual([]);
  });

  it('never cuts a text where the cut would leave a mention behind', () => {
    const { text, truncated } = compose(
      `${'word '.repeat(52)}RT@bob@remote.example ${'tail '.repeat(9)}`,
    );
    expect(truncated).toBe(true);
    expect(twitterText.extractMentions(text)).toEqual([]);
  });

  it('refuses a linked handle that is not a valid X username and writes nick@host instead', () => {
    const { text } = compose('hi @eve', { handleFor: () => 'eve-x' });
    expect(text).toBe('hi eve@social.example');
  });

  it('turns !group into #group at word starts only', () => {
    expect(compose('!linux news, for !gnu.').text).toBe('#linux news, for #gnu.');
    expect(compose('wow! mail me:a!b@example.com').text).toBe('wow! mail me:a!b@example.com');
  });

  it('leaves @ and ! inside URLs alone', () => {
    const text = 'see https://example.com/@bob/!group?x=@carol';
    expect(compose(text).text).toBe(text);
  });

  it('leaves an e-mail address as it is', () => {
    expect(compose('write to bob@example.com').text).toBe('write to bob@example.com');
  });
});

describe('composeExportText: text', () => {
  it('keeps the plain text as it is, entities included', () => {
    expect(compose('a &amp; b <i>c</i>').text).toBe('a &amp; b <i>c</i>');
  });

  it('normalises \\r\\n line breaks', () => {
    expect(compose('one\r\ntwo\rthree').text).toBe('one\ntwo\nthree');
  });

  it('strips the configured tags', () => {
    expect(compose('hello #x world #X.', { stripTags: ['#x'] }).text).toBe('hello world.');
  });

  it('posts the notice URL when nothing is left once the tags are stripped', () => {
    expect(compose('#x', { stripTags: ['#x'] })).toEqual({ text: URL, truncated: false });
  });

  it('removes the characters X refuses', () => {
    expect(compose('ok\uFEFF\uFFFE').text).toBe('ok');
  });
});

describe('composeExportText: length', () => {
  it('keeps a text of exactly 280 weighted characters whole', () => {
    const text = 'a'.repeat(275) + ' 日本';
    expect(compose(text)).toEqual({ text, truncated: false });
  });

  it('cuts at a word boundary and appends " … " and the notice URL', () => {
    const { text, truncated } = compose('word '.repeat(80));
    expect(truncated).toBe(true);
    expect(text).toMatch(/^(word )+word … https:\/\/social\.example\/notice\/42$/);
    expect(xWeightedLength(text)).toBeLessThanOrEqual(280);
    expect(xWeightedLength(text)).toBeGreaterThan(270);
  });

  it('counts URLs as 23, so a long URL does not force a cut', () => {
    const text = `look https://example.com/${'x'.repeat(400)}`;
    expect(compose(text)).toEqual({ text, truncated: false });
  });

  it('never cuts inside a URL', () => {
    const url = `https://example.com/${'p'.repeat(50)}`;
    const { text } = compose(`${'word '.repeat(50)}${url} ${'tail '.repeat(20)}`);
    expect(text.includes(url) || !text.includes('https://example.com')).toBe(true);
  });

  it('counts CJK as 2 when cutting', () => {
    const { text, truncated } = compose('日本語の文章です。'.repeat(40));
    expect(truncated).toBe(true);
    expect(isValidXText(text)).toBe(true);
    expect(text.endsWith(` … ${URL}`)).toBe(true);
  });
});

const nicks = ['bob', 'alice', 'Carol', 'averyveryverylongnickname_64', 'x', 'rt', 'Rt_'];
const piece = fc.oneof(
  fc.constantFrom('word', 'longerword', ' ', '  ', '\n', '\r\n', '日本語', '👨‍👩‍👧‍👦', 'e\u0301'),
  fc.constantFrom('.', '(', ':', '/', '@', '＠', '!', '#', '_', 'RT ', 'rt'),
  fc.constantFrom('#x', '#notx', '!group', 'https://example.com/@bob/!g', 'a@b.example', 'x.com'),
  fc
    .constantFrom(...nicks)
    .chain((n) => fc.constantFrom(`@${n}`, `＠${n}`, `@${n}@remote.example`)),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
// 'medium' draws arrays up to the maximum, so that more than half the texts need a cut.
const noticeText = fc
  .array(piece, { maxLength: 200, size: 'medium' })
  .map((pieces) => pieces.join(''));

describe('composeExportText: properties', () => {
  it('always gives a text X accepts, at most 280 weighted, mentioning only linked handles', () => {
    fc.assert(
      fc.property(noticeText, fc.boolean(), (text, strip) => {
        const out = compose(text, strip ? { stripTags: ['#x'] } : {});
        expect(isValidXText(out.text)).toBe(true);
        expect(xWeightedLength(out.text)).toBeLessThanOrEqual(280);
        const linked = Object.values(LINKED).map((h) => h.toLowerCase());
        // What X links: its entity extraction, where a URL wins over an @ inside it.
        for (const name of xMentions(out.text)) {
          expect(linked).toContain(name);
        }
        if (out.truncated)
          expect(out.text.endsWith(` … ${URL}`) || out.text === `… ${URL}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
