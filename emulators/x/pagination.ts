// Pagination tokens are opaque to clients. X's are base36 (search, timelines) or base32 of at
// least 16 characters (follows); ours encode the position the same way, so they look alike
// and pass the spec's patterns.

/** A token for "posts older than `id`" (newest-first listings). */
export function cursorToken(id: string): string {
  return BigInt(id).toString(36);
}

export function readCursorToken(token: string): string | undefined {
  if (!/^[0-9a-z]{1,16}$/.test(token)) return undefined;
  let value = 0n;
  for (const ch of token) value = value * 36n + BigInt(Number.parseInt(ch, 36));
  return value.toString();
}

/** A token for "from offset `n`" (follows, stream rules). */
export function offsetToken(offset: number): string {
  return offset.toString(32).toUpperCase().padStart(16, '0');
}

export function readOffsetToken(token: string): number | undefined {
  if (!/^[0-9A-V]{16}$/.test(token)) return undefined;
  return Number.parseInt(token, 32);
}
