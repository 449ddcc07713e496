import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutToFit } from './word-cut.ts';

const atMost = (n: number) => (prefix: string) => [...prefix].length <= n;
const graphemeBoundaries = (text: string) =>
  new Set(
    [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)]
      .map((s) => s.index)
      .concat(text.length),
  );

describe('cutToFit', () => {
  it('keeps the most words that fit, without the trailing space', () => {
    expect(cutToFit('one two three', atMost(8))).toBe('one two');
    expect(cutToFit('one two three', atMost(7))).toBe('one two');
    expect(cutToFit('one two three', atMost(6))).toBe('one');
  });

  it('keeps the whole text when it fits', () => {
    expect(cutToFit('one two', atMost(100))).toBe('one two');
  });

  it('never cuts inside a URL, even where the URL has word boundaries', () => {
    const text = 'read https://example.com/a/long/path/to/the/page now';
    expect(cutToFit(text, atMost(30))).toBe('read');
  });

  it('never shortens a mention into another name', () => {
    expect(cutToFit('hello @alexandra_the_great', atMost(15))).toBe('hello');
  });

  it('never cuts inside an address such as nick@host', () => {
    expect(cutToFit('ask alice@social.example today', atMost(12))).toBe('ask');
  });

  it('cuts Chinese, written without spaces, between words', () => {
    const cut = cutToFit('我们今天去北京看朋友', atMost(5));
    expect(cut.length).toBeGreaterThan(0);
    expect('我们今天去北京看朋友'.startsWith(cut)).toBe(true);
  });

  it('cuts one long word between graphemes when no word boundary keeps anything', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(cutToFit(family.repeat(5), (p) => p.length <= 25)).toBe(family.repeat(2));
  });

  it('returns an empty text when nothing fits', () => {
    expect(cutToFit('https://example.com/page', atMost(3))).toBe('');
  });

  it('always returns a start of the text that fits and ends between graphemes', () => {
    const piece = fc.constantFrom('word', ' ', '\n', '日本語', '👍🏽', 'e\u0301', '@nick', 'a.b/c');
    const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.nat(120), (t, limit) => {
        const cut = cutToFit(t, atMost(limit));
        expect(t.startsWith(cut)).toBe(true);
        expect(atMost(limit)(cut)).toBe(true);
        expect(graphemeBoundaries(t).has(cut.length)).toBe(true);
      }),
    );
  });
});
