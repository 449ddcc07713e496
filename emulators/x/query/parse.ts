import { QuerySyntaxError, tokenize, type Term } from './tokenize.ts';
import { validate } from './validate.ts';

/** A parsed query: AND binds tighter than OR, as in X's order of operations. */
export type QueryNode =
  | { kind: 'or' | 'and'; children: QueryNode[] }
  | { kind: 'term'; negated: boolean; term: Term; at: number };

/**
 * Parses and validates a filtered-stream rule or a search query. Throws a QuerySyntaxError
 * whose details read like X's (`... (at position N)`).
 */
export function parseQuery(query: string): QueryNode {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new QuerySyntaxError(['Rule or query is empty (at position 1).']);
  let i = 0;

  const fail = (message: string, at: number): never => {
    throw new QuerySyntaxError([`${message} (at position ${at}).`], at);
  };

  function parseOr(): QueryNode {
    const first = parseAnd();
    const children = [first];
    for (let or = tokens[i]; or?.kind === 'or'; or = tokens[i]) {
      i += 1;
      const next = tokens[i];
      if (!next || next.kind === 'close' || next.kind === 'or')
        fail('Expected a term after OR', or.at);
      children.push(parseAnd());
    }
    return children.length === 1 ? first : { kind: 'or', children };
  }

  function parseAnd(): QueryNode {
    const children: QueryNode[] = [];
    for (
      let token = tokens[i];
      token && token.kind !== 'or' && token.kind !== 'close';
      token = tokens[i]
    ) {
      i += 1;
      if (token.kind === 'term') {
        children.push({ kind: 'term', negated: token.negated, term: token.term, at: token.at });
        continue;
      }
      if (tokens[i]?.kind === 'close') fail('Empty parentheses', token.at);
      children.push(parseOr());
      if (tokens[i]?.kind !== 'close') fail('Missing closing parenthesis', token.at);
      i += 1;
    }
    const [first] = children;
    if (!first) {
      const next = tokens[i];
      return fail(
        next?.kind === 'or' ? 'OR needs a term on each side' : 'Expected a term',
        next?.at ?? 1,
      );
    }
    return children.length === 1 ? first : { kind: 'and', children };
  }

  const root = parseOr();
  const rest = tokens[i];
  if (rest) fail('Unmatched closing parenthesis', rest.at);
  validate(root);
  return root;
}
