import { describe, expect, it } from 'vitest';
import { hasHashtag, removeHashtag } from './hashtags.ts';

describe('hasHashtag', () => {
  it('finds a tag at the start, inside and at the end of the text', () => {
    expect(hasHashtag('#notx first', '#notx')).toBe(true);
    expect(hasHashtag('keep #notx here', '#notx')).toBe(true);
    expect(hasHashtag('the end #notx', 'notx')).toBe(true);
  });

  it('matches tags the way GNU social canonicalises them', () => {
    expect(hasHashtag('Shouting #NOTX', '#notx')).toBe(true);
    expect(hasHashtag('dashed #not-x', '#notx')).toBe(true);
    expect(hasHashtag('end of sentence #notx.', '#notx')).toBe(true);
  });

  it('does not take a longer tag, a mid-word # or a URL fragment for the tag', () => {
    expect(hasHashtag('merry #xmas', '#x')).toBe(false);
    expect(hasHashtag('issue#x', '#x')).toBe(false);
    expect(hasHashtag('https://example.com/page#x', '#x')).toBe(false);
  });

  it('finds a tag after an opening bracket or quote, as GNU social links it', () => {
    expect(hasHashtag('(#x)', '#x')).toBe(true);
    expect(hasHashtag('"#x"', '#x')).toBe(true);
  });

  it('never matches an empty tag', () => {
    expect(hasHashtag('# alone', '#')).toBe(false);
  });
});

describe('removeHashtag', () => {
  it('removes a tag inside a line with the space before it', () => {
    expect(removeHashtag('post this #x please', '#x')).toBe('post this please');
  });

  it('removes a tag that opens the text with the space after it', () => {
    expect(removeHashtag('#x post this', '#x')).toBe('post this');
  });

  it('keeps the punctuation that followed the tag', () => {
    expect(removeHashtag('post this #x.', '#x')).toBe('post this.');
  });

  it('removes every occurrence, in any case', () => {
    expect(removeHashtag('#X one #x two #x', 'x')).toBe('one two');
  });

  it('keeps line breaks around a tag on its own line', () => {
    expect(removeHashtag('first\n#x\nsecond', '#x')).toBe('first\n\nsecond');
  });

  it('leaves other tags and mid-word hashes alone', () => {
    expect(removeHashtag('#xmas and issue#x', '#x')).toBe('#xmas and issue#x');
  });
});
