/**
 * X ids are 64-bit snowflakes written as decimal strings: compare them as numbers, never as
 * strings ("9" > "10") nor as JS numbers (they pass 2^53).
 */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The larger of two ids; `undefined` counts as smaller than any id. */
export function maxId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareIds(a, b) >= 0 ? a : b;
}
