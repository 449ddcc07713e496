import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import twitterText, { type ParseTweetOptions } from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isValidXText, parseXText, X_TEXT_CONFIG, xWeightedLength } from './x-length.ts';

// X's conformance cases are read where the team keeps them (../shared from the project root),
// never copied into the project, as twitter-text's own README asks of its users.
const VALIDATE_YML = fileURLToPath(
  new URL('../../../../shared/fixtures/twitter-text/validate.yml', import.meta.url),
);

interface CountCase {
  description: string;
  text: string;
  expected: Record<string, number | boolean>;
}
interface ValidityCase {
  description: string;
  text: string;
  expected: boolean;
}
const { tests } = parse(readFileSync(VALIDATE_YML, 'utf8')) as {
  tests: Record<string, (CountCase | ValidityCase)[]>;
};
const countCases = (section: string) => (tests[section] ?? []) as CountCase[];
const validityCases = (section: string) => (tests[section] ?? []) as ValidityCase[];

// Older sections describe older rules; they still pin the counting engine we ship (URL weight,
// ranges, normalisation, invalid characters), each run with the rules it was written for.
const V2_NO_EMOJI_DISCOUNT: ParseTweetOptions = {
  ...X_TEXT_CONFIG,
  version: 2,
  emojiParsingEnabled: false,
};
const V1_140_CODE_POINTS: ParseTweetOptions = {
  version: 1,
  maxWeightedTweetLength: 140,
  scale: 1,
  defaultWeight: 1,
  transformedURLLength: 23,
  ranges: [],
};
const hasEmoji = (text: string) => /\p{Extended_Pictographic}/u.test(text);

describe('validate.yml, sections for the current rules', () => {
  for (const section of [
    'WeightedTweetsWithDiscountedEmojiCounterTest',
    'UnicodeDirectionalMarkerCounterTest',
  ]) {
    it.each(countCases(section))(`${section}: $description`, ({ text, expected }) => {
      expect(parseXText(text)).toMatchObject(expected);
    });
  }

  it('reads a non-empty section for each rule set', () => {
    expect(countCases('WeightedTweetsWithDiscountedEmojiCounterTest').length).toBeGreaterThan(20);
    expect(countCases('UnicodeDirectionalMarkerCounterTest').length).toBeGreaterThan(1);
    expect(countCases('WeightedTweetsCounterTest').length).toBeGreaterThan(10);
    expect(validityCases('tweets').length).toBeGreaterThan(5);
  });
});

describe('validate.yml, WeightedTweetsCounterTest (written for v2: no emoji discount)', () => {
  it.each(countCases('WeightedTweetsCounterTest'))('v2 rules: $description', (c) => {
    expect(twitterText.parseTweet(c.text, V2_NO_EMOJI_DISCOUNT)).toMatchObject(c.expected);
  });

  it.each(countCases('WeightedTweetsCounterTest').filter((c) => !hasEmoji(c.text)))(
    'counts like v2 when there is no emoji: $description',
    ({ text, expected }) => {
      expect(parseXText(text)).toMatchObject(expected);
    },
  );

  it.each(countCases('WeightedTweetsCounterTest').filter((c) => hasEmoji(c.text)))(
    'counts each emoji sequence as 2, never more than v2 did: $description',
    ({ text, expected }) => {
      expect(xWeightedLength(text)).toBeLessThanOrEqual(Number(expected.weightedLength));
    },
  );
});

describe('validate.yml, tweets (written for the 140-character limit)', () => {
  it.each(validityCases('tweets'))('v1 rules: $description', ({ text, expected }) => {
    expect(twitterText.parseTweet(text, V1_140_CODE_POINTS).valid).toBe(expected);
  });

  it.each(validityCases('tweets'))('280 rules: $description', ({ text, expected }) => {
    const tooLongOnlyFor140 = !expected && text !== '' && xWeightedLength(text) <= 280;
    expect(isValidXText(text)).toBe(expected || tooLongOnlyFor140);
  });
});

describe('validate.yml, entity validity sections (twitter-text validators we ship)', () => {
  const validators: Record<string, (text: string) => boolean> = {
    usernames: (text) => twitterText.isValidUsername(text),
    lists: (text) => twitterText.isValidList(text),
    hashtags: (text) => twitterText.isValidHashtag(text),
    urls: (text) => twitterText.isValidUrl(text, true, true),
    urls_without_protocol: (text) => twitterText.isValidUrl(text, true, false),
  };
  for (const [section, isValid] of Object.entries(validators)) {
    it.each(validityCases(section))(`${section}: $description`, ({ text, expected }) => {
      expect(isValid(text)).toBe(expected);
    });
  }
});

describe('xWeightedLength', () => {
  it('counts a URL as 23 whatever its length', () => {
    expect(xWeightedLength(`see https://example.com/${'a'.repeat(200)}`)).toBe(4 + 23);
  });

  it('counts CJK characters and emoji sequences as 2', () => {
    expect(xWeightedLength('日本')).toBe(4);
    expect(xWeightedLength('👨‍👩‍👧‍👦')).toBe(2);
  });

  it('counts the ellipsis as 2: it lies outside the light ranges', () => {
    expect(xWeightedLength('…')).toBe(2);
  });
});

describe('isValidXText', () => {
  it('accepts 280 Latin characters and refuses 281', () => {
    expect(isValidXText('a'.repeat(280))).toBe(true);
    expect(isValidXText('a'.repeat(281))).toBe(false);
  });

  it('refuses an empty text and the non-characters X rejects', () => {
    expect(isValidXText('')).toBe(false);
    expect(isValidXText('ok\uFFFE')).toBe(false);
  });
});
