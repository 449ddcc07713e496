/** A lexical token of a rule or search query; `at` is a 1-based position, as X reports it. */
export type Token =
  | { kind: 'open' | 'close' | 'or'; at: number }
  | { kind: 'term'; at: number; negated: boolean; term: Term };

/** The smallest thing a query can ask about a post. */
export type Term =
  | { type: 'keyword'; text: string }
  | { type: 'phrase'; text: string }
  | { type: 'hashtag' | 'mention' | 'cashtag'; text: string }
  | { type: 'operator'; name: string; value: string };

/** A syntax error with X's "(at position N)" suffix. */
export class QuerySyntaxError extends Error {
  constructor(
    readonly details: string[],
    readonly at = 1,
  ) {
    super(details.join(' '));
    this.name = 'QuerySyntaxError';
  }
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const ends = (ch: string | undefined) =>
  ch === undefined || isSpace(ch) || ch === '(' || ch === ')';

/** Splits a query into tokens: words, "phrases", operator:values, parentheses, OR and `-`. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;

  const readQuoted = (): string => {
    const close = query.indexOf('"', i + 1);
    if (close < 0)
      throw new QuerySyntaxError([`Unterminated quoted phrase (at position ${i + 1}).`], i + 1);
    const text = query.slice(i + 1, close);
    i = close + 1;
    // Proximity ("a b"~3) is accepted and matched as a plain phrase.
    const proximity = /^~\d+/.exec(query.slice(i));
    if (proximity) i += proximity[0].length;
    return text;
  };

  while (i < query.length) {
    const ch = query[i];
    const at = i + 1;
    if (isSpace(ch)) {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close', at });
      i += 1;
      continue;
    }
    if (ch === '-' && query[i + 1] === '(') {
      throw new QuerySyntaxError(
        [`Negating a group is not supported; negate each term (at position ${at}).`],
        at,
      );
    }
    const negated = ch === '-' && !ends(query[i + 1]);
    if (negated) i += 1;
    if (query[i] === '"') {
      tokens.push({ kind: 'term', at, negated, term: { type: 'phrase', text: readQuoted() } });
      continue;
    }
    let word = '';
    while (!ends(query[i]) && query[i] !== '"') word += query[i++];
    const colon = word.indexOf(':');
    if (colon > 0 && query[i] === '"' && colon === word.length - 1) {
      word += readQuoted();
      tokens.push({
        kind: 'term',
        at,
        negated,
        term: {
          type: 'operator',
          name: word.slice(0, colon).toLowerCase(),
          value: word.slice(colon + 1),
        },
      });
      continue;
    }
    if (word === 'OR' && !negated) {
      tokens.push({ kind: 'or', at });
      continue;
    }
    tokens.push({ kind: 'term', at, negated, term: classify(word) });
  }
  return tokens;
}

function classify(word: string): Term {
  const colon = word.indexOf(':');
  if (colon > 0)
    return {
      type: 'operator',
      name: word.slice(0, colon).toLowerCase(),
      value: word.slice(colon + 1),
    };
  if (word.length > 1 && word[0] === '#') return { type: 'hashtag', text: word.slice(1) };
  if (word.length > 1 && word[0] === '@') return { type: 'mention', text: word.slice(1) };
  if (word.length > 1 && word[0] === '$') return { type: 'cashtag', text: word.slice(1) };
  return { type: 'keyword', text: word };
}
