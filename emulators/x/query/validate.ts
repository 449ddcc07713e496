import type { QueryNode } from './parse.ts';
import { QuerySyntaxError, type Term } from './tokenize.ts';

/** Operators that may stand alone in a rule (filtered-stream operators page). */
const STANDALONE = new Set([
  'from',
  'to',
  'retweets_of',
  'from_affiliate_of',
  'to_affiliate_of',
  'url',
  'context',
  'entity',
  'conversation_id',
  'bio',
  'bio_name',
  'bio_location',
  'place',
  'place_country',
  'point_radius',
  'bounding_box',
  'in_reply_to_tweet_id',
  'in_reply_to_status_id',
  'retweets_of_tweet_id',
  'retweets_of_status_id',
  'quotes_of_tweet_id',
  'source',
  'url_title',
  'url_description',
  'url_contains',
  'list',
]);

/** Operators that need a standalone one beside them, with the values they accept. */
const CONJUNCTION_REQUIRED: Record<string, RegExp> = {
  is: /^(retweet|reply|quote|verified|nullcast)$/i,
  has: /^(hashtags|cashtags|links|mentions|media|images|video_link|videos|geo)$/i,
  lang: /^[a-z]{2,3}(-[A-Za-z]{2})?$/,
  sample: /^([1-9]\d?|100)$/,
};

const USER_VALUE = /^([A-Za-z0-9_]{1,15}|[0-9]{1,19})$/;
const ID_VALUE = /^[0-9]{1,19}$/;
const ID_OPERATORS = new Set([
  'conversation_id',
  'in_reply_to_tweet_id',
  'in_reply_to_status_id',
  'retweets_of_tweet_id',
  'retweets_of_status_id',
  'quotes_of_tweet_id',
]);

function checkTerm(term: Term, negated: boolean, at: number): string | undefined {
  if (term.type !== 'operator') return undefined;
  const { name, value } = term;
  if (value === '') return `Operator '${name}' needs a value (at position ${at}).`;
  const allowed = CONJUNCTION_REQUIRED[name];
  if (allowed) {
    if (!allowed.test(value))
      return `Reference to invalid operator '${name}:${value}' (at position ${at}).`;
    if (name === 'is' && value.toLowerCase() === 'nullcast' && !negated) {
      return `is:nullcast must always be negated (at position ${at}).`;
    }
    return undefined;
  }
  if (!STANDALONE.has(name)) return `Reference to invalid operator '${name}' (at position ${at}).`;
  if (['from', 'to', 'retweets_of'].includes(name) && !USER_VALUE.test(value)) {
    return `Invalid value '${value}' for operator '${name}': expected a username or user id (at position ${at}).`;
  }
  if (ID_OPERATORS.has(name) && !ID_VALUE.test(value)) {
    return `Invalid value '${value}' for operator '${name}': expected a post id (at position ${at}).`;
  }
  return undefined;
}

/** True if `node` cannot match without a positive standalone term (X's rule of use). */
function isAnchored(node: QueryNode): boolean {
  if (node.kind !== 'term') {
    return node.kind === 'or' ? node.children.every(isAnchored) : node.children.some(isAnchored);
  }
  if (node.negated) return false;
  return node.term.type !== 'operator' || !(node.term.name in CONJUNCTION_REQUIRED);
}

function hasPositive(node: QueryNode): boolean {
  return node.kind === 'term' ? !node.negated : node.children.some(hasPositive);
}

/** Checks operators and values, and that the query is anchored by a standalone term. */
export function validate(root: QueryNode): void {
  const details: string[] = [];
  const visit = (node: QueryNode) => {
    if (node.kind !== 'term') return node.children.forEach(visit);
    const problem = checkTerm(node.term, node.negated, node.at);
    if (problem) details.push(problem);
  };
  visit(root);
  if (details.length > 0) throw new QuerySyntaxError(details);

  if (!hasPositive(root)) {
    throw new QuerySyntaxError(['Rules must contain a non-negation term (at position 1).']);
  }
  if (!isAnchored(root)) {
    throw new QuerySyntaxError([
      'Rules must contain at least one positive, standalone operator; is:, has:, lang: and sample: need one beside them (at position 1).',
    ]);
  }
}
