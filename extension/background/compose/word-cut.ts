import twitterText from 'twitter-text';

type Range = readonly [start: number, end: number];

// Unicode word boundaries (UAX #29, with ICU's dictionaries for scripts written without
// spaces, such as Chinese, Japanese or Thai); they never split a grapheme or a surrogate pair.
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' });
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Addresses (`nick@host`, emails) and anything with a scheme, which X may not see as entities.
const ADDRESS_OR_SCHEMED = /[\w.+-]*(?:[@＠][\w.-]+)+|[a-z][\w+.-]*:\/\/\S+/giu;

/**
 * Spans a cut must never fall inside: URLs, mentions, hashtags and cashtags as X extracts them
 * (cutting `@alexandra` to `@alex` would address someone else), and addresses.
 */
function unbreakable(text: string): Range[] {
  const ranges: Range[] = twitterText.extractEntitiesWithIndices(text).map((e) => e.indices);
  for (const m of text.matchAll(ADDRESS_OR_SCHEMED)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

function cutPoints(text: string, segmenter: Intl.Segmenter, ranges: Range[]): number[] {
  const points = [...segmenter.segment(text)].map((s) => s.index);
  points.push(text.length);
  return points.filter((p) => !ranges.some(([start, end]) => start < p && p < end));
}

/** Binary search: length is close enough to monotonic, and whatever it returns does fit. */
function longestFitting(text: string, points: number[], fits: (p: string) => boolean): string {
  const prefixAt = (i: number) => text.slice(0, points[i]).trimEnd();
  let low = 0;
  let high = points.length - 1;
  let best = '';
  while (low <= high) {
    const mid = (low + high) >> 1;
    const prefix = prefixAt(mid);
    if (fits(prefix)) {
      best = prefix;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best;
}

/**
 * The longest start of `text` that ends at a word boundary and that `fits`, without trailing
 * whitespace, or '' when none does. A cut never falls inside a URL, a mention, a tag or an
 * address. Only when no word boundary keeps anything (one long word) does it cut between
 * graphemes, still outside those spans.
 *
 * @example cutToFit('one two three', (p) => p.length <= 8) // 'one two'
 */
export function cutToFit(text: string, fits: (prefix: string) => boolean): string {
  const ranges = unbreakable(text);
  const byWord = longestFitting(text, cutPoints(text, WORDS, ranges), fits);
  if (byWord !== '') return byWord;

  return longestFitting(text, cutPoints(text, GRAPHEMES, ranges), fits);
}
