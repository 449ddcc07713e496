// X's snowflake epoch: ids carry milliseconds since it in their high bits (above bit 22).
const EPOCH = 1288834974657n;
const SHIFT = 22n;

/** When a post with this id was made (epoch ms). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> SHIFT) + EPOCH);
}

/**
 * An id `ms` milliseconds older than `id`: a search cursor with a safety margin, since the
 * stream delivers posts out of order and the newest id seen may have overtaken older posts
 * still in flight. Undefined when that falls before X's epoch.
 */
export function idBefore(id: string, ms: number): string | undefined {
  const earlier = BigInt(id) - (BigInt(ms) << SHIFT);
  return earlier > 0n ? earlier.toString() : undefined;
}
