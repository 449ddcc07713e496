import type { Clock } from './clock.ts';

// X ids are snowflakes: milliseconds since this epoch in the high bits, so ids sort by time.
// `since_id` / `until_id` semantics depend on that order, which is why the emulator keeps it.
const TWITTER_EPOCH = 1288834974657n;

/** Makes strictly increasing snowflake ids from the emulator clock, as strings like X sends. */
export function createIdGenerator(clock: Clock): () => string {
  let last = 0n;
  return function nextId() {
    const ms = BigInt(Math.max(Math.floor(clock.now()), Number(TWITTER_EPOCH)));
    let id = (ms - TWITTER_EPOCH) << 22n;
    // A clock moved backwards, or two ids in one millisecond, must still give a larger id.
    if (id <= last) id = last + 1n;
    last = id;
    return id.toString();
  };
}

/** Compares two numeric id strings as numbers (ids exceed 2^53, so never as JS numbers). */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** X's id syntax for tweets, users, media and rules. */
export const ID_PATTERN = /^[0-9]{1,19}$/;
