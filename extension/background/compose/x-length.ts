import twitterText, { type ParsedTweet, type ParseTweetOptions } from 'twitter-text';

/** The most a post may weigh on X. */
export const X_MAX_WEIGHTED_LENGTH = 280;

/**
 * X's current counting rules, twitter-text's "version 3" configuration spelled out (the library
 * exports it untyped): every URL weighs 23, code points in the listed ranges (Latin, general
 * punctuation...) weigh 1, everything else, CJK and each emoji sequence included, weighs 2.
 */
export const X_TEXT_CONFIG: Readonly<ParseTweetOptions> = Object.freeze({
  version: 3,
  maxWeightedTweetLength: X_MAX_WEIGHTED_LENGTH,
  scale: 100,
  defaultWeight: 200,
  emojiParsingEnabled: true,
  transformedURLLength: 23,
  ranges: [
    { start: 0, end: 4351, weight: 100 },
    { start: 8192, end: 8205, weight: 100 },
    { start: 8208, end: 8223, weight: 100 },
    { start: 8242, end: 8247, weight: 100 },
  ],
});

/** Weighted length, validity and valid range of a post text, as X computes them. */
export function parseXText(text: string): ParsedTweet {
  return twitterText.parseTweet(text, X_TEXT_CONFIG);
}

/** X's weighted length of a post text (a URL counts 23, CJK and emoji 2). */
export function xWeightedLength(text: string): number {
  return parseXText(text).weightedLength;
}

/** Whether X accepts the text as a post: not empty, at most 280 weighted, no invalid characters. */
export function isValidXText(text: string): boolean {
  return parseXText(text).valid;
}
