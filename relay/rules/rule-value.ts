/**
 * The text of stream rules and search queries that match posts by a set of accounts:
 * `from:ID OR from:ID ...`. Ids, not usernames, because usernames change and ids do not.
 */

const SEPARATOR = ' OR ';

/** Characters `from:ID` adds to a query that already holds at least one term. */
export function termCost(id: string, first: boolean): number {
  return (first ? 0 : SEPARATOR.length) + 'from:'.length + id.length;
}

/** The query matching posts by any of `ids`. */
export function fromQuery(ids: readonly string[]): string {
  return ids.map((id) => `from:${id}`).join(SEPARATOR);
}

/** The ids of a query written by `fromQuery`, or undefined when it is anything else. */
export function parseFromQuery(value: string): string[] | undefined {
  const terms = value.split(SEPARATOR);
  const ids: string[] = [];
  for (const term of terms) {
    const match = /^from:([0-9]{1,19})$/.exec(term);
    if (!match?.[1]) return undefined;
    ids.push(match[1]);
  }
  return ids;
}

/**
 * Splits `ids` into as few `from:` queries as fit `maxLength` characters each, in order. An id
 * too long for any query is left out (it cannot happen with X's limits and 19-digit ids).
 */
export function splitIntoQueries(ids: readonly string[], maxLength: number): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let length = 0;
  for (const id of ids) {
    const cost = termCost(id, group.length === 0);
    if (group.length > 0 && length + cost > maxLength) {
      groups.push(group);
      group = [];
      length = 0;
    }
    const fresh = termCost(id, group.length === 0);
    if (fresh > maxLength) continue;
    group.push(id);
    length += fresh;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
