const HOUR_MS = 3600_000;
// Addresses remembered at most; past it the oldest are forgotten (a flood of addresses must
// not grow memory without bound).
const MAX_ADDRESSES = 100_000;

/**
 * Counts registrations per client address over a sliding hour.
 *
 * Known shortcoming (docs/relay.md): the counts live in memory, so a restart forgets them.
 * That only ever lets more through, never locks anyone out; store them in the database if
 * abuse across restarts shows up.
 */
export function createRegistrationLimiter(perHour: number, now = Date.now) {
  const seen = new Map<string, number[]>();

  /** Records an attempt; answers the seconds to wait, or 0 when it may go ahead. */
  function take(address: string): number {
    if (perHour === 0) return 0;
    const t = now();
    const recent = (seen.get(address) ?? []).filter((at) => at > t - HOUR_MS);
    if (recent.length >= perHour) {
      seen.set(address, recent);
      // recent is non-empty here (perHour >= 1), so recent[0] is the oldest attempt.
      return Math.max(1, Math.ceil((recent[0]! + HOUR_MS - t) / 1000));
    }
    recent.push(t);
    seen.delete(address);
    seen.set(address, recent);
    if (seen.size > MAX_ADDRESSES) seen.delete(seen.keys().next().value!);
    return 0;
  }

  return { take };
}
