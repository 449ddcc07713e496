/**
 * Compares an emulator answer with a captured one: same keys in the same order, same types,
 * recursively, and the same values except where a value cannot be the same on a replay.
 */

// Notice and conversation numbers drift once the real site made notices the captures do not
// show (see the conformance test); their type must still match.
const typeOnlyKeys = new Set([
  'id',
  'in_reply_to_status_id',
  'statusnet_conversation_id',
  'repeated_id',
]);

/** Dates depend on when each call ran; ids inside URIs drift like ids do. */
export function normalize(text: string): string {
  return text
    .replace(/\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}/g, '<date>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00/g, '<iso>')
    .replace(/,\d{4}-\d{2}-\d{2}:/g, ',<day>:')
    .replace(/noticeId=\d+/g, 'noticeId=<id>')
    .replace(/<!-- \d+ms -->/g, '<!-- ms -->');
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

export function shapeDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  const [want, got] = [kind(expected), kind(actual)];
  if (want !== got) return [`${path}: ${want} expected, got ${got}`];

  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return [`${path}: ${expected.length} items expected, got ${actual.length}`];
    }
    return expected.flatMap((item, i) => shapeDifferences(item, actual[i], `${path}[${i}]`));
  }

  if (want === 'object') {
    const [a, b] = [expected as Record<string, unknown>, actual as Record<string, unknown>];
    const [keysA, keysB] = [Object.keys(a), Object.keys(b)];
    if (keysA.join() !== keysB.join())
      return [`${path}: keys ${keysA.join()} expected, got ${keysB.join()}`];
    return keysA.flatMap((key) =>
      typeOnlyKeys.has(key) ? [] : shapeDifferences(a[key], b[key], `${path}.${key}`),
    );
  }

  const same =
    typeof expected === 'string'
      ? normalize(expected) === normalize(actual as string)
      : expected === actual;
  return same
    ? []
    : [`${path}: ${JSON.stringify(expected)} expected, got ${JSON.stringify(actual)}`];
}
