/**
 * Who follows whom in the benchmarks: follower counts on X are heavily skewed (a few accounts
 * are followed by nearly everyone, most by a handful), which Zipf's law models. Seeded, so
 * every run and both sides of a comparison see the same audience.
 */

/** mulberry32: a small, fast, seedable generator; plenty for drawing audiences. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s. */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < n; rank++) cumulative.push((total += 1 / (rank + 1) ** s));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/**
 * For each of `subscribers`, `perSubscriber` distinct authors (indices into `authors`) drawn by
 * Zipf(s = 1), the most followed first. Returns the follow lists and, per author, the
 * subscribers that follow them.
 */
export function drawFollows(options: {
  subscribers: number;
  authors: number;
  perSubscriber: number;
  seed: number;
}) {
  const random = seededRandom(options.seed);
  const draw = zipfSampler(options.authors, 1, random);
  const follows: number[][] = [];
  const followers: number[][] = Array.from({ length: options.authors }, () => []);
  for (let subscriber = 0; subscriber < options.subscribers; subscriber++) {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(options.perSubscriber, options.authors)) chosen.add(draw());
    follows.push([...chosen]);
    for (const author of chosen) followers[author]!.push(subscriber);
  }
  return { follows, followers };
}
